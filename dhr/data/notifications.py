"""Telling people by email of what concerns them, through an outbox.

`notify` writes a row per person in the transaction of the change it tells of, so a change
rolled back tells nobody. After the commit, the rows of people who chose immediate emails are
handed to the background queue (dhr.data.commit); those of people who chose the daily digest wait
for the morning. Each row is claimed before it is sent (`claim`, `claim_for_digest`), so however
often it is handed over, and by however many workers, it goes out once."""
from __future__ import annotations

import datetime as dt
from typing import Iterable
from urllib.parse import urljoin

from flask import current_app
from sqlalchemy import delete, event, select, update
from sqlalchemy.orm import Session

from dhr.extensions import db

from .errors import DataError
from .models import User, utcnow
from .notification_models import Notification
from .vocab import NotifyBy, Role

# Key of session.info: ids of immediate notifications written in this transaction, handed to the
# queue after commit.
WRITTEN = "dhr_notifications_written"
# An immediate notification still unsent this long after it was written was not handed over (the
# queue was down, or lost it): a worker's minute-by-minute care sends it.
HANDED_OVER_WITHIN = dt.timedelta(minutes=1)
PREFERENCES_LINK = "/account/notifications"
# A sent notification is kept this long (so a person's "was I told?" can be answered), then
# removed: the email has gone, and the change it told of is in the audit trail.
SENT_KEPT_FOR = dt.timedelta(days=90)


@event.listens_for(Session, "after_rollback")
def _forget_written(session: Session) -> None:
    session.info.pop(WRITTEN, None)


def agency_users(agency_id: int | None) -> list[User]:
    """The active agency users of an agency (nobody, for no agency)."""
    if agency_id is None:
        return []
    return list(db.session.scalars(select(User).where(User.agency_id == agency_id, User.role == Role.AGENCY,
                                                      User.active).order_by(User.email)))


def coordinators() -> list[User]:
    return list(db.session.scalars(select(User).where(User.role == Role.ADMIN, User.active).order_by(User.email)))


def notify(users: Iterable[User], event: str, subject: str, body: str, link: str) -> list[Notification]:
    """Tell each active person (once, if named twice) of something, in the current transaction;
    `link` is a path within the service."""
    written = []
    for user in {user.id: user for user in users if user.active}.values():
        notification = Notification(user_id=user.id, event=event[:40], subject=_shortened(subject, 200),
                                    body=body, link=link[:500], created_at=utcnow())
        db.session.add(notification)
        written.append((notification, user.notify_by))
    db.session.flush()
    db.session.info.setdefault(WRITTEN, []).extend(
        notification.id for notification, notify_by in written if notify_by != NotifyBy.DAILY)
    return [notification for notification, _ in written]


def _shortened(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def absolute_link(path: str) -> str:
    """A path within the service as an address to follow from an email (DHR_BASE_URL)."""
    return urljoin(current_app.config["DHR_BASE_URL"].rstrip("/") + "/", path.lstrip("/"))


def get(notification_id: int) -> Notification | None:
    return db.session.get(Notification, notification_id)


def of_user(user: User) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)))


def claim(notification_id: int) -> Notification | None:
    """Mark one notification sent, if nobody has; the notification to send, or None if it is
    already sent (or gone)."""
    claimed = db.session.scalars(
        update(Notification).where(Notification.id == notification_id, Notification.sent_at.is_(None))
        .values(sent_at=utcnow()).returning(Notification.id)
        .execution_options(synchronize_session=False)
    ).all()
    if not claimed:
        return None
    notification = db.session.get(Notification, notification_id)
    db.session.refresh(notification)
    return notification


def claim_for_digest(user: User) -> list[Notification]:
    """Mark all of a person's unsent notifications sent, in one statement (so that two digests
    running at once share nothing); the ones claimed, oldest first."""
    claimed = db.session.scalars(
        update(Notification).where(Notification.user_id == user.id, Notification.sent_at.is_(None))
        .values(sent_at=utcnow()).returning(Notification.id)
        .execution_options(synchronize_session=False)
    ).all()
    if not claimed:
        return []
    found = list(db.session.scalars(select(Notification).where(Notification.id.in_(claimed))
                                    .order_by(Notification.created_at, Notification.id)))
    for notification in found:
        db.session.refresh(notification)
    return found


def not_handed_over(now: dt.datetime | None = None) -> list[int]:
    """Immediate notifications left unsent for longer than HANDED_OVER_WITHIN, oldest first."""
    now = now or utcnow()
    return list(db.session.scalars(
        select(Notification.id).join(User, User.id == Notification.user_id)
        .where(Notification.sent_at.is_(None), Notification.created_at < now - HANDED_OVER_WITHIN,
               User.notify_by != NotifyBy.DAILY, User.active)
        .order_by(Notification.id)
    ))


def awaiting_digest() -> list[User]:
    """Active people who chose the daily digest and have something unsent."""
    waiting = select(Notification.user_id).where(Notification.sent_at.is_(None))
    return list(db.session.scalars(select(User).where(User.notify_by == NotifyBy.DAILY, User.active,
                                                      User.id.in_(waiting)).order_by(User.email)))


def choose(user: User, notify_by: str) -> None:
    """A person's choice of an email each time or a daily digest (audited as a change to them)."""
    if notify_by not in (NotifyBy.IMMEDIATE, NotifyBy.DAILY):
        raise DataError("Select how you want to be told", "notify_by")
    user.notify_by = notify_by
    db.session.flush()


def remove_sent_long_ago(now: dt.datetime | None = None) -> int:
    """Remove notifications sent more than SENT_KEPT_FOR ago; returns how many."""
    now = now or utcnow()
    removed = db.session.execute(delete(Notification).where(Notification.sent_at < now - SENT_KEPT_FOR)
                                 .execution_options(synchronize_session=False))
    return removed.rowcount
