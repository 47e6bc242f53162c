"""A review's deadlines and where they stand, computed from the deadline rules of the process the
partnership follows (dhr.data.processes): a rule's due date is its starting date plus its
calendar months, plus, where pauses count, the days the review was paused before the deadline
was met (an open pause counts up to today). This module is the one place those rules are
computed: the review page, the reviews list, the dashboard, the board report and the exports ask it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dhr.dates import add_months, long_date
from dhr.wording import counted

from . import processes
from .models import Pause, Review
from .processes import DeadlineRule
from .vocab import STAGE_ORDER, Stage

DECISION_MONTHS = processes.DEFAULT.rule(processes.DECISION).months
COMPLETION_MONTHS = processes.DEFAULT.completion.months
# Completion means the review was submitted to the Home Office Quality Assurance Panel.
COMPLETION_STAGE = processes.DEFAULT.completion.met_at
# A review at one of these stages has been submitted, whether or not the date was recorded.
SUBMITTED_OR_LATER = frozenset(STAGE_ORDER[STAGE_ORDER.index(COMPLETION_STAGE):])
COMPLETION_NAME = processes.DEFAULT.completion.name


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


# --- pauses -------------------------------------------------------------------------------

def days_paused(spans, today: dt.date | None = None, until: dt.date | None = None) -> int:
    """Days paused over (started_on, ended_on) spans; an open pause (no end) counts up to today.
    With `until` (the day a deadline was met), only the days paused before it count."""
    today = _today(today)
    total = 0
    for started, ended in spans:
        end = ended or today
        if until is not None:
            end = min(end, until)
        total += max(0, (end - started).days)
    return total


def pause_days(pause: Pause, today: dt.date | None = None) -> int:
    return days_paused([(pause.started_on, pause.ended_on)], today)


def _spans(review: Review) -> list:
    return [(p.started_on, p.ended_on) for p in review.pauses]


def paused_days(review: Review, today: dt.date | None = None) -> int:
    """Days paused before submission to the Home Office (all of them while not yet submitted)."""
    return days_paused(_spans(review), today, until=review.submitted_on)


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


def rule_due(rule: DeadlineRule, start: dt.date, paused: int) -> dt.date:
    """A rule's due date: its start + its calendar months + the days paused, where pauses count."""
    return add_months(start, rule.months) + dt.timedelta(days=paused if rule.pauses_count else 0)


def by_rule(rule: DeadlineRule, dates: dict, stage: str, spans, today: dt.date) -> Deadline | None:
    """A rule's deadline for a review given as its date columns (`dates`), stage and pause spans;
    None if the rule does not apply (not commissioned, its start not yet reached, or a stage the
    review never had)."""
    start = dates.get(rule.starts)
    if start is None or (stage == Stage.NOT_COMMISSIONED and rule.met_at != Stage.DECISION):
        return None
    finished = processes.at_or_after(stage, rule.met_at)
    if rule.only_if_recorded and finished and dates.get(rule.only_if_recorded) is None:
        return None
    met_on = dates.get(rule.met_by)
    paused = days_paused(spans, today, until=met_on) if rule.pauses_count else 0
    return Deadline(name=rule.name, due=rule_due(rule, start, paused), met_on=met_on, today=today,
                    extended_by=paused if rule.pauses_count else 0, finished=finished)


def _dates(review: Review) -> dict:
    fields = {r.starts for p in processes.PROCESSES.values() for r in p.deadlines}
    fields |= {r.met_by for p in processes.PROCESSES.values() for r in p.deadlines}
    fields |= {r.only_if_recorded for p in processes.PROCESSES.values() for r in p.deadlines if r.only_if_recorded}
    return {name: getattr(review, name) for name in fields}


def deadlines(review: Review, today: dt.date | None = None,
              process: processes.Process | None = None) -> list[Deadline]:
    """Every deadline of the partnership's process that applies to the review, in order."""
    today, process = _today(today), process or processes.current()
    dates, spans = _dates(review), _spans(review)
    found = (by_rule(rule, dates, review.stage, spans, today) for rule in process.deadlines)
    return [d for d in found if d is not None]


def decision_deadline(review: Review, today: dt.date | None = None) -> Deadline:
    return decision_from(review.notified_on, review.decision_on, _today(today))


def decision_from(notified_on: dt.date, decision_on: dt.date | None, today: dt.date) -> Deadline:
    """The decision deadline from the plain columns: a month after notification."""
    rule = processes.current().rule(processes.DECISION)
    return Deadline(name=rule.name, due=rule_due(rule, notified_on, 0), met_on=decision_on, today=today)


def completion_due(decision_on: dt.date, paused: int) -> dt.date:
    """The completion target: the decision date + 6 calendar months + the days paused."""
    return rule_due(processes.current().completion, decision_on, paused)


def completion_from(stage: str, decision_on: dt.date | None, submitted_on: dt.date | None,
                    paused: int, today: dt.date) -> Deadline | None:
    """The completion deadline from the plain columns: met by submission to the Home Office;
    None if the review was not commissioned or is not yet decided. `paused`: days paused before
    submission."""
    if decision_on is None or stage == Stage.NOT_COMMISSIONED:
        return None
    return Deadline(
        name=processes.current().completion.name,
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
