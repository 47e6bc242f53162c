"""The service's own bookkeeping tables: signed-in browsers, failed sign-ins, the search
index's outbox and the installation's settings."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from dhr.extensions import db

from .due import utcnow


class UserSession(db.Model):
    """A signed-in browser. Its cookie carries a random token; only the token's hash is kept."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    user_agent: Mapped[str] = mapped_column(String(200), default="")


class SignInThrottle(db.Model):
    """Failed sign-ins counted under one key: an (email, address) pair or an address."""

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class SearchOutbox(db.Model):
    """A row per change to something indexed, written in the same transaction as the change."""

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())


class Setting(db.Model):
    """Small key/value facts about this installation (e.g. that demo data is loaded)."""

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
