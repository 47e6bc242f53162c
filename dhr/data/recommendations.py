"""A review's recommendations in the Home Office template's columns: the one place that checks
a recommendation (the chair's form, report proposals and spreadsheet import all ask
`problems`) and the one edit path (always checked against the version the editor read)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from dhr.extensions import db

from . import actions, audit
from .actions import status_problems
from .errors import DataError
from .models import Agency, Finding, Recommendation, Review, Theme, User
from .vocab import STRATEGY_PRIORITIES, Scope, Status

MAX_NUMBER_LENGTH = 20
class RecommendationError(DataError):
    """A plain reason a recommendation cannot be saved, naming the form field."""


class EditConflict(Exception):
    """Someone else saved the recommendation since the form was loaded."""

    def __init__(self, recommendation: Recommendation):
        super().__init__("The recommendation was changed by someone else")
        self.recommendation = recommendation


@dataclass
class Details:
    """A recommendation as written, with its first action (the plan's action to take, its
    milestones, target date, status and outcome); later actions are added one by one."""

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
    findings: list[Finding] = field(default_factory=list)  # the findings of the review it answers
    status: str = Status.NOT_STARTED
    completed_on: dt.date | None = None
    outcome: str = ""
    intended_outcome: str = ""  # how we will know it worked, and how that is measured
    outcome_measure: str = ""
    # The quality advice the chair saw (flag names) and chose to keep the recommendation despite;
    # None leaves what is recorded as it is.
    quality_flags: list[str] | None = None
    quality_kept: bool = False


def get(rec_id: int) -> Recommendation | None:
    return db.session.get(Recommendation, rec_id)


def get_for_review(review: Review, rec_id: int) -> Recommendation | None:
    return db.session.scalar(
        select(Recommendation).where(Recommendation.id == rec_id, Recommendation.review_id == review.id)
    )


# --- The checks ---------------------------------------------------------------------------------

def number_problem(review: Review, number: str, rec: Recommendation | None = None) -> Optional[str]:
    number = (number or "").strip()
    if not number:
        return "Enter the recommendation number"
    if len(number) > MAX_NUMBER_LENGTH:
        return f"Recommendation number must be {MAX_NUMBER_LENGTH} characters or fewer"
    clash = next((r for r in review.recommendations if r.number.lower() == number.lower()), None)
    if clash is not None and clash is not rec:
        return f"This review already has a recommendation numbered {number}"
    return None


def problems(review: Review, details: Details, rec: Recommendation | None = None,
             user: User | None = None, *, with_action: bool = True) -> list[tuple[str, str]]:
    """Every reason `details` cannot be saved, as (message, field), in the form's order."""
    found = []
    number = number_problem(review, details.number, rec)
    if number:
        found.append((number, "number"))
    if not (details.text or "").strip():
        found.append(("Enter the recommendation", "text"))
    if details.scope not in set(Scope):
        found.append(("Choose the scope", "scope"))
    if details.strategy_priority is not None and details.strategy_priority not in STRATEGY_PRIORITIES:
        found.append(("Choose a strategy priority from the list", "strategy_priority"))
    if details.lead_agency and details.lead_agency in details.supporting_agencies:
        found.append(("The lead agency cannot also be a supporting agency", "supporting_agencies"))
    if any(f.review_id != review.id for f in details.findings):
        found.append(("Choose only findings of this review", "findings"))
    if not with_action:
        return found
    return found + status_problems(user, details.status, details.outcome)


def _check(review: Review, details: Details, rec: Recommendation | None, user: User | None,
           with_action: bool = True) -> None:
    found = problems(review, details, rec, user, with_action=with_action)
    if found:
        message, field_name = found[0]
        raise RecommendationError(message, field_name)


# --- Changes ----------------------------------------------------------------------------------

def _apply(rec: Recommendation, details: Details) -> None:
    rec.number = details.number.strip()
    rec.text = details.text.strip()
    rec.scope = details.scope
    rec.lead_agency = details.lead_agency
    rec.supporting_agencies = list(details.supporting_agencies)
    rec.strategy_priority = details.strategy_priority
    rec.themes = list(details.themes)
    rec.findings = sorted(set(details.findings), key=lambda f: f.position)
    rec.intended_outcome = (details.intended_outcome or "").strip()
    rec.outcome_measure = (details.outcome_measure or "").strip()
    if details.quality_flags is not None:
        rec.quality_flags = ",".join(details.quality_flags)
        rec.quality_kept = bool(details.quality_flags) and details.quality_kept


def first_action(details: Details) -> actions.ActionDetails:
    return actions.ActionDetails(
        text=details.action_to_take, lead_agency=details.lead_agency, milestones=details.milestones,
        target_date=details.target_date, status=details.status, completed_on=details.completed_on,
        outcome=details.outcome,
    )


def details_of(rec: Recommendation) -> Details:
    """A recommendation's current values, as an edit form starts from."""
    return Details(
        number=rec.number, text=rec.text, scope=rec.scope, lead_agency=rec.lead_agency,
        supporting_agencies=list(rec.supporting_agencies), strategy_priority=rec.strategy_priority,
        themes=list(rec.themes), findings=list(rec.findings),
        status=rec.status, target_date=rec.target_date, completed_on=rec.completed_on,
        intended_outcome=rec.intended_outcome, outcome_measure=rec.outcome_measure,
    )


def create(review: Review, details: Details, user: User | None = None, *, agreed: bool = False) -> Recommendation:
    """A new recommendation with its first action; `agreed` when it comes from an agreed plan."""
    _check(review, details, None, user)
    position = max((r.position for r in review.recommendations), default=0) + 1
    rec = Recommendation(review=review, position=position, number=details.number.strip(), text="")
    _apply(rec, details)
    db.session.add(rec)
    actions.add(rec, first_action(details), user, agreed=agreed or details.target_date is not None)
    db.session.flush()
    return rec


def update(rec: Recommendation, details: Details, expected_version: int, user: User | None = None) -> Recommendation:
    """The one edit of a recommendation's own fields (its actions are edited one by one):
    refused if it changed since the editor read it (the form carries the version it was read
    at; the database checks it again on write)."""
    if rec.version != expected_version:
        raise EditConflict(rec)
    _check(rec.review, details, rec, user, with_action=False)
    _apply(rec, details)
    try:
        db.session.flush()
    except StaleDataError as error:
        db.session.rollback()
        raise EditConflict(get(rec.id)) from error
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


def create_many(review: Review, items: list[Details], user: User | None = None, *,
                agreed: bool = False) -> list[Recommendation]:
    """Save several (accepted proposals, an imported plan) in the caller's one transaction; all or none."""
    numbers = [i.number.strip().lower() for i in items]
    duplicates = {n for n in numbers if numbers.count(n) > 1}
    if duplicates:
        raise RecommendationError(f"Two accepted recommendations share the number {sorted(duplicates)[0]}", "number")
    return [create(review, item, user, agreed=agreed) for item in items]
