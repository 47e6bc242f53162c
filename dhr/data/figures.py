"""The board's figures: counts of reviews and recommendations for a period and an agency.

Every number on the dashboard and in the board report comes from a `Breakdown` built here, and
the list behind each number (`rows_behind`) is chosen by the same classification of each row,
so a number and the list it links to can never disagree."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from dhr.dates import long_date
from dhr.extensions import db

from . import policy, vocab
from .lifecycle import TIMELINESS_LABELS, days_paused, timeliness
from .models import (
    Agency,
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
from .vocab import STAGE_ORDER, Stage, Status



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


def financial_year(day: dt.date) -> str:
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


def financial_year_bounds(label: str) -> tuple[dt.date, dt.date]:
    first = int(label.split("/")[0])
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


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

    @property
    def includes_unpublished(self) -> bool:
        return any(not r.published for r in self.reviews)


def _review_query(user: User, filters: Filters):
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


def load(user: User, filters: Filters, today: dt.date | None = None) -> Dataset:
    """Read the columns the figures need, in a handful of queries (no ORM objects)."""
    today = today or dt.date.today()
    ids = _review_query(user, filters).scalar_subquery()
    session = db.session

    reviews: dict[int, ReviewRow] = {}
    decisions = {}
    for row in session.execute(
        select(Review.id, Review.reference, Review.review_type, Review.death_category, Review.stage,
               Review.published, Review.notified_on, Review.decision_on, Review.submitted_on)
        .where(Review.id.in_(ids))
    ):
        reviews[row.id] = ReviewRow(row.id, row.reference, row.review_type, row.death_category, row.stage,
                                    bool(row.published), row.notified_on, year=financial_year(row.notified_on))
        decisions[row.id] = (row.stage, row.decision_on, row.submitted_on)

    pauses = defaultdict(list)
    for review_id, started, ended in session.execute(
        select(Pause.review_id, Pause.started_on, Pause.ended_on).where(Pause.review_id.in_(ids))
    ):
        pauses[review_id].append((started, ended))
    for review_id, (stage, decision_on, submitted_on) in decisions.items():
        reviews[review_id].timeliness = timeliness(
            stage, decision_on, submitted_on, days_paused(pauses[review_id], today), today)

    rec_query = select(Recommendation.id, Recommendation.review_id, Recommendation.status,
                       Recommendation.lead_agency_id, Recommendation.target_date,
                       Recommendation.strategy_priority).where(Recommendation.review_id.in_(ids))
    if filters.agency_id:
        rec_query = rec_query.where(Recommendation.lead_agency_id == filters.agency_id)
    recommendations: dict[int, RecommendationRow] = {}
    for row in session.execute(rec_query):
        recommendations[row.id] = RecommendationRow(
            row.id, row.review_id, row.status, row.lead_agency_id, row.target_date, row.strategy_priority,
            overdue=(row.target_date is not None and row.status not in vocab.CLOSED_STATUSES
                     and row.target_date < today))

    themes = {t.id: t.name for t in session.execute(select(Theme.id, Theme.name, Theme.strategy_priority))}
    theme_priority = {t.id: t.strategy_priority for t in session.execute(
        select(Theme.id, Theme.strategy_priority).where(Theme.strategy_priority.is_not(None)))}

    rec_ids = select(Recommendation.id).where(Recommendation.review_id.in_(ids))
    for rec_id, theme_id in session.execute(
        select(recommendation_themes.c.recommendation_id, recommendation_themes.c.theme_id)
        .where(recommendation_themes.c.recommendation_id.in_(rec_ids))
    ):
        rec = recommendations.get(rec_id)
        if rec is not None:
            rec.theme_ids.add(theme_id)
            if rec.priority is None and theme_id in theme_priority:
                rec.priority = theme_priority[theme_id]
    # A review's themes: its own, its findings' and all its recommendations' (not just the agency's).
    for review_id, theme_id in session.execute(
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

    agencies = dict(session.execute(select(Agency.id, Agency.name)).all())
    return Dataset(filters, today, list(reviews.values()), list(recommendations.values()), themes, agencies)


# ---------------------------------------------------------------- dimensions

NO_AGENCY = "none"
NOT_MAPPED = "none"


@dataclass(frozen=True)
class Dimension:
    name: str
    title: str
    shows: str
    column: str
    keys: Callable[[object], Iterable[str]]       # the keys a row counts under
    order: Callable[[Dataset, Counter], list[str]]
    label: Callable[[Dataset, str], str]
    limit: Optional[int] = None


def _ordered(keys: list[str]) -> Callable[[Dataset, Counter], list[str]]:
    return lambda data, counts: [k for k in keys if counts.get(k)]


def _by_count(data: Dataset, counts: Counter) -> list[str]:
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _theme_label(data: Dataset, key: str) -> str:
    return data.themes.get(int(key), "Unknown theme") if key.isdigit() else key


DIMENSIONS: dict[str, Dimension] = {d.name: d for d in [
    Dimension("year", "Reviews by year notified (April to March)", "reviews", "Year",
              lambda r: [r.year], lambda data, counts: sorted(counts), lambda data, k: k),
    Dimension("type", "Reviews by type", "reviews", "Type",
              lambda r: [r.review_type], _ordered(list(vocab.REVIEW_TYPE_LABELS)),
              lambda data, k: vocab.REVIEW_TYPE_LABELS.get(k, k)),
    Dimension("death_category", "Reviews by death category", "reviews", "Death category",
              lambda r: [r.death_category], _ordered(list(vocab.DEATH_CATEGORY_LABELS)),
              lambda data, k: vocab.DEATH_CATEGORY_LABELS.get(k, k)),
    Dimension("stage", "Reviews by stage", "reviews", "Stage",
              lambda r: [r.stage], _ordered([*STAGE_ORDER, Stage.NOT_COMMISSIONED]),
              lambda data, k: vocab.STAGE_LABELS.get(k, k)),
    Dimension("timeliness", "Timeliness against the 6-month target", "reviews", "Against the target",
              lambda r: [r.timeliness], _ordered(list(TIMELINESS_LABELS)),
              lambda data, k: TIMELINESS_LABELS.get(k, k)),
    Dimension("review_theme", "Top recurring themes (reviews in which each appears)", "reviews", "Theme",
              lambda r: [str(t) for t in r.theme_ids], _by_count, _theme_label, limit=10),
    Dimension("status", "Recommendations by status", "recommendations", "Status",
              lambda r: [r.status], _ordered(list(vocab.STATUS_LABELS)),
              lambda data, k: vocab.STATUS_LABELS.get(k, k)),
    Dimension("agency", "Recommendations by lead agency", "recommendations", "Lead agency",
              lambda r: [str(r.lead_agency_id) if r.lead_agency_id else NO_AGENCY], _by_count,
              lambda data, k: data.agencies.get(int(k), "Unknown agency") if k.isdigit() else "No lead agency"),
    Dimension("recommendation_theme", "Recommendations by theme", "recommendations", "Theme",
              lambda r: [str(t) for t in r.theme_ids], _by_count, _theme_label),
    Dimension("priority", "Recommendations by the 2024–29 strategy's priorities", "recommendations",
              "Strategy priority",
              lambda r: [str(r.priority) if r.priority in vocab.STRATEGY_PRIORITIES else NOT_MAPPED],
              _ordered([*(str(n) for n in vocab.STRATEGY_PRIORITIES), NOT_MAPPED]),
              lambda data, k: f"{k}. {vocab.STRATEGY_PRIORITIES[int(k)]}" if k.isdigit()
              else "Not mapped to a priority"),
    Dimension("overdue", "Overdue recommendations", "recommendations", "Overdue",
              lambda r: ["overdue"] if r.overdue else [], _ordered(["overdue"]),
              lambda data, k: "Overdue"),
    Dimension("all_reviews", "All reviews", "reviews", "Reviews",
              lambda r: ["all"], _ordered(["all"]), lambda data, k: "All reviews"),
    Dimension("all_recommendations", "All recommendations", "recommendations", "Recommendations",
              lambda r: ["all"], _ordered(["all"]), lambda data, k: "All recommendations"),
]}

BOARD_BREAKDOWNS = ["year", "type", "death_category", "stage", "timeliness", "status", "agency",
                    "recommendation_theme", "priority", "review_theme"]


def _rows_of(data: Dataset, dimension: Dimension) -> list:
    return data.reviews if dimension.shows == "reviews" else data.recommendations


def breakdown(data: Dataset, name: str) -> Breakdown:
    dimension = DIMENSIONS[name]
    counts: Counter = Counter()
    for row in _rows_of(data, dimension):
        counts.update(dimension.keys(row))
    keys = dimension.order(data, counts)
    if dimension.limit:
        keys = keys[: dimension.limit]
    rows = [Row(k, dimension.label(data, k), counts[k]) for k in keys]
    return Breakdown(dimension.name, dimension.title, dimension.shows, rows, dimension.column)


@dataclass
class BoardFigures:
    data: Dataset
    breakdowns: dict[str, Breakdown]
    review_count: int
    recommendation_count: int
    overdue_count: int
    timeliness_judged: int
    timeliness_late: int

    @property
    def late_percent(self) -> Optional[int]:
        if not self.timeliness_judged:
            return None
        return round(100 * self.timeliness_late / self.timeliness_judged)


def board_figures(user: User, filters: Filters, today: dt.date | None = None) -> BoardFigures:
    data = load(user, filters, today)
    breakdowns = {name: breakdown(data, name) for name in BOARD_BREAKDOWNS}
    judged = [r for r in data.reviews if r.timeliness in ("on_time", "late_submitted", "late_open")]
    late = [r for r in judged if r.timeliness != "on_time"]
    return BoardFigures(
        data, breakdowns, len(data.reviews), len(data.recommendations),
        sum(1 for r in data.recommendations if r.overdue), len(judged), len(late),
    )


def is_dimension(name: str) -> bool:
    return name in DIMENSIONS


LIST_LIMIT = 500


def rows_behind(user: User, filters: Filters, dimension_name: str, key: str,
                today: dt.date | None = None, limit: int = LIST_LIMIT) -> tuple[Dimension, str, int, list]:
    """The reviews or recommendations counted under one number: (dimension, label, how many,
    the first `limit` of them)."""
    data = load(user, filters, today)
    dimension = DIMENSIONS[dimension_name]
    ids = [row.id for row in _rows_of(data, dimension) if key in dimension.keys(row)]
    total = len(ids)
    label = dimension.label(data, key)
    if dimension.shows == "reviews":
        by_date = {r.id: (r.notified_on, r.id) for r in data.reviews}
        ids = sorted(ids, key=lambda i: by_date[i], reverse=True)[:limit]
        items = list(db.session.scalars(
            select(Review).where(Review.id.in_(ids)).order_by(Review.notified_on.desc(), Review.id.desc())
        )) if ids else []
    else:
        by_target = {r.id: (r.target_date is None, r.target_date or today_or(data), r.id)
                     for r in data.recommendations}
        ids = sorted(ids, key=lambda i: by_target[i])[:limit]
        items = list(db.session.scalars(
            select(Recommendation).where(Recommendation.id.in_(ids))
            .options(selectinload(Recommendation.review), selectinload(Recommendation.lead_agency))
            .order_by(Recommendation.target_date.is_(None), Recommendation.target_date, Recommendation.id)
        )) if ids else []
    return dimension, label, total, items


def today_or(data: Dataset) -> dt.date:
    return data.today


def overdue_recommendations(data: Dataset, limit: int | None = None) -> list[Recommendation]:
    ids = [r.id for r in sorted((r for r in data.recommendations if r.overdue),
                                key=lambda r: (r.target_date, r.id))]
    if limit is not None:
        ids = ids[:limit]
    if not ids:
        return []
    found = {r.id: r for r in db.session.scalars(
        select(Recommendation).where(Recommendation.id.in_(ids))
        .options(selectinload(Recommendation.review), selectinload(Recommendation.lead_agency)))}
    return [found[i] for i in ids]


def financial_years_present() -> list[str]:
    first = db.session.scalar(select(Review.notified_on).order_by(Review.notified_on).limit(1))
    if first is None:
        return []
    start = int(financial_year(first).split("/")[0])
    end = int(financial_year(dt.date.today()).split("/")[0])
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(end, start - 1, -1)]
