"""Agencies' progress updates on recommendations and the coordinator's assessment of them.

An agency posts an update (with evidence and perhaps a proposed status) only on what it
leads; the status changes only when the coordinator accepts the update, and accepting a
completion claim is the one way a recommendation becomes "complete, verified". Who may do
each is the access policy's (dhr.data.policy)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy.orm.exc import StaleDataError

from dhr.extensions import db

from . import notices, policy, uploads
from .errors import DataError
from .models import Document, Recommendation, RecommendationUpdate, User, utcnow
from .recommendations import COMPLETION_STATUSES, outcome_problem
from .vocab import AGENCY_PROPOSABLE_STATUSES, Assessment, DocumentKind, Status

EVIDENCE_KINDS = {"pdf", "docx", "png", "jpeg"}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def today() -> dt.date:
    """The one clock of the action plans: every function that needs the date takes it as an
    argument defaulting to this, so tests pass explicit dates."""
    return dt.date.today()


class ProgressError(DataError):
    """A plain reason an action on a recommendation cannot be done."""


class NotAllowed(PermissionError):
    """The user may not do this to this recommendation (the view answers 403 and audits it)."""


def get_update(update_id: int) -> Optional[RecommendationUpdate]:
    return db.session.get(RecommendationUpdate, update_id)


def get_document(document_id: int) -> Optional[Document]:
    return db.session.get(Document, document_id)


def last_update_at(rec: Recommendation) -> Optional[dt.datetime]:
    return max((u.created_at for u in rec.updates), default=None)


def pending_update(rec: Recommendation) -> Optional[RecommendationUpdate]:
    pending = [u for u in rec.updates if u.assessment == Assessment.PENDING]
    return pending[-1] if pending else None


@dataclass
class EvidenceFile:
    filename: str
    content: bytes


def _store_evidence(update: RecommendationUpdate, user: User, checked: list) -> None:
    for upload in checked:
        key = uploads.store_in_transaction(upload)
        db.session.add(Document(
            update=update, review_id=None, kind=DocumentKind.EVIDENCE, filename=upload.filename,
            content_type=upload.content_type, size_bytes=len(upload.content), sha256=upload.sha256,
            storage_key=key, uploaded_by_id=user.id,
        ))
    db.session.flush()


def post_update(
    rec: Recommendation,
    user: User,
    narrative: str,
    proposed_status: Optional[str],
    files: Iterable[EvidenceFile] = (),
) -> RecommendationUpdate:
    """An agency's progress update with its evidence. The status changes only when the
    coordinator accepts the update."""
    if not policy.may_post_update(user, rec):
        raise NotAllowed("only the lead agency may post an update on this recommendation")
    if proposed_status and proposed_status not in AGENCY_PROPOSABLE_STATUSES:
        raise NotAllowed(f"an agency may not propose the status {proposed_status}")
    narrative = (narrative or "").strip()
    if not narrative:
        raise ProgressError("Enter what has been done", "narrative")
    try:
        checked = [uploads.check(f.filename, f.content, allowed=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
                   for f in files]  # an empty file is refused, not quietly dropped
        for upload in checked:
            uploads.ensure_readable(upload)
    except uploads.UploadRefused as refused:
        refused.field = refused.field or "evidence"
        raise
    update = RecommendationUpdate(
        recommendation=rec, author_id=user.id, agency_id=user.agency_id, narrative=narrative,
        proposed_status=proposed_status or None, assessment=Assessment.PENDING,
    )
    db.session.add(update)
    _store_evidence(update, user, checked)
    notices.update_posted(update)
    return update


def accepted_status(update: RecommendationUpdate) -> Optional[str]:
    """What accepting an update sets: a completion claim, once accepted, is verified."""
    if update.proposed_status == Status.AWAITING_EVIDENCE:
        return Status.VERIFIED
    return update.proposed_status


def _check_assessment(update: RecommendationUpdate, user: User, decision: str, message: str,
                      outcome: str) -> Optional[str]:
    if not policy.may_assess(user):
        raise NotAllowed("only the partnership coordinator assesses updates")
    if update.assessment != Assessment.PENDING:
        raise ProgressError("This update has already been assessed", "decision")
    if decision not in (Assessment.ACCEPTED, Assessment.CHALLENGED, Assessment.MORE_EVIDENCE):
        raise ProgressError("Select whether to accept, challenge or ask for more evidence", "decision")
    if decision != Assessment.ACCEPTED and not message:
        raise ProgressError("Enter a message for the agency explaining what is needed", "message")
    new_status = accepted_status(update) if decision == Assessment.ACCEPTED else None
    problem = outcome_problem(new_status, outcome) if new_status else None
    if problem:
        raise ProgressError(problem, "outcome")
    return new_status


def assess(
    update: RecommendationUpdate,
    user: User,
    decision: str,
    message: str = "",
    completed_on: Optional[dt.date] = None,
    outcome: str = "",
    on: Optional[dt.date] = None,
) -> RecommendationUpdate:
    """The coordinator's assessment of an update. Only acceptance changes the status."""
    message, outcome = (message or "").strip(), (outcome or "").strip()
    new_status = _check_assessment(update, user, decision, message, outcome)
    rec = update.recommendation
    update.assessment = decision
    update.assessment_message = message
    update.assessed_by_id = user.id
    update.assessed_at = utcnow()
    if new_status:
        rec.status = new_status
        if new_status in COMPLETION_STATUSES:
            rec.completed_on = completed_on or on or today()
            rec.outcome = outcome
    try:
        db.session.flush()
    except StaleDataError as error:  # the recommendation was saved by someone else meanwhile
        db.session.rollback()
        raise ProgressError("Someone else changed this recommendation at the same time: "
                            "check it again and repeat your assessment", "decision") from error
    notices.update_assessed(update)
    return update
