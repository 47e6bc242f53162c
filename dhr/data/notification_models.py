"""The notification outbox: what a person is to be told by email, written in the transaction of
the change that concerns them, and sent after it commits (at once or in the morning's digest)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dhr.extensions import db

from .models import User, utcnow


class Notification(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # A path within the service (/our-recommendations/12); emails make it absolute.
    link: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)

    user: Mapped[User] = relationship()

    # Finding what is still to be sent, oldest first.
    __table_args__ = (Index("ix_notification_unsent", "sent_at", "created_at"),)
