"""Action plans as listed: each recommendation with its derived flags (overdue, due soon,
red/amber/green), for an agency, a review, the national bodies, or everything.

Overdue and due-soon are derived from the target date and the day asked about; nothing
stores them. Which rows a user may see is the access policy's (dhr.data.policy)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import paging, policy
from .due import due_soon_clause, overdue_clause
from .models import Action, Agency, Recommendation, RecommendationUpdate, Review, User
from .national_models import NationalReferral, standing_column
from .numbering import order_key
from .progress import last_update_at, today
from .vocab import CLOSED_STATUSES, NATIONAL_STANDING_LABELS, Status

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


# What a listed row shows, loaded beside the rows (never one query per row).
_SHOWN = (
    selectinload(Recommendation.review),
    selectinload(Recommendation.lead_agency),
    selectinload(Recommendation.supporting_agencies),
    selectinload(Recommendation.updates),
    selectinload(Recommendation.actions).selectinload(Action.lead_agency),
)


def _loaded(query):
    return query.options(*_SHOWN)


def _sorted_by_target(recs: Iterable[Recommendation], descending: bool = False) -> list[Recommendation]:
    """By target date (recommendations without one last), then review and number."""
    dated = sorted((r for r in recs if r.target_date), key=lambda r: (r.target_date, r.review.reference, *order_key(r)),
                   reverse=descending)
    undated = sorted((r for r in recs if not r.target_date), key=lambda r: (r.review.reference, *order_key(r)))
    return dated + undated


def _agency_involvement(agency_id: int, rec: Recommendation) -> str:
    leads = rec.lead_agency_id == agency_id or any(a.lead_agency_id == agency_id for a in rec.actions)
    return "lead" if leads else "supports"


def agency_list(agency_id: int, on: Optional[dt.date] = None) -> list[Row]:
    """Every recommendation the agency leads or supports, across all reviews (for its export)."""
    return [_with_involvement(row, agency_id) for row in _every_row(policy.involving_agency(
        select(Recommendation), agency_id), on)]


def _with_involvement(row: Row, agency_id: int) -> Row:
    row.involvement = _agency_involvement(agency_id, row.rec)
    return row


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


def _every_row(query, on: Optional[dt.date] = None) -> list[Row]:
    on = on or today()
    recs = list(db.session.scalars(_loaded(query)).unique())
    return [row_for(r, on) for r in _sorted_by_target(recs)]


def all_recommendations(on: Optional[dt.date] = None) -> list[Row]:
    """Every recommendation (for the export)."""
    return _every_row(select(Recommendation), on)


def _national():
    national_lead = exists().where(Agency.id == Recommendation.lead_agency_id, Agency.kind == "national")
    return or_(Recommendation.scope == "national", national_lead)


def addressed_to_national():
    """The condition a recommendation addressed to national bodies meets (national scope or a national lead)."""
    return _national()


def national_list(on: Optional[dt.date] = None) -> list[Row]:
    """Recommendations addressed to national bodies: national scope or a national lead agency (for the export)."""
    return _every_row(select(Recommendation).where(_national()), on)


# --- The lists a page at a time -------------------------------------------------------------

_REFERENCE = select(Review.reference).where(Review.id == Recommendation.review_id).correlate(
    Recommendation).scalar_subquery()
_LEAD_NAME = select(Agency.name).where(Agency.id == Recommendation.lead_agency_id).correlate(
    Recommendation).scalar_subquery()
_LAST_UPDATE = select(func.max(RecommendationUpdate.created_at)).where(
    RecommendationUpdate.recommendation_id == Recommendation.id).correlate(Recommendation).scalar_subquery()
# A recommendation whose work has ended (it is never overdue), as a condition in SQL.
CLOSED = Recommendation.status.in_(sorted(CLOSED_STATUSES))
# Open work first, soonest target date first (none last): finished work never comes first.
SORTING = paging.Sorting(
    columns={"review": (_REFERENCE, Recommendation.number_key, Recommendation.position), "lead": (_LEAD_NAME,),
             "status": (Recommendation.status,), "target": (Recommendation.target_date,),
             "updated": (_LAST_UPDATE,)},
    default=(CLOSED.asc(), Recommendation.target_date.is_(None).asc(), Recommendation.target_date.asc(),
             Recommendation.review_id.asc(), Recommendation.number_key.asc(), Recommendation.position.asc()),
    tie_breaker=Recommendation.id,
)
DUE_FILTERS = {"overdue": "Overdue", "due-soon": f"Due within {DUE_SOON_DAYS} days"}
# What a recommendation may need: "no-update" is open work no agency has reported on yet.
PLAN_NEEDS = {"no-update": "Open, with no update yet"}


@dataclass(frozen=True)
class PlanFilters:
    """What a list of recommendations is narrowed to: a status, a review (by id or by its
    reference), overdue or due soon (DUE_FILTERS), a lead agency, a need (PLAN_NEEDS), where
    it stands with its national body (a key of NATIONAL_STANDING_LABELS), its review's chair."""

    status: str = ""
    review_id: Optional[int] = None
    reference: str = ""
    due: str = ""
    agency_id: Optional[int] = None
    need: str = ""
    answer: str = ""
    chair_id: Optional[int] = None


def _filtered(query, filters: PlanFilters, on: dt.date):
    if filters.status:
        query = query.where(Recommendation.status == filters.status)
    if filters.review_id:
        query = query.where(Recommendation.review_id == filters.review_id)
    if filters.chair_id:
        query = query.where(Recommendation.review_id.in_(select(Review.id).where(Review.chair_id == filters.chair_id)))
    if filters.reference:
        query = query.where(func.lower(_REFERENCE) == filters.reference.strip().lower())
    if filters.due == "overdue":
        query = query.where(overdue_clause(Recommendation.target_date, CLOSED, on))
    elif filters.due == "due-soon":
        query = query.where(due_soon_clause(Recommendation.target_date, CLOSED, on, DUE_SOON_DAYS))
    if filters.agency_id:
        query = policy.involving_agency(query, filters.agency_id, include_supporting=False)
    if filters.need == "no-update":
        query = query.where(~CLOSED, ~exists().where(RecommendationUpdate.recommendation_id == Recommendation.id))
    if filters.answer in NATIONAL_STANDING_LABELS:
        query = query.outerjoin(NationalReferral, NationalReferral.recommendation_id == Recommendation.id).where(
            standing_column(on) == filters.answer)
    return query


def page_of(query, filters: PlanFilters = PlanFilters(), *, number: int = 1, size: int = paging.DEFAULT_SIZE,
            sort: Optional[str] = None, descending: bool = False, on: Optional[dt.date] = None,
            agency_id: Optional[int] = None) -> paging.Page:
    """A page of rows of a query over Recommendation (already limited by the access policy),
    filtered and sorted in SQL; only the page's recommendations are loaded. Given `agency_id`,
    each row says whether that agency leads or supports it."""
    on = on or today()
    found = paging.paginate(_filtered(query, filters, on), number, size, order=SORTING.order_by(sort, descending),
                            options=_SHOWN)
    rows = [row_for(rec, on) for rec in found]
    if agency_id is not None:
        rows = [_with_involvement(row, agency_id) for row in rows]
    return found.with_items(rows)


def agency_page(agency_id: int, filters: PlanFilters = PlanFilters(), **paged) -> paging.Page:
    """A page of the recommendations an agency leads or supports, across all reviews."""
    return page_of(policy.involving_agency(select(Recommendation), agency_id), filters, agency_id=agency_id, **paged)


def national_page(filters: PlanFilters = PlanFilters(), **paged) -> paging.Page:
    return page_of(select(Recommendation).where(_national()), filters, **paged)


def counts_national(named: dict[str, PlanFilters], on: Optional[dt.date] = None) -> dict[str, int]:
    """How many rows the national list shows with each of these filters, by name (one query)."""
    on = on or today()
    return paging.counts({name: _filtered(select(Recommendation).where(_national()), filters, on)
                          for name, filters in named.items()})


def all_page(filters: PlanFilters = PlanFilters(), **paged) -> paging.Page:
    return page_of(select(Recommendation), filters, **paged)
