"""Who may use the API, and who manages its tokens.
- Only the partnership coordinator makes and revokes API tokens.
- A token acts as one agency user (of a local agency or a national body) and can do exactly what
  that user can on the web pages: the same rules in this package answer every API request.
- A token works only while it is neither revoked nor expired and its user's account is active
  and still an agency user of an agency; otherwise every request with it is refused (401).
- An agency's token (a national body's too) lists and updates the actions its agency leads;
  only a national body's token lists and answers the recommendations sent to its body. Another
  agency's record is answered as if it were not there (404).
- Evidence is added to an update already posted only by a user of the agency that posted it, on
  an action that agency still leads, and only while the update awaits the coordinator's
  assessment (what was assessed is not changed afterwards). Who reads it is the policy's
  progress readers (may_see_document)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..models import RecommendationUpdate, User
from ..vocab import Assessment, Role
from . import _agency_id, is_coordinator, may_post_update
from .national import is_national_body

TOKEN_HOLDERS = (Role.AGENCY,)
TOKEN_MANAGERS = (Role.ADMIN,)


def may_manage_api_tokens(user: User) -> bool:
    return is_coordinator(user)


def may_hold_api_token(user: User) -> bool:
    """Whether a token may be made for (and still act as) this user."""
    return bool(user.active) and user.role in TOKEN_HOLDERS and _agency_id(user) is not None


def token_refusal(token, now: dt.datetime) -> Optional[str]:
    """Why a token does not act for its user (None: it does): revoked, expired, or a user who may
    no longer hold one."""
    if token.revoked_at is not None:
        return "a revoked token"
    if token.expires_at is not None and token.expires_at <= now:
        return "an expired token"
    if not may_hold_api_token(token.user):
        return "a token of a user who may no longer use one"
    return None


def may_list_referrals(user: User) -> bool:
    return is_national_body(user)


def may_add_evidence(user: User, update: RecommendationUpdate) -> bool:
    return (update.assessment == Assessment.PENDING and update.agency_id == _agency_id(user)
            and may_post_update(user, update.action))
