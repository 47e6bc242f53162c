"""The board paper's figures: the period against the one before and the same one a year earlier,
each agency's rating (red, amber, green), overdue actions by how long they have been overdue,
and what changed in the period.

The paper reports on a period (the filters' dates; without them, the financial quarter so far).
Counts of work done in a period are by the date it happened: a recommendation by when it was
recorded, an action's completion by its date of completion, its verification by when it was
marked verified (the audit record), a review's publication by its publication date. Counts at
the end of a period (open, overdue) read each action as it stood then: opened by then and not
yet closed (closed by its date of completion, else when it was last changed), against its
current target date. An action shared with an action of a linked review (the same work, in a
parallel SAR or CSPR kept in the service) is counted once."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dhr import dates
from dhr.extensions import db

from . import national as national_answers
from . import parallel, policy, vocab
from .due import is_overdue
from .figure_data import Filters, review_query
from .models import Action, Agency, AuditEvent, Recommendation, Review, User

# ---------------------------------------------------------------- the rules the paper states

# How long an action has been overdue, in calendar months past its target date.
AGE_BANDS = (("Up to 3 months", 0), ("3 to 6 months", 3), ("6 to 12 months", 6), ("Over 12 months", 12))
RED_AFTER_MONTHS = 3
RED_SHARE = 0.25
RAG_RULE = (f"Red: an action overdue by more than {RED_AFTER_MONTHS} months, or more than a quarter of the "
            "agency's open actions overdue. Amber: any other overdue action. Green: no overdue action.")
NO_AGENCY = "No lead agency"


def age_band(target_date: dt.date, on: dt.date) -> str:
    """The band of an action overdue on `on`: the last band whose months it has passed."""
    found = AGE_BANDS[0][0]
    for label, months in AGE_BANDS[1:]:
        if target_date < dates.add_months(on, -months):
            found = label
    return found


def rating(open_count: int, overdue_count: int, long_overdue: int) -> str:
    """"red", "amber" or "green", by RAG_RULE."""
    if long_overdue or (open_count and overdue_count / open_count > RED_SHARE):
        return "red"
    return "amber" if overdue_count else "green"


# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        first, last = dates.financial_quarter(self.start)
        if self.start == first and self.end <= last:
            return dates.quarter_label(self.start) + ("" if self.end == last else f" to {dates.short_date(self.end)}")
        return f"{dates.long_date(self.start)} to {dates.long_date(self.end)}"

    def holds(self, day: Optional[dt.date]) -> bool:
        return day is not None and self.start <= day <= self.end


def paper_period(filters: Filters, today: dt.date) -> Period:
    """The filters' dates (never past today); without them, the financial quarter so far."""
    if not (filters.start or filters.end):
        return Period(dates.financial_quarter(today)[0], today)
    end = min(filters.end or today, today)
    start = filters.start or dates.financial_quarter(end)[0]
    return Period(start, max(start, end))


# ---------------------------------------------------------------- rows read


@dataclass
class ActionRow:
    id: int
    recommendation_id: int
    review_id: int
    lead_agency_id: Optional[int]
    target_date: Optional[dt.date]
    opened_on: dt.date
    closed_on: Optional[dt.date]
    completed_on: Optional[dt.date]
    recommended_on: dt.date

    def open_on(self, day: dt.date) -> bool:
        return self.opened_on <= day and not (self.closed_on and self.closed_on <= day)

    def overdue_on(self, day: dt.date) -> bool:
        return self.open_on(day) and is_overdue(self.target_date, False, day)


def _action_rows(user: User, filters: Filters) -> list[ActionRow]:
    query = (select(Action.id, Action.recommendation_id, Recommendation.review_id, Action.lead_agency_id,
                    Action.target_date, Action.status, Action.created_at, Action.updated_at, Action.completed_on,
                    Recommendation.created_at.label("recommended_at"), Action.shared_with_id)
             .join(Recommendation, Recommendation.id == Action.recommendation_id))
    query = policy.actions_visible_to(user, query)
    if filters.agency_id:
        query = policy.actions_led_by(query, filters.agency_id)
    rows = []
    found = list(db.session.execute(query))
    counted = parallel.counted_once({r.id: r.shared_with_id for r in found})
    for r in (r for r in found if r.id in counted):
        closed = (r.completed_on or r.updated_at.date()) if r.status in vocab.CLOSED_STATUSES else None
        rows.append(ActionRow(r.id, r.recommendation_id, r.review_id, r.lead_agency_id, r.target_date,
                              r.created_at.date(), closed, r.completed_on, r.recommended_at.date()))
    return rows


def _verified_on(actions: list[ActionRow], since: dt.date) -> dict[int, list[dt.date]]:
    """The days each action was marked verified, on or after `since`, from the audit record. An
    action recorded as verified already (an imported plan) counts on its date of completion."""
    by_id = {a.id: a for a in actions}
    found: dict[int, list[dt.date]] = defaultdict(list)
    for entity_id, at, kind, changes in db.session.execute(
        select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.action, AuditEvent.changes)
        .where(AuditEvent.entity_type == Action.__tablename__, AuditEvent.action.in_(("create", "update")),
               AuditEvent.at >= dt.datetime.combine(since, dt.time()))
    ):
        status = (changes or {}).get("status")
        became = status.get("to") if isinstance(status, dict) else status
        if became != vocab.Status.VERIFIED or entity_id not in by_id:
            continue
        day = by_id[entity_id].completed_on if kind == "create" else at.date()
        if day is not None:
            found[entity_id].append(day)
    return found


def _review_dates(user: User, filters: Filters) -> list[tuple[dt.date, Optional[dt.date]]]:
    """(notified, published) of each review the paper counts (with an agency: those it took part in)."""
    ids = review_query(user, Filters(agency_id=filters.agency_id)).scalar_subquery()
    return list(db.session.execute(select(Review.notified_on, Review.published_on).where(Review.id.in_(ids))))


# ---------------------------------------------------------------- the figures


@dataclass
class Measures:
    """One period's figures: work done in it, and open and overdue actions at its end."""

    period: Period
    reviews_notified: int = 0
    reviews_published: int = 0
    recommendations_made: int = 0
    actions_completed: int = 0
    actions_verified: int = 0
    open_actions: int = 0
    overdue_actions: int = 0


MEASURES = (("reviews_notified", "Reviews notified"), ("reviews_published", "Reviews published"),
            ("recommendations_made", "Recommendations made"), ("actions_completed", "Actions completed"),
            ("actions_verified", "Actions verified"), ("open_actions", "Open actions at the end of the period"),
            ("overdue_actions", "Overdue actions at the end of the period"))


@dataclass
class AgencyRating:
    name: str
    open_count: int
    overdue_count: int
    long_overdue: int
    oldest_target: Optional[dt.date]
    rag: str = ""
    action_ids: list[int] = field(default_factory=list)

    @property
    def rag_label(self) -> str:
        return self.rag.capitalize()


@dataclass
class BoardPaper:
    today: dt.date
    period: Period
    current: Measures
    previous: Measures
    year_before: Measures
    ratings: list[AgencyRating]
    bands: list[tuple[str, int]]
    # National recommendations by the national body's answer, in the Commissioner's categories
    # (the partnership's paper; a paper for one agency leaves it out).
    national: dict[str, int] = field(default_factory=dict)

    @property
    def comparison(self) -> list[tuple[str, int, int, int]]:
        return [(label, getattr(self.current, name), getattr(self.previous, name), getattr(self.year_before, name))
                for name, label in MEASURES]

    def rated(self, rag: str) -> list[AgencyRating]:
        return [r for r in self.ratings if r.rag == rag]


def _measures(period: Period, actions: list[ActionRow], verified: dict, reviews: list) -> Measures:
    return Measures(
        period,
        reviews_notified=sum(1 for notified, _ in reviews if period.holds(notified)),
        reviews_published=sum(1 for _, published in reviews if period.holds(published)),
        recommendations_made=len({a.recommendation_id for a in actions if period.holds(a.recommended_on)}),
        actions_completed=sum(1 for a in actions if period.holds(a.completed_on)),
        actions_verified=sum(1 for a in actions if any(period.holds(d) for d in verified.get(a.id, ()))),
        open_actions=sum(1 for a in actions if a.open_on(period.end)),
        overdue_actions=sum(1 for a in actions if a.overdue_on(period.end)),
    )


def _ratings(actions: list[ActionRow], on: dt.date, names: dict[int, str]) -> list[AgencyRating]:
    by_agency: dict[Optional[int], list[ActionRow]] = defaultdict(list)
    for action in actions:
        if action.open_on(on):
            by_agency[action.lead_agency_id].append(action)
    ratings = []
    for agency_id, open_actions in by_agency.items():
        overdue = sorted((a for a in open_actions if a.overdue_on(on)), key=lambda a: (a.target_date, a.id))
        long_overdue = sum(1 for a in overdue if a.target_date < dates.add_months(on, -RED_AFTER_MONTHS))
        found = AgencyRating(names.get(agency_id, NO_AGENCY), len(open_actions), len(overdue), long_overdue,
                             overdue[0].target_date if overdue else None, action_ids=[a.id for a in overdue])
        found.rag = rating(found.open_count, found.overdue_count, found.long_overdue)
        ratings.append(found)
    order = {"red": 0, "amber": 1, "green": 2}
    return sorted(ratings, key=lambda r: (order[r.rag], -r.overdue_count, r.name))


def board_paper(user: User, filters: Filters, today: dt.date | None = None) -> BoardPaper:
    """The paper's figures for what `user` may see (with an agency: the actions it leads)."""
    today = today or dt.date.today()
    period = paper_period(filters, today)
    previous = Period(*dates.previous_period(period.start, period.end))
    year_before = Period(*dates.year_earlier(period.start, period.end))
    actions = _action_rows(user, filters)
    verified = _verified_on(actions, min(previous.start, year_before.start))
    reviews = _review_dates(user, filters)
    names = dict(db.session.execute(select(Agency.id, Agency.name)).all())
    overdue = [a for a in actions if a.overdue_on(period.end)]
    bands = {label: 0 for label, _ in AGE_BANDS}
    for action in overdue:
        bands[age_band(action.target_date, period.end)] += 1
    return BoardPaper(
        today, period, _measures(period, actions, verified, reviews), _measures(previous, actions, verified, reviews),
        _measures(year_before, actions, verified, reviews), _ratings(actions, period.end, names), list(bands.items()),
        national_answers.counts(period.end) if filters.agency_id is None and policy.is_partnership(user) else {},
    )


# ---------------------------------------------------------------- the overdue list (an appendix)

# The list is bounded: each agency's longest overdue actions, for the agencies with most overdue.
OVERDUE_PER_AGENCY = 5
AGENCIES_LISTED = 12
# Ratings listed in the appendix (red first); the rest are counted by rating.
RATINGS_LISTED = 60


@dataclass
class OverdueGroup:
    rating: AgencyRating
    actions: list[Action]

    @property
    def not_listed(self) -> int:
        return self.rating.overdue_count - len(self.actions)


def overdue_groups(paper: BoardPaper) -> tuple[list[OverdueGroup], list[AgencyRating]]:
    """The agencies with overdue actions, most overdue first: the first AGENCIES_LISTED with their
    longest overdue actions, and the rest (counted, not listed)."""
    with_overdue = sorted((r for r in paper.ratings if r.overdue_count),
                          key=lambda r: (-r.overdue_count, r.oldest_target, r.name))
    listed, rest = with_overdue[:AGENCIES_LISTED], with_overdue[AGENCIES_LISTED:]
    ids = [i for r in listed for i in r.action_ids[:OVERDUE_PER_AGENCY]]
    found = {a.id: a for a in db.session.scalars(
        select(Action).where(Action.id.in_(ids))
        .options(selectinload(Action.recommendation).selectinload(Recommendation.review)))} if ids else {}
    return [OverdueGroup(r, [found[i] for i in r.action_ids[:OVERDUE_PER_AGENCY]]) for r in listed], rest
