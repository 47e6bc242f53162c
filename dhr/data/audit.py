"""Audit events that are not row changes (sign-ins, refusals), and reading the trail."""
from __future__ import annotations

from sqlalchemy import select

from dhr.extensions import db

from . import paging
from .models import AuditEvent, utcnow
from .tracking import current_actor


def record(action: str, entity_type: str, entity_id: int | None = None, **details) -> None:
    """Add an audit event to the current transaction (the caller commits). `actor` and
    `actor_id` name who acted when the request is not (yet) signed in as them: a sign-in."""
    user_id, actor, addr = current_actor()
    db.session.add(
        AuditEvent(
            at=utcnow(),
            user_id=details.pop("actor_id", user_id),
            actor=details.pop("actor", actor),
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            changes=details,
            remote_addr=addr,
        )
    )


def record_now(action: str, entity_type: str, entity_id: int | None = None, **details) -> None:
    """Record an event in its own transaction, for refusals that end the request."""
    db.session.rollback()
    record(action, entity_type, entity_id, **details)
    db.session.commit()


def trail(entity_type: str, entity_id: int, limit: int = 200) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(limit)
        )
    )


SORTING = paging.Sorting(
    columns={"when": (AuditEvent.at,), "who": (AuditEvent.actor, AuditEvent.at)},
    default=(AuditEvent.at.desc(), AuditEvent.id.desc()),
    tie_breaker=AuditEvent.id,
)
