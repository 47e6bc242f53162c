"""Email, always through the background queue: `send_email(message)` hands it to a worker and returns.

The worker sends it by SMTP when DHR_SMTP_HOST is configured, trying again (RETRIES times,
DHR_MAIL_RETRY_SECONDS apart) while the server refuses it or cannot be reached; an email it
finally cannot send is logged with the cause and kept in the outbox's unsent/ folder. Without a
mail server each email is written as an .eml file into DHR_OUTBOX_DIR instead."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import logging
import re
import smtplib
import uuid
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from pathlib import Path

from flask import Flask, current_app
from huey.api import Huey

from dhr.wording import counted

log = logging.getLogger(__name__)
TASK = "dhr.mail.task"
RETRIES = 3
# Before the others: an email waits behind no PDF.
PRIORITY = 10
UNSENT = "unsent"
# Headers are written unfolded up to SMTP's line limit: Python folds a long subject so that, read
# back, it starts with a space.
WIRE = email.policy.default.clone(max_line_length=998)


class NoRecipients(Exception):
    """An email with nobody to send it to."""


def slug(text: str, fallback: str = "email") -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or fallback


def file_name(message: EmailMessage) -> str:
    """The outbox's name for an email that names none: the day, its subject, and a unique part."""
    return f"{dt.date.today():%Y-%m-%d}-{slug(message.get('Subject', ''))}-{uuid.uuid4().hex[:8]}.eml"


def send_email(message: EmailMessage, name: str | None = None) -> None:
    """Hand an email to the queue (From, Date and Message-ID are added if it has none). `name` is
    its file name should it be written to the outbox."""
    if "From" not in message:
        message["From"] = current_app.config["MAIL_FROM"]
    if "Date" not in message:
        message["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    if "Message-ID" not in message:
        message["Message-ID"] = make_msgid(domain="dhr-tracker")
    current_app.extensions[TASK](message.as_bytes(policy=WIRE), name or file_name(message))


def how_sent() -> str:
    config = current_app.config
    if config.get("MAIL_SERVER"):
        return f"by SMTP through {config['MAIL_SERVER']}:{config.get('MAIL_PORT', 25)}"
    return f"as .eml files in {config['DHR_OUTBOX_DIR']}"


def recipients(message: EmailMessage) -> list[str]:
    return [address for _, address in getaddresses(message.get_all("To", []) + message.get_all("Cc", []))
            if address]


def write_to_outbox(message: EmailMessage, name: str, folder: str = "") -> Path:
    outbox = Path(current_app.config["DHR_OUTBOX_DIR"]) / folder
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / name
    path.write_bytes(bytes(message))
    return path


def deliver(message: EmailMessage, name: str) -> dict:
    """Send by SMTP if a mail server is configured, else write to the outbox; the recipients the
    server refused when it took the email for others. Raises while the server refuses the email
    or cannot be reached (smtplib.SMTPException, OSError), so the queue tries again."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        write_to_outbox(message, name)
        return {}
    to = recipients(message)
    if not to:
        raise NoRecipients("the email names nobody to send it to")
    with smtplib.SMTP(config["MAIL_SERVER"], config.get("MAIL_PORT", 25), timeout=30) as smtp:
        return smtp.send_message(message, to_addrs=to)


def give_up(message: EmailMessage, name: str, error: Exception) -> Path:
    """An email that cannot be sent: logged with its cause and kept, never lost silently."""
    kept = write_to_outbox(message, name, UNSENT)
    log.error("email %r to %s could not be sent (%s: %s); kept in %s", message.get("Subject", ""),
              ", ".join(recipients(message)) or "nobody", type(error).__name__, error, kept)
    return kept


def attempt(message: EmailMessage, name: str, attempts_left: int) -> None:
    """One try at delivering; raises to be tried again while attempts are left."""
    try:
        refused = deliver(message, name)
    except NoRecipients as error:
        give_up(message, name, error)
        return
    except (smtplib.SMTPException, OSError) as error:
        if not attempts_left:
            give_up(message, name, error)
            return
        log.warning("email %r not sent yet (%s: %s); %s left", message.get("Subject", ""),
                    type(error).__name__, error, counted(attempts_left, "attempt"))
        raise
    if refused:
        log.error("email %r was refused for %s: %s", message.get("Subject", ""), ", ".join(refused), refused)


def register(queue: Huey, app: Flask) -> None:
    """The queue's email task, for send_email to hand emails to."""
    @queue.task(name="send_email", retries=RETRIES, retry_delay=app.config["DHR_MAIL_RETRY_SECONDS"],
                priority=PRIORITY, context=True)
    def send_email_task(raw: bytes, name: str, task=None) -> None:
        with app.app_context():
            attempt(email.message_from_bytes(raw, policy=WIRE), name, task.retries if task else 0)

    app.extensions[TASK] = send_email_task
