"""The emails that carry an account's link to set a password: an invitation, or a forgotten
password's. Each link is emailed once the transaction that made it commits (dhr.data.commit
hands the links over here), through dhr.mail like every other email; the email is the only place
the token is ever written."""
from __future__ import annotations

import logging
from email.message import EmailMessage

from flask import Flask, current_app

from dhr import data, mail
from dhr.data import accounts, notifications, users
from dhr.data.models import User
from dhr.data.vocab import ROLE_LABELS
from dhr.templating import service_name
from dhr.wording import counted

log = logging.getLogger(__name__)


def _lifetime(purpose: str) -> str:
    lifetime = accounts.LIFETIMES[purpose]
    if lifetime.days:
        return counted(lifetime.days, "day")
    return counted(lifetime.seconds // 3600, "hour")


def _link(token: str) -> str:
    # Built from the URL map, not url_for, so that a commit outside a request (a command) emails it too.
    path = current_app.url_map.bind("localhost").build("auth.set_password", {"token": token})
    return notifications.absolute_link(path)


def _message(user: User, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["To"] = user.email
    message.set_content(f"{body}\n\n--\n{current_app.config['DHR_PARTNERSHIP_NAME']}\n")
    return message


def invitation(user: User, token: str, invited_by: User | None) -> EmailMessage:
    role = ROLE_LABELS.get(user.role, user.role)
    scope = f" for {user.agency.name}" if user.agency else ""
    who = invited_by.name if invited_by else "The partnership coordinator"
    body = (f"Dear {user.name},\n\n{who} has invited you to the {service_name()}, as {role}{scope}.\n\n"
            f"Set your password here: {_link(token)}\n\n"
            f"This link works once and expires in {_lifetime(accounts.INVITE)}. Then sign in with this email "
            f"address and your password.\n\nIf you were not expecting this invitation, you can ignore this email.")
    return _message(user, f"You are invited to the {service_name()}", body)


def reset(user: User, token: str) -> EmailMessage:
    body = (f"Dear {user.name},\n\nSomeone asked to reset the password of your account on the "
            f"{service_name()}.\n\nChoose a new password here: {_link(token)}\n\n"
            f"This link works once and expires in {_lifetime(accounts.RESET)}. When you set a new password, you "
            "are signed out everywhere.\n\nIf you did not ask for this, you can ignore this email: your password "
            "has not changed.")
    return _message(user, f"Reset your password for the {service_name()}", body)


def send(links: list[tuple[int, str, str, int | None]]) -> None:
    """Email each committed link, as (user id, purpose, token, sender's user id)."""
    for user_id, purpose, token, sender_id in links:
        user = users.get(user_id)
        if user is None:
            continue
        sender = users.get(sender_id) if sender_id else None
        message = invitation(user, token, sender) if purpose == accounts.INVITE else reset(user, token)
        try:
            mail.send_email(message)
        except Exception:  # noqa: BLE001 - the queue is down: the link is saved; it can be sent again
            log.exception("could not hand the %s email for user %s to the queue", purpose, user_id)


def register(app: Flask) -> None:
    app.extensions[data.AFTER_ACCOUNT_LINKS_MADE] = send
