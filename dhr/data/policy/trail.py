"""Who may read the whole audit trail (every event by anyone, filtered and exported): the
coordinator alone. A record's own history is shown on its page as the rules in dhr.data.policy
decide (a review's to the partnership; a recommendation's to whoever sees its progress)."""
from __future__ import annotations

from ..models import User
from . import is_coordinator


def may_see_audit_trail(user: User) -> bool:
    return is_coordinator(user)
