"""A review's panel and the processes running beside it: each panel member (the agency they
represent, their role, their name if the panel records it) and each parallel process (a criminal
trial, an inquest, a Safeguarding Adults Review, a Child Safeguarding Practice Review, an IOPC
investigation) with its reference and dates."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from dhr.extensions import db

from .due import utcnow
from .practice_vocab import PARALLEL_KIND_IN_SENTENCE, PARALLEL_KIND_LABELS

if TYPE_CHECKING:
    from .models import Agency, Review


class PanelMember(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    role: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    review: Mapped["Review"] = relationship(backref=backref(
        "panel_members", cascade="all, delete-orphan", order_by="PanelMember.id"))
    agency: Mapped["Agency"] = relationship()


class ParallelProcess(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(200), default="")
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")
    # An inquest's Prevention of Future Deaths report, if the coroner issued one.
    pfd_report_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    # A Safeguarding Adults Review or Child Safeguarding Practice Review kept in this service too.
    linked_review_id: Mapped[Optional[int]] = mapped_column(ForeignKey("review.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __mapper_args__ = {"version_id_col": version}

    review: Mapped["Review"] = relationship(foreign_keys=[review_id], backref=backref(
        "parallel_processes", cascade="all, delete-orphan", order_by="ParallelProcess.started_on"))
    linked_review: Mapped[Optional["Review"]] = relationship(foreign_keys=[linked_review_id])

    @property
    def kind_label(self) -> str:
        return PARALLEL_KIND_LABELS.get(self.kind, self.kind)

    @property
    def kind_in_sentence(self) -> str:
        return PARALLEL_KIND_IN_SENTENCE.get(self.kind, self.kind)
