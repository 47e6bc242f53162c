"""Whether a review is on time: submitted within six calendar months of the decision to
commission it, extended by the days it was paused."""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Iterable, Optional

from .vocab import Stage

TARGET_MONTHS = 6
SUBMITTED_OR_LATER = {Stage.SUBMITTED, Stage.APPROVED, Stage.PUBLISHED, Stage.MONITORING, Stage.CLOSED}



def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def pause_days(pauses: Iterable[tuple[dt.date, Optional[dt.date]]], today: dt.date) -> int:
    return sum(max(((ended or today) - started).days, 0) for started, ended in pauses)


def completion_deadline(decision_on: dt.date, paused_days: int) -> dt.date:
    """Decision date + 6 calendar months, extended by the days the review was paused."""
    return add_months(decision_on, TARGET_MONTHS) + dt.timedelta(days=paused_days)


TIMELINESS_LABELS = {
    "on_time": "Submitted within the target",
    "late_submitted": "Submitted after the target date",
    "late_open": "Past the target date, not yet submitted",
    "within_target": "In progress, within the target",
    "no_decision": "No decision to commission yet",
    "not_commissioned": "Not commissioned",
}


def timeliness(stage: str, decision_on: Optional[dt.date], submitted_on: Optional[dt.date],
               paused: int, today: dt.date) -> str:
    if stage == Stage.NOT_COMMISSIONED:
        return "not_commissioned"
    if decision_on is None:
        return "no_decision"
    deadline = completion_deadline(decision_on, paused)
    if submitted_on is not None or stage in SUBMITTED_OR_LATER:
        if submitted_on is None:  # past the stage but the date was not recorded: judge by today
            return "on_time" if today <= deadline else "late_submitted"
        return "on_time" if submitted_on <= deadline else "late_submitted"
    return "within_target" if today <= deadline else "late_open"
