"""Who sees and records a review's panel, terms of reference, chair's declaration and parallel
processes (beside the policy package's other rules; callers import it from here): the review's
editors, that is the coordinator and the review's own chair. The declaration of independence is
the chair's own: only the review's chair makes it."""
from __future__ import annotations

from ..models import Review, User
from ..vocab import Role
from . import is_coordinator, may_change_review

# Who may open the declaration's page: the chairs (each then only for a review they chair).
DECLARERS = (Role.CHAIR,)


def may_see_panel(user: User, review: Review) -> bool:
    return may_change_review(user, review)


def may_change_panel(user: User, review: Review) -> bool:
    return may_change_review(user, review)


def may_declare_independence(user: User, review: Review) -> bool:
    return not is_coordinator(user) and may_change_review(user, review)


def may_see_processes(user: User, review: Review) -> bool:
    return may_change_review(user, review)


def may_record_processes(user: User, review: Review) -> bool:
    return may_change_review(user, review)
