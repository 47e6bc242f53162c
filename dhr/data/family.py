"""Family involvement in a review, as the chair records it: who was offered contact, how and
when; whether they took part; when they saw the terms of reference and the draft; their view on
publication; who chose the pseudonym; and the family's tribute. Dates are never in the future
and never before the review's notification."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from dhr.dates import long_date
from dhr.extensions import db

from .errors import DataError
from .family_models import FamilyContact
from .models import Review
from .practice_vocab import CONTACT_ROUTE_LABELS, PSEUDONYM_CHOOSERS, Participation

MAX_WHO = 200
MAX_VIEW = 5000
MAX_TRIBUTE = 20000


class FamilyError(DataError):
    """Family involvement that cannot be recorded as written, naming the field at fault."""


@dataclass(frozen=True)
class Contact:
    who: str
    route: str
    offered_on: Optional[dt.date]
    participation: str
    saw_terms_on: Optional[dt.date] = None
    saw_draft_on: Optional[dt.date] = None
    publication_view: str = ""


def _checked_date(review: Review, on: Optional[dt.date], what: str, field: str, today: dt.date,
                  offered_on: Optional[dt.date] = None) -> Optional[dt.date]:
    if on is None:
        return None
    if on > today:
        raise FamilyError(f"{what} must be today or in the past", field)
    floor, event = (offered_on, "the offer of contact") if offered_on else (review.notified_on, "notification")
    if on < floor:
        raise FamilyError(f"{what} must be on or after {event} ({long_date(floor)})", field)
    return on


def _checked(review: Review, written: Contact, today: dt.date) -> None:
    if not written.who.strip():
        raise FamilyError("Enter who was offered contact, for example the person's mother", "who")
    if len(written.who) > MAX_WHO:
        raise FamilyError(f"Who was offered contact must be {MAX_WHO} characters or fewer", "who")
    if written.route not in CONTACT_ROUTE_LABELS:
        raise FamilyError("Choose how contact was offered", "route")
    if written.offered_on is None:
        raise FamilyError("Enter the date contact was offered", "offered_on")
    if written.participation not in set(Participation):
        raise FamilyError("Choose whether they took part", "participation")
    if len(written.publication_view) > MAX_VIEW:
        raise FamilyError(f"Their view on publication must be {MAX_VIEW:,} characters or fewer", "publication_view")
    _checked_date(review, written.offered_on, "The date contact was offered", "offered_on", today)
    _checked_date(review, written.saw_terms_on, "The date they saw the terms of reference", "saw_terms_on", today,
                  written.offered_on)
    _checked_date(review, written.saw_draft_on, "The date they saw the draft", "saw_draft_on", today,
                  written.offered_on)


def save_contact(review: Review, written: Contact, contact: Optional[FamilyContact] = None,
                 today: Optional[dt.date] = None) -> FamilyContact:
    _checked(review, written, today or dt.date.today())
    if contact is None:
        contact = FamilyContact(review=review)
        db.session.add(contact)
    contact.who, contact.route, contact.offered_on = written.who.strip(), written.route, written.offered_on
    contact.participation = written.participation
    contact.saw_terms_on, contact.saw_draft_on = written.saw_terms_on, written.saw_draft_on
    contact.publication_view = written.publication_view.strip()
    db.session.flush()
    return contact


def contact_of(review: Review, contact_id: int) -> Optional[FamilyContact]:
    return next((c for c in review.family_contacts if c.id == contact_id), None)


def remove_contact(contact: FamilyContact) -> None:
    db.session.delete(contact)
    db.session.flush()


def save_about(review: Review, pseudonym_chosen_by: str, tribute: str) -> None:
    """Who chose the pseudonym, and the family's tribute in their own words."""
    if pseudonym_chosen_by and pseudonym_chosen_by not in PSEUDONYM_CHOOSERS:
        raise FamilyError("Choose who chose the pseudonym", "pseudonym_chosen_by")
    if len(tribute or "") > MAX_TRIBUTE:
        raise FamilyError(f"The tribute must be {MAX_TRIBUTE:,} characters or fewer", "tribute")
    review.pseudonym_chosen_by = pseudonym_chosen_by or ""
    review.family_tribute = (tribute or "").strip()
    db.session.flush()


def involvement_outcome(review: Review) -> tuple[bool, str]:
    """Whether the family's involvement is recorded well enough to publish (someone was offered
    contact and each answer is known), and what stands in a few words."""
    contacts = review.family_contacts
    if not contacts:
        return False, "Nobody has been recorded as offered contact yet"
    unknown = [c.who for c in contacts if c.participation == Participation.NOT_KNOWN]
    if unknown:
        return False, f"Not yet known whether {', '.join(unknown)} will take part"
    took_part = sum(1 for c in contacts if c.participation == Participation.TOOK_PART)
    return True, f"{took_part} of {len(contacts)} offered contact took part"
