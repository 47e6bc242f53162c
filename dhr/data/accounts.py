"""Accounts the coordinator manages (invitations, role and agency, deactivation), and the links
emailed to set a password: an invitation's, or a forgotten password's.

A link carries a long random token and only the token's hash is kept. It works once, until it
expires (an invitation's after 7 days, a reset's after 1 hour), and only while its account may
use it; a new link of the same purpose replaces the old one. An invited person has no password,
and cannot sign in, until they set one through their link. Setting a password ends every
session the account had. The last active coordinator can never be demoted or deactivated, and
nobody deactivates their own account."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from dhr.extensions import db

from . import agencies, audit, policy, sessions, tracking, users
from .account_models import AccountLink
from .errors import DataError
from .models import User, utcnow
from .vocab import AccountState, Role

INVITE = "invite"
RESET = "reset"
LIFETIMES = {INVITE: dt.timedelta(days=7), RESET: dt.timedelta(hours=1)}
LINK_NOT_VALID = "This link is not valid. Check that you copied the whole link from the email."
LINK_USED = "This link has already been used. Each link works once."
LINK_EXPIRED = "This link has expired."
# Key of session.info: the links this transaction made, as (user id, purpose, token, sender's user
# id), emailed only once it commits (dhr.data.commit) so that no email carries a link that was
# never saved. Only memory holds the token.
TO_SEND = "dhr_account_links_to_send"


class AccountError(DataError):
    """A user-facing reason an account change cannot be made."""


class LinkRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@event.listens_for(Session, "after_rollback")
def _forget_to_send(session: Session) -> None:
    session.info.pop(TO_SEND, None)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_pending(user: User) -> bool:
    """Invited, with no password set yet."""
    return not user.password_hash


def _void(user: User, purpose: str | None = None) -> None:
    """Every unused link of the user (of one purpose, if given) stops working."""
    query = select(AccountLink).where(AccountLink.user_id == user.id, AccountLink.used_at.is_(None))
    if purpose:
        query = query.where(AccountLink.purpose == purpose)
    for link in db.session.scalars(query):
        db.session.delete(link)


def _new_link(user: User, purpose: str) -> str:
    """A new link for the user, replacing any unused one of the same purpose; returns its token."""
    _void(user, purpose)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(AccountLink(user_id=user.id, purpose=purpose, token_hash=_digest(token), created_at=now,
                               expires_at=now + LIFETIMES[purpose]))
    sender_id, _, _ = tracking.current_actor()
    db.session.info.setdefault(TO_SEND, []).append((user.id, purpose, token, sender_id))
    return token


def _live_invitations(user_ids: list[int]) -> set[int]:
    if not user_ids:
        return set()
    return set(db.session.scalars(select(AccountLink.user_id).where(
        AccountLink.user_id.in_(user_ids), AccountLink.purpose == INVITE, AccountLink.used_at.is_(None),
        AccountLink.expires_at > utcnow())))


def states(listed: list[User]) -> dict[int, str]:
    """Each user's AccountState, by id."""
    invited = _live_invitations([u.id for u in listed if is_pending(u)])
    found = {}
    for user in listed:
        if is_pending(user):
            found[user.id] = AccountState.INVITED if user.id in invited else AccountState.INVITATION_LAPSED
        else:
            found[user.id] = AccountState.ACTIVE if user.active else AccountState.DEACTIVATED
    return found


def _agency_for(role: str, agency_id: int | None):
    """The agency a user of `role` belongs to: an agency user's must be named, no one else has one."""
    if role not in {r.value for r in Role}:
        raise AccountError("Select a role", "role")
    if role != Role.AGENCY:
        return None
    agency = agencies.get(agency_id) if agency_id else None
    if agency is None or not agency.active:
        raise AccountError("Select the agency this person works for", "agency_id")
    return agency


def invite(email: str, name: str, role: str, agency_id: int | None) -> tuple[User, str]:
    """A new account, without a password, and the token of its invitation's link (emailed once
    the transaction commits, as every new link is)."""
    email = users.normalise_email(email)
    if users.by_email(email):
        raise AccountError("There is already an account with this email address", "email")
    agency = _agency_for(role, agency_id)
    user = User(email=email, name=name.strip(), password_hash="", role=role, agency=agency, active=False)
    db.session.add(user)
    db.session.flush()
    token = _new_link(user, INVITE)
    audit.record("invite", "user_account", user.id, email=email, role=role, agency=agency.name if agency else None)
    return user, token


def resend_invitation(user: User) -> str:
    if not is_pending(user):
        raise AccountError(f"{user.name} has already set a password: there is no invitation to send again")
    token = _new_link(user, INVITE)
    audit.record("resend_invite", "user_account", user.id, email=user.email)
    return token


def withdraw_invitation(user: User) -> None:
    if not is_pending(user):
        raise AccountError(f"{user.name} has already set a password: there is no invitation to withdraw")
    _void(user, INVITE)
    audit.record("withdraw_invite", "user_account", user.id, email=user.email)


def _is_last_coordinator(user: User) -> bool:
    if not policy.is_coordinator(user) or not user.active or is_pending(user):
        return False
    others = db.session.scalar(select(func.count()).select_from(User).where(
        User.role.in_(policy.COORDINATOR), User.active, User.password_hash != "", User.id != user.id))
    return not others


def change_role(user: User, role: str, agency_id: int | None) -> bool:
    """Give the user a role (and, for an agency user, an agency); whether anything changed."""
    agency = _agency_for(role, agency_id)
    if role != user.role and _is_last_coordinator(user):
        raise AccountError(f"{user.name} is the only active partnership coordinator. Make someone else "
                           "a coordinator first.", "role")
    before_role, before_agency = user.role, user.agency
    if role == before_role and agency == before_agency:
        return False
    user.role, user.agency = role, agency
    if role != before_role:
        audit.record("change_role", "user_account", user.id, role={"from": before_role, "to": role})
    if agency != before_agency:
        audit.record("change_agency", "user_account", user.id,
                     agency={"from": before_agency.name if before_agency else None,
                             "to": agency.name if agency else None})
    return True


def deactivate(user: User, by: User) -> int:
    """The user can no longer sign in; every session they have ends. Returns how many ended."""
    if user.id == by.id:
        raise AccountError("You cannot deactivate your own account. Ask another coordinator.")
    if is_pending(user):
        raise AccountError(f"{user.name} has not accepted their invitation: withdraw it instead")
    if not user.active:
        raise AccountError(f"{user.name}’s account is already deactivated")
    if _is_last_coordinator(user):
        raise AccountError(f"{user.name} is the only active partnership coordinator and cannot be deactivated. "
                           "Make someone else a coordinator first.")
    user.active = False
    _void(user)
    ended = sessions.end_all(user)
    audit.record("deactivate", "user_account", user.id, sessions_ended=ended)
    return ended


def reactivate(user: User) -> None:
    if is_pending(user):
        raise AccountError(f"{user.name} has not accepted their invitation yet: send it again instead")
    if user.active:
        raise AccountError(f"{user.name}’s account is already active")
    user.active = True
    audit.record("reactivate", "user_account", user.id)


def request_reset(email: str) -> tuple[User, str] | None:
    """A forgotten password's link for an active account with a password; None (and no link)
    for any other email, which the person asking is never told."""
    email = users.normalise_email(email)
    user = users.by_email(email)
    if user is None or not user.active or is_pending(user):
        audit.record("password_reset_requested", "user_account", user.id if user else None, email=email[:254],
                     link_sent=False)
        return None
    token = _new_link(user, RESET)
    audit.record("password_reset_requested", "user_account", user.id, email=email, link_sent=True)
    return user, token


def open_link(token: str) -> AccountLink:
    """The link `token` names, if it may still be used; else LinkRefused says why."""
    if not token or len(token) > 100:
        raise LinkRefused(LINK_NOT_VALID)
    link = db.session.scalar(select(AccountLink).where(AccountLink.token_hash == _digest(token)))
    if link is None:
        raise LinkRefused(LINK_NOT_VALID)
    if link.used_at is not None:
        raise LinkRefused(LINK_USED)
    if link.expires_at <= utcnow():
        raise LinkRefused(LINK_EXPIRED)
    if link.purpose == INVITE and not is_pending(link.user):
        raise LinkRefused(LINK_USED)
    if link.purpose == RESET and (not link.user.active or is_pending(link.user)):
        raise LinkRefused(LINK_NOT_VALID)
    return link


def set_password(link: AccountLink, password: str) -> User:
    """Set the password through the link, once: an invitee's account becomes active, and every
    session the account had ends."""
    user = link.user
    users.check_new_password(password, user.email, "new_password")
    claimed = db.session.execute(update(AccountLink).where(AccountLink.id == link.id, AccountLink.used_at.is_(None))
                                 .values(used_at=utcnow()).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:  # used by another request a moment ago
        raise LinkRefused(LINK_USED)
    db.session.info[tracking.WROTE] = True
    accepting = link.purpose == INVITE
    user.password_hash = users.hash_password(password)
    if accepting:
        user.active = True
    _void(user)
    ended = sessions.end_all(user)
    audit.record("invite_accepted" if accepting else "password_reset", "user_account", user.id, actor=user.email,
                 sessions_ended=ended)
    return user
