"""Before a review is published: the tasks that must all be done first, in the order a chair
does them. Publishing is refused while any is outstanding (lifecycle.advance asks here)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dhr.dates import long_date

from . import family, publication
from .errors import DataError
from .models import Review
from .vocab import DocumentKind


@dataclass(frozen=True)
class Task:
    key: str
    name: str
    done: bool
    # What is done, or what is missing, in a few words.
    hint: str


def _has_document(review: Review, kind: str) -> bool:
    return any(d.kind == kind for d in review.documents)


def _document_task(review: Review, key: str, kind: str, name: str) -> Task:
    done = _has_document(review, kind)
    return Task(key, name, done, "Uploaded" if done else "Not uploaded yet")


def _recommendations_task(review: Review) -> Task:
    name = "Give every recommendation an action with a lead agency and a target date"
    recommendations = review.recommendations
    if not recommendations:
        return Task("recommendations", name, False, "No recommendations recorded yet")
    unready = [rec.number for rec in recommendations if not rec.actions or any(
        not (a.text or "").strip() or a.lead_agency_id is None or a.target_date is None for a in rec.actions)]
    if unready:
        numbers = ", ".join(unready)
        return Task("recommendations", name, False, f"Not yet done for recommendation {numbers}"
                    if len(unready) == 1 else f"Not yet done for recommendations {numbers}")
    return Task("recommendations", name, True, "Every recommendation has them")


def _dated_task(key: str, name: str, on: dt.date | None, missing: str) -> Task:
    return Task(key, name, on is not None, f"Recorded: {long_date(on)}" if on else missing)


def tasks(review: Review) -> list[Task]:
    check = publication.check(review)
    findings = len(review.findings)
    return [
        _document_task(review, "overview", DocumentKind.OVERVIEW_REPORT, "Upload the overview report"),
        _document_task(review, "summary", DocumentKind.EXECUTIVE_SUMMARY, "Upload the executive summary"),
        Task("findings", "Record the review's findings", findings > 0,
             "Recorded" if findings else "No findings recorded yet"),
        _recommendations_task(review),
        Task("check", "Clear the publication check", check.passes,
             "Nothing outstanding" if check.passes else "Items to fix or accept"),
        Task("involvement", "Record the family's involvement", *family.involvement_outcome(review)),
        _dated_task("family", "Share the report with the family", review.family_saw_draft_on,
                    "Not recorded yet"),
        _approval_task(review),
    ]


def letter_choice(review: Review) -> str:
    """Whether the Quality Assurance Panel's latest letter is published with the report, in words."""
    last = next((r for r in reversed(review.qa_rounds) if r.letter), None)
    if last is None:
        return "no panel letter uploaded"
    return "the letter is published with the report" if last.publish_letter else "the letter is not published"


def _approval_task(review: Review) -> Task:
    task = _dated_task("approval", "Record the Home Office Quality Assurance Panel's approval", review.approved_on,
                       "Not recorded yet")
    return Task(task.key, task.name, task.done, f"{task.hint}; {letter_choice(review)}")


def outstanding(review: Review) -> list[Task]:
    return [task for task in tasks(review) if not task.done]


def refusal(review: Review) -> str | None:
    """Why the review cannot be published yet, or None when every task is done."""
    missing = outstanding(review)
    if not missing:
        return None
    names = "; ".join(task.name.lower() for task in missing)
    return f"Before publishing: {names}"


class PublishingError(DataError):
    """A plain reason a step before publishing cannot be recorded."""


def record_family_saw_report(review: Review, on: dt.date | None, today: dt.date | None = None) -> None:
    """The date the family saw the report: not in the future, and not before drafting began
    (or, if that was not recorded, the decision or the notification)."""
    today = today or dt.date.today()
    if on is None:
        raise PublishingError("Enter the date the family saw the report", "on")
    if on > today:
        raise PublishingError("The date the family saw the report must be today or in the past", "on")
    floor, event = next((day, name) for day, name in (
        (review.drafting_on, "the start of drafting"), (review.decision_on, "the decision"),
        (review.notified_on, "notification")) if day)
    if on < floor:
        raise PublishingError(f"The date the family saw the report must be on or after {event} "
                              f"({long_date(floor)})", "on")
    review.family_saw_draft_on = on
