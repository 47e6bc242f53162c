"""Signed-in sessions, held on the server. The browser's session cookie carries a random token
and only the token's hash is stored, so ending a session here ends it wherever its cookie has
been copied to. A session ends when its user signs out or changes their password elsewhere, or
when the coordinator signs the user out everywhere; it lapses after the idle lifetime without a
request, or after the absolute lifetime, whichever comes first."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from flask import current_app
from sqlalchemy import delete, func, or_, select

from dhr.extensions import db

from . import audit
from .models import User, UserSession, utcnow

# How stale last_seen_at may grow before a request records it: at most one write a minute.
SEEN_EVERY = dt.timedelta(minutes=1)
# A session that ended or lapsed is kept this long (for "signed in on N devices" it no longer
# counts), then its row is removed.
FINISHED_KEPT_FOR = dt.timedelta(days=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _live(now: dt.datetime) -> tuple:
    """Conditions on UserSession for a session that has neither ended nor lapsed."""
    idle = current_app.permanent_session_lifetime
    lifetime = dt.timedelta(hours=current_app.config["DHR_SESSION_MAX_HOURS"])
    return (UserSession.ended_at.is_(None), UserSession.last_seen_at > now - idle,
            UserSession.created_at > now - lifetime)


def start(user: User, user_agent: str = "") -> str:
    """A new session for the user; returns the token for the browser's cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(UserSession(user_id=user.id, token_hash=_digest(token), created_at=now, last_seen_at=now,
                               user_agent=user_agent[:200]))
    return token


def is_live(user: User | None, token: str | None) -> bool:
    """Whether `token` names a live session of `user`; notes that it was seen."""
    if user is None or not token:
        return False
    now = utcnow()
    found = db.session.scalar(select(UserSession).where(UserSession.token_hash == _digest(token),
                                                        UserSession.user_id == user.id, *_live(now)))
    if found is None:
        return False
    if now - found.last_seen_at >= SEEN_EVERY:
        found.last_seen_at = now
    return True


def _end(*where) -> int:
    now = utcnow()
    ended = list(db.session.scalars(select(UserSession).where(*_live(now), *where)))
    for row in ended:
        row.ended_at = now
    return len(ended)


def end(token: str | None) -> None:
    if token:
        _end(UserSession.token_hash == _digest(token))


def end_others(user: User, keep_token: str | None) -> int:
    """End every live session of the user but the one `keep_token` names; returns how many."""
    return _end(UserSession.user_id == user.id, UserSession.token_hash != _digest(keep_token or ""))


def end_all(user: User) -> int:
    """End every live session of the user; returns how many."""
    return _end(UserSession.user_id == user.id)


def sign_out_everywhere(user: User) -> int:
    """End every live session of the user (the coordinator's doing); returns how many."""
    ended = end_all(user)
    audit.record("signed_out_everywhere", "user_account", user.id, sessions_ended=ended)
    return ended


def live_counts() -> dict[int, int]:
    """How many live sessions each user has (users with none are left out)."""
    rows = db.session.execute(select(UserSession.user_id, func.count()).where(*_live(utcnow()))
                              .group_by(UserSession.user_id))
    return dict(rows.all())


def remove_finished(now: dt.datetime | None = None) -> int:
    """Remove sessions that ended, or lapsed, more than FINISHED_KEPT_FOR ago; returns how many."""
    now = now or utcnow()
    before = now - FINISHED_KEPT_FOR
    idle = current_app.permanent_session_lifetime
    lifetime = dt.timedelta(hours=current_app.config["DHR_SESSION_MAX_HOURS"])
    removed = db.session.execute(delete(UserSession).where(or_(
        UserSession.ended_at < before, UserSession.last_seen_at < before - idle,
        UserSession.created_at < before - lifetime)).execution_options(synchronize_session=False))
    return removed.rowcount
