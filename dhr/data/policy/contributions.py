"""Who sees and manages agencies' contributions to a review (beside the policy package's other
rules; callers import it from here): the review's chair and the coordinator see and manage every
contribution of the review; an agency sees, and uploads, only its own; nobody else — not other
chairs, not other agencies, never trainers and never the public. The files agencies upload are
restricted likewise: never published, never searched, never in a trainer's export or PDF."""
from __future__ import annotations

from ..contribution_models import Contribution
from ..models import Review, User
from ..vocab import Role
from . import _agency_id, is_coordinator, may_change_review

# Who may open the pages that list overdue contributions across every review.
OVERDUE_READERS = (Role.ADMIN,)


def may_manage_contributions(user: User, review: Review) -> bool:
    """Ask agencies for contributions to the review, chase them and record them received."""
    return may_change_review(user, review)


def is_own(user: User, contribution: Contribution) -> bool:
    agency_id = _agency_id(user)
    return agency_id is not None and agency_id == contribution.agency_id


def may_see_contribution(user: User, contribution: Contribution) -> bool:
    return may_manage_contributions(user, contribution.review) or is_own(user, contribution)


def may_upload_contribution(user: User, contribution: Contribution) -> bool:
    return is_own(user, contribution)


def may_see_overdue_contributions(user: User) -> bool:
    return is_coordinator(user)
