"""Learning into practice: the briefings, training sessions and other ways a review's learning
was shared, tied to the reviews, themes and recommendations they carried."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dhr.extensions import db

from .due import utcnow

if TYPE_CHECKING:
    from .models import Recommendation, Review, Theme, User


def _briefing_link(name: str, other: str) -> Table:
    return Table(
        name, db.metadata,
        Column("briefing_id", ForeignKey("briefing.id", ondelete="CASCADE"), primary_key=True),
        Column(f"{other}_id", ForeignKey(f"{other}.id", ondelete="CASCADE"), primary_key=True, index=True),
    )


briefing_reviews = _briefing_link("briefing_review", "review")
briefing_themes = _briefing_link("briefing_theme", "theme")
briefing_recommendations = _briefing_link("briefing_recommendation", "recommendation")


class Briefing(db.Model):
    """One briefing, training session or other dissemination of learning, held (or planned) on a
    date for an audience."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    audience: Mapped[str] = mapped_column(String(500), default="")
    reached: Mapped[Optional[int]] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"),
                                                         index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    created_by: Mapped[Optional["User"]] = relationship()
    reviews: Mapped[list["Review"]] = relationship(secondary=briefing_reviews, order_by="Review.reference")
    themes: Mapped[list["Theme"]] = relationship(secondary=briefing_themes, order_by="Theme.name")
    recommendations: Mapped[list["Recommendation"]] = relationship(secondary=briefing_recommendations)
