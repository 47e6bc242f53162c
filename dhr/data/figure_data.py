"""What the board's figures are counted from: the filters (period and agency) and the rows of
reviews and recommendations they select, read as plain columns in a handful of queries."""
from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import or_, select

from dhr.dates import financial_year, long_date
from dhr.extensions import db

from . import policy, vocab
from .due import is_overdue
from .lifecycle import days_paused, timeliness
from .models import (
    Agency,
    AuditEvent,
    Finding,
    Pause,
    Recommendation,
    Review,
    Theme,
    User,
    finding_themes,
    recommendation_themes,
    review_panel_agencies,
    review_themes,
)

# ---------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """Reviews notified between `start` and `end` (inclusive); recommendations of those reviews.
    With an agency: reviews it sat on the panel of or leads a recommendation in, and only the
    recommendations it leads."""

    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    agency_id: Optional[int] = None

    def query_args(self) -> dict:
        args = {}
        if self.start:
            args["start"] = self.start.isoformat()
        if self.end:
            args["end"] = self.end.isoformat()
        if self.agency_id:
            args["agency"] = str(self.agency_id)
        return args

    def describe(self, agency_name: str | None = None) -> str:
        if self.start and self.end:
            period = f"notified from {long_date(self.start)} to {long_date(self.end)}"
        elif self.start:
            period = f"notified on or after {long_date(self.start)}"
        elif self.end:
            period = f"notified on or before {long_date(self.end)}"
        else:
            period = "all periods"
        return f"{period}; {agency_name}" if agency_name else period


# ---------------------------------------------------------------- timeliness


# The rule itself is dhr.data.lifecycle's: `timeliness` from the columns read here.


# ---------------------------------------------------------------- rows


@dataclass
class ReviewRow:
    id: int
    reference: str
    review_type: str
    death_category: str
    stage: str
    published: bool
    notified_on: dt.date
    year: str = ""
    timeliness: str = ""
    theme_ids: set = field(default_factory=set)


@dataclass
class RecommendationRow:
    id: int
    review_id: int
    status: str
    lead_agency_id: Optional[int]
    target_date: Optional[dt.date]
    priority: Optional[int]
    overdue: bool = False
    theme_ids: set = field(default_factory=set)


@dataclass
class Row:
    key: str
    label: str
    count: int


@dataclass
class Breakdown:
    name: str           # also the chart's name and the drill-down dimension
    title: str
    shows: str          # "reviews" or "recommendations"
    rows: list[Row]
    column: str = ""    # the heading of the label column
    left_out: int = 0   # how many more there were beyond the rows kept (the breakdown's limit)

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)


@dataclass
class Dataset:
    filters: Filters
    today: dt.date
    reviews: list[ReviewRow]
    recommendations: list[RecommendationRow]
    themes: dict[int, str]
    agencies: dict[int, str]
    # Breakdowns counted from these rows, by name: the dataset is kept while the data is unchanged.
    counted: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def includes_unpublished(self) -> bool:
        return any(not r.published for r in self.reviews)


def review_query(user: User, filters: Filters):
    """The ids of the reviews the filters select that `user` may see (a query)."""
    query = select(Review.id)
    if filters.start:
        query = query.where(Review.notified_on >= filters.start)
    if filters.end:
        query = query.where(Review.notified_on <= filters.end)
    if filters.agency_id:
        on_panel = select(review_panel_agencies.c.review_id).where(
            review_panel_agencies.c.agency_id == filters.agency_id)
        leads = select(Recommendation.review_id).where(Recommendation.lead_agency_id == filters.agency_id)
        query = query.where(or_(Review.id.in_(on_panel), Review.id.in_(leads)))
    return policy.reviews_visible_to(user, query)


# The datasets read most recently, by what they were read for. The dashboard's page and each of
# its charts ask for the same one, and at national scale reading it takes most of a second.
# Every change to the data is audited, so the newest audit event says whether a kept one still
# holds (its time as well as its id, as ids start again in an emptied or restored database).
_KEPT: OrderedDict[tuple, Dataset] = OrderedDict()
KEPT_DATASETS = 16
_kept_lock = threading.Lock()


def load(user: User, filters: Filters, today: dt.date | None = None) -> Dataset:
    """The rows the figures count, for what `user` may see: read afresh, or kept from a read for
    the same readers, filters and day with no change to the data since. Callers must not change it."""
    today = today or dt.date.today()
    newest = db.session.execute(select(AuditEvent.id, AuditEvent.at).order_by(AuditEvent.id.desc()).limit(1)).first()
    key = (policy.tokens(user), filters, today, tuple(newest) if newest else None)
    with _kept_lock:
        found = _KEPT.get(key)
        if found is not None:
            _KEPT.move_to_end(key)
            return found
    found = _read(user, filters, today)
    with _kept_lock:
        _KEPT[key] = found
        while len(_KEPT) > KEPT_DATASETS:
            _KEPT.popitem(last=False)
    return found


def _read(user: User, filters: Filters, today: dt.date) -> Dataset:
    """Read the columns the figures need, in a handful of queries (no ORM objects)."""
    ids = review_query(user, filters).scalar_subquery()
    reviews = _review_rows(ids, today)
    recommendations = _recommendation_rows(ids, filters, today)
    themes = dict(db.session.execute(select(Theme.id, Theme.name)).all())
    _attach_recommendation_themes(ids, recommendations)
    _attach_review_themes(ids, reviews)
    agencies = dict(db.session.execute(select(Agency.id, Agency.name)).all())
    return Dataset(filters, today, list(reviews.values()), list(recommendations.values()), themes, agencies)


def _review_rows(ids, today: dt.date) -> dict[int, ReviewRow]:
    """Each review's row, with its timeliness against the 6-month target."""
    reviews: dict[int, ReviewRow] = {}
    decisions = {}
    for row in db.session.execute(
        select(Review.id, Review.reference, Review.review_type, Review.death_category, Review.stage,
               Review.published, Review.notified_on, Review.decision_on, Review.submitted_on)
        .where(Review.id.in_(ids))
    ):
        reviews[row.id] = ReviewRow(row.id, row.reference, row.review_type, row.death_category, row.stage,
                                    bool(row.published), row.notified_on, year=financial_year(row.notified_on))
        decisions[row.id] = (row.stage, row.decision_on, row.submitted_on)
    pauses = defaultdict(list)
    for review_id, started, ended in db.session.execute(
        select(Pause.review_id, Pause.started_on, Pause.ended_on).where(Pause.review_id.in_(ids))
    ):
        pauses[review_id].append((started, ended))
    for review_id, (stage, decision_on, submitted_on) in decisions.items():
        reviews[review_id].timeliness = timeliness(
            stage, decision_on, submitted_on, days_paused(pauses[review_id], today, until=submitted_on), today)
    return reviews


def _recommendation_rows(ids, filters: Filters, today: dt.date) -> dict[int, RecommendationRow]:
    query = select(Recommendation.id, Recommendation.review_id, Recommendation.status,
                   Recommendation.lead_agency_id, Recommendation.target_date,
                   Recommendation.strategy_priority).where(Recommendation.review_id.in_(ids))
    if filters.agency_id:
        query = query.where(Recommendation.lead_agency_id == filters.agency_id)
    recommendations: dict[int, RecommendationRow] = {}
    for row in db.session.execute(query):
        recommendations[row.id] = RecommendationRow(
            row.id, row.review_id, row.status, row.lead_agency_id, row.target_date, row.strategy_priority,
            overdue=is_overdue(row.target_date, row.status in vocab.CLOSED_STATUSES, today))
    return recommendations


def _attach_recommendation_themes(ids, recommendations: dict[int, RecommendationRow]) -> None:
    """Each recommendation's themes, and its strategy priority from a theme if it has none."""
    theme_priority = {t.id: t.strategy_priority for t in db.session.execute(
        select(Theme.id, Theme.strategy_priority).where(Theme.strategy_priority.is_not(None)))}
    rec_ids = select(Recommendation.id).where(Recommendation.review_id.in_(ids))
    for rec_id, theme_id in db.session.execute(
        select(recommendation_themes.c.recommendation_id, recommendation_themes.c.theme_id)
        .where(recommendation_themes.c.recommendation_id.in_(rec_ids))
    ):
        rec = recommendations.get(rec_id)
        if rec is not None:
            rec.theme_ids.add(theme_id)
            if rec.priority is None and theme_id in theme_priority:
                rec.priority = theme_priority[theme_id]


def _attach_review_themes(ids, reviews: dict[int, ReviewRow]) -> None:
    """A review's themes: its own, its findings' and all its recommendations' (not just the agency's)."""
    for review_id, theme_id in db.session.execute(
        select(review_themes.c.review_id, review_themes.c.theme_id).where(review_themes.c.review_id.in_(ids))
        .union(
            select(Finding.review_id, finding_themes.c.theme_id)
            .join(finding_themes, finding_themes.c.finding_id == Finding.id)
            .where(Finding.review_id.in_(ids)),
            select(Recommendation.review_id, recommendation_themes.c.theme_id)
            .join(recommendation_themes, recommendation_themes.c.recommendation_id == Recommendation.id)
            .where(Recommendation.review_id.in_(ids)),
        )
    ):
        reviews[review_id].theme_ids.add(theme_id)


