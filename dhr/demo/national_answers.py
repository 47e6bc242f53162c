"""The demo's national bodies: a named contact each, the Commissioner's office address, and
the national recommendations sent to them — most answered in the Commissioner's categories,
some still within the time to respond, and the oldest silent ones past it ("No response")."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from dhr.data import national, settings
from dhr.data.models import Agency, Recommendation, User
from dhr.data.national_models import NationalReferral
from dhr.data.vocab import AgencyKind, NationalResponse
from dhr.extensions import db

COMMISSIONER_OFFICE = "commissioner-office@example.org"
# The answers given in turn to the national recommendations sent earliest; the later ones wait.
ANSWERS = [
    (NationalResponse.FULLY_IMPLEMENTED, "The checklist was revised and reissued to every force in the spring."),
    (NationalResponse.ALREADY_HAPPENING, "This work was already under way in the national programme before the "
                                         "review reported; its first results are published this year."),
    (NationalResponse.PARTLY_MET, "Guidance has been drafted; the training it calls for is not yet funded."),
    (NationalResponse.NOT_MET, "The department does not accept the recommendation: the matter is for local "
                               "commissioners, to whom it has been referred."),
]


def contact_of(body: Agency) -> str:
    slug = "-".join(body.name.lower().split())
    return f"dhr-recommendations.{slug}@example.org"


def load(today: dt.date, chair: User | None) -> int:
    """Give the national bodies contacts and send them their recommendations; how many were sent."""
    settings.put(national.COMMISSIONER_KEY, COMMISSIONER_OFFICE)
    for body in db.session.scalars(select(Agency).where(Agency.kind == AgencyKind.NATIONAL)):
        body.contact_email = body.contact_email or contact_of(body)
    recs = [r for r in db.session.scalars(select(Recommendation).order_by(Recommendation.id))
            if national.body_of(r) is not None and r.referral is None]
    days = national.response_days()
    for number, rec in enumerate(recs):
        # The earliest were sent long ago; the last two within the response window.
        waiting = number >= len(recs) - 2
        sent_on = today - dt.timedelta(days=10 + 15 * (len(recs) - 1 - number) if waiting
                                       else days + 30 * (len(recs) - number))
        referral = NationalReferral(
            recommendation=rec, agency=rec.lead_agency, sent_at=dt.datetime.combine(sent_on, dt.time(10)),
            sent_on=sent_on, sent_by_id=chair.id if chair else None, sent_to=rec.lead_agency.contact_email,
            commissioner_email=COMMISSIONER_OFFICE, respond_by=national.respond_by(sent_on),
            response_narrative="", chases=0)
        if number < len(ANSWERS) and not waiting:
            referral.response, referral.response_narrative = ANSWERS[number]
            referral.responded_at = dt.datetime.combine(sent_on + dt.timedelta(days=40), dt.time(15))
        db.session.add(referral)
    db.session.flush()
    return len(recs)
