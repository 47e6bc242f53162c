"""The emails that carry an account's link to set a password: an invitation, or a forgotten
password's. They go through dhr.mail like every other email; the link is the only place the
token is ever written."""
from __future__ import annotations

from email.message import EmailMessage

from flask import current_app, url_for

from dhr import mail
from dhr.data import accounts, notifications
from dhr.data.models import User
from dhr.data.vocab import ROLE_LABELS
from dhr.templating import service_name
from dhr.wording import counted


def _lifetime(purpose: str) -> str:
    lifetime = accounts.LIFETIMES[purpose]
    if lifetime.days:
        return counted(lifetime.days, "day")
    return counted(lifetime.seconds // 3600, "hour")


def _link(token: str) -> str:
    return notifications.absolute_link(url_for("auth.set_password", token=token))


def _message(user: User, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["To"] = user.email
    message.set_content(f"{body}\n\n--\n{current_app.config['DHR_PARTNERSHIP_NAME']}\n")
    return message


def send_invitation(user: User, token: str, invited_by: User) -> None:
    role = ROLE_LABELS.get(user.role, user.role)
    scope = f" for {user.agency.name}" if user.agency else ""
    body = (f"Dear {user.name},\n\n{invited_by.name} has invited you to the {service_name()}, as {role}{scope}.\n\n"
            f"Set your password here: {_link(token)}\n\n"
            f"This link works once and expires in {_lifetime(accounts.INVITE)}. Then sign in with this email "
            f"address and your password.\n\nIf you were not expecting this invitation, you can ignore this email.")
    mail.send_email(_message(user, f"You are invited to the {service_name()}", body))


def send_reset(user: User, token: str) -> None:
    body = (f"Dear {user.name},\n\nSomeone asked to reset the password of your account on the {service_name()}.\n\n"
            f"Choose a new password here: {_link(token)}\n\n"
            f"This link works once and expires in {_lifetime(accounts.RESET)}. When you set a new password, you "
            "are signed out everywhere.\n\nIf you did not ask for this, you can ignore this email: your password "
            "has not changed.")
    mail.send_email(_message(user, f"Reset your password for the {service_name()}", body))
