"""The one rule for when work is overdue or due soon, from its target date and the day asked
about; nothing stores either. Shared by recommendations and their actions."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import and_


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def is_overdue(target_date: Optional[dt.date], closed: bool, today: Optional[dt.date] = None) -> bool:
    today = today or dt.date.today()
    return target_date is not None and not closed and target_date < today


def is_due_soon(target_date: Optional[dt.date], closed: bool, today: Optional[dt.date] = None,
                days: int = 30) -> bool:
    today = today or dt.date.today()
    return target_date is not None and not closed and today <= target_date <= today + dt.timedelta(days=days)


# The same rule inside queries, for lists that filter and count in the database.

def overdue_clause(target_date, closed, today: dt.date):
    """SQL for is_overdue: `target_date` a date column, `closed` a SQL condition."""
    return and_(~closed, target_date < today)


def due_soon_clause(target_date, closed, today: dt.date, days: int = 30):
    """SQL for is_due_soon."""
    return and_(~closed, target_date >= today, target_date <= today + dt.timedelta(days=days))
