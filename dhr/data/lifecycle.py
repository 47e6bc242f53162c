"""A review's stages and its pauses.

Stages move forward one at a time, in the order of the process the partnership follows
(dhr.data.processes), each with the date it was reached: never before the previous stage's date
and never in the future. The deadlines are computed in dhr.data.deadlines (re-exported here)."""
from __future__ import annotations

import datetime as dt

from dhr.dates import add_months, long_date  # noqa: F401  (add_months: as the deadlines count)
from dhr.extensions import db

from . import processes, publishing
from .deadlines import (  # noqa: F401  (the deadlines are asked for here too)
    COMPLETION_MONTHS,
    COMPLETION_NAME,
    COMPLETION_STAGE,
    DECISION_MONTHS,
    SUBMITTED_OR_LATER,
    TIMELINESS_LABELS,
    Deadline,
    Standing,
    completion_deadline,
    completion_due,
    completion_from,
    completion_status,
    days_paused,
    deadlines,
    decision_deadline,
    decision_from,
    is_late,
    is_late_from,
    pause_days,
    paused_days,
    standing,
    timeliness,
)
from .errors import DataError
from .models import Pause, Review
from .vocab import (
    STAGE_DATE_FIELDS,
    STAGE_LABELS,
    STAGE_ORDER,
    PauseReason,
    Stage,
)

# How each stage's date is named in messages: "The date of {phrase} must be ...".
STAGE_EVENTS = {
    Stage.DECISION: "the decision",
    Stage.SCOPING: "the start of the scoping review",
    Stage.SET_UP: "set-up",
    Stage.INFORMATION_GATHERING: "the start of information gathering",
    Stage.DRAFTING: "the start of drafting",
    Stage.SIGN_OFF: "partnership sign-off",
    Stage.SUBMITTED: "submission to the Home Office",
    Stage.APPROVED: "approval",
    Stage.PUBLISHED: "publication",
    Stage.MONITORING: "the start of monitoring",
    Stage.CLOSED: "closure",
}


class LifecycleError(DataError):
    """A plain reason a stage move or pause cannot be recorded."""


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


# --- stages -------------------------------------------------------------------------------

def stage_date(review: Review, stage: str) -> dt.date | None:
    return getattr(review, STAGE_DATE_FIELDS[Stage(stage)])


def next_stage(review: Review, process: processes.Process | None = None) -> Stage | None:
    """The next stage of the partnership's process."""
    return (process or processes.current()).next_stage(review.stage)


def latest_date(review: Review) -> dt.date:
    """The date of the stage the review is at now (the floor for the next move)."""
    if review.stage == Stage.NOT_COMMISSIONED:
        return review.decision_on or review.notified_on
    return stage_date(review, review.stage) or review.notified_on


def _check_date(review: Review, on: dt.date | None, what: str, today: dt.date) -> dt.date:
    if on is None:
        raise LifecycleError(f"Enter the date of {what}", "on")
    if on > today:
        raise LifecycleError(f"The date of {what} must be today or in the past", "on")
    floor = latest_date(review)
    if on < floor:
        current = STAGE_LABELS[Stage(review.stage)].lower()
        raise LifecycleError(f"The date of {what} must be on or after the date of the current stage "
                             f"({current}, {long_date(floor)})", "on")
    return on


def advance(review: Review, to_stage: str, on: dt.date | None, today: dt.date | None = None) -> None:
    """Move the review to the next stage, recording the date it was reached."""
    today = _today(today)
    try:
        target = Stage(to_stage)
    except ValueError:
        raise LifecycleError("Choose the stage the review has reached", "on") from None
    expected = next_stage(review)
    if expected is None:
        reached = STAGE_LABELS[Stage(review.stage)].lower()
        raise LifecycleError(f"The review is {reached}: it has no further stage", "on")
    if target != expected:
        raise LifecycleError(f"The next stage is {STAGE_LABELS[expected].lower()}: stages are recorded in order, "
                             "one at a time", "on")
    if review.is_paused:
        raise LifecycleError("The review is paused: record the end of the pause before moving it on", "on")
    on = _check_date(review, on, STAGE_EVENTS[target], today)
    refusal = publishing.refusal(review) if target == Stage.PUBLISHED else None
    if refusal:
        raise LifecycleError(refusal, "on")
    setattr(review, STAGE_DATE_FIELDS[target], on)
    review.stage = target
    if target == Stage.PUBLISHED:
        review.published = True
    db.session.flush()


def not_commissioned(review: Review, on: dt.date | None, reason: str, today: dt.date | None = None) -> None:
    """Record the decision not to commission a review, with its reason."""
    today = _today(today)
    if review.stage != Stage.NOTIFIED:
        raise LifecycleError("A decision not to commission can only be recorded for a review at notification", "on")
    if not (reason or "").strip():
        raise LifecycleError("Enter the reason the review was not commissioned", "reason")
    on = _check_date(review, on, "the decision", today)
    review.decision_on = on
    review.decision_reason = reason.strip()
    review.stage = Stage.NOT_COMMISSIONED
    db.session.flush()


def commission(review: Review, on: dt.date | None, reason: str, home_office_notified_on: dt.date | None,
               today: dt.date | None = None) -> None:
    """Record the decision to commission a review: its date and reason, and when the Home
    Office was told (on or after the decision, and not in the future)."""
    today = _today(today)
    advance(review, Stage.DECISION, on, today)
    review.decision_reason = (reason or "").strip()
    if home_office_notified_on:
        if home_office_notified_on < review.decision_on:
            raise LifecycleError("The date the Home Office was told must be on or after the decision date",
                                 "home_office_notified_on")
        if home_office_notified_on > today:
            raise LifecycleError("The date the Home Office was told must be today or in the past",
                                 "home_office_notified_on")
        review.home_office_notified_on = home_office_notified_on
    db.session.flush()


# --- pauses -------------------------------------------------------------------------------

def start_pause(review: Review, started_on: dt.date | None, reason: str, note: str = "",
                today: dt.date | None = None) -> Pause:
    today = _today(today)
    if reason not in set(PauseReason):
        raise LifecycleError("Choose why the review is paused", "reason")
    if review.stage in (Stage.NOTIFIED, Stage.NOT_COMMISSIONED) or Stage(review.stage) in STAGE_ORDER[
        STAGE_ORDER.index(Stage.PUBLISHED):
    ]:
        raise LifecycleError("Only a commissioned review that is not yet published can be paused", "reason")
    if review.is_paused:
        raise LifecycleError("The review is already paused: end that pause first", "reason")
    if started_on is None:
        raise LifecycleError("Enter the date the pause started", "started_on")
    if started_on > today:
        raise LifecycleError("The date the pause started must be today or in the past", "started_on")
    if review.decision_on and started_on < review.decision_on:
        raise LifecycleError("The pause must start on or after the decision date", "started_on")
    for pause in review.pauses:
        if pause.ended_on and started_on < pause.ended_on:
            raise LifecycleError("The pause must start on or after the end of the previous pause", "started_on")
    pause = Pause(review=review, started_on=started_on, reason=reason, note=(note or "").strip())
    db.session.add(pause)
    db.session.flush()
    return pause


def end_pause(review: Review, ended_on: dt.date | None, today: dt.date | None = None) -> Pause:
    today = _today(today)
    pause = review.open_pause
    if pause is None:
        raise LifecycleError("The review is not paused", "ended_on")
    if ended_on is None:
        raise LifecycleError("Enter the date the pause ended", "ended_on")
    if ended_on > today:
        raise LifecycleError("The date the pause ended must be today or in the past", "ended_on")
    if ended_on < pause.started_on:
        raise LifecycleError("The date the pause ended must be on or after the date it started", "ended_on")
    pause.ended_on = ended_on
    db.session.flush()
    return pause


