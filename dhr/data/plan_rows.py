"""Action plans as listed: each recommendation with its derived flags (overdue, due soon,
red/amber/green), for an agency, a review, the national bodies, or everything.

Overdue and due-soon are derived from the target date and the day asked about; nothing
stores them. Which rows a user may see is the access policy's (dhr.data.policy)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import policy
from .models import Action, Agency, Recommendation, Review, User
from .progress import last_update_at, today
from .vocab import Status

DUE_SOON_DAYS = 30

RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "closed": "Closed"}
RAG_TAG_CLASSES = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--yellow",
    "green": "govuk-tag--green",
    "closed": "govuk-tag--grey",
}


@dataclass
class Row:
    """One recommendation as listed, with its derived flags."""

    rec: Recommendation
    involvement: Optional[str]
    overdue: bool
    due_soon: bool
    last_update: Optional[dt.datetime]
    rag: str


def rag(rec: Recommendation, on: Optional[dt.date] = None) -> str:
    """Red, amber or green for the action plan summary; 'closed' for work that will not be done."""
    on = on or today()
    if rec.status in (Status.NOT_ACCEPTED, Status.SUPERSEDED):
        return "closed"
    if rec.status in (Status.VERIFIED, Status.ALREADY_IN_PLACE):
        return "green"
    if rec.is_overdue(on) or rec.status == Status.AT_RISK:
        return "red"
    if rec.status == Status.ON_TRACK and not rec.is_due_soon(on, DUE_SOON_DAYS):
        return "green"
    return "amber"


def row_for(rec: Recommendation, on: Optional[dt.date] = None, user: Optional[User] = None) -> Row:
    on = on or today()
    return Row(
        rec=rec,
        involvement=policy.involvement(user, rec) if user is not None else None,
        overdue=rec.is_overdue(on),
        due_soon=rec.is_due_soon(on, DUE_SOON_DAYS),
        last_update=last_update_at(rec),
        rag=rag(rec, on),
    )


def _loaded(query):
    return query.options(
        selectinload(Recommendation.review),
        selectinload(Recommendation.lead_agency),
        selectinload(Recommendation.supporting_agencies),
        selectinload(Recommendation.updates),
        selectinload(Recommendation.actions).selectinload(Action.lead_agency),
    )


def _sorted_by_target(recs: Iterable[Recommendation], descending: bool = False) -> list[Recommendation]:
    """By target date (recommendations without one last), then review and number."""
    dated = sorted((r for r in recs if r.target_date), key=lambda r: (r.target_date, r.review.reference, r.position),
                   reverse=descending)
    undated = sorted((r for r in recs if not r.target_date), key=lambda r: (r.review.reference, r.position))
    return dated + undated


def _agency_involvement(agency_id: int, rec: Recommendation) -> str:
    leads = rec.lead_agency_id == agency_id or any(a.lead_agency_id == agency_id for a in rec.actions)
    return "lead" if leads else "supports"


def agency_list(
    agency_id: int,
    *,
    status: Optional[str] = None,
    review_id: Optional[int] = None,
    overdue_only: bool = False,
    sort: str = "target",
    on: Optional[dt.date] = None,
) -> list[Row]:
    """Every recommendation the agency leads or supports, across all reviews."""
    on = on or today()
    query = policy.involving_agency(select(Recommendation), agency_id)
    if status:
        query = query.where(Recommendation.status == status)
    if review_id:
        query = query.where(Recommendation.review_id == review_id)
    recs = list(db.session.scalars(_loaded(query)).unique())
    rows = []
    for rec in _sorted_by_target(recs, descending=(sort == "target-desc")):
        row = row_for(rec, on)
        row.involvement = _agency_involvement(agency_id, rec)
        rows.append(row)
    if overdue_only:
        rows = [r for r in rows if r.overdue]
    return rows


def reviews_for_agency(agency_id: int) -> list[Review]:
    query = (
        select(Review)
        .where(Review.id.in_(policy.involving_agency(select(Recommendation.review_id), agency_id)))
        .order_by(Review.reference)
    )
    return list(db.session.scalars(query))


def review_rows(review: Review, on: Optional[dt.date] = None, user: Optional[User] = None) -> list[Row]:
    """A review's action plan, or (given a user) the part of it the user may see."""
    on = on or today()
    recs = policy.visible_recommendations(user, review) if user is not None else review.recommendations
    return [row_for(r, on) for r in recs]


def rag_summary(rows: Iterable[Row]) -> dict[str, int]:
    summary = {key: 0 for key in RAG_LABELS}
    for row in rows:
        summary[row.rag] += 1
    return summary


def all_recommendations(on: Optional[dt.date] = None) -> list[Row]:
    on = on or today()
    recs = list(db.session.scalars(_loaded(select(Recommendation))).unique())
    return [row_for(r, on) for r in _sorted_by_target(recs)]


def national_list(on: Optional[dt.date] = None) -> list[Row]:
    """Recommendations addressed to national bodies: national scope or a national lead agency."""
    on = on or today()
    national_lead = exists().where(Agency.id == Recommendation.lead_agency_id, Agency.kind == "national")
    query = select(Recommendation).where(or_(Recommendation.scope == "national", national_lead))
    recs = list(db.session.scalars(_loaded(query)).unique())
    return [row_for(r, on) for r in _sorted_by_target(recs)]
