"""The processes running beside a review: a criminal trial, an inquest (and any Prevention of
Future Deaths report), a Safeguarding Adults Review, a Child Safeguarding Practice Review, an
IOPC investigation, each with its reference and dates.

Recording one never pauses the review by itself: when one starts the chair is offered a pause
for that reason from that date, and when it ends the end of that pause, both made through
dhr.data.lifecycle (the one rule for pauses)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select

from dhr.dates import long_date
from dhr.extensions import db

from . import lifecycle
from .errors import DataError
from .models import Action, ParallelProcess, Pause, Review
from .practice_vocab import LINKABLE_KINDS, PARALLEL_KIND_LABELS, ParallelKind
from .vocab import PauseReason

MAX_REFERENCE = 200
MAX_OUTCOME = 5000

PAUSE_REASONS = {
    ParallelKind.CRIMINAL_TRIAL: PauseReason.CRIMINAL_TRIAL,
    ParallelKind.INQUEST: PauseReason.INQUEST,
    ParallelKind.SAFEGUARDING_ADULTS_REVIEW: PauseReason.SAFEGUARDING_ADULT_REVIEW,
    ParallelKind.CHILD_SAFEGUARDING_REVIEW: PauseReason.CHILD_REVIEW,
    ParallelKind.IOPC: PauseReason.IOPC,
}


class ParallelError(DataError):
    """A parallel process that cannot be recorded as written, naming the field at fault."""


@dataclass(frozen=True)
class Written:
    kind: str
    reference: str
    started_on: Optional[dt.date]
    ended_on: Optional[dt.date] = None
    outcome: str = ""
    pfd_report_on: Optional[dt.date] = None
    linked_reference: str = ""  # the reference of a SAR or CSPR kept in this service


def _not_ahead(on: Optional[dt.date], what: str, field: str, today: dt.date) -> None:
    if on and on > today:
        raise ParallelError(f"{what} must be today or in the past", field)


def _checked_dates(review: Review, written: Written, today: dt.date) -> None:
    if written.started_on is None:
        raise ParallelError("Enter the date it started", "started_on")
    _not_ahead(written.started_on, "The date it started", "started_on", today)
    _not_ahead(written.ended_on, "The date it ended", "ended_on", today)
    if written.ended_on and written.ended_on < written.started_on:
        raise ParallelError(f"The date it ended must be on or after the date it started "
                            f"({long_date(written.started_on)})", "ended_on")
    if written.pfd_report_on:
        if written.kind != ParallelKind.INQUEST:
            raise ParallelError("Only an inquest has a Prevention of Future Deaths report", "pfd_report_on")
        _not_ahead(written.pfd_report_on, "The date of the Prevention of Future Deaths report", "pfd_report_on",
                   today)
        if written.pfd_report_on < written.started_on:
            raise ParallelError("The Prevention of Future Deaths report must be dated on or after the inquest "
                                "started", "pfd_report_on")


def _checked(review: Review, written: Written, today: dt.date) -> None:
    if written.kind not in PARALLEL_KIND_LABELS:
        raise ParallelError("Choose which process it is", "kind")
    if len(written.reference) > MAX_REFERENCE:
        raise ParallelError(f"The reference must be {MAX_REFERENCE} characters or fewer", "reference")
    if len(written.outcome) > MAX_OUTCOME:
        raise ParallelError(f"The outcome and notes must be {MAX_OUTCOME:,} characters or fewer", "outcome")
    _checked_dates(review, written, today)



def _linked(review: Review, written: Written) -> Optional[Review]:
    reference = written.linked_reference.strip()
    if not reference:
        return None
    if written.kind not in LINKABLE_KINDS:
        raise ParallelError("Only a Safeguarding Adults Review or a Child Safeguarding Practice Review can be "
                            "linked to a review in this service", "linked_reference")
    linked = db.session.scalar(select(Review).where(func.lower(Review.reference) == reference.lower()))
    if linked is None:
        raise ParallelError(f"No review in this service has the reference {reference}", "linked_reference")
    if linked.id == review.id:
        raise ParallelError("Link another review, not this one", "linked_reference")
    return linked


def save(review: Review, written: Written, process: Optional[ParallelProcess] = None,
         today: Optional[dt.date] = None) -> ParallelProcess:
    _checked(review, written, today or dt.date.today())
    linked = _linked(review, written)
    if process is None:
        process = ParallelProcess(review=review)
        db.session.add(process)
    process.kind, process.reference = written.kind, written.reference.strip()
    process.started_on, process.ended_on = written.started_on, written.ended_on
    process.outcome, process.pfd_report_on = written.outcome.strip(), written.pfd_report_on
    process.linked_review = linked
    db.session.flush()
    return process


def process_of(review: Review, process_id: int) -> Optional[ParallelProcess]:
    return next((p for p in review.parallel_processes if p.id == process_id), None)


def remove(process: ParallelProcess) -> None:
    db.session.delete(process)
    db.session.flush()


def pause_reason(process: ParallelProcess) -> PauseReason:
    return PAUSE_REASONS[ParallelKind(process.kind)]


def pause_offered(review: Review, process: ParallelProcess) -> bool:
    """Whether to offer to pause the review because this process is under way: it has not
    ended and the review is not already paused (the pause's own rules are checked when it is
    made)."""
    return process.ended_on is None and not review.is_paused and review.decision_on is not None


def end_offered(review: Review, process: ParallelProcess) -> bool:
    """Whether to offer to end the review's pause because this process has ended: the review
    is paused for this process's reason."""
    pause = review.open_pause
    return process.ended_on is not None and pause is not None and pause.reason == pause_reason(process)


def pause_for(review: Review, process: ParallelProcess, today: Optional[dt.date] = None) -> Pause:
    label = PARALLEL_KIND_LABELS[ParallelKind(process.kind)]
    note = f"{label} {process.reference}".strip()
    return lifecycle.start_pause(review, process.started_on, pause_reason(process), note, today)


def end_pause_for(review: Review, process: ParallelProcess, today: Optional[dt.date] = None) -> Pause:
    if not end_offered(review, process):
        raise lifecycle.LifecycleError("The review is not paused for this process", "ended_on")
    return lifecycle.end_pause(review, process.ended_on, today)




# --- actions shared with a linked review ----------------------------------------------------

def linked_actions(process: ParallelProcess) -> list[Action]:
    """The actions of the review a SAR or CSPR is kept in the service as (none if not linked)."""
    linked = process.linked_review
    return [a for rec in linked.recommendations for a in rec.actions] if linked is not None else []


def shared_actions(process: ParallelProcess) -> list[Action]:
    """This review's actions shared with an action of the process's linked review."""
    theirs = {a.id for a in linked_actions(process)}
    return [a for rec in process.review.recommendations for a in rec.actions if a.shared_with_id in theirs]


def share_action(process: ParallelProcess, action: Optional[Action], other: Optional[Action]) -> None:
    """Record that `action` of this review is the same work as `other` of the linked review."""
    if process.linked_review is None:
        raise ParallelError("Link the Safeguarding Adults Review or Child Safeguarding Practice Review to its review "
                            "in this service first", "action_id")
    if action is None or action.recommendation.review_id != process.review_id:
        raise ParallelError(f"Choose an action of {process.review.reference}", "action_id")
    if other is None or other.recommendation.review_id != process.linked_review_id:
        raise ParallelError(f"Choose the action of {process.linked_review.reference} it shares", "shared_with_id")
    if other.shared_with is not None:
        raise ParallelError(f"Action {other.number} of {process.linked_review.reference} is itself shared with "
                            "another action: share this action with that one", "shared_with_id")
    action.shared_with = other
    db.session.flush()


def stop_sharing(action: Action) -> None:
    action.shared_with = None
    db.session.flush()


def counted_once(shared_with: dict[int, Optional[int]]) -> set[int]:
    """Of actions (id → the id of the action each is shared with, if any), those counted: an
    action shared with another that is also counted is the same work, so only the other counts."""
    return {i for i, other in shared_with.items() if other is None or other not in shared_with}
