"""Who keeps the list of what the publication check leaves alone (beside the policy package's
other rules; callers import it from here)."""
from __future__ import annotations

from ..models import User
from . import is_coordinator


def may_keep_allow_list(user: User) -> bool:
    """Only the coordinator adds and removes the public contact details the check never flags
    (an entry there is never flagged on any review)."""
    return is_coordinator(user)
