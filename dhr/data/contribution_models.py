"""Agencies' contributions to a review: each scoping return, chronology or Individual Management
Review asked of an agency, when it was asked for and due, how often it was chased, and when it
came in (with the agency's uploaded file). Restricted: never published, never searched."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from dhr.extensions import db

from .due import utcnow

if TYPE_CHECKING:
    from .models import Agency, Document, Review


class Contribution(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    asked_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    received_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    document_id: Mapped[Optional[int]] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    chases: Mapped[int] = mapped_column(Integer, default=0)
    last_chased_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    review: Mapped["Review"] = relationship(backref=backref(
        "contributions", cascade="all, delete-orphan", order_by="(Contribution.due_on, Contribution.id)"))
    agency: Mapped["Agency"] = relationship()
    document: Mapped[Optional["Document"]] = relationship()
