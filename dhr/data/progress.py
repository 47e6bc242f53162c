"""Agencies' progress on recommendations and the partnership's tracking of them.

Who may do what with a recommendation is decided here, once:
- the partnership (admins and chairs) sees and edits every recommendation and assesses updates;
- an agency sees the recommendations it leads or supports, and posts updates only on those it leads;
- an agency sees a review's restricted text only where it sat on the review's panel.

Overdue and due-soon are derived from the target date and `today()`; nothing stores them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from dhr.extensions import db

from . import uploads
from .models import (
    Agency,
    Document,
    Recommendation,
    RecommendationUpdate,
    Review,
    User,
    recommendation_supporters,
    utcnow,
)
from .vocab import AGENCY_PROPOSABLE_STATUSES, Assessment, DocumentKind, Role, Status

DUE_SOON_DAYS = 30
STALE_AFTER_DAYS = 90
EVIDENCE_KINDS = {"pdf", "docx", "png", "jpeg"}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
PARTNERSHIP_ROLES = (Role.ADMIN, Role.CHAIR)
# Statuses that count as "completed" (the agency says the work is done), verified or not.
COMPLETED_STATUSES = frozenset({Status.AWAITING_EVIDENCE, Status.VERIFIED, Status.ALREADY_IN_PLACE})
# Statuses whose acceptance records a completion date and outcome.
COMPLETION_STATUSES = frozenset({Status.VERIFIED, Status.ALREADY_IN_PLACE, Status.PARTIAL})


def today() -> dt.date:
    """The one clock of this module: every function that needs the date takes it as an argument
    defaulting to this, so tests pass explicit dates."""
    return dt.date.today()


class ProgressError(ValueError):
    """A plain reason an action on a recommendation cannot be done."""


class NotAllowed(PermissionError):
    """The user may not do this to this recommendation (the view answers 403 and audits it)."""


class EditConflict(Exception):
    """Someone else saved the recommendation since the form was loaded."""

    def __init__(self, recommendation: Recommendation):
        super().__init__("The recommendation was changed by someone else")
        self.recommendation = recommendation


# --- Access rules ---------------------------------------------------------------------------

def is_partnership(user: User) -> bool:
    return user.role in PARTNERSHIP_ROLES


def agency_role(user: User, rec: Recommendation) -> Optional[str]:
    """'lead', 'supports' or None: how the user's agency is involved in the recommendation."""
    if user.role != Role.AGENCY or not user.agency_id:
        return None
    if rec.lead_agency_id == user.agency_id:
        return "lead"
    if any(a.id == user.agency_id for a in rec.supporting_agencies):
        return "supports"
    return None


def may_view(user: User, rec: Recommendation) -> bool:
    return is_partnership(user) or agency_role(user, rec) is not None


def may_post_update(user: User, rec: Recommendation) -> bool:
    """Only the lead agency reports progress on its recommendation."""
    return agency_role(user, rec) == "lead"


def may_see_restricted(user: User, review: Review) -> bool:
    if is_partnership(user):
        return True
    if user.role != Role.AGENCY or not user.agency_id:
        return False
    return any(a.id == user.agency_id for a in review.panel_agencies)


def may_download(user: User, document: Document) -> bool:
    if document.update is None:
        return False
    return may_view(user, document.update.recommendation)


def involving_agency(query: Select, agency_id: int, *, include_supporting: bool = True) -> Select:
    supports = exists().where(
        recommendation_supporters.c.recommendation_id == Recommendation.id,
        recommendation_supporters.c.agency_id == agency_id,
    )
    if include_supporting:
        return query.where(or_(Recommendation.lead_agency_id == agency_id, supports))
    return query.where(Recommendation.lead_agency_id == agency_id)


# --- Reading --------------------------------------------------------------------------------

def _loaded(query: Select) -> Select:
    return query.options(
        selectinload(Recommendation.review),
        selectinload(Recommendation.lead_agency),
        selectinload(Recommendation.supporting_agencies),
        selectinload(Recommendation.updates),
    )


def get(rec_id: int) -> Optional[Recommendation]:
    return db.session.get(Recommendation, rec_id)


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
class Row:
    """One recommendation as listed, with its derived flags."""

    rec: Recommendation
    involvement: Optional[str]
    overdue: bool
    due_soon: bool
    last_update: Optional[dt.datetime]
    rag: str


def rag(rec: Recommendation, on: Optional[dt.date] = None) -> str:
    """Red, amber or green for the action plan summary; 'closed' for work that will not be done."""
    on = on or today()
    if rec.status in (Status.NOT_ACCEPTED, Status.SUPERSEDED):
        return "closed"
    if rec.status in (Status.VERIFIED, Status.ALREADY_IN_PLACE):
        return "green"
    if rec.is_overdue(on) or rec.status == Status.AT_RISK:
        return "red"
    if rec.status == Status.ON_TRACK and not rec.is_due_soon(on, DUE_SOON_DAYS):
        return "green"
    return "amber"


RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "closed": "Closed"}
RAG_TAG_CLASSES = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--yellow",
    "green": "govuk-tag--green",
    "closed": "govuk-tag--grey",
}


def _row(rec: Recommendation, on: dt.date, agency_id: Optional[int] = None) -> Row:
    involvement = None
    if agency_id is not None:
        involvement = "lead" if rec.lead_agency_id == agency_id else "supports"
    return Row(
        rec=rec,
        involvement=involvement,
        overdue=rec.is_overdue(on),
        due_soon=rec.is_due_soon(on, DUE_SOON_DAYS),
        last_update=last_update_at(rec),
        rag=rag(rec, on),
    )


def _sorted_by_target(recs: Iterable[Recommendation], descending: bool = False) -> list[Recommendation]:
    """By target date (recommendations without one last), then review and number."""
    dated = sorted((r for r in recs if r.target_date), key=lambda r: (r.target_date, r.review.reference, r.position),
                   reverse=descending)
    undated = sorted((r for r in recs if not r.target_date), key=lambda r: (r.review.reference, r.position))
    return dated + undated


def agency_list(
    agency_id: int,
    *,
    status: Optional[str] = None,
    review_id: Optional[int] = None,
    overdue_only: bool = False,
    sort: str = "target",
    on: Optional[dt.date] = None,
) -> list[Row]:
    """Every recommendation the agency leads or supports, across all reviews."""
    on = on or today()
    query = involving_agency(select(Recommendation), agency_id)
    if status:
        query = query.where(Recommendation.status == status)
    if review_id:
        query = query.where(Recommendation.review_id == review_id)
    recs = list(db.session.scalars(_loaded(query)).unique())
    rows = [_row(r, on, agency_id) for r in _sorted_by_target(recs, descending=(sort == "target-desc"))]
    if overdue_only:
        rows = [r for r in rows if r.overdue]
    return rows


def reviews_for_agency(agency_id: int) -> list[Review]:
    query = (
        select(Review)
        .where(Review.id.in_(involving_agency(select(Recommendation.review_id), agency_id)))
        .order_by(Review.reference)
    )
    return list(db.session.scalars(query))


def review_rows(review: Review, on: Optional[dt.date] = None) -> list[Row]:
    on = on or today()
    return [_row(r, on) for r in review.recommendations]


def rag_summary(rows: Iterable[Row]) -> dict[str, int]:
    summary = {key: 0 for key in RAG_LABELS}
    for row in rows:
        summary[row.rag] += 1
    return summary


def all_recommendations(on: Optional[dt.date] = None) -> list[Row]:
    on = on or today()
    recs = list(db.session.scalars(_loaded(select(Recommendation))).unique())
    return [_row(r, on) for r in _sorted_by_target(recs)]


def national_list(on: Optional[dt.date] = None) -> list[Row]:
    """Recommendations addressed to national bodies: national scope or a national lead agency."""
    on = on or today()
    national_lead = exists().where(Agency.id == Recommendation.lead_agency_id, Agency.kind == "national")
    query = select(Recommendation).where(or_(Recommendation.scope == "national", national_lead))
    recs = list(db.session.scalars(_loaded(query)).unique())
    return [_row(r, on) for r in _sorted_by_target(recs)]


@dataclass
class AgencyFigures:
    agency: Agency
    leads: int = 0
    supports: int = 0
    completed: int = 0
    verified: int = 0
    overdue: int = 0
    due_soon: int = 0
    stale: int = 0  # open, with no update in STALE_AFTER_DAYS days
    awaiting_assessment: int = 0


def overview_by_agency(on: Optional[dt.date] = None) -> list[AgencyFigures]:
    on = on or today()
    stale_before = dt.datetime.combine(on - dt.timedelta(days=STALE_AFTER_DAYS), dt.time())
    figures: dict[int, AgencyFigures] = {}
    recs = db.session.scalars(_loaded(select(Recommendation).where(Recommendation.lead_agency_id.is_not(None))))
    for rec in recs.unique():
        entry = figures.setdefault(rec.lead_agency_id, AgencyFigures(agency=rec.lead_agency))
        entry.leads += 1
        if rec.status in COMPLETED_STATUSES:
            entry.completed += 1
        if rec.status == Status.VERIFIED:
            entry.verified += 1
        if rec.is_overdue(on):
            entry.overdue += 1
        if rec.is_due_soon(on, DUE_SOON_DAYS):
            entry.due_soon += 1
        last = last_update_at(rec)
        if not rec.is_closed and (last or rec.created_at) < stale_before:
            entry.stale += 1
        if pending_update(rec) is not None:
            entry.awaiting_assessment += 1
        for supporter in rec.supporting_agencies:
            figures.setdefault(supporter.id, AgencyFigures(agency=supporter)).supports += 1
    return sorted(figures.values(), key=lambda f: f.agency.name.lower())


def reviews_with_plans() -> list[tuple[Review, dict[str, int], int]]:
    """Each review that has recommendations, with its RAG summary and count."""
    on = today()
    query = (
        select(Review)
        .where(exists().where(Recommendation.review_id == Review.id))
        .options(selectinload(Review.recommendations))
        .order_by(Review.reference)
    )
    result = []
    for review in db.session.scalars(query):
        rows = review_rows(review, on)
        result.append((review, rag_summary(rows), len(rows)))
    return result


def awaiting_assessment() -> list[RecommendationUpdate]:
    query = (
        select(RecommendationUpdate)
        .where(RecommendationUpdate.assessment == Assessment.PENDING)
        .order_by(RecommendationUpdate.created_at)
        .options(selectinload(RecommendationUpdate.recommendation).selectinload(Recommendation.review))
    )
    return list(db.session.scalars(query))


# --- Changing -------------------------------------------------------------------------------

@dataclass
class EvidenceFile:
    filename: str
    content: bytes


def post_update(
    rec: Recommendation,
    user: User,
    narrative: str,
    proposed_status: Optional[str],
    files: Iterable[EvidenceFile] = (),
) -> RecommendationUpdate:
    """An agency's progress update with its evidence. The status changes only when the
    partnership accepts the update."""
    if not may_post_update(user, rec):
        raise NotAllowed("only the lead agency may post an update on this recommendation")
    if proposed_status and proposed_status not in AGENCY_PROPOSABLE_STATUSES:
        raise NotAllowed(f"an agency may not propose the status {proposed_status}")
    narrative = (narrative or "").strip()
    if not narrative:
        raise ProgressError("Enter what has been done")
    checked = [uploads.check(f.filename, f.content, allowed=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
               for f in files]  # an empty file is refused, not quietly dropped
    for upload in checked:
        uploads.ensure_readable(upload)
    update = RecommendationUpdate(
        recommendation=rec,
        author_id=user.id,
        agency_id=user.agency_id,
        narrative=narrative,
        proposed_status=proposed_status or None,
        assessment=Assessment.PENDING,
    )
    db.session.add(update)
    stored: list[str] = []
    try:
        for upload in checked:
            key = uploads.store(upload)
            stored.append(key)
            db.session.add(
                Document(
                    update=update,
                    review_id=None,
                    kind=DocumentKind.EVIDENCE,
                    filename=upload.filename,
                    content_type=upload.content_type,
                    size_bytes=len(upload.content),
                    sha256=upload.sha256,
                    storage_key=key,
                    uploaded_by_id=user.id,
                )
            )
        db.session.flush()
    except Exception:
        for key in stored:
            uploads.remove(key)
        raise
    return update


def accepted_status(update: RecommendationUpdate) -> Optional[str]:
    """What accepting an update sets: a completion claim, once accepted, is verified."""
    if update.proposed_status == Status.AWAITING_EVIDENCE:
        return Status.VERIFIED
    return update.proposed_status


def assess(
    update: RecommendationUpdate,
    user: User,
    decision: str,
    message: str = "",
    completed_on: Optional[dt.date] = None,
    outcome: str = "",
    on: Optional[dt.date] = None,
) -> RecommendationUpdate:
    """The partnership's assessment of an update. Only acceptance changes the status; only this
    function can set 'complete, verified'."""
    if not is_partnership(user):
        raise NotAllowed("only the partnership assesses updates")
    if update.assessment != Assessment.PENDING:
        raise ProgressError("This update has already been assessed")
    if decision not in (Assessment.ACCEPTED, Assessment.CHALLENGED, Assessment.MORE_EVIDENCE):
        raise ProgressError("Select whether to accept, challenge or ask for more evidence")
    message = (message or "").strip()
    if decision != Assessment.ACCEPTED and not message:
        raise ProgressError("Enter a message for the agency explaining what is needed")
    rec = update.recommendation
    new_status = accepted_status(update) if decision == Assessment.ACCEPTED else None
    if new_status in COMPLETION_STATUSES and not (outcome or "").strip():
        raise ProgressError("Enter the outcome achieved")
    update.assessment = decision
    update.assessment_message = message
    update.assessed_by_id = user.id
    update.assessed_at = utcnow()
    if new_status:
        rec.status = new_status
        if new_status in COMPLETION_STATUSES:
            rec.completed_on = completed_on or on or today()
            rec.outcome = outcome.strip()
    try:
        db.session.flush()
    except StaleDataError as error:  # the recommendation was saved by someone else meanwhile
        db.session.rollback()
        raise ProgressError("Someone else changed this recommendation at the same time: "
                            "check it again and repeat your assessment") from error
    return update


EDITABLE_FIELDS = ("text", "action_to_take", "milestones", "target_date", "status", "completed_on", "outcome")


def edit(rec: Recommendation, expected_version: int, values: dict) -> Recommendation:
    """The partnership's edit of a recommendation, refused if it changed since the form was read
    (the form carries the version it was read at; the database checks it again on write)."""
    if rec.version != expected_version:
        raise EditConflict(rec)
    for name in EDITABLE_FIELDS:
        if name in values:
            setattr(rec, name, values[name])
    try:
        db.session.flush()
    except StaleDataError as error:
        db.session.rollback()
        raise EditConflict(get(rec.id)) from error
    return rec


def history(rec: Recommendation, limit: int = 300) -> list:
    """The audit trail of a recommendation, its updates and their evidence, newest first."""
    from .models import AuditEvent

    update_ids = [u.id for u in rec.updates]
    document_ids = [d.id for u in rec.updates for d in u.evidence]
    conditions = [(AuditEvent.entity_type == "recommendation") & (AuditEvent.entity_id == rec.id)]
    if update_ids:
        conditions.append((AuditEvent.entity_type == "recommendation_update") & AuditEvent.entity_id.in_(update_ids))
    if document_ids:
        conditions.append((AuditEvent.entity_type == "document") & AuditEvent.entity_id.in_(document_ids))
    query = (
        select(AuditEvent)
        .where(or_(*conditions))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
