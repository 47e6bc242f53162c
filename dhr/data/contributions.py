"""Agencies' contributions to a review while it gathers information: the chair (or the
coordinator) asks an agency for a scoping return, a chronology or an Individual Management
Review by a due date, chases it, and records it received; the agency uploads it on its own page,
which records it received. A contribution is overdue when its due date has passed and it has not
been received (dhr.data.due, the one rule for overdue work). The file an agency uploads is a
document of the kind "contribution": never one of the review's public documents, and never
given to the search index (it belongs to no review's document list)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Optional

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dhr.dates import long_date
from dhr.extensions import db

from . import audit, documents, due, notifications, partnership, progress, uploads
from .contribution_models import Contribution
from .errors import DataError
from .models import Agency, Document, Review, User
from .practice_vocab import CONTRIBUTION_KIND_LABELS, CONTRIBUTION_KIND_WORDS
from .vocab import DocumentKind, Role

MAX_NOTE = 2000
OWED, OVERDUE, RECEIVED = "owed", "overdue", "received"
STANDING_LABELS = {OWED: "Outstanding", OVERDUE: "Overdue", RECEIVED: "Received"}


class ContributionError(DataError):
    """A plain reason a contribution cannot be asked for, chased or recorded, naming the field."""


@dataclass(frozen=True)
class Asked:
    agency: Optional[Agency]
    kind: str
    due_on: Optional[dt.date]
    note: str = ""


def kind_label(contribution: Contribution) -> str:
    return CONTRIBUTION_KIND_LABELS.get(contribution.kind, contribution.kind)


def kind_words(contribution: Contribution) -> str:
    """What was asked for, as a sentence says it: "chronology", "Individual Management Review (IMR)"."""
    return CONTRIBUTION_KIND_WORDS.get(contribution.kind, contribution.kind)


def is_overdue(contribution: Contribution, today: Optional[dt.date] = None) -> bool:
    return due.is_overdue(contribution.due_on, contribution.received_on is not None, today or progress.today())


def standing(contribution: Contribution, today: Optional[dt.date] = None) -> str:
    if contribution.received_on is not None:
        return RECEIVED
    return OVERDUE if is_overdue(contribution, today) else OWED


def _checked(review: Review, asked: Asked, today: dt.date) -> None:
    if asked.agency is None:
        raise ContributionError("Choose the agency to ask", "agency_id")
    if asked.kind not in CONTRIBUTION_KIND_LABELS:
        raise ContributionError("Choose what the agency is asked for", "kind")
    if asked.due_on is None:
        raise ContributionError("Enter the date it is due", "due_on")
    if asked.due_on < today:
        raise ContributionError("The date it is due must be today or in the future", "due_on")
    if len(asked.note or "") > MAX_NOTE:
        raise ContributionError(f"The note must be {MAX_NOTE:,} characters or fewer", "note")
    words = CONTRIBUTION_KIND_WORDS[asked.kind]
    if any(c.agency_id == asked.agency.id and c.kind == asked.kind and c.received_on is None
           for c in review.contributions):
        raise ContributionError(f"{asked.agency.name} has already been asked for a {words} "
                                "that has not been received yet: chase that one instead", "kind")


def ask(review: Review, asked: Asked, today: Optional[dt.date] = None) -> Contribution:
    today = today or progress.today()
    _checked(review, asked, today)
    contribution = Contribution(review=review, agency=asked.agency, kind=asked.kind, asked_on=today,
                                due_on=asked.due_on, chases=0, note=(asked.note or "").strip())
    db.session.add(contribution)
    db.session.flush()
    return contribution


def of_review(review: Review, contribution_id: int) -> Optional[Contribution]:
    return next((c for c in review.contributions if c.id == contribution_id), None)


def get(contribution_id: int) -> Optional[Contribution]:
    return db.session.get(Contribution, contribution_id)


def recipients(contribution: Contribution) -> list[User]:
    """The agency's active users, whom a chase emails."""
    return list(db.session.scalars(
        select(User).where(User.agency_id == contribution.agency_id, User.role == Role.AGENCY, User.active)
        .order_by(User.email)))


def _chase_message(contribution: Contribution, user: User) -> EmailMessage:
    review, words = contribution.review, kind_words(contribution)
    message = EmailMessage()
    message["Subject"] = f"Reminder: {contribution.agency.name}'s {words} for {review.reference}, " \
                         f"due {long_date(contribution.due_on)}"
    message["To"] = user.email
    late = "was due" if is_overdue(contribution) else "is due"
    link = notifications.absolute_link(f"/our-contributions/{contribution.id}")
    message.set_content(
        f"{partnership.name(current_app.config['DHR_PARTNERSHIP_NAME'])} asked {contribution.agency.name} on "
        f"{long_date(contribution.asked_on)} for its {words} for the review {review.reference}. "
        f"It {late} by {long_date(contribution.due_on)} and has not been received yet.\n\n"
        f"Upload it here: {link}\n")
    return message


def chase(contribution: Contribution, on: Optional[dt.date] = None) -> list[EmailMessage]:
    """Record a chase; the emails to hand to the queue, one to each of the agency's users."""
    if contribution.received_on is not None:
        raise ContributionError(f"The {kind_words(contribution)} has already been received", "chase")
    people = recipients(contribution)
    if not people:
        raise ContributionError(f"{contribution.agency.name} has no active users to email: ask the coordinator "
                                "to add one", "chase")
    contribution.chases = (contribution.chases or 0) + 1
    contribution.last_chased_on = on or progress.today()
    db.session.flush()
    audit.record("contribution_chased", "contribution", contribution.id, recipients=len(people),
                 agency=contribution.agency.name)
    return [_chase_message(contribution, user) for user in people]


def record_received(contribution: Contribution, received_on: Optional[dt.date],
                    today: Optional[dt.date] = None) -> None:
    today = today or progress.today()
    if received_on is None:
        raise ContributionError("Enter the date it was received", "received_on")
    if received_on > today:
        raise ContributionError("The date it was received must be today or in the past", "received_on")
    if received_on < contribution.asked_on:
        raise ContributionError(f"The date it was received must be on or after the date it was asked for "
                                f"({long_date(contribution.asked_on)})", "received_on")
    contribution.received_on = received_on
    db.session.flush()


def upload(contribution: Contribution, filename: str, content: bytes, user: User,
           today: Optional[dt.date] = None) -> Document:
    """The agency's file, checked and stored; the contribution is received (on the day of its
    first upload). A new upload replaces the file before it."""
    checked = uploads.check(filename, content, allowed=documents.REPORT_TYPES, max_bytes=documents.report_max_bytes())
    uploads.ensure_readable(checked)
    key = uploads.store_in_transaction(checked)
    old = contribution.document
    document = Document(review=None, kind=DocumentKind.CONTRIBUTION, filename=checked.filename,
                        content_type=checked.content_type, size_bytes=len(checked.content), sha256=checked.sha256,
                        storage_key=key, extracted_text="", uploaded_by=user)
    db.session.add(document)
    contribution.document = document
    contribution.received_on = contribution.received_on or today or progress.today()
    db.session.flush()
    if old is not None:
        documents.delete(old)
    return document


@dataclass(frozen=True)
class Summary:
    owed: int
    overdue: int
    received: int


def summary(review: Review, today: Optional[dt.date] = None) -> Summary:
    """How many of the review's contributions are outstanding, overdue (of those) and received."""
    standings = [standing(c, today) for c in review.contributions]
    return Summary(owed=sum(1 for s in standings if s != RECEIVED), overdue=standings.count(OVERDUE),
                   received=standings.count(RECEIVED))


# --- Lists, and the counts of the home pages (each the length of the list it opens) ------------

def _owed_by(agency_id: int):
    return select(Contribution).where(Contribution.agency_id == agency_id, Contribution.received_on.is_(None))


def owed_by(agency_id: int) -> list[Contribution]:
    """What the agency owes, the soonest due first."""
    query = _owed_by(agency_id).options(selectinload(Contribution.review))
    return list(db.session.scalars(query.order_by(Contribution.due_on, Contribution.id)))


def received_from(agency_id: int) -> list[Contribution]:
    return list(db.session.scalars(
        select(Contribution).where(Contribution.agency_id == agency_id, Contribution.received_on.is_not(None))
        .order_by(Contribution.received_on.desc(), Contribution.id.desc())))


def count_owed_by(agency_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(_owed_by(agency_id).subquery()))


def _overdue(today: dt.date):
    return select(Contribution).where(due.overdue_clause(Contribution.due_on, Contribution.received_on.is_not(None),
                                                         today))


def overdue(today: Optional[dt.date] = None) -> list[Contribution]:
    """Every overdue contribution, the longest overdue first."""
    query = _overdue(today or progress.today()).options(selectinload(Contribution.review),
                                                        selectinload(Contribution.agency))
    return list(db.session.scalars(query.order_by(Contribution.due_on, Contribution.id)))


def count_overdue(today: Optional[dt.date] = None) -> int:
    return db.session.scalar(select(func.count()).select_from(_overdue(today or progress.today()).subquery()))
