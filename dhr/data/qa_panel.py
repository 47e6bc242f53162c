"""The Home Office Quality Assurance Panel, as the chair records it: each submission of the
review (a round), the panel's date and the outcome of its letter (uploaded), each area for final
development the letter names as a task with an owner and a state, the resubmission, and the
approval.

The rules: the first submission is the review's stage "submitted" and the approval its stage
"approved" (both recorded by dhr.data.lifecycle, which checks their dates). A letter asking for
final development records the review's resubmission as asked for on the panel's date.
Resubmission is refused while any area for final development of the last round is open: each
must be done first. Whether the letter is published with the report is the chair's choice,
read by the access policy (dhr.data.policy.qa_panel)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select

from dhr.dates import long_date
from dhr.extensions import db

from . import documents, lifecycle
from .errors import DataError
from .models import Agency, Review, User
from .practice_vocab import AreaState, PanelOutcome
from .qa_panel_models import FinalDevelopmentArea, QaPanelRound
from .vocab import DocumentKind, Stage

MAX_AREA = 5000
MAX_OWNER = 200
MAX_NOTE = 5000
RESUBMITTABLE = (PanelOutcome.FINAL_DEVELOPMENT, PanelOutcome.NOT_APPROVED)


class QaPanelError(DataError):
    """A QA panel record that cannot be kept as written, naming the field at fault."""


def _today(today: Optional[dt.date]) -> dt.date:
    return today or dt.date.today()


def latest(review: Review) -> Optional[QaPanelRound]:
    return review.qa_rounds[-1] if review.qa_rounds else None


def round_of(review: Review, round_id: int) -> Optional[QaPanelRound]:
    return next((r for r in review.qa_rounds if r.id == round_id), None)


def area_of(review: Review, area_id: int) -> Optional[FinalDevelopmentArea]:
    return next((a for r in review.qa_rounds for a in r.areas if a.id == area_id), None)


def open_areas(review: Review) -> list[FinalDevelopmentArea]:
    last = latest(review)
    return last.open_areas if last else []


def _relifed(error: DataError, field: str) -> QaPanelError:
    return QaPanelError(str(error), field)


def _first_submission(review: Review, on: dt.date, today: dt.date) -> None:
    if review.submitted_on is None:
        try:
            lifecycle.advance(review, Stage.SUBMITTED, on, today)
        except lifecycle.LifecycleError as error:
            raise _relifed(error, "on") from None
    elif on != review.submitted_on:
        raise QaPanelError("The review's submission to the Home Office is recorded as "
                           f"{long_date(review.submitted_on)}: enter that date", "on")


def _resubmission(last: QaPanelRound, on: dt.date) -> None:
    if not last.panel_outcome:
        raise QaPanelError("Record the panel's letter on the last submission before recording a resubmission", "on")
    if last.panel_outcome not in RESUBMITTABLE:
        raise QaPanelError("The Home Office has approved the review: there is nothing to resubmit", "on")
    still_open = len(last.open_areas)
    if still_open:
        areas = "area for final development is" if still_open == 1 else "areas for final development are"
        raise QaPanelError(f"{still_open} {areas} still open: mark each one done before recording the "
                           "resubmission", "on")
    if last.panel_on and on < last.panel_on:
        raise QaPanelError("The date of resubmission must be on or after the panel's letter "
                           f"({long_date(last.panel_on)})", "on")


def record_submission(review: Review, on: Optional[dt.date], today: Optional[dt.date] = None) -> QaPanelRound:
    """Record a submission to the panel: the first one, or a resubmission after its letter."""
    today = _today(today)
    if on is None:
        raise QaPanelError("Enter the date the review was submitted to the Home Office", "on")
    if on > today:
        raise QaPanelError("The date of submission must be today or in the past", "on")
    last = latest(review)
    if last is None:
        _first_submission(review, on, today)
    else:
        _resubmission(last, on)
    panel_round = QaPanelRound(review=review, number=len(review.qa_rounds) + 1, submitted_on=on,
                               panel_outcome="", publish_letter=False)
    db.session.add(panel_round)
    db.session.flush()
    return panel_round


@dataclass(frozen=True)
class Letter:
    panel_on: Optional[dt.date]
    outcome: str
    publish_letter: bool = False
    filename: str = ""
    content: bytes = b""


def _checked_letter(panel_round: QaPanelRound, written: Letter, today: dt.date) -> None:
    if panel_round is not latest(panel_round.review):
        raise QaPanelError("Only the letter on the latest submission can be changed", "outcome")
    if written.panel_on is None:
        raise QaPanelError("Enter the date of the panel's letter", "panel_on")
    if written.panel_on > today:
        raise QaPanelError("The date of the panel's letter must be today or in the past", "panel_on")
    if written.panel_on < panel_round.submitted_on:
        raise QaPanelError("The date of the panel's letter must be on or after the submission "
                           f"({long_date(panel_round.submitted_on)})", "panel_on")
    if written.outcome not in set(PanelOutcome):
        raise QaPanelError("Choose what the panel's letter says", "outcome")
    if panel_round.panel_outcome == PanelOutcome.APPROVED and written.outcome != PanelOutcome.APPROVED:
        raise QaPanelError("The review's approval is recorded: its letter's outcome cannot be changed", "outcome")
    if written.outcome == PanelOutcome.APPROVED and panel_round.open_areas:
        raise QaPanelError("Areas for final development on this submission are still open: the Home Office "
                           "approves a resubmission once they are done", "outcome")
    if written.publish_letter and not (written.content or panel_round.letter):
        raise QaPanelError("Upload the letter to publish it with the report", "letter")


def record_letter(panel_round: QaPanelRound, written: Letter, user: Optional[User],
                  today: Optional[dt.date] = None) -> QaPanelRound:
    """The panel's letter on a submission: its date, its outcome, the file, and whether it is
    published with the report."""
    today = _today(today)
    _checked_letter(panel_round, written, today)
    review = panel_round.review
    if written.content:
        try:
            panel_round.letter_document = documents.add_report(
                review, DocumentKind.HOME_OFFICE_LETTER, written.filename, written.content, user,
                kinds=(DocumentKind.HOME_OFFICE_LETTER,))
        except DataError as error:
            raise _relifed(error, "letter") from None
    if written.outcome == PanelOutcome.APPROVED and review.approved_on is None:
        try:
            lifecycle.advance(review, Stage.APPROVED, written.panel_on, today)
        except lifecycle.LifecycleError as error:
            raise _relifed(error, "panel_on") from None
    if written.outcome in RESUBMITTABLE:
        review.resubmission_requested_on = written.panel_on
    panel_round.panel_on, panel_round.panel_outcome = written.panel_on, written.outcome
    panel_round.publish_letter = written.publish_letter
    db.session.flush()
    return panel_round


@dataclass(frozen=True)
class Area:
    text: str
    state: str
    owner_person: str = ""
    owner_agency: Optional[Agency] = None
    done_on: Optional[dt.date] = None
    note: str = ""


def _checked_area(panel_round: QaPanelRound, written: Area, today: dt.date) -> None:
    if panel_round.panel_outcome != PanelOutcome.FINAL_DEVELOPMENT:
        raise QaPanelError("Areas for final development belong to a letter that asks for them", "text")
    if not written.text.strip():
        raise QaPanelError("Enter the area for final development, as the letter words it", "text")
    if len(written.text) > MAX_AREA:
        raise QaPanelError(f"The area for final development must be {MAX_AREA:,} characters or fewer", "text")
    if len(written.owner_person) > MAX_OWNER:
        raise QaPanelError(f"The person who owns it must be {MAX_OWNER} characters or fewer", "owner_person")
    if bool(written.owner_person.strip()) == bool(written.owner_agency):
        raise QaPanelError("Enter the person who owns this area, or choose an agency (one, not both)",
                           "owner_person")
    if written.state not in set(AreaState):
        raise QaPanelError("Choose the state of this area", "state")
    if len(written.note) > MAX_NOTE:
        raise QaPanelError(f"The note must be {MAX_NOTE:,} characters or fewer", "note")
    _checked_done_on(panel_round, written, today)


def _checked_done_on(panel_round: QaPanelRound, written: Area, today: dt.date) -> None:
    if written.state != AreaState.DONE:
        if written.done_on:
            raise QaPanelError("Leave the date it was done empty until the area is done", "done_on")
        return
    if written.done_on is None:
        raise QaPanelError("Enter the date the area was done", "done_on")
    if written.done_on > today:
        raise QaPanelError("The date the area was done must be today or in the past", "done_on")
    if panel_round.panel_on and written.done_on < panel_round.panel_on:
        raise QaPanelError("The date the area was done must be on or after the panel's letter "
                           f"({long_date(panel_round.panel_on)})", "done_on")


def save_area(panel_round: QaPanelRound, written: Area, area: Optional[FinalDevelopmentArea] = None,
              today: Optional[dt.date] = None) -> FinalDevelopmentArea:
    _checked_area(panel_round, written, _today(today))
    if area is None:
        area = FinalDevelopmentArea(round=panel_round)
        db.session.add(area)
    area.text, area.state, area.note = written.text.strip(), written.state, written.note.strip()
    area.owner_person = "" if written.owner_agency else written.owner_person.strip()
    area.owner_agency = written.owner_agency
    area.done_on = written.done_on if written.state == AreaState.DONE else None
    db.session.flush()
    return area


def remove_area(area: FinalDevelopmentArea) -> None:
    db.session.delete(area)
    db.session.flush()


def outstanding_count() -> int:
    """How many reviews have an area for final development open on their latest submission."""
    newest = (select(QaPanelRound.review_id, func.max(QaPanelRound.number).label("number"))
              .group_by(QaPanelRound.review_id).subquery())
    query = (select(func.count(func.distinct(QaPanelRound.review_id)))
             .join(newest, (newest.c.review_id == QaPanelRound.review_id) & (newest.c.number == QaPanelRound.number))
             .join(FinalDevelopmentArea, FinalDevelopmentArea.round_id == QaPanelRound.id)
             .where(FinalDevelopmentArea.state != AreaState.DONE))
    return db.session.scalar(query) or 0

