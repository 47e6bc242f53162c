"""The partnership's overview of the action plans: figures by agency, each review's plan
with its red/amber/green summary, and the updates waiting for assessment."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import paging
from .due import due_soon_clause, overdue_clause, stale_clause
from .models import Agency, Recommendation, RecommendationUpdate, Review, recommendation_supporters
from .plan_rows import CLOSED, DUE_SOON_DAYS, rag_summary, review_rows
from .progress import today
from .vocab import Assessment, Status

# Statuses that count as "completed" (the agency says the work is done), verified or not.
COMPLETED_STATUSES = frozenset({Status.AWAITING_EVIDENCE, Status.VERIFIED, Status.ALREADY_IN_PLACE})


@dataclass
class AgencyFigures:
    agency: Agency
    leads: int = 0
    supports: int = 0
    completed: int = 0
    verified: int = 0
    overdue: int = 0
    due_soon: int = 0
    stale: int = 0  # open, with no update in due.STALE_AFTER_DAYS days
    awaiting_assessment: int = 0


# How the agencies' figures may be sorted: by name, or by any count (largest first by default).
AGENCY_SORTING = ("agency", "leads", "overdue", "stale", "awaiting")
# The overview shows the agencies with the most overdue first, this many, and links to them all.
MOST_OVERDUE_SHOWN = 10


def _counted(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def overview_by_agency(on: Optional[dt.date] = None, agency_ids: Optional[list[int]] = None) -> list[AgencyFigures]:
    """Each agency's figures (or only those of `agency_ids`), counted by the database (one row
    per agency, never per recommendation)."""
    on = on or today()
    only = (lambda column: column.in_(agency_ids)) if agency_ids is not None else (lambda column: column.is_not(None))
    rec = Recommendation
    updates = (select(RecommendationUpdate.recommendation_id.label("rec_id"),
                      func.max(RecommendationUpdate.created_at).label("last"),
                      _counted(RecommendationUpdate.assessment == Assessment.PENDING).label("pending"))
               .where(RecommendationUpdate.recommendation_id.in_(select(rec.id).where(only(rec.lead_agency_id))))
               .group_by(RecommendationUpdate.recommendation_id).subquery())
    lead_rows = db.session.execute(
        select(rec.lead_agency_id, func.count(), _counted(rec.status.in_(sorted(COMPLETED_STATUSES))),
               _counted(rec.status == Status.VERIFIED), _counted(overdue_clause(rec.target_date, CLOSED, on)),
               _counted(due_soon_clause(rec.target_date, CLOSED, on, DUE_SOON_DAYS)),
               _counted(stale_clause(func.coalesce(updates.c.last, rec.created_at), CLOSED, on)),
               _counted(updates.c.pending > 0))
        .outerjoin(updates, updates.c.rec_id == rec.id)
        .where(only(rec.lead_agency_id)).group_by(rec.lead_agency_id)).all()
    support_rows = db.session.execute(
        select(recommendation_supporters.c.agency_id, func.count()).where(only(recommendation_supporters.c.agency_id))
        .group_by(recommendation_supporters.c.agency_id)
    ).all()
    ids = {row[0] for row in lead_rows} | {row[0] for row in support_rows}
    named = {a.id: a for a in db.session.scalars(select(Agency).where(Agency.id.in_(ids)))} if ids else {}
    figures = {agency_id: AgencyFigures(agency=agency) for agency_id, agency in named.items()}
    for agency_id, *counts in lead_rows:
        entry = figures[agency_id]
        (entry.leads, entry.completed, entry.verified, entry.overdue, entry.due_soon, entry.stale,
         entry.awaiting_assessment) = (int(n) for n in counts)
    for agency_id, supports in support_rows:
        figures[agency_id].supports = supports
    return sorted(figures.values(), key=lambda f: f.agency.name.lower())


def sorted_figures(figures: list[AgencyFigures], sort: Optional[str], descending: bool) -> list[AgencyFigures]:
    """The agencies' figures by name or by a count, in the direction asked; ties by name."""
    by_name = sorted(figures, key=lambda f: f.agency.name.lower())
    if sort not in AGENCY_SORTING or sort == "agency":
        return list(reversed(by_name)) if descending else by_name
    column = {"awaiting": "awaiting_assessment"}.get(sort, sort)
    return sorted(by_name, key=lambda f: getattr(f, column), reverse=descending)


def most_overdue(on: Optional[dt.date] = None) -> list[AgencyFigures]:
    """The figures of the MOST_OVERDUE_SHOWN agencies leading the most overdue recommendations,
    the most overdue first (ties by name); agencies with none overdue are left out."""
    on = on or today()
    rec = Recommendation
    top = db.session.execute(
        select(rec.lead_agency_id).join(Agency, Agency.id == rec.lead_agency_id)
        .where(overdue_clause(rec.target_date, CLOSED, on)).group_by(rec.lead_agency_id, Agency.name)
        .order_by(func.count().desc(), func.lower(Agency.name)).limit(MOST_OVERDUE_SHOWN)).scalars().all()
    figures = overview_by_agency(on, agency_ids=list(top)) if top else []
    return sorted_figures(figures, "overdue", True)


_PLAN_SIZE = (select(func.count()).where(Recommendation.review_id == Review.id).correlate(Review)
              .scalar_subquery())
PLAN_SORTING = paging.Sorting(
    columns={"reference": (Review.reference,), "notified": (Review.notified_on,), "size": (_PLAN_SIZE,)},
    default=(Review.reference.asc(),),
    tie_breaker=Review.id,
)


def plans_page(*, number: int = 1, size: int = paging.DEFAULT_SIZE, sort: Optional[str] = None,
               descending: bool = False, on: Optional[dt.date] = None) -> paging.Page:
    """A page of the reviews that have recommendations, each (review, its RAG summary, how many)."""
    on = on or today()
    query = select(Review).where(exists().where(Recommendation.review_id == Review.id))
    found = paging.paginate(query, number, size, order=PLAN_SORTING.order_by(sort, descending),
                            options=(selectinload(Review.recommendations).selectinload(Recommendation.updates),))
    summaries = []
    for review in found:
        rows = review_rows(review, on)
        summaries.append((review, rag_summary(rows), len(rows)))
    return found.with_items(summaries)


def count_awaiting_assessment() -> int:
    return paging.count(select(RecommendationUpdate).where(RecommendationUpdate.assessment == Assessment.PENDING))


def awaiting_page(*, number: int = 1, size: int = paging.DEFAULT_SIZE) -> paging.Page:
    """A page of the updates waiting for the coordinator's assessment, the longest waiting first."""
    query = select(RecommendationUpdate).where(RecommendationUpdate.assessment == Assessment.PENDING)
    order = [RecommendationUpdate.created_at.asc(), RecommendationUpdate.id.asc()]
    return paging.paginate(query, number, size, order=order, options=(
        selectinload(RecommendationUpdate.recommendation).selectinload(Recommendation.review),
        selectinload(RecommendationUpdate.action), selectinload(RecommendationUpdate.agency)))
