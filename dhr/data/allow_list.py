"""The partnership's allow-list: public contact details (helplines, the partnership's own address,
phone and email) that the publication check never flags, on any review. The coordinator keeps it;
who may is the access policy's. Adding and removing entries is audited as any row change is."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, select
from sqlalchemy.orm import Mapped, mapped_column

from dhr.extensions import db

from .due import utcnow
from .errors import DataError
from .models import User
from .policy.publication import may_keep_allow_list
from .progress import NotAllowed

MAX_VALUE = 200
MAX_NOTE = 200


class AllowedContact(db.Model):
    __tablename__ = "publication_allow_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[str] = mapped_column(String(MAX_VALUE), unique=True)
    note: Mapped[str] = mapped_column(String(MAX_NOTE), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


def entries() -> list[AllowedContact]:
    return list(db.session.scalars(select(AllowedContact).order_by(AllowedContact.value)))


def values() -> tuple[str, ...]:
    return tuple(db.session.scalars(select(AllowedContact.value).order_by(AllowedContact.id)))


def get(entry_id: int) -> AllowedContact | None:
    return db.session.get(AllowedContact, entry_id)


def add(value: str, note: str, user: User) -> AllowedContact:
    if not may_keep_allow_list(user):
        raise NotAllowed("only the partnership coordinator keeps the allow-list")
    value = " ".join((value or "").split())
    note = " ".join((note or "").split())
    if not value:
        raise DataError("Enter the contact detail that is safe to publish", "value")
    if len(value) > MAX_VALUE:
        raise DataError(f"The contact detail must be {MAX_VALUE} characters or fewer", "value")
    if len(note) > MAX_NOTE:
        raise DataError(f"What it is must be {MAX_NOTE} characters or fewer", "note")
    taken = db.session.scalar(select(AllowedContact).where(db.func.lower(AllowedContact.value) == value.lower()))
    if taken is not None:
        raise DataError(f"‘{taken.value}’ is already on the allow-list", "value")
    entry = AllowedContact(value=value, note=note)
    db.session.add(entry)
    db.session.flush()
    return entry


def remove(entry: AllowedContact, user: User) -> None:
    if not may_keep_allow_list(user):
        raise NotAllowed("only the partnership coordinator keeps the allow-list")
    db.session.delete(entry)
    db.session.flush()
