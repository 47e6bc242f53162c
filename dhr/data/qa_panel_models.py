"""The Home Office Quality Assurance Panel: one round per submission of a review (its submission
date, the panel's date, the letter's outcome and the letter itself), and each area for final
development the letter names, as a task with an owner (a person or an agency) and a state."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dhr.extensions import db

from .due import utcnow

if TYPE_CHECKING:
    from .models import Agency, Document, Review


class QaPanelRound(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    submitted_on: Mapped[dt.date] = mapped_column(Date)
    panel_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    panel_outcome: Mapped[str] = mapped_column(String(30), default="", server_default="")
    letter_document_id: Mapped[Optional[int]] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    publish_letter: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("review_id", "number", name="uq_qa_panel_round_number"),)

    review: Mapped["Review"] = relationship(back_populates="qa_rounds")
    letter_document: Mapped[Optional["Document"]] = relationship()
    areas: Mapped[list["FinalDevelopmentArea"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="FinalDevelopmentArea.id")

    @property
    def letter(self) -> Optional["Document"]:
        return self.letter_document

    @property
    def audit_label(self) -> str:
        return f"submission {self.number}"

    @property
    def open_areas(self) -> list["FinalDevelopmentArea"]:
        return [a for a in self.areas if a.state != "done"]


class FinalDevelopmentArea(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("qa_panel_round.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner_person: Mapped[str] = mapped_column(String(200), default="", server_default="")
    owner_agency_id: Mapped[Optional[int]] = mapped_column(ForeignKey("agency.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(20))
    done_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    round: Mapped[QaPanelRound] = relationship(back_populates="areas")
    owner_agency: Mapped[Optional["Agency"]] = relationship()

    @property
    def owner(self) -> str:
        return self.owner_agency.name if self.owner_agency else self.owner_person
