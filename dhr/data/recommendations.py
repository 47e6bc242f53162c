"""Chairs' side of the action plan: a review's recommendations in the Home Office template's
columns. (Agencies' progress on them lives in progress.py.)"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from dhr.extensions import db

from . import audit
from .models import Agency, Recommendation, Review, Theme
from .vocab import STRATEGY_PRIORITIES, Scope


class RecommendationError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class Details:
    number: str
    text: str
    scope: str = Scope.LOCAL
    lead_agency: Agency | None = None
    supporting_agencies: list[Agency] = field(default_factory=list)
    action_to_take: str = ""
    milestones: str = ""
    target_date: dt.date | None = None
    strategy_priority: int | None = None
    themes: list[Theme] = field(default_factory=list)


def get_for_review(review: Review, rec_id: int) -> Recommendation | None:
    return db.session.scalar(
        select(Recommendation).where(Recommendation.id == rec_id, Recommendation.review_id == review.id)
    )


def _check(review: Review, details: Details, rec: Recommendation | None = None) -> None:
    number = (details.number or "").strip()
    if not number:
        raise RecommendationError("Enter the recommendation number", "number")
    if len(number) > 20:
        raise RecommendationError("Recommendation number must be 20 characters or fewer", "number")
    clash = db.session.scalar(select(Recommendation).where(
        Recommendation.review_id == review.id, func.lower(Recommendation.number) == number.lower()
    ))
    if clash is not None and clash is not rec:
        raise RecommendationError(f"This review already has a recommendation numbered {number}", "number")
    if not (details.text or "").strip():
        raise RecommendationError("Enter the recommendation", "text")
    if details.scope not in set(Scope):
        raise RecommendationError("Choose the scope", "scope")
    if details.strategy_priority is not None and details.strategy_priority not in STRATEGY_PRIORITIES:
        raise RecommendationError("Choose a strategy priority from the list", "strategy_priority")
    if details.lead_agency and details.lead_agency in details.supporting_agencies:
        raise RecommendationError("The lead agency cannot also be a supporting agency", "supporting_agencies")


def _apply(rec: Recommendation, details: Details) -> None:
    rec.number = details.number.strip()
    rec.text = details.text.strip()
    rec.scope = details.scope
    rec.lead_agency = details.lead_agency
    rec.supporting_agencies = list(details.supporting_agencies)
    rec.action_to_take = (details.action_to_take or "").strip()
    rec.milestones = (details.milestones or "").strip()
    rec.target_date = details.target_date
    rec.strategy_priority = details.strategy_priority
    rec.themes = list(details.themes)


def create(review: Review, details: Details) -> Recommendation:
    _check(review, details)
    position = max((r.position for r in review.recommendations), default=0) + 1
    rec = Recommendation(review=review, position=position, number=details.number.strip(), text="")
    _apply(rec, details)
    db.session.add(rec)
    db.session.flush()
    return rec


def update(rec: Recommendation, details: Details) -> Recommendation:
    _check(rec.review, details, rec)
    _apply(rec, details)
    db.session.flush()
    return rec


def delete(rec: Recommendation) -> None:
    review = rec.review
    if rec.updates:
        raise RecommendationError(
            "This recommendation has progress updates from its agency, so it cannot be deleted: "
            "mark it superseded instead"
        )
    audit.record("recommendation_deleted", "review", review.id, recommendation_id=rec.id, number=rec.number,
                 text=rec.text)
    review.recommendations.remove(rec)
    db.session.flush()


def create_many(review: Review, items: list[Details]) -> list[Recommendation]:
    """Save several (accepted proposals) in the caller's one transaction; all or none."""
    numbers = [i.number.strip().lower() for i in items]
    duplicates = {n for n in numbers if numbers.count(n) > 1}
    if duplicates:
        raise RecommendationError(f"Two accepted recommendations share the number {sorted(duplicates)[0]}", "number")
    return [create(review, item) for item in items]
