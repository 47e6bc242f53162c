"""Actions as listed by what they need now: the one place each need's condition is written, so
that the count a home page shows and the list its link opens are the same query.

Overdue, due soon and gone quiet are the rules of dhr.data.due; which actions a person may see
is the access policy's (dhr.data.policy). Each need is a SQL condition over Action."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from dhr.extensions import db

from . import paging, policy
from .action_models import Action, TargetDateChange
from .due import STALE_AFTER_DAYS, due_soon_clause, overdue_clause, stale_clause
from .models import Recommendation, RecommendationUpdate, Review, User
from .plan_rows import DUE_SOON_DAYS
from .progress import today as default_today
from .vocab import CLOSED_STATUSES, Assessment

NEW_DAYS = 14
# What an action may need, by the name its list's `need` filter takes, in plain words.
NEEDS = {
    "answer": "Updates the partnership challenged or asked more evidence for",
    "overdue": "Overdue",
    "due-soon": f"Due within {DUE_SOON_DAYS} days",
    "quiet": f"Open with no update in {STALE_AFTER_DAYS} days",
    "new": f"Newly assigned (in the last {NEW_DAYS} days)",
    "date-change": "Target date changes waiting for acceptance",
}
# The needs an agency's home page counts, in its order.
AGENCY_NEEDS = ("answer", "overdue", "due-soon", "quiet", "new")

# An action whose work has ended (it is never overdue), as a condition in SQL.
ACTION_CLOSED = Action.status.in_(sorted(CLOSED_STATUSES))
_LAST_UPDATE = select(func.max(RecommendationUpdate.created_at)).where(
    RecommendationUpdate.action_id == Action.id).correlate(Action).scalar_subquery()
_ASKED_AGAIN = (Assessment.CHALLENGED, Assessment.MORE_EVIDENCE)


def _awaiting_answer():
    """The action's latest update was challenged, or more evidence was asked for, and the agency
    has posted nothing since."""
    later = aliased(RecommendationUpdate)
    update = RecommendationUpdate
    newer = exists().where(later.action_id == update.action_id, or_(
        later.created_at > update.created_at, and_(later.created_at == update.created_at, later.id > update.id)))
    return Action.id.in_(select(update.action_id).where(update.assessment.in_(_ASKED_AGAIN), ~newer))


def _waiting_date_change():
    return Action.id.in_(select(TargetDateChange.action_id).where(TargetDateChange.decision == "pending"))


def _newly_assigned(on: dt.date):
    since = dt.datetime.combine(on - dt.timedelta(days=NEW_DAYS), dt.time())
    return and_(~ACTION_CLOSED, Action.lead_agency_id.is_not(None), Action.assigned_at >= since)


def need_clause(name: str, on: dt.date):
    """The SQL condition for one of NEEDS on the day `on`."""
    if name == "answer":
        return _awaiting_answer()
    if name == "overdue":
        return overdue_clause(Action.target_date, ACTION_CLOSED, on)
    if name == "due-soon":
        return due_soon_clause(Action.target_date, ACTION_CLOSED, on, DUE_SOON_DAYS)
    if name == "quiet":
        return stale_clause(func.coalesce(_LAST_UPDATE, Action.assigned_at, Action.created_at), ACTION_CLOSED, on)
    if name == "new":
        return _newly_assigned(on)
    if name == "date-change":
        return _waiting_date_change()
    raise ValueError(f"unknown need {name!r}")


# --- Whose actions ----------------------------------------------------------------------------

def led_by(agency_id: int):
    """The actions an agency leads (a query over Action)."""
    return policy.actions_led_by(select(Action), agency_id)


def visible_to(user: User):
    """The actions a user may see (a query over Action)."""
    return policy.actions_visible_to(user, select(Action))


# --- Counts and lists -------------------------------------------------------------------------

def counts(query, names: Iterable[str], on: Optional[dt.date] = None) -> dict[str, int]:
    """How many actions of `query` have each need: one aggregate query, never a loop over rows."""
    on = on or default_today()
    names = list(names)
    columns = [func.coalesce(func.sum(case((need_clause(n, on), 1), else_=0)), 0) for n in names]
    found = db.session.execute(query.order_by(None).with_only_columns(*columns, maintain_column_froms=True)).one()
    return {name: int(value) for name, value in zip(names, found, strict=True)}


def filtered(query, need: str, on: Optional[dt.date] = None):
    """`query` narrowed to the actions with `need` (one of NEEDS; "" keeps them all)."""
    return query.where(need_clause(need, on or default_today())) if need else query


_REFERENCE = select(Review.reference).join(Recommendation, Recommendation.review_id == Review.id).where(
    Recommendation.id == Action.recommendation_id).correlate(Action).scalar_subquery()
# Open work first, soonest target date first (none last).
SORTING = paging.Sorting(
    columns={"review": (_REFERENCE, Action.recommendation_id, Action.position), "status": (Action.status,),
             "target": (Action.target_date,), "updated": (_LAST_UPDATE,)},
    default=(ACTION_CLOSED.asc(), Action.target_date.is_(None).asc(), Action.target_date.asc()),
    tie_breaker=Action.id,
)
# What a listed action shows, loaded beside the page's rows.
_SHOWN = (
    selectinload(Action.recommendation).selectinload(Recommendation.review),
    selectinload(Action.lead_agency),
    selectinload(Action.updates),
    selectinload(Action.date_changes),
)


def page_of(query, need: str = "", *, number: int = 1, size: int = paging.DEFAULT_SIZE, sort: Optional[str] = None,
            descending: bool = False, on: Optional[dt.date] = None) -> paging.Page:
    """A page of the actions of `query` (already limited by the access policy) with `need`."""
    return paging.paginate(filtered(query, need, on), number, size, order=SORTING.order_by(sort, descending),
                           options=_SHOWN)
