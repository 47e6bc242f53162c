"""Who chooses the review process the partnership follows (beside the policy package's other
rules; callers import it from here)."""
from __future__ import annotations

from ..models import User
from . import is_coordinator


def may_choose_process(user: User) -> bool:
    """Only the coordinator: the choice moves every review's stages and deadlines."""
    return is_coordinator(user)
