"""A review's statutory stages, its pauses and its deadlines.

Stages move forward one at a time, each with the date it was reached: never before the
previous stage's date and never in the future. The decision is due within one calendar
month of notification. The review is complete when it is submitted to the Home Office Quality
Assurance Panel: that is due six calendar months after the decision, extended by the days the
review was paused (an open pause counts up to today). This module is the one place that rule
is computed: the review page, the reviews list, the dashboard and the board report all ask it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dhr.dates import add_months, long_date
from dhr.extensions import db
from dhr.wording import counted

from . import publishing
from .errors import DataError
from .models import Pause, Review
from .vocab import (
    STAGE_DATE_FIELDS,
    STAGE_LABELS,
    STAGE_ORDER,
    PauseReason,
    Stage,
)

DECISION_MONTHS = 1
COMPLETION_MONTHS = 6
# Completion means the review was submitted to the Home Office Quality Assurance Panel.
COMPLETION_STAGE = Stage.SUBMITTED
# A review at one of these stages has been submitted, whether or not the date was recorded.
SUBMITTED_OR_LATER = frozenset(STAGE_ORDER[STAGE_ORDER.index(COMPLETION_STAGE):])


# How each stage's date is named in messages: "The date of {phrase} must be ...".
STAGE_EVENTS = {
    Stage.DECISION: "the decision",
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


def next_stage(review: Review) -> Stage | None:
    if review.stage == Stage.NOT_COMMISSIONED:
        return None
    position = STAGE_ORDER.index(Stage(review.stage))
    return STAGE_ORDER[position + 1] if position + 1 < len(STAGE_ORDER) else None


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


def pause_days(pause: Pause, today: dt.date | None = None) -> int:
    return days_paused([(pause.started_on, pause.ended_on)], today)


def days_paused(spans, today: dt.date | None = None) -> int:
    """Days paused over (started_on, ended_on) spans; an open pause (no end) counts up to today."""
    today = _today(today)
    return sum(max(0, ((ended or today) - started).days) for started, ended in spans)


def paused_days(review: Review, today: dt.date | None = None) -> int:
    return days_paused([(p.started_on, p.ended_on) for p in review.pauses], today)


# --- deadlines ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Deadline:
    """A deadline and where it stands. `finished` says it was met even if the date of meeting it
    was not recorded (then it is judged as if met today)."""

    name: str
    due: dt.date
    met_on: dt.date | None
    today: dt.date
    extended_by: int = 0
    finished: bool = False

    @property
    def is_met(self) -> bool:
        return self.met_on is not None or self.finished

    @property
    def days_late(self) -> int:
        """Days beyond the deadline: when met, how late it was met; otherwise how late it is now."""
        end = self.met_on or self.today
        return max(0, (end - self.due).days)

    @property
    def is_late(self) -> bool:
        return self.days_late > 0

    @property
    def status(self) -> str:
        if self.is_met:
            return "met late" if self.is_late else "met"
        return "overdue" if self.is_late else "due"

    @property
    def plain(self) -> str:
        """The deadline in plain words, e.g. 'Met 12 days late' or 'Due in 3 weeks'."""
        if self.is_met and self.met_on is None:
            return "Met late (the date was not recorded)" if self.is_late else "Met (the date was not recorded)"
        if self.met_on:
            if self.is_late:
                return f"Met {_duration(self.days_late)} late, on {long_date(self.met_on)}"
            early = (self.due - self.met_on).days
            return f"Met on time, on {long_date(self.met_on)}" + (f" ({_duration(early)} early)" if early else "")
        if self.is_late:
            return f"{_duration(self.days_late).capitalize()} late: it was due on {long_date(self.due)}"
        left = (self.due - self.today).days
        if left == 0:
            return "Due today"
        return f"Due in {_duration(left)}, on {long_date(self.due)}"


def _duration(days: int) -> str:
    if days < 14:
        return counted(days, "day")
    if days < 61:
        weeks = days // 7
        return f"{weeks} weeks"
    months = round(days / 30.44)
    return f"{months} months"


def decision_deadline(review: Review, today: dt.date | None = None) -> Deadline:
    return decision_from(review.notified_on, review.decision_on, _today(today))


def decision_from(notified_on: dt.date, decision_on: dt.date | None, today: dt.date) -> Deadline:
    """The decision deadline from the plain columns: a month after notification."""
    return Deadline(name="Decision whether to commission", due=add_months(notified_on, DECISION_MONTHS),
                    met_on=decision_on, today=today)


COMPLETION_NAME = "Completion (submission to the Home Office)"


def completion_due(decision_on: dt.date, paused: int) -> dt.date:
    """The completion target: the decision date + 6 calendar months + the days paused."""
    return add_months(decision_on, COMPLETION_MONTHS) + dt.timedelta(days=paused)


def completion_from(stage: str, decision_on: dt.date | None, submitted_on: dt.date | None,
                    paused: int, today: dt.date) -> Deadline | None:
    """The completion deadline from the plain columns: met by submission to the Home Office;
    None if the review was not commissioned or is not yet decided."""
    if decision_on is None or stage == Stage.NOT_COMMISSIONED:
        return None
    return Deadline(
        name=COMPLETION_NAME,
        due=completion_due(decision_on, paused),
        met_on=submitted_on,
        today=today,
        extended_by=paused,
        finished=stage in SUBMITTED_OR_LATER,
    )


def completion_deadline(review: Review, today: dt.date | None = None) -> Deadline | None:
    """Six months after the decision to submission, extended by the pauses (see `completion_from`)."""
    today = _today(today)
    return completion_from(review.stage, review.decision_on, review.submitted_on,
                           paused_days(review, today), today)


TIMELINESS_LABELS = {
    "on_time": "Submitted within the target",
    "late_submitted": "Submitted after the target date",
    "late_open": "Past the target date, not yet submitted",
    "within_target": "In progress, within the target",
    "no_decision": "No decision to commission yet",
    "not_commissioned": "Not commissioned",
}


def timeliness(stage: str, decision_on: dt.date | None, submitted_on: dt.date | None,
               paused: int, today: dt.date) -> str:
    """Where a review stands against the completion target: one of TIMELINESS_LABELS."""
    if stage == Stage.NOT_COMMISSIONED:
        return "not_commissioned"
    deadline = completion_from(stage, decision_on, submitted_on, paused, today)
    if deadline is None:
        return "no_decision"
    if deadline.is_met:
        return "late_submitted" if deadline.is_late else "on_time"
    return "late_open" if deadline.is_late else "within_target"


def completion_status(review: Review, today: dt.date | None = None) -> str:
    """`timeliness` for a loaded review."""
    today = _today(today)
    return timeliness(review.stage, review.decision_on, review.submitted_on, paused_days(review, today), today)


def deadlines(review: Review, today: dt.date | None = None) -> list[Deadline]:
    found = [decision_deadline(review, today)]
    completion = completion_deadline(review, today)
    if completion:
        found.append(completion)
    return found


def is_late(review: Review, today: dt.date | None = None) -> bool:
    """Late against the completion target (submitted late, or past it and not submitted). Before a
    decision is made, or when the review was not commissioned, judged by the decision deadline."""
    today = _today(today)
    return is_late_from(review.stage, review.notified_on, review.decision_on, review.submitted_on,
                        paused_days(review, today), today)


def is_late_from(stage: str, notified_on: dt.date, decision_on: dt.date | None, submitted_on: dt.date | None,
                 paused: int, today: dt.date) -> bool:
    """`is_late` from the plain columns (for lists that must not load whole reviews)."""
    status = timeliness(stage, decision_on, submitted_on, paused, today)
    if status in ("no_decision", "not_commissioned"):
        return decision_from(notified_on, decision_on, today).is_late
    return status in ("late_submitted", "late_open")


@dataclass(frozen=True)
class Standing:
    """A review's lateness for a list: `colour` is a GOV.UK tag colour. Only an open review past
    due is red; a submitted review says in neutral words how it finished."""

    text: str
    colour: str
    late: bool


def standing(review: Review, today: dt.date | None = None) -> Standing:
    late = is_late(review, today)
    completion = completion_deadline(review, today)
    if completion is not None and completion.is_met:
        if not late:
            return Standing("Submitted on time", "grey", False)
        if completion.met_on is None:
            return Standing("Submitted after the target date", "grey", True)
        days = completion.days_late
        return Standing(f"Submitted {counted(days, 'day')} after the target date", "grey", True)
    if review.stage == Stage.NOT_COMMISSIONED:
        return Standing("Not commissioned", "grey", late)
    return Standing("Late", "red", True) if late else Standing("On time", "green", False)
