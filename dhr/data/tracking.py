"""Every change is audited and every change to indexed data queues a search outbox row,
both inside the transaction that makes the change.

This is done once, on the session's after_flush, rather than in each data-layer function,
so that no code path can change a row without leaving its trace."""
from __future__ import annotations

import contextvars
import datetime as dt
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from .account_models import AccountLink
from .api_token_models import ApiToken
from .external_models import ExternalFinding, ExternalRecommendation, ExternalReview
from .job_models import Job
from .models import (
    Action,
    AuditEvent,
    Document,
    Finding,
    Recommendation,
    Review,
    SearchOutbox,
    SignInThrottle,
    UserSession,
    utcnow,
)
from .national_models import NationalReferral
from .notification_models import Notification

INDEXED_TYPES = {Review: "review", Finding: "finding", Recommendation: "recommendation", Document: "document"}
# Sessions and throttles change on every sign-in, sign-out and failure: those are audited as
# such events (audit.record), not as row changes.
# A job's own rows are its progress; asking for one and downloading it are audited as events.
# Notifications are an outbox: the change that caused each one is audited.
# Account links hold a token's hash: invitations and resets are audited as events, without it.
# API tokens hold a token's hash and the time each was last used: made and revoked are audited as events.
# A national referral is audited as its events (sent, answered, chased), on the recommendation.
# External learning is audited as its import (its source), not row by row.
UNAUDITED_TYPES = (AuditEvent, SearchOutbox, UserSession, SignInThrottle, Job, Notification, AccountLink,
                   NationalReferral, ApiToken, ExternalFinding, ExternalRecommendation)
SECRET_ATTRIBUTES = {"password_hash", "token_hash"}
# number_key follows number; a recommendation's referral to a national body is audited as its own events;
# a contribution's chases are audited as the chase's own event.
NOISE_ATTRIBUTES = {"updated_at", "version", "last_sign_in_at", "number_key", "referral", "chases", "last_chased_on"}

# Keys of session.info: the transaction has written rows / queued rows for the search index.
WROTE = "dhr_wrote"
QUEUED_FOR_SEARCH = "dhr_queued_for_search"

_actor: contextvars.ContextVar[tuple[int | None, str] | None] = contextvars.ContextVar("actor", default=None)


@contextmanager
def acting_as(label: str, user_id: int | None = None):
    """Name who is making changes outside a web request (CLI commands, demo loader)."""
    token = _actor.set((user_id, label))
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> tuple[int | None, str, str | None]:
    explicit = _actor.get()
    if explicit is not None:
        return explicit[0], explicit[1], None
    try:
        from flask import has_request_context, request
        from flask_login import current_user

        if has_request_context():
            addr = request.remote_addr
            if current_user and current_user.is_authenticated:
                return current_user.id, current_user.email, addr
            return None, "anonymous", addr
    except ImportError:  # pragma: no cover - flask is always installed
        pass
    return None, "system", None


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "id") and hasattr(value, "__table__"):
        label = getattr(value, "name", None) or getattr(value, "reference", None) or getattr(value, "audit_label", None)
        return {"id": value.id, "label": str(label or value.id)}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _entity_type(obj: Any) -> str:
    return obj.__table__.name


def _changes(obj: Any, *, new: bool) -> dict:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for attr in state.mapper.attrs:
        key = attr.key
        if key in NOISE_ATTRIBUTES:
            continue
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        if key in SECRET_ATTRIBUTES:
            changes[key] = "(changed)"
            continue
        if hasattr(attr, "direction"):  # a relationship
            if not attr.uselist:
                after = history.added[0] if history.added else None
                before = history.deleted[0] if history.deleted else None
                if new and after is None:
                    continue
                changes[key] = {"from": _plain(before), "to": _plain(after)}
            else:
                added = [_plain(v) for v in history.added]
                removed = [_plain(v) for v in history.deleted]
                if added or removed:
                    changes[key] = {"added": added, "removed": removed}
            continue
        after = history.added[0] if history.added else None
        if new:
            if after is not None:
                changes[key] = _plain(after)
        else:
            before = history.deleted[0] if history.deleted else None
            changes[key] = {"from": _plain(before), "to": _plain(after)}
    return changes


def forget_writes(session: Session) -> None:
    session.info.pop(WROTE, None)
    session.info.pop(QUEUED_FOR_SEARCH, None)


def _indexed_entry(obj: Any, entity_id: Any) -> tuple[str, int] | None:
    """The search document a changed row belongs to: its own, or (an action) its recommendation's."""
    if isinstance(obj, Action):
        return ("recommendation", obj.recommendation_id) if obj.recommendation_id else None
    if isinstance(obj, Document) and obj.review_id is None:
        return None  # evidence attached to an agency's update: nothing searches it
    for cls, name in INDEXED_TYPES.items():
        if isinstance(obj, cls) and isinstance(entity_id, int):
            return name, entity_id
    return None


@event.listens_for(Session, "after_flush")
def _audit_and_queue(session: Session, flush_context) -> None:
    user_id, actor, addr = current_actor()
    now = utcnow()
    audit_rows: list[dict] = []
    outbox_rows: set[tuple[str, int]] = set()

    for action, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if isinstance(obj, ExternalReview):  # audited as its source's import; indexed as a family
                outbox_rows.add(("external_review", obj.id))
                continue
            if isinstance(obj, UNAUDITED_TYPES) or not hasattr(obj, "__table__"):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=True):
                continue
            changes = _changes(obj, new=(action == "create")) if action != "delete" else {}
            if action == "update" and not changes:
                continue
            entity_id = inspect(obj).identity[0] if inspect(obj).identity else getattr(obj, "id", None)
            audit_rows.append(
                {
                    "at": now,
                    "user_id": user_id,
                    "actor": actor,
                    "action": action,
                    "entity_type": _entity_type(obj),
                    "entity_id": entity_id if isinstance(entity_id, int) else None,
                    "changes": changes,
                    "remote_addr": addr,
                }
            )
            indexed = _indexed_entry(obj, entity_id)
            if indexed:
                outbox_rows.add(indexed)

    connection = session.connection()
    if session.new or session.dirty or session.deleted:
        session.info[WROTE] = True
    if audit_rows:
        connection.execute(insert(AuditEvent.__table__), audit_rows)
    if outbox_rows:
        connection.execute(
            insert(SearchOutbox.__table__),
            [{"entity_type": t, "entity_id": i, "created_at": now} for t, i in sorted(outbox_rows)],
        )
        session.info[QUEUED_FOR_SEARCH] = True


@event.listens_for(Session, "after_transaction_end")
def _transaction_ended(session: Session, transaction) -> None:
    if transaction.parent is not None:
        return  # a savepoint ended inside the request's transaction: its writes are still to commit
    forget_writes(session)
