"""The partnership's overview of the action plans: figures by agency, each review's plan
with its red/amber/green summary, and the updates waiting for assessment."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from .models import Agency, Recommendation, RecommendationUpdate, Review
from .plan_rows import DUE_SOON_DAYS, rag_summary, review_rows
from .progress import last_update_at, pending_update, today
from .vocab import Assessment, Status

STALE_AFTER_DAYS = 90
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
    stale: int = 0  # open, with no update in STALE_AFTER_DAYS days
    awaiting_assessment: int = 0


def _count_lead(entry: AgencyFigures, rec: Recommendation, on: dt.date, stale_before: dt.datetime) -> None:
    entry.leads += 1
    entry.completed += rec.status in COMPLETED_STATUSES
    entry.verified += rec.status == Status.VERIFIED
    entry.overdue += rec.is_overdue(on)
    entry.due_soon += rec.is_due_soon(on, DUE_SOON_DAYS)
    last = last_update_at(rec)
    entry.stale += not rec.is_closed and (last or rec.created_at) < stale_before
    entry.awaiting_assessment += pending_update(rec) is not None


def overview_by_agency(on: Optional[dt.date] = None) -> list[AgencyFigures]:
    on = on or today()
    stale_before = dt.datetime.combine(on - dt.timedelta(days=STALE_AFTER_DAYS), dt.time())
    figures: dict[int, AgencyFigures] = {}
    query = select(Recommendation).where(Recommendation.lead_agency_id.is_not(None)).options(
        selectinload(Recommendation.lead_agency), selectinload(Recommendation.supporting_agencies),
        selectinload(Recommendation.updates))
    for rec in db.session.scalars(query).unique():
        entry = figures.setdefault(rec.lead_agency_id, AgencyFigures(agency=rec.lead_agency))
        _count_lead(entry, rec, on, stale_before)
        for supporter in rec.supporting_agencies:
            figures.setdefault(supporter.id, AgencyFigures(agency=supporter)).supports += 1
    return sorted(figures.values(), key=lambda f: f.agency.name.lower())


def reviews_with_plans() -> list[tuple[Review, dict[str, int], int]]:
    """Each review that has recommendations, with its RAG summary and count."""
    on = today()
    query = (
        select(Review)
        .where(exists().where(Recommendation.review_id == Review.id))
        .options(selectinload(Review.recommendations))
        .order_by(Review.reference)
    )
    result = []
    for review in db.session.scalars(query):
        rows = review_rows(review, on)
        result.append((review, rag_summary(rows), len(rows)))
    return result


def awaiting_assessment() -> list[RecommendationUpdate]:
    query = (
        select(RecommendationUpdate)
        .where(RecommendationUpdate.assessment == Assessment.PENDING)
        .order_by(RecommendationUpdate.created_at)
        .options(selectinload(RecommendationUpdate.recommendation).selectinload(Recommendation.review))
    )
    return list(db.session.scalars(query))
