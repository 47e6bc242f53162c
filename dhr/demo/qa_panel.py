"""The demo's Home Office Quality Assurance Panel: every submitted review has its rounds. A review
the Home Office asked to resubmit has a letter with areas for final development (all done once it
was approved after resubmission, some still open otherwise); an approved review has its approval
letter, published with the report when the review is published. Chosen without the plan's Random,
so the rest of the demo stays as it was."""
from __future__ import annotations

import datetime as dt

from dhr.data import documents
from dhr.data.models import Agency, Review
from dhr.data.practice_vocab import AreaState, PanelOutcome
from dhr.data.qa_panel_models import FinalDevelopmentArea, QaPanelRound
from dhr.data.vocab import DocumentKind
from dhr.extensions import db

AREAS = [
    "Set out more fully how the family's views shaped the analysis, and include the family's tribute",
    "Explore whether economic abuse formed part of the coercive control described",
    "Consider the victim's protected characteristics and any barriers they created to seeking help",
    "Make recommendation 3 specific and achievable, with a named lead agency",
]
# Days after the panel's letter that the areas were done and the review was resubmitted.
DONE_AFTER, RESUBMITTED_AFTER = 21, 35


def _letter(review: Review, number: int, outcome: PanelOutcome, on: dt.date):
    words = {PanelOutcome.APPROVED: "approves the report for publication",
             PanelOutcome.FINAL_DEVELOPMENT: "asks for the areas for final development below before it approves "
                                             "the report"}[outcome]
    text = (f"Home Office Quality Assurance Panel, {on:%d %B %Y}.\n\nThe panel considered {review.reference} "
            f"(submission {number}) and {words}. Fictional demo letter.\n")
    return documents.add_report(review, DocumentKind.HOME_OFFICE_LETTER, f"qa-panel-letter-{number}.txt",
                                text.encode(), None, kinds=(DocumentKind.HOME_OFFICE_LETTER,))


def _round(review: Review, number: int, submitted_on: dt.date, panel_on: dt.date | None,
           outcome: PanelOutcome | None) -> QaPanelRound:
    made = QaPanelRound(review=review, number=number, submitted_on=submitted_on, panel_on=panel_on,
                        panel_outcome=str(outcome or ""), publish_letter=False)
    db.session.add(made)
    if outcome:
        made.letter_document = _letter(review, number, outcome, panel_on)
    return made


def _areas(made: QaPanelRound, review: Review, done_by: dt.date | None, today: dt.date) -> None:
    """Two areas: both done by `done_by` if given; otherwise one done (if time allowed) and one in progress."""
    pick = len(review.reference) + review.id
    owner: Agency | None = review.panel_agencies[0] if review.panel_agencies else None
    for i in range(2):
        done = done_by or (made.panel_on + dt.timedelta(days=DONE_AFTER) if i == 0 else None)
        state = AreaState.DONE if done and done <= today else AreaState.IN_PROGRESS
        db.session.add(FinalDevelopmentArea(
            round=made, text=AREAS[(pick + i) % len(AREAS)], state=str(state),
            owner_person="" if i == 1 and owner else "The review's chair", owner_agency=owner if i == 1 else None,
            done_on=done if state == AreaState.DONE else None, note=""))


def _resubmitted(review: Review, today: dt.date) -> None:
    asked, approved = review.resubmission_requested_on, review.approved_on
    first = _round(review, 1, review.submitted_on, asked, PanelOutcome.FINAL_DEVELOPMENT)
    if approved is None:
        _areas(first, review, None, today)
        return
    again = min(asked + dt.timedelta(days=RESUBMITTED_AFTER), approved)
    _areas(first, review, min(asked + dt.timedelta(days=DONE_AFTER), again), today)
    final = _round(review, 2, again, approved, PanelOutcome.APPROVED)
    final.publish_letter = bool(review.published)


def add_qa_panels(reviews: list[Review], today: dt.date) -> int:
    """The panel's rounds of every submitted review; how many rounds were added."""
    submitted = [r for r in reviews if r.submitted_on]
    approved = [r for r in submitted if r.approved_on and (r.approved_on - r.submitted_on).days > 60]
    waiting = [r for r in submitted if not r.approved_on and (today - r.submitted_on).days > 60]
    for group in (approved, waiting):  # one approved after resubmission, one with areas still open
        if group and not any(r.resubmission_requested_on for r in group):
            group[0].resubmission_requested_on = group[0].submitted_on + dt.timedelta(days=30)
    for review in submitted:
        if review.resubmission_requested_on:
            _resubmitted(review, today)
        elif review.approved_on:
            _round(review, 1, review.submitted_on, review.approved_on, PanelOutcome.APPROVED).publish_letter = (
                bool(review.published))
        else:
            _round(review, 1, review.submitted_on, None, None)
    db.session.flush()
    return sum(len(r.qa_rounds) for r in submitted)
