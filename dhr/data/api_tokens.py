"""API tokens for agencies' own systems: made and revoked by the coordinator, each acting as one
agency user. A token is a long random string shown once; only its hash is kept. Who may make,
hold and use one is the access policy's (dhr.data.policy.api)."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dhr.dates import long_date
from dhr.extensions import db

from . import audit, paging
from .api_token_models import ApiToken
from .errors import DataError
from .models import User, utcnow
from .policy import api as api_policy
from .vocab import Role

NAME_LIMIT = 200
# A token's last use is written at most this often, not on every request.
TOUCH_EVERY = dt.timedelta(minutes=1)
CREATED = "api_token_created"
REVOKED = "api_token_revoked"
REFUSED = "api_token_refused"


def hash_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def get(token_id: int) -> Optional[ApiToken]:
    return db.session.get(ApiToken, token_id)


def holders() -> list[User]:
    """The users a token may act as: active agency users of an agency, by name."""
    found = db.session.scalars(select(User).where(User.role == Role.AGENCY, User.agency_id.is_not(None),
                                                  User.active.is_(True))
                               .options(selectinload(User.agency)).order_by(User.name, User.email))
    return [user for user in found if api_policy.may_hold_api_token(user)]


def page_of_tokens(number: int = 1, size: int = paging.DEFAULT_SIZE) -> paging.Page:
    """Every token, working ones first, newest first."""
    query = select(ApiToken)
    return paging.paginate(query, number, size, order=(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(),
                                                       ApiToken.id.desc()),
                           options=(selectinload(ApiToken.user).selectinload(User.agency),))


def create(holder: Optional[User], name: str, by: User, expires_on: Optional[dt.date] = None,
           today: Optional[dt.date] = None) -> tuple[ApiToken, str]:
    """A new token acting as `holder`, and the token itself (shown once, never kept)."""
    name = (name or "").strip()
    if holder is None or not api_policy.may_hold_api_token(holder):
        raise DataError("Select an active agency user for the token to act as", "user_id")
    if not name:
        raise DataError("Enter a name for the token, like the system that will use it", "name")
    if len(name) > NAME_LIMIT:
        raise DataError(f"The name must be {NAME_LIMIT} characters or fewer", "name")
    if expires_on is not None and expires_on <= (today or dt.date.today()):
        raise DataError("The expiry date must be in the future", "expires_on")
    secret = "dhr_" + secrets.token_urlsafe(32)
    token = ApiToken(user=holder, name=name, token_hash=hash_of(secret), created_at=utcnow(), created_by_id=by.id,
                     expires_at=dt.datetime.combine(expires_on, dt.time()) if expires_on else None)
    db.session.add(token)
    db.session.flush()
    audit.record(CREATED, "user_account", holder.id, client=name,
                 lasting=f"until {long_date(expires_on)}" if expires_on else "until it is revoked")
    return token, secret


def revoke(token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        raise DataError(f"The token ‘{token.name}’ is already revoked")
    token.revoked_at = utcnow()
    db.session.flush()
    audit.record(REVOKED, "user_account", token.user_id, client=token.name)
    return token


def find(secret: str) -> Optional[ApiToken]:
    """The token whose secret this is, working or not (None if there is none)."""
    if not secret:
        return None
    return db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_of(secret))
                             .options(selectinload(ApiToken.user).selectinload(User.agency)))


def refusal(token: ApiToken, now: Optional[dt.datetime] = None) -> Optional[str]:
    """Why the token does not work now, or None when it does."""
    return api_policy.token_refusal(token, now or utcnow())


def touch(token: ApiToken, now: Optional[dt.datetime] = None) -> None:
    """Note the token's use (at most once every TOUCH_EVERY)."""
    now = now or utcnow()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        token.last_used_at = now
