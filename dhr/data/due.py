"""The one rule for when work is overdue or due soon, from its target date and the day asked
about, and for when open work has gone quiet (no update in STALE_AFTER_DAYS days); nothing
stores any of them. Shared by recommendations and their actions."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import and_

# Open work with no update for this many days has gone quiet.
STALE_AFTER_DAYS = 90


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def is_overdue(target_date: Optional[dt.date], closed: bool, today: Optional[dt.date] = None) -> bool:
    today = today or dt.date.today()
    return target_date is not None and not closed and target_date < today


def is_due_soon(target_date: Optional[dt.date], closed: bool, today: Optional[dt.date] = None,
                days: int = 30) -> bool:
    today = today or dt.date.today()
    return target_date is not None and not closed and today <= target_date <= today + dt.timedelta(days=days)


def _quiet_since(today: dt.date, days: int) -> dt.datetime:
    """The moment before which the last word on open work makes it quiet: the start of the day
    `days` days before `today`."""
    return dt.datetime.combine(today - dt.timedelta(days=days), dt.time())


def is_stale(last_activity: Optional[dt.datetime], closed: bool, today: Optional[dt.date] = None,
             days: int = STALE_AFTER_DAYS) -> bool:
    """Open, with no update in `days` days. `last_activity` is the last update, or when the work
    was given if it has none."""
    today = today or dt.date.today()
    return last_activity is not None and not closed and last_activity < _quiet_since(today, days)


# The same rule inside queries, for lists that filter and count in the database.

def overdue_clause(target_date, closed, today: dt.date):
    """SQL for is_overdue: `target_date` a date column, `closed` a SQL condition."""
    return and_(~closed, target_date < today)


def due_soon_clause(target_date, closed, today: dt.date, days: int = 30):
    """SQL for is_due_soon."""
    return and_(~closed, target_date >= today, target_date <= today + dt.timedelta(days=days))


def stale_clause(last_activity, closed, today: dt.date, days: int = STALE_AFTER_DAYS):
    """SQL for is_stale: `last_activity` a datetime expression, `closed` a SQL condition."""
    return and_(~closed, last_activity < _quiet_since(today, days))
