"""Audit trails as people read them: a review's, and a recommendation's, newest first."""
from __future__ import annotations

from sqlalchemy import and_, or_, select

from dhr.extensions import db

from .models import Action, AuditEvent, Recommendation, Review

_REVIEW_CHILDREN = {"pause": "pauses", "finding": "findings", "recommendation": "recommendations",
                    "document": "documents", "panel_member": "panel_members",
                    "parallel_process": "parallel_processes", "contribution": "contributions",
                    "qa_panel_round": "qa_rounds"}


def _about(entity_type: str, ids: list[int]):
    return and_(AuditEvent.entity_type == entity_type, AuditEvent.entity_id.in_(ids))


def _newest(conditions: list, limit: int) -> list[AuditEvent]:
    query = select(AuditEvent).where(or_(*conditions)).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return list(db.session.scalars(query.limit(limit)))


def of_review(review: Review, limit: int = 300) -> list[AuditEvent]:
    """A review and its current children (pauses, findings, recommendations, documents, panel
    members, parallel processes).
    Deleting a child also records an event on the review itself, so it stays here."""
    conditions = [_about("review", [review.id])]
    for entity_type, attribute in _REVIEW_CHILDREN.items():
        ids = [row.id for row in getattr(review, attribute)]
        if ids:
            conditions.append(_about(entity_type, ids))
    action_ids = [a.id for rec in review.recommendations for a in rec.actions]
    if action_ids:
        conditions.append(_about("action", action_ids))
    area_ids = [a.id for r in review.qa_rounds for a in r.areas]
    if area_ids:
        conditions.append(_about("final_development_area", area_ids))
    return _newest(conditions, limit)


def of_action(action: Action, limit: int = 300) -> list[AuditEvent]:
    """An action, its target-date changes, its updates and their evidence."""
    conditions = [_about("action", [action.id])]
    _add_updates_and_changes(conditions, action.updates, action.date_changes)
    return _newest(conditions, limit)


def _add_updates_and_changes(conditions: list, updates, date_changes) -> None:
    update_ids = [u.id for u in updates]
    document_ids = [d.id for u in updates for d in u.evidence]
    change_ids = [c.id for c in date_changes]
    if update_ids:
        conditions.append(_about("recommendation_update", update_ids))
    if document_ids:
        conditions.append(_about("document", document_ids))
    if change_ids:
        conditions.append(_about("target_date_change", change_ids))


def of_recommendation(rec: Recommendation, limit: int = 300) -> list[AuditEvent]:
    """A recommendation, its actions, their target-date changes, updates and evidence."""
    conditions = [_about("recommendation", [rec.id])]
    if rec.actions:
        conditions.append(_about("action", [a.id for a in rec.actions]))
    _add_updates_and_changes(conditions, rec.updates, [c for a in rec.actions for c in a.date_changes])
    return _newest(conditions, limit)

