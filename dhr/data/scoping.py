"""The scoping review (the 2024 draft guidance): while a review is at scoping, its chair records
early learning (findings marked as such) and immediate actions. Immediate actions are ordinary
actions, under one recommendation-like holder per review ("Immediate actions from scoping",
numbered S), so agencies see, update and close them, and the coordinator verifies them, exactly
as they do every other action."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import actions, findings, policy
from .action_models import Action
from .errors import DataError
from .models import Agency, Finding, Recommendation, Review, User
from .vocab import STAGE_LABELS, Stage

HOLDER_NUMBER = "S"
HOLDER_TEXT = "Immediate actions from scoping"


class ScopingError(DataError):
    """A plain reason early learning or an immediate action cannot be recorded."""


def holder(review: Review) -> Recommendation | None:
    return next((r for r in review.recommendations if r.from_scoping), None)


def immediate_actions(review: Review) -> list:
    found = holder(review)
    return list(found.actions) if found else []


def early_learning(review: Review) -> list[Finding]:
    return [f for f in review.findings if f.early_learning]


def _in_scoping(review: Review, field: str) -> None:
    if review.stage != Stage.SCOPING:
        stage = STAGE_LABELS.get(review.stage, review.stage).lower()
        raise ScopingError(f"Early learning and immediate actions are recorded during the scoping review: "
                           f"this review is at {stage}", field)


def add_early_learning(review: Review, text: str) -> Finding:
    """A finding of the review, marked as early learning from its scoping review."""
    _in_scoping(review, "text")
    if not (text or "").strip():
        raise ScopingError("Enter the early learning", "text")
    return findings.create(review, text, early_learning=True)


def _holder_for(review: Review) -> Recommendation:
    found = holder(review)
    if found is None:
        taken = {r.number.lower() for r in review.recommendations}
        if HOLDER_NUMBER.lower() in taken:
            raise ScopingError(f"This review already has a recommendation numbered {HOLDER_NUMBER}: "
                               "renumber it before recording immediate actions", "text")
        position = max((r.position for r in review.recommendations), default=0) + 1
        found = Recommendation(review=review, position=position, number=HOLDER_NUMBER, text=HOLDER_TEXT,
                               from_scoping=True)
        db.session.add(found)
    return found


def add_immediate_action(review: Review, text: str, lead_agency: Agency | None, target_date: dt.date | None,
                         user: User | None = None, today: dt.date | None = None):
    """An action to take now, led by an agency with a target date, tracked like any other."""
    _in_scoping(review, "text")
    problems = []
    if not (text or "").strip():
        problems.append(("Enter the immediate action", "text"))
    if lead_agency is None:
        problems.append(("Choose the agency that leads the immediate action", "lead_agency"))
    if target_date is None:
        problems.append(("Enter the target date of the immediate action", "target_date"))
    elif target_date < (today or dt.date.today()):
        problems.append(("The target date of an immediate action must be today or in the future", "target_date"))
    if problems:
        raise ScopingError(*problems[0])
    details = actions.ActionDetails(text=text.strip(), lead_agency=lead_agency, target_date=target_date)
    return actions.add(_holder_for(review), details, user, agreed=True)


# --- for the board report -------------------------------------------------------------------

IMMEDIATE_LISTED = 20


@dataclass
class ImmediateSummary:
    """The immediate actions from scoping reviews that a reader may see: how many, how many
    still open and overdue, and the open ones, soonest target first (at most IMMEDIATE_LISTED)."""

    total: int
    open: int
    overdue: int
    listed: list

    @property
    def done(self) -> int:
        return self.total - self.open


def immediate_summary(user: User, agency_id: int | None = None, today: dt.date | None = None) -> ImmediateSummary:
    today = today or dt.date.today()
    query = (select(Action).join(Recommendation, Recommendation.id == Action.recommendation_id)
             .where(Recommendation.from_scoping.is_(True)))
    query = policy.actions_visible_to(user, query)
    if agency_id:
        query = policy.actions_led_by(query, agency_id)
    found = list(db.session.scalars(query.options(
        selectinload(Action.recommendation).selectinload(Recommendation.review), selectinload(Action.lead_agency))))
    still_open = sorted((a for a in found if not a.is_closed),
                        key=lambda a: (a.target_date or dt.date.max, a.recommendation.review.reference, a.position))
    overdue = sum(a.is_overdue(today) for a in still_open)
    return ImmediateSummary(len(found), len(still_open), overdue, still_open[:IMMEDIATE_LISTED])
