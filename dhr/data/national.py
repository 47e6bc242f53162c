"""Recommendations made to national bodies (a government department, NHS England, a regulator…).

The partnership sends one to the body's named contact, copied to the Domestic Abuse
Commissioner's office, and the date is kept. The body's users answer in the Commissioner's
categories (vocab.NationalResponse) with their narrative; the chair and the coordinators are
told. An answer is asked for within a response window (RESPONSE_DAYS_KEY, 56 days unless set:
the coroners' Prevention of Future Deaths standard); past it, with no answer, the
recommendation stands as "No response" and `flask --app dhr national-chase` chases the body."""
from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Optional

from flask import current_app
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import selectinload

from dhr.dates import long_date
from dhr.extensions import db

from . import audit, notifications, paging, partnership, plan_rows, progress, settings
from .errors import DataError
from .models import Agency, Recommendation, User, utcnow
from .national_models import NationalReferral, standing_column
from .vocab import (
    NATIONAL_AWAITING,
    NATIONAL_NO_RESPONSE,
    NATIONAL_NOT_SENT,
    NATIONAL_RESPONSE_LABELS,
    NATIONAL_STANDING_LABELS,
    NationalResponse,
)

RESPONSE_DAYS_KEY = "national_response_days"
DEFAULT_RESPONSE_DAYS = 56
COMMISSIONER_KEY = "commissioner_office_email"
# A body still silent is chased again this many days after its last chase.
CHASE_EVERY_DAYS = 14
NARRATIVE_LIMIT = 10000
RESPONDED = "national_response"
# A national body's home page lists this many of the recommendations made to it.
HOME_ROWS = 50
# The order counts are shown in: the Commissioner's four answers, then no answer.
STANDINGS = list(NATIONAL_STANDING_LABELS)


# --- The rules: how long a body has, and where a recommendation stands ----------------------

def response_days() -> int:
    """The response window in days (the setting, or DEFAULT_RESPONSE_DAYS)."""
    raw = settings.get(RESPONSE_DAYS_KEY)
    try:
        days = int(raw) if raw else DEFAULT_RESPONSE_DAYS
    except ValueError:
        days = DEFAULT_RESPONSE_DAYS
    return days if days > 0 else DEFAULT_RESPONSE_DAYS


def respond_by(sent_on: dt.date) -> dt.date:
    return sent_on + dt.timedelta(days=response_days())


def commissioner_email() -> str:
    """The Commissioner's office address national recommendations are copied to."""
    return settings.get(COMMISSIONER_KEY) or current_app.config.get("DHR_COMMISSIONER_EMAIL", "")


def set_up(commissioner: Optional[str] = None, days: Optional[int] = None) -> None:
    """Set the Commissioner's office address and the response window (audited as settings)."""
    if commissioner is not None:
        if "@" not in commissioner.strip():
            raise DataError("Enter the Commissioner's office email address, like name@example.org", "commissioner")
        settings.put(COMMISSIONER_KEY, commissioner.strip())
    if days is not None:
        if not 1 <= days <= 365:
            raise DataError("The response window must be between 1 and 365 days", "days")
        settings.put(RESPONSE_DAYS_KEY, str(days))


def set_contact(body: Optional[Agency], email: str) -> Agency:
    """A national body's named contact, where its recommendations are sent."""
    if body is None or not body.is_national:
        raise DataError("Name a national body (an agency of the national kind)", "agency")
    email = (email or "").strip()
    if "@" not in email or len(email) > 254:
        raise DataError("Enter the contact's email address, like name@example.org", "contact_email")
    body.contact_email = email
    db.session.flush()
    return body


def standing(rec: Recommendation, on: Optional[dt.date] = None) -> str:
    """A NationalResponse, or NATIONAL_NOT_SENT / NATIONAL_AWAITING / NATIONAL_NO_RESPONSE."""
    referral = rec.referral
    if referral is None:
        return NATIONAL_NOT_SENT
    if referral.response:
        return referral.response
    return NATIONAL_NO_RESPONSE if (on or progress.today()) > referral.respond_by else NATIONAL_AWAITING


def standings(recs: list[Recommendation], on: Optional[dt.date] = None) -> dict[int, str]:
    """Where each of these recommendations stands, by id (for a page of a list)."""
    return {rec.id: standing(rec, on) for rec in recs}


def counts(on: Optional[dt.date] = None) -> dict[str, int]:
    """How many national recommendations stand in each of STANDINGS."""
    column = standing_column(on or progress.today())
    found = dict(db.session.execute(
        select(column, func.count(Recommendation.id))
        .select_from(Recommendation)
        .outerjoin(NationalReferral, NationalReferral.recommendation_id == Recommendation.id)
        .where(plan_rows.addressed_to_national())
        .group_by(column)
    ).all())
    return {key: found.get(key, 0) for key in STANDINGS}


# --- Sending --------------------------------------------------------------------------------

def body_of(rec: Recommendation) -> Optional[Agency]:
    """The national body a recommendation is addressed to: its lead agency, if that is one."""
    lead = rec.lead_agency
    return lead if lead is not None and lead.is_national else None


def problem_sending(rec: Recommendation) -> Optional[DataError]:
    """Why the recommendation cannot be sent now, or None."""
    body = body_of(rec)
    if body is None:
        return DataError("Make a national body the lead agency of this recommendation before sending it")
    if rec.referral is not None:
        return DataError(f"This recommendation was already sent to {rec.referral.agency.name} "
                         f"on {long_date(rec.referral.sent_on)}")
    if not body.contact_email:
        return DataError(f"{body.name} has no named contact email address: ask the coordinator to add one")
    if not commissioner_email():
        return DataError("The Commissioner's office email address is not set: ask the coordinator to set it")
    return None


def send(rec: Recommendation, user: User, on: Optional[dt.date] = None) -> EmailMessage:
    """Record the recommendation as sent to its national body; the email to hand to the queue."""
    problem = problem_sending(rec)
    if problem is not None:
        raise problem
    on = on or progress.today()
    body = body_of(rec)
    referral = NationalReferral(recommendation=rec, agency=body, sent_at=utcnow(), sent_on=on, sent_by_id=user.id,
                                sent_to=body.contact_email, commissioner_email=commissioner_email(),
                                respond_by=respond_by(on), response_narrative="", chases=0)
    db.session.add(referral)
    db.session.flush()
    audit.record("national_sent", "recommendation", rec.id, body=body.name, sent_to=referral.sent_to,
                 copied_to=referral.commissioner_email, due_on=referral.respond_by.isoformat())
    return compose_sent(referral)


def _link(rec: Recommendation) -> str:
    return notifications.absolute_link(f"/our-recommendations/{rec.id}")


def _details(referral: NationalReferral) -> list[str]:
    rec = referral.recommendation
    review = rec.review
    return [
        f"Review: {review.reference} ({review.pseudonym})",
        f"Recommendation {rec.number}:",
        rec.text.strip(),
        "",
        f"Sent on {long_date(referral.sent_on)}; a response is asked for by {long_date(referral.respond_by)}.",
        "",
        "Sign in and respond, saying which of these describes it, with what has been done or will be done:",
        *[f"- {label}" for label in NATIONAL_RESPONSE_LABELS.values()],
        "",
        f"Respond here: {_link(rec)}",
    ]


def _message(referral: NationalReferral, subject: str, opening: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = referral.sent_to
    message["Cc"] = referral.commissioner_email
    message["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    message["Message-ID"] = make_msgid(domain="dhr-tracker")
    message.set_content("\n".join([opening, "", *_details(referral)]) + "\n")
    return message


def _from() -> str:
    return partnership.name(current_app.config["DHR_PARTNERSHIP_NAME"])


def compose_sent(referral: NationalReferral) -> EmailMessage:
    rec = referral.recommendation
    return _message(
        referral, f"A recommendation to {referral.agency.name} from {rec.review.reference}: "
                  f"please respond by {long_date(referral.respond_by)}",
        f"{_from()} has made a recommendation to {referral.agency.name} in a domestic homicide review. "
        "The Domestic Abuse Commissioner's office is copied in.")


# --- Answering ------------------------------------------------------------------------------

def respond(rec: Recommendation, user: User, response: Optional[str], narrative: Optional[str]) -> NationalReferral:
    """The body's answer; the chair and the coordinators are told."""
    referral = rec.referral
    if referral is None:
        raise DataError("This recommendation has not been sent to a national body yet")
    if response not in set(NationalResponse):
        raise DataError("Select how the recommendation stands", "response")
    narrative = (narrative or "").strip()
    if not narrative:
        raise DataError("Enter what your organisation has done or will do", "narrative")
    if len(narrative) > NARRATIVE_LIMIT:
        raise DataError("The response must be 10,000 characters or fewer", "narrative")
    changed_from = NATIONAL_RESPONSE_LABELS.get(referral.response)
    referral.response = response
    referral.response_narrative = narrative
    referral.responded_by_id = user.id
    referral.responded_at = utcnow()
    db.session.flush()
    audit.record(RESPONDED, "recommendation", rec.id, body=referral.agency.name,
                 response=NATIONAL_RESPONSE_LABELS[response], **({"was": changed_from} if changed_from else {}))
    _tell_partnership(referral)
    return referral


def _tell_partnership(referral: NationalReferral) -> None:
    rec = referral.recommendation
    review = rec.review
    label = NATIONAL_RESPONSE_LABELS[referral.response]
    subject = f"{referral.agency.name} responded to {review.reference} recommendation {rec.number}: {label}"
    body = (f"{referral.agency.name} responded to recommendation {rec.number} of {review.reference}.\n\n"
            f"Recommendation: {rec.text.strip()[:500]}\n\nTheir answer: {label}\n\n"
            f"What they said:\n{referral.response_narrative[:2000]}\n\n"
            "The response is on the recommendation's page, ready to share with the family.")
    told = [*notifications.coordinators(), *([review.chair] if review.chair else [])]
    notifications.notify(told, RESPONDED, subject, body, f"/recommendations/{rec.id}")


# --- Chasing --------------------------------------------------------------------------------

def to_chase(on: Optional[dt.date] = None) -> list[NationalReferral]:
    """Referrals past their response date with no answer, not chased in the last CHASE_EVERY_DAYS."""
    on = on or progress.today()
    return list(db.session.scalars(
        select(NationalReferral)
        .where(NationalReferral.response.is_(None), NationalReferral.respond_by < on,
               or_(NationalReferral.last_chased_on.is_(None),
                   NationalReferral.last_chased_on <= on - dt.timedelta(days=CHASE_EVERY_DAYS)))
        .order_by(NationalReferral.respond_by, NationalReferral.id)
    ))


def chase(referral: NationalReferral, on: Optional[dt.date] = None) -> EmailMessage:
    """Record a chase of a silent body; the email to hand to the queue."""
    on = on or progress.today()
    referral.last_chased_on = on
    referral.chases = (referral.chases or 0) + 1
    db.session.flush()
    rec = referral.recommendation
    audit.record("national_chased", "recommendation", rec.id, body=referral.agency.name, chases=referral.chases,
                 due_on=referral.respond_by.isoformat())
    return _message(
        referral, f"No response yet: {rec.review.reference} recommendation {rec.number} to {referral.agency.name}",
        f"{_from()} has had no response from {referral.agency.name} to the recommendation below, sent on "
        f"{long_date(referral.sent_on)} and due for a response by {long_date(referral.respond_by)}. "
        "Until you respond it is shown as 'No response' to the partnership and the Domestic Abuse "
        "Commissioner's office, which is copied in.")


# --- What a national body sees ---------------------------------------------------------------

def _made_to_query(agency_id: int):
    return (select(Recommendation).join(NationalReferral, NationalReferral.recommendation_id == Recommendation.id)
            .where(NationalReferral.agency_id == agency_id))


# Awaiting the body's answer first (soonest due first), then those it answered (latest first).
_MADE_TO_ORDER = (NationalReferral.response.is_not(None), NationalReferral.respond_by,
                  NationalReferral.responded_at.desc(), Recommendation.id)


def made_to(agency_id: int, limit: int = HOME_ROWS) -> list[Recommendation]:
    """The first `limit` recommendations sent to a national body, in _MADE_TO_ORDER."""
    return list(db.session.scalars(_made_to_query(agency_id).order_by(*_MADE_TO_ORDER).limit(limit)))


def page_made_to(agency_id: int, number: int = 1, size: int = paging.DEFAULT_SIZE) -> paging.Page:
    """A page of the recommendations sent to a national body, in _MADE_TO_ORDER."""
    return paging.paginate(_made_to_query(agency_id), number, size, order=_MADE_TO_ORDER,
                           options=(selectinload(Recommendation.review), selectinload(Recommendation.referral)))


def count_made_to(agency_id: int) -> dict[str, int]:
    """How many recommendations were sent to a national body, and how many it has not answered."""
    total, waiting = db.session.execute(
        select(func.count(NationalReferral.id),
               func.count(case((NationalReferral.response.is_(None), NationalReferral.id))))
        .where(NationalReferral.agency_id == agency_id)
    ).one()
    return {"sent": total, "unanswered": waiting}
