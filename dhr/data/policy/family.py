"""Who sees and records a review's family involvement (beside the policy package's other rules;
callers import it from here): the partnership's coordinator and the review's own chair, nobody
else — not the panel's agencies, not trainers, and never the public."""
from __future__ import annotations

from ..models import Review, User
from . import may_change_review


def may_see_family(user: User, review: Review) -> bool:
    return may_change_review(user, review)


def may_record_family(user: User, review: Review) -> bool:
    return may_change_review(user, review)
