"""Sending the notification outbox (dhr.data.notifications) as emails, through dhr.mail.

A notification for someone who chose immediate emails is handed to the queue when the change
that wrote it commits, and a worker emails it. Should that hand-over be lost (the queue down, a
worker killed), a worker's minute-by-minute care sends what is still unsent a minute on. Each
morning at DIGEST_HOUR (UK time) a worker sends everyone who chose the daily digest one email listing what
waits for them (`flask --app dhr notifications digest` does the same at once). Every notification
is claimed before it is sent, so it goes out once however often it is handed over."""
from __future__ import annotations

import datetime as dt
import logging
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from huey.api import Huey

from dhr import data, mail
from dhr.data import notifications, partnership
from dhr.data.models import User
from dhr.data.notification_models import Notification
from dhr.wording import counted

log = logging.getLogger(__name__)
DIGEST_HOUR = 7
# The queue keeps time in UTC; the morning is the partnership's, summer time or not.
DIGEST_TIMEZONE = ZoneInfo("Europe/London")


def _footer() -> str:
    return (f"\n\n--\n{partnership.name(current_app.config['DHR_PARTNERSHIP_NAME'])}\n"
            f"Choose an email each time or one a day: {notifications.absolute_link(notifications.PREFERENCES_LINK)}\n")


def compose(notification: Notification) -> EmailMessage:
    """The email of one notification: its subject, its words and the address of its page."""
    message = EmailMessage()
    message["Subject"] = notification.subject
    message["To"] = notification.user.email
    message.set_content(f"{notification.body.strip()}\n\nOpen it: {notifications.absolute_link(notification.link)}"
                        f"{_footer()}")
    return message


def compose_digest(user: User, waiting: list[Notification]) -> EmailMessage:
    """One email listing a person's notifications, each with the address of its page."""
    message = EmailMessage()
    count = len(waiting)
    message["Subject"] = f"Your daily summary: {counted(count, 'notification')}"
    message["To"] = user.email
    items = [f"{number}. {n.subject}\n   {n.created_at:%d %b %Y %H:%M} UTC\n   {notifications.absolute_link(n.link)}"
             for number, n in enumerate(waiting, start=1)]
    message.set_content("Since your last summary:\n\n" + "\n\n".join(items) + _footer())
    return message


def send(notification_ids: list[int]) -> int:
    """Email each of these notifications nobody has sent yet; how many were sent."""
    sent = 0
    for notification_id in dict.fromkeys(notification_ids):
        notification = notifications.claim(notification_id)
        if notification is not None and notification.user.active:
            mail.send_email(compose(notification), f"notification-{notification.id}.eml")
            sent += 1
        data.commit()  # the claim is kept only once the email is in the queue
    return sent


def send_not_handed_over() -> int:
    """The immediate notifications whose hand-over was lost, sent now."""
    return send(notifications.not_handed_over())


def send_digests() -> int:
    """Each daily-digest reader's waiting notifications in one email; how many emails."""
    sent = 0
    for user in notifications.awaiting_digest():
        waiting = notifications.claim_for_digest(user)
        if waiting:
            mail.send_email(compose_digest(user, waiting), f"digest-{user.id}-{waiting[-1].id}.eml")
            sent += 1
        data.commit()
    return sent


def is_digest_time(now: dt.datetime) -> bool:
    """The digest's schedule, which the queue checks each minute: DIGEST_HOUR o'clock, UK time.
    `now` is aware, or naive UTC as the queue has it."""
    aware = now if now.tzinfo else now.replace(tzinfo=dt.timezone.utc)
    local = aware.astimezone(DIGEST_TIMEZONE)
    return local.hour == DIGEST_HOUR and local.minute == 0


def register(queue: Huey, app: Flask) -> None:
    """The queue's tasks: immediate notifications as they are handed over, and the morning digest."""
    @queue.task(name="send_notifications", priority=mail.PRIORITY)
    def send_notifications(notification_ids: list[int]) -> None:
        with app.app_context():
            send(notification_ids)

    @queue.periodic_task(is_digest_time, name="send_notification_digests")
    def send_notification_digests() -> None:
        with app.app_context():
            log.info("sent %d notification digests", send_digests())

    def hand_over(notification_ids: list[int]) -> None:
        try:
            send_notifications(notification_ids)
        except Exception:  # noqa: BLE001 - the queue is down: the rows are kept, and sent a minute on
            log.exception("could not hand notifications %s to the queue; a worker will send them later",
                          notification_ids)

    app.extensions[data.AFTER_NOTIFICATIONS_WRITTEN] = hand_over
