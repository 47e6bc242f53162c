"""Users: creation and password changes with a password policy, and sign-in."""
from __future__ import annotations

import functools
import secrets

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.security import check_password_hash, generate_password_hash

from dhr.extensions import db

from . import agencies, audit, paging, sessions, throttle
from .errors import DataError
from .models import Agency, User, utcnow
from .vocab import Role

MIN_PASSWORD_LENGTH = 12
WRONG_EMAIL_OR_PASSWORD = "Enter a correct email address and password"
COMMON_PASSWORDS = frozenset(
    {
        "password", "password123", "password1234", "passw0rd", "123456789012", "qwertyuiop",
        "letmein12345", "welcome12345", "iloveyou1234", "administrator", "changeme1234",
        "qwerty123456", "abcdefghijkl", "000000000000", "111111111111", "trustno1trustno1",
    }
)


class UserError(DataError):
    """A user-facing problem with the details given for a user."""


def password_problems(password: str, email: str = "") -> list[str]:
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"Password must be at least {MIN_PASSWORD_LENGTH} characters long")
    if password.lower() in COMMON_PASSWORDS or len(set(password)) < 5:
        problems.append("Password is too easy to guess: choose a longer phrase of unrelated words")
    local_part = email.split("@")[0].lower()
    if local_part and len(local_part) >= 4 and local_part in password.lower():
        problems.append("Password must not contain your email address")
    return problems


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _hash_method() -> str:
    from flask import current_app

    return current_app.config.get("DHR_PASSWORD_HASH", "scrypt")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=_hash_method())


@functools.cache
def _dummy_hash(method: str) -> str:
    """A hash no password matches, checked for emails without a usable account so that every
    sign-in costs one check."""
    return generate_password_hash(secrets.token_urlsafe(32), method=method)


def check_new_password(password: str, email: str, field: str | None = None) -> None:
    """Raise UserError naming every way `password` falls short of the password policy."""
    problems = password_problems(password, email)
    if problems:
        raise UserError("; ".join(problems), field)


def get(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


_AGENCY_NAME = select(Agency.name).where(Agency.id == User.agency_id).correlate(User).scalar_subquery()
SORTING = paging.Sorting(
    columns={"name": (User.name,), "email": (User.email,), "role": (User.role,), "agency": (_AGENCY_NAME,)},
    default=(User.role.asc(), User.email.asc()),
    tie_breaker=User.id,
)


def page_of_users(*, role: str = "", agency_id: int | None = None, number: int = 1, size: int = paging.DEFAULT_SIZE,
                  sort: str | None = None, descending: bool = False) -> paging.Page:
    """The coordinator's list of users, by role and agency."""
    query = select(User)
    if role:
        query = query.where(User.role == role)
    if agency_id:
        query = query.where(User.agency_id == agency_id)
    return paging.paginate(query, number, size, order=SORTING.order_by(sort, descending),
                           options=(selectinload(User.agency),))


def users_with_role(role: str) -> list[User]:
    return list(db.session.scalars(select(User).where(User.role == role, User.active).order_by(User.name)))


def create(email: str, password: str, role: str, name: str = "", agency_name: str | None = None) -> User:
    email = normalise_email(email)
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise UserError(f"'{email}' is not an email address")
    if role not in {r.value for r in Role}:
        raise UserError(f"Unknown role '{role}': choose admin, chair, agency or trainer")
    if by_email(email):
        raise UserError(f"A user with the email {email} already exists")
    agency = None
    if role == Role.AGENCY:
        if not agency_name:
            raise UserError("An agency user needs --agency NAME")
        agency = agencies.by_name(agency_name)
        if agency is None:
            known = ", ".join(a.name for a in db.session.scalars(select(Agency).order_by(Agency.name)))
            raise UserError(f"Unknown agency '{agency_name}'. Known agencies: {known or 'none yet'}")
    elif agency_name:
        raise UserError("Only agency users belong to an agency")
    check_new_password(password, email)
    user = User(
        email=email,
        name=name or email.split("@")[0].replace(".", " ").title(),
        password_hash=hash_password(password),
        role=role,
        agency=agency,
    )
    db.session.add(user)
    db.session.flush()
    return user


def change_password(user: User, current: str, new: str, keep_session: str | None) -> int:
    """Change a user's own password; every session but `keep_session` ends. Returns how many ended."""
    if not check_password_hash(user.password_hash, current):
        raise UserError("Your current password is not correct", "current_password")
    check_new_password(new, user.email, "new_password")
    user.password_hash = hash_password(new)
    ended = sessions.end_others(user, keep_session)
    audit.record("password_changed", "user_account", user.id, other_sessions_ended=ended)
    return ended


class SignInRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def authenticate(email: str, password: str, address: str) -> User:
    """Return the user, or raise SignInRefused with a message that does not reveal whether the
    email has an account. Every attempt that is not throttled costs exactly one hash check."""
    email = normalise_email(email)
    wait = throttle.seconds_to_wait(email, address)
    if wait:
        audit.record("sign_in_throttled", "user_account", None, email=email[:254])
        raise SignInRefused(throttle.wait_message(wait))
    user = by_email(email)
    usable = user is not None and user.active and bool(user.password_hash)  # an invitee has none yet
    correct = check_password_hash(user.password_hash if usable else _dummy_hash(_hash_method()), password)
    if not (usable and correct):
        throttle.record_failure(email, address)
        audit.record("sign_in_failed", "user_account", user.id if user else None, email=email[:254])
        raise SignInRefused(WRONG_EMAIL_OR_PASSWORD)
    throttle.clear_account(email, address)
    user.last_sign_in_at = utcnow()
    audit.record("sign_in", "user_account", user.id, actor=user.email, actor_id=user.id)
    return user
