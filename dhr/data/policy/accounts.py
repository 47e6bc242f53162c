"""Who manages the service's accounts: only the partnership coordinator invites people, changes
a person's role and agency, deactivates and reactivates accounts and signs people out
everywhere. (Anyone may ask for a forgotten password's link; the link itself is the proof.)"""
from __future__ import annotations

from ..models import User
from . import COORDINATOR

USER_MANAGERS = COORDINATOR


def may_manage_users(user: User) -> bool:
    return user.role in USER_MANAGERS
