"""Family involvement in a review: each family member or friend offered contact, how, and how
they took part. Restricted to the partnership and the review's chair: never published."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dhr.extensions import db

from .due import utcnow

if TYPE_CHECKING:
    from .models import Review


class FamilyContact(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    who: Mapped[str] = mapped_column(String(200))
    route: Mapped[str] = mapped_column(String(40))
    offered_on: Mapped[dt.date] = mapped_column(Date)
    participation: Mapped[str] = mapped_column(String(20))
    saw_terms_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    saw_draft_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    publication_view: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    review: Mapped["Review"] = relationship(back_populates="family_contacts")
