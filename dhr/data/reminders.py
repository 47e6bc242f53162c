"""Reminder digests: per agency, its overdue and due-soon recommendations, as an email each
(`flask --app dhr reminders` hands them to the queue to be sent)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Optional

from flask import current_app
from sqlalchemy import select

from dhr.dates import long_date
from dhr.extensions import db

from . import notices, notifications, partnership, plan_rows, progress
from .models import Agency, Recommendation, User
from .numbering import order_key
from .vocab import Role


@dataclass
class Digest:
    agency: Agency
    recipients: list[str]
    overdue: list[Recommendation] = field(default_factory=list)
    due_soon: list[Recommendation] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.overdue and not self.due_soon


def digests(on: Optional[dt.date] = None) -> list[Digest]:
    """One digest per agency leading at least one overdue or due-soon recommendation."""
    on = on or progress.today()
    result: dict[int, Digest] = {}
    recs = db.session.scalars(
        select(Recommendation).where(Recommendation.lead_agency_id.is_not(None),
                                     Recommendation.target_date.is_not(None))
    )
    for rec in recs:
        overdue = rec.is_overdue(on)
        due_soon = rec.is_due_soon(on, plan_rows.DUE_SOON_DAYS)
        if not (overdue or due_soon):
            continue
        digest = result.get(rec.lead_agency_id)
        if digest is None:
            recipients = list(
                db.session.scalars(
                    select(User.email)
                    .where(User.agency_id == rec.lead_agency_id, User.role == Role.AGENCY, User.active)
                    .order_by(User.email)
                )
            )
            digest = result[rec.lead_agency_id] = Digest(agency=rec.lead_agency, recipients=recipients)
        (digest.overdue if overdue else digest.due_soon).append(rec)
    for digest in result.values():
        digest.overdue.sort(key=lambda r: (r.target_date, r.review.reference, *order_key(r)))
        digest.due_soon.sort(key=lambda r: (r.target_date, r.review.reference, *order_key(r)))
    return sorted(result.values(), key=lambda d: d.agency.name.lower())


def _line(rec: Recommendation) -> str:
    return (f"- {rec.review.reference} recommendation {rec.number}: {rec.text.strip()[:200]}\n"
            f"  Target date {long_date(rec.target_date)}; status: {rec.status_label}\n"
            f"  {notifications.absolute_link(notices.agency_link(rec))}")


def compose(digest: Digest, on: dt.date) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["Subject"] = (f"Recommendations reminder for {digest.agency.name}: "
                          f"{len(digest.overdue)} overdue, {len(digest.due_soon)} due within "
                          f"{plan_rows.DUE_SOON_DAYS} days")
    message["From"] = config["MAIL_FROM"]
    if digest.recipients:
        message["To"] = ", ".join(digest.recipients)
    message["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    message["Message-ID"] = make_msgid(domain="dhr-tracker")
    parts = [
        f"Reminder for {digest.agency.name}, {long_date(on)}.",
        "",
        f"{partnership.name(config['DHR_PARTNERSHIP_NAME'])} asks you to post an update on each recommendation below, "
        "with evidence where the work is complete: follow its link, or sign in and go to 'Our recommendations'.",
    ]
    if digest.overdue:
        parts += ["", f"Overdue ({len(digest.overdue)}):", *[_line(r) for r in digest.overdue]]
    if digest.due_soon:
        parts += ["", f"Due within {plan_rows.DUE_SOON_DAYS} days ({len(digest.due_soon)}):",
                  *[_line(r) for r in digest.due_soon]]
    message.set_content("\n".join(parts) + "\n")
    return message
