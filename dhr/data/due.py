"""The one rule for when work is overdue or due soon, from its target date and the day asked
about; nothing stores either. Shared by recommendations and their actions."""
from __future__ import annotations

import datetime as dt
from typing import Optional


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def is_overdue(target_date: Optional[dt.date], closed: bool, today: Optional[dt.date] = None) -> bool:
    today = today or dt.date.today()
    return target_date is not None and not closed and target_date < today


def is_due_soon(target_date: Optional[dt.date], closed: bool, today: Optional[dt.date] = None,
                days: int = 30) -> bool:
    today = today or dt.date.today()
    return target_date is not None and not closed and today <= target_date <= today + dt.timedelta(days=days)
