"""Who sends national recommendations, and who answers them.

A national body's users are agency users of an agency of the national kind. They see the
recommendations their body leads or supports (and a published review's public part), never
another body's. Unlike a local agency, leading a recommendation of an unpublished review does
not open the rest of that review to them (its page, findings, other documents): only the
review's reference, pseudonym, type and stage beside their recommendation. Restricted notes
stay with the review's panel.
- The partnership (the coordinator, and a chair for the reviews they chair) sends a
  recommendation led by a national body to that body.
- Only the users of the body it was sent to answer it, in the Commissioner's categories.
- The answer is read by the partnership and by the body that gave it.
- The Commissioner's office address and the response window are the coordinator's to set."""
from __future__ import annotations

from ..models import Recommendation, Review, User
from ..vocab import Role
from . import _agency_id, is_coordinator, is_partnership, may_change_recommendation

# National bodies sign in with the agency role, scoped to their own (national) agency.
NATIONAL_BODIES = (Role.AGENCY,)


def national_ids(review: Review) -> set[int]:
    """The national bodies among the agencies a review's recommendations involve."""
    found: set[int] = set()
    for rec in review.recommendations:
        agencies = [rec.lead_agency, *rec.supporting_agencies, *(a.lead_agency for a in rec.actions)]
        found |= {agency.id for agency in agencies if agency is not None and agency.is_national}
    return found


def is_national_body(user: User) -> bool:
    return _agency_id(user) is not None and user.agency is not None and user.agency.is_national


def may_send_to_national(user: User, rec: Recommendation) -> bool:
    return rec.is_national and may_change_recommendation(user, rec)


def may_respond(user: User, rec: Recommendation) -> bool:
    referral = rec.referral
    return is_national_body(user) and referral is not None and referral.agency_id == user.agency_id


def may_see_response(user: User, rec: Recommendation) -> bool:
    return is_partnership(user) or may_respond(user, rec)


def may_set_up_national(user: User) -> bool:
    return is_coordinator(user)
