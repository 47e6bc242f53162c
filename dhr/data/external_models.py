"""External learning: another partnership's published learning, brought in from its open-data
file. Read-only here, attributed to its source; importing the same source again replaces it."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import JSON, Column, Date, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dhr.extensions import db

from .due import utcnow
from .models import Theme


def _links(name: str, left: str) -> Table:
    return Table(
        name, db.metadata,
        Column(f"{left}_id", ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
        Column("theme_id", ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True),
    )


external_finding_themes = _links("external_finding_themes", "external_finding")
external_recommendation_themes = _links("external_recommendation_themes", "external_recommendation")


class ExternalSource(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership: Mapped[str] = mapped_column(String(200), unique=True)
    generated_on: Mapped[dt.date] = mapped_column(Date)
    format_version: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(255), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    imported_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    reviews: Mapped[list[ExternalReview]] = relationship(
        back_populates="source", cascade="all, delete-orphan", order_by="ExternalReview.reference")

    @property
    def audit_label(self) -> str:
        return f"external learning from {self.partnership}"


class ExternalReview(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("external_source.id", ondelete="CASCADE"), index=True)
    reference: Mapped[str] = mapped_column(String(40))
    review_type: Mapped[str] = mapped_column(String(100))
    death_category: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    pseudonym: Mapped[str] = mapped_column(String(100), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(100), default="")
    published_url: Mapped[str] = mapped_column(String(500), default="")

    source: Mapped[ExternalSource] = relationship(back_populates="reviews")
    findings: Mapped[list[ExternalFinding]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ExternalFinding.number")
    recommendations: Mapped[list[ExternalRecommendation]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ExternalRecommendation.position")


class ExternalFinding(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("external_review.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    theme_names: Mapped[str] = mapped_column(Text, default="")  # as the source wrote them, "; " between

    review: Mapped[ExternalReview] = relationship(back_populates="findings")
    themes: Mapped[list[Theme]] = relationship(secondary=external_finding_themes)


class ExternalRecommendation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("external_review.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(String(20), default="Local")
    addressee: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(100), default="")
    theme_names: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[list] = mapped_column(JSON, default=list)  # the source's actions, as written

    review: Mapped[ExternalReview] = relationship(back_populates="recommendations")
    themes: Mapped[list[Theme]] = relationship(secondary=external_recommendation_themes)


class ExternalThemeMapping(db.Model):
    """A theme name another partnership uses, mapped to one of ours (or left unmapped: no theme),
    remembered for every later import."""

    id: Mapped[int] = mapped_column(primary_key=True)
    written: Mapped[str] = mapped_column(String(200), unique=True)  # lower case, spaces single
    theme_id: Mapped[Optional[int]] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))

    theme: Mapped[Optional[Theme]] = relationship()
