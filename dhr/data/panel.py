"""A review's panel and set-up: the panel members (the agency each represents, their role or
title, their name if the panel records it), the date the terms of reference were agreed, and the
independent chair's declaration of independence.

A panel member's agency sits on the panel: adding a member puts the agency in the review's panel
agencies (which decide who sees the unpublished review). Removing a member leaves the agency on
the panel; an agency leaves the panel when the review's details are edited, as before."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from dhr.dates import long_date
from dhr.extensions import db

from .errors import DataError
from .models import Agency, PanelMember, Review

MAX_ROLE = 200
MAX_NAME = 200
MAX_STATEMENT = 5000


class PanelError(DataError):
    """A panel member, agreed date or declaration that cannot be recorded as written."""


def _checked_date(review: Review, on: Optional[dt.date], what: str, field: str, today: dt.date) -> dt.date:
    if on is None:
        raise PanelError(f"Enter the date {what}", field)
    if on > today:
        raise PanelError(f"The date {what} must be today or in the past", field)
    floor = review.decision_on or review.notified_on
    event = "the decision to review" if review.decision_on else "notification"
    if on < floor:
        raise PanelError(f"The date {what} must be on or after {event} ({long_date(floor)})", field)
    return on


def save_member(review: Review, agency: Optional[Agency], role: str, name: str = "",
                member: Optional[PanelMember] = None) -> PanelMember:
    role, name = (role or "").strip(), (name or "").strip()
    if agency is None:
        raise PanelError("Choose the agency the panel member represents", "agency_id")
    if not role:
        raise PanelError("Enter the panel member's role or title, for example Detective Inspector", "role")
    if len(role) > MAX_ROLE:
        raise PanelError(f"The role or title must be {MAX_ROLE} characters or fewer", "role")
    if len(name) > MAX_NAME:
        raise PanelError(f"The name must be {MAX_NAME} characters or fewer", "name")
    if member is None:
        member = PanelMember(review=review)
        db.session.add(member)
    member.agency, member.role, member.name = agency, role, name
    if agency not in review.panel_agencies:
        review.panel_agencies.append(agency)
    db.session.flush()
    return member


def member_of(review: Review, member_id: int) -> Optional[PanelMember]:
    return next((m for m in review.panel_members if m.id == member_id), None)


def remove_member(member: PanelMember) -> None:
    db.session.delete(member)
    db.session.flush()


def agencies_without_members(review: Review) -> list[Agency]:
    """Agencies on the panel with nobody recorded for them yet."""
    represented = {m.agency_id for m in review.panel_members}
    return [a for a in review.panel_agencies if a.id not in represented]


def agree_terms(review: Review, on: Optional[dt.date], today: Optional[dt.date] = None) -> None:
    """The date the panel agreed the terms of reference (the document itself is uploaded as a
    review document of the terms-of-reference kind)."""
    review.terms_agreed_on = _checked_date(review, on, "the terms of reference were agreed", "agreed_on",
                                           today or dt.date.today())
    db.session.flush()


def declare_independence(review: Review, on: Optional[dt.date], statement: str,
                         today: Optional[dt.date] = None) -> None:
    """The independent chair's declaration: the date and, in their words, that they are
    independent of the agencies involved."""
    statement = (statement or "").strip()
    on = _checked_date(review, on, "of the declaration", "declared_on", today or dt.date.today())
    if not statement:
        raise PanelError("Enter the declaration, for example that you have never worked for or with the agencies "
                         "involved", "statement")
    if len(statement) > MAX_STATEMENT:
        raise PanelError(f"The declaration must be {MAX_STATEMENT:,} characters or fewer", "statement")
    review.independence_declared_on, review.independence_statement = on, statement
    db.session.flush()


def set_up_outcome(review: Review) -> list[tuple[str, bool, str]]:
    """What the panel's set-up has recorded, as (what, done, where it stands)."""
    members = review.panel_members
    return [
        ("Panel members", bool(members), f"{len(members)} recorded" if members else "None recorded yet"),
        ("Terms of reference agreed", review.terms_agreed_on is not None,
         long_date(review.terms_agreed_on) if review.terms_agreed_on else "Not recorded yet"),
        ("Chair's declaration of independence", review.independence_declared_on is not None,
         long_date(review.independence_declared_on) if review.independence_declared_on else "Not made yet"),
    ]
