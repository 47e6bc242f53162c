"""Agencies' progress updates on actions and the coordinator's assessment of them.

An agency posts an update (with evidence and perhaps a proposed status) only on an action it
leads; the action's status changes only when the coordinator accepts the update, and accepting
a completion claim is the one way an action becomes "complete, verified" (its recommendation
follows, dhr.data.actions). Posting the same form twice saves one update. Who may do each is
the access policy's (dhr.data.policy)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from dhr.extensions import db

from . import notices, policy, uploads
from .actions import COMPLETION_STATUSES, outcome_problem
from .errors import DataError
from .models import Action, Document, Recommendation, RecommendationUpdate, User, utcnow
from .policy import api as api_policy
from .practice_vocab import EvidenceGrade
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


def last_update_at(item: Recommendation | Action) -> Optional[dt.datetime]:
    return max((u.created_at for u in item.updates), default=None)


def pending_update(item: Recommendation | Action) -> Optional[RecommendationUpdate]:
    pending = [u for u in item.updates if u.assessment == Assessment.PENDING]
    return pending[-1] if pending else None


def already_posted(submission_key: Optional[str]) -> Optional[RecommendationUpdate]:
    if not submission_key:
        return None
    return db.session.scalar(select(RecommendationUpdate).where(RecommendationUpdate.submission_key == submission_key))


def _repeat_of(submission_key: Optional[str], action: Action, user: User) -> Optional[RecommendationUpdate]:
    """The update this very submission already saved; a key used for anything else is refused."""
    repeated = already_posted(submission_key)
    if repeated is None:
        return None
    if repeated.action_id != action.id or repeated.author_id != user.id:
        raise ProgressError("This form has already been used: open the action again to post an update", "narrative")
    return repeated


@dataclass
class EvidenceFile:
    filename: str
    content: bytes


def _checked_evidence(files: Iterable[EvidenceFile]) -> list[uploads.CheckedUpload]:
    """Every file checked as evidence (type by content, size, an Office file's active content, a
    PDF that cannot be opened) before any is stored; the refusal names the evidence field."""
    try:
        checked = [uploads.check(f.filename, f.content, allowed=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
                   for f in files]  # an empty file is refused, not quietly dropped
        for upload in checked:
            uploads.ensure_readable(upload)
    except uploads.UploadRefused as refused:
        refused.field = refused.field or "evidence"
        raise
    return checked


def _store_evidence(update: RecommendationUpdate, user: User, checked: list) -> list[Document]:
    stored = []
    for upload in checked:
        key = uploads.store_in_transaction(upload)
        stored.append(Document(
            update=update, review_id=None, kind=DocumentKind.EVIDENCE, filename=upload.filename,
            content_type=upload.content_type, size_bytes=len(upload.content), sha256=upload.sha256,
            storage_key=key, uploaded_by_id=user.id,
        ))
        db.session.add(stored[-1])
    db.session.flush()
    return stored


def add_evidence(update: RecommendationUpdate, user: User, files: Iterable[EvidenceFile]) -> list[Document]:
    """Evidence added to an update already posted, checked as evidence posted with an update is."""
    if not api_policy.may_add_evidence(user, update):
        raise NotAllowed("only the agency that posted this update adds evidence to it, until it is assessed")
    checked = _checked_evidence(files)
    if not checked:
        raise ProgressError("Select a file to attach", "evidence")
    return _store_evidence(update, user, checked)


def post_update(
    action: Action,
    user: User,
    narrative: str,
    proposed_status: Optional[str],
    files: Iterable[EvidenceFile] = (),
    submission_key: Optional[str] = None,
) -> RecommendationUpdate:
    """An agency's progress update on an action, with its evidence. The status changes only
    when the coordinator accepts the update. A submission already saved is answered with the
    update it saved."""
    if not policy.may_post_update(user, action):
        raise NotAllowed("only the agency leading this action may post an update on it")
    repeated = _repeat_of(submission_key, action, user)
    if repeated is not None:
        return repeated
    if proposed_status and proposed_status not in AGENCY_PROPOSABLE_STATUSES:
        raise NotAllowed(f"an agency may not propose the status {proposed_status}")
    narrative = (narrative or "").strip()
    if not narrative:
        raise ProgressError("Enter what has been done", "narrative")
    checked = _checked_evidence(files)
    update, new = _add_once(action, user, narrative, proposed_status, submission_key)
    if not new:
        return update
    _store_evidence(update, user, checked)
    notices.update_posted(update)
    return update


def _add_once(action: Action, user: User, narrative: str, proposed_status: Optional[str],
              submission_key: Optional[str]) -> tuple[RecommendationUpdate, bool]:
    """The update row, inside a savepoint so that the same submission arriving twice at once
    leaves one row (the second finds the first). Made by ids: attaching it to the loaded
    collections before it is in the session would make the savepoint's flush skip it."""
    try:
        with db.session.begin_nested():
            update = RecommendationUpdate(
                recommendation_id=action.recommendation_id, action_id=action.id, author_id=user.id,
                agency_id=user.agency_id, narrative=narrative, proposed_status=proposed_status or None,
                assessment=Assessment.PENDING, submission_key=submission_key or None,
            )
            db.session.add(update)
    except IntegrityError:
        return _repeat_of(submission_key, action, user), False
    db.session.expire(action, ["updates"])
    db.session.expire(action.recommendation, ["updates"])
    return update, True


def accepted_status(update: RecommendationUpdate) -> Optional[str]:
    """What accepting an update sets: a completion claim, once accepted, is verified."""
    if update.proposed_status == Status.AWAITING_EVIDENCE:
        return Status.VERIFIED
    return update.proposed_status


def _check_assessment(update: RecommendationUpdate, user: User, decision: str, message: str,
                      outcome: str, evidence_grade: Optional[str] = None) -> Optional[str]:
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
    if new_status == Status.VERIFIED and evidence_grade not in set(EvidenceGrade):
        raise ProgressError("Select what the evidence shows: that the change happened, only that a document "
                            "or plan exists, or nothing", "evidence_grade")
    return new_status


def assess(
    update: RecommendationUpdate,
    user: User,
    decision: str,
    message: str = "",
    completed_on: Optional[dt.date] = None,
    outcome: str = "",
    on: Optional[dt.date] = None,
    evidence_grade: Optional[str] = None,
) -> RecommendationUpdate:
    """The coordinator's assessment of an update. Only acceptance changes the action's status;
    verifying a completion grades its evidence (EvidenceGrade)."""
    message, outcome = (message or "").strip(), (outcome or "").strip()
    new_status = _check_assessment(update, user, decision, message, outcome, evidence_grade)
    action = update.action
    update.assessment = decision
    update.assessment_message = message
    update.assessed_by_id = user.id
    update.assessed_at = utcnow()
    update.evidence_grade = evidence_grade if new_status == Status.VERIFIED else None
    if new_status:
        action.status = new_status
        if new_status in COMPLETION_STATUSES:
            action.completed_on = completed_on or on or today()
            action.outcome = outcome
    try:
        db.session.flush()
    except StaleDataError as error:  # the action was saved by someone else meanwhile
        db.session.rollback()
        raise ProgressError("Someone else changed this action at the same time: "
                            "check it again and repeat your assessment", "decision") from error
    notices.update_assessed(update)
    return update
