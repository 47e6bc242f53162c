"""A review's timeline as its page shows it: the stages reached, the Home Office's letters,
the family's sight of the draft, and each pause (its notes only for those who may see them)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .lifecycle import pause_days, stage_date
from .models import Review
from .vocab import PAUSE_REASON_LABELS, STAGE_LABELS, STAGE_ORDER, Stage


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    title: str
    detail: str = ""


def of_review(review: Review, today: dt.date | None = None, include_notes: bool = True,
              include_reason: bool = True) -> list[TimelineEntry]:
    """Every dated event, oldest first; pause notes only with `include_notes` (the policy's
    may_see_pause_notes) and the decision reason only with `include_reason` (its
    may_see_decision_reason)."""
    entries: list[TimelineEntry] = []
    for stage in STAGE_ORDER:
        on = stage_date(review, stage)
        if on is None:
            continue
        detail = ""
        if stage == Stage.DECISION and review.stage == Stage.NOT_COMMISSIONED:
            continue
        entries.append(TimelineEntry(on, STAGE_LABELS[stage], detail))
    if review.stage == Stage.NOT_COMMISSIONED and review.decision_on:
        entries.append(TimelineEntry(review.decision_on, "Not commissioned",
                                     review.decision_reason if include_reason else ""))
    extras = (
        ("home_office_notified_on", "Home Office told of the decision"),
        ("family_saw_draft_on", "Family saw the draft report"),
        ("resubmission_requested_on", "Home Office asked for resubmission"),
    )
    for field, title in extras:
        on = getattr(review, field)
        if on:
            entries.append(TimelineEntry(on, title))
    for pause in review.pauses:
        reason = PAUSE_REASON_LABELS.get(pause.reason, pause.reason)
        note = f" {pause.note}" if include_notes and pause.note else ""
        entries.append(TimelineEntry(pause.started_on, "Paused", f"{reason}.{note}"))
        if pause.ended_on:
            entries.append(TimelineEntry(pause.ended_on, "Pause ended", f"{pause_days(pause)} days paused ({reason})"))
    return sorted(entries, key=lambda e: e.on)
