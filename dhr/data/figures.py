"""The board's figures: counts of reviews and recommendations for a period and an agency.

Every number on the dashboard and in the board report comes from a `Breakdown` built here, and
the list behind each number (`rows_behind`) is chosen by the same classification of each row,
so a number and the list it links to can never disagree."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dhr.dates import financial_years
from dhr.extensions import db
from dhr.numbers import parse_whole

from . import paging, vocab
from .figure_data import (  # the figures are counted from these
    Breakdown,
    Dataset,
    Filters,
    Row,
    load,
)
from .lifecycle import COMPLETION_MONTHS, TIMELINESS_LABELS
from .models import (
    Agency,
    Recommendation,
    Review,
    User,
)
from .vocab import STAGE_ORDER, Stage

# ---------------------------------------------------------------- dimensions

NO_AGENCY = "none"
# Agencies named in the lead-agency breakdown, those leading most first (a national data set has
# hundreds); every agency's figures are on the recommendations overview's page of agencies.
AGENCIES_SHOWN = 20
NOT_MAPPED = "none"
# Themes named in a chart, those met most first; the board paper ranks every theme in a table.
THEMES_SHOWN = 10


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


def _every_year(data: Dataset, counts: Counter) -> list[str]:
    """Every financial year of the period, those with no reviews too: from the period's start (or
    the first review) to its end (or today), never past today's year or the last review's."""
    notified = [r.notified_on for r in data.reviews]
    first = data.filters.start or min(notified, default=None)
    if first is None:
        return []
    latest = max([data.today, *notified])
    return financial_years(first, min(data.filters.end or latest, latest))


def _theme_label(data: Dataset, key: str) -> str:
    return data.themes.get(parse_whole(key), "Unknown theme")


def _agency_label(data: Dataset, key: str) -> str:
    return "No lead agency" if key == NO_AGENCY else data.agencies.get(parse_whole(key), "Unknown agency")


def _priority_label(data: Dataset, key: str) -> str:
    if key == NOT_MAPPED:
        return "Not mapped to a priority"
    name = vocab.STRATEGY_PRIORITIES.get(parse_whole(key))
    return f"{key}. {name}" if name else "Unknown priority"


DIMENSIONS: dict[str, Dimension] = {d.name: d for d in [
    Dimension("year", "Reviews by year notified (April to March)", "reviews", "Year",
              lambda r: [r.year], _every_year, lambda data, k: k),
    Dimension("type", "Reviews by type", "reviews", "Type",
              lambda r: [r.review_type], _ordered(list(vocab.REVIEW_TYPE_LABELS)),
              lambda data, k: vocab.REVIEW_TYPE_LABELS.get(k, k)),
    Dimension("death_category", "Reviews by death category", "reviews", "Death category",
              lambda r: [r.death_category], _ordered(list(vocab.DEATH_CATEGORY_LABELS)),
              lambda data, k: vocab.DEATH_CATEGORY_LABELS.get(k, k)),
    Dimension("stage", "Reviews by stage", "reviews", "Stage",
              lambda r: [r.stage], _ordered([*STAGE_ORDER, Stage.NOT_COMMISSIONED]),
              lambda data, k: vocab.STAGE_LABELS.get(k, k)),
    Dimension("timeliness", f"Timeliness against the {COMPLETION_MONTHS}-month target", "reviews", "Against the target",
              lambda r: [r.timeliness], _ordered(list(TIMELINESS_LABELS)),
              lambda data, k: TIMELINESS_LABELS.get(k, k)),
    Dimension("review_theme", "Top recurring themes (reviews in which each appears)", "reviews", "Theme",
              lambda r: [str(t) for t in r.theme_ids], _by_count, _theme_label, limit=THEMES_SHOWN),
    Dimension("status", "Recommendations by status", "recommendations", "Status",
              lambda r: [r.status], _ordered(list(vocab.STATUS_LABELS)),
              lambda data, k: vocab.STATUS_LABELS.get(k, k)),
    Dimension("agency", "Recommendations by lead agency", "recommendations", "Lead agency",
              lambda r: [str(r.lead_agency_id) if r.lead_agency_id else NO_AGENCY], _by_count,
              _agency_label, limit=AGENCIES_SHOWN),
    Dimension("recommendation_theme", "Recommendations by theme", "recommendations", "Theme",
              lambda r: [str(t) for t in r.theme_ids], _by_count, _theme_label, limit=THEMES_SHOWN),
    Dimension("priority", "Recommendations by the 2024–29 strategy's priorities", "recommendations",
              "Strategy priority",
              lambda r: [str(r.priority) if r.priority in vocab.STRATEGY_PRIORITIES else NOT_MAPPED],
              _ordered([*(str(n) for n in vocab.STRATEGY_PRIORITIES), NOT_MAPPED]),
              _priority_label),
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
    """One breakdown of the dataset's rows, counted once for the dataset."""
    if name not in data.counted:
        data.counted[name] = _counted(data, name)
    return data.counted[name]


def _counted(data: Dataset, name: str) -> Breakdown:
    dimension = DIMENSIONS[name]
    counts: Counter = Counter()
    for row in _rows_of(data, dimension):
        counts.update(dimension.keys(row))
    keys = dimension.order(data, counts)
    left_out = max(0, len(keys) - dimension.limit) if dimension.limit else 0
    if dimension.limit:
        keys = keys[: dimension.limit]
    rows = [Row(k, dimension.label(data, k), counts[k]) for k in keys]
    return Breakdown(dimension.name, dimension.title, dimension.shows, rows, dimension.column, left_out)


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


_LEAD_NAME = select(Agency.name).where(Agency.id == Recommendation.lead_agency_id).correlate(
    Recommendation).scalar_subquery()
_REFERENCE = select(Review.reference).where(Review.id == Recommendation.review_id).correlate(
    Recommendation).scalar_subquery()
REVIEW_SORTING = paging.Sorting(
    columns={"reference": (Review.reference,), "type": (Review.review_type,), "stage": (Review.stage,),
             "notified": (Review.notified_on,), "published": (Review.published,)},
    default=(Review.notified_on.desc(),), tie_breaker=Review.id)
RECOMMENDATION_SORTING = paging.Sorting(
    columns={"review": (_REFERENCE, Recommendation.number_key, Recommendation.position), "lead": (_LEAD_NAME,),
             "target": (Recommendation.target_date,), "status": (Recommendation.status,)},
    default=(Recommendation.target_date.is_(None).asc(), Recommendation.target_date.asc()),
    tie_breaker=Recommendation.id)


def sorting_of(dimension_name: str) -> paging.Sorting:
    return REVIEW_SORTING if DIMENSIONS[dimension_name].shows == "reviews" else RECOMMENDATION_SORTING


def rows_behind(user: User, filters: Filters, dimension_name: str, key: str, today: dt.date | None = None, *,
                number: int = 1, size: int = paging.DEFAULT_SIZE, sort: str | None = None,
                descending: bool = False) -> tuple[Dimension, str, paging.Page]:
    """The reviews or recommendations counted under one number: (dimension, label, a page of them)."""
    data = load(user, filters, today)
    dimension = DIMENSIONS[dimension_name]
    ids = [row.id for row in _rows_of(data, dimension) if key in dimension.keys(row)]
    label = dimension.label(data, key)
    order = sorting_of(dimension_name).order_by(sort, descending)
    if dimension.shows == "reviews":
        found = paging.paginate(select(Review).where(paging.among(Review.id, ids)), number, size, order=order)
    else:
        found = paging.paginate(select(Recommendation).where(paging.among(Recommendation.id, ids)), number, size,
                                order=order, options=(selectinload(Recommendation.review),
                                                      selectinload(Recommendation.lead_agency)))
    return dimension, label, found


def today_or(data: Dataset) -> dt.date:
    return data.today


def financial_years_present() -> list[str]:
    first = db.session.scalar(select(Review.notified_on).order_by(Review.notified_on).limit(1))
    if first is None:
        return []
    return list(reversed(financial_years(first, dt.date.today())))


def ranked_themes(data: Dataset) -> list[tuple[str, int, int]]:
    """Every theme met in the dataset: (name, reviews it appears in, recommendations tagged with
    it), those in most reviews first."""
    reviews: Counter = Counter(t for r in data.reviews for t in r.theme_ids)
    recommendations: Counter = Counter(t for r in data.recommendations for t in r.theme_ids)
    ids = set(reviews) | set(recommendations)
    rows = [(data.themes.get(i, "Unknown theme"), reviews[i], recommendations[i]) for i in ids]
    return sorted(rows, key=lambda row: (-row[1], -row[2], row[0]))
