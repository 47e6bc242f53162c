"""Who may see and who may change what: the one access policy.

Every route, search audience, similar-learning and repeat report, PDF, spreadsheet export and
file download asks this module; nothing else decides access. The rules:

Roles
- The partnership is the coordinator (admin) and the panel chairs. The coordinator sees and
  changes everything. A chair sees everything and changes only the reviews they chair: its
  details, stages, pauses, findings, recommendations, reports and action-plan import, on every
  route that changes them.
- Only the coordinator assesses agencies' updates and so verifies completion; a chair may not
  set a recommendation to "complete, verified" by editing it.
- Only the coordinator sends agencies a reminder about chosen overdue recommendations.
- An imported progress return moves an agreed target date only for the coordinator; a chair's
  return asks for the change, which the coordinator decides.
- Whoever imports a plan maps lead-agency names it does not recognise, and the mapping is
  remembered; only the coordinator removes remembered names.
- An agency sees published reviews, and the unpublished reviews it sat on the panel of or
  leads or supports a recommendation in. It reports progress only on what it leads.
- A trainer sees published reviews only.
- What a published review shows the public (trainers, and agencies beyond those involved): its
  summary, findings, recommendations and published reports (the overview report, executive summary,
  action plan, and the Quality Assurance Panel's letter when its round says so: policy.qa_panel).
  Never its other documents (IMRs, chronologies), its decision reason or agencies' evidence. A
  published review whose public text was changed with an item the publication check flags is
  withdrawn from the public until the item is fixed or accepted.

What each thing's readers are
- A review, its summary, findings and published reports: whoever sees the review.
- A review's other documents: the partnership and the agencies involved in the review.
- A review's decision reason: the partnership.
- A review's action plan: a recommendation is seen by the partnership; by everyone when the
  review is published; by the agencies on the review's panel; and otherwise only by the
  agencies that lead or support it.
- Restricted notes: the partnership and the agencies on the review's panel.
- A link between a finding and a recommendation answering it: whoever may see both (links.py).
- Pause notes: the partnership only (the panel's working notes).
- A recommendation's progress updates and their evidence: the partnership and the agencies
  that lead or support it.
- A review's audit history and a review's unpublished material in reports: the partnership.
  The whole audit trail, its filters and its export: the coordinator (policy.trail).
- A case-study collection: its owner reads and changes it; the partnership may also read it.
- A download prepared in the background: only the person who asked for it (it was made with
  what they may see).
- An email telling of an update posted or assessed: only those who may see the
  recommendation's progress. (An action given or its target date decided is told to the
  agency that leads the action.)
- The service's health: everyone may ask whether it is ok; the detail of each check (what
  the database and the search index answered) is the coordinator's.

Readers are expressed as audience tokens ("public", "agency:<id>"), so the same answer is written
into search documents and checked on every page: `may_read(user, readers)`.
"""
from __future__ import annotations

from typing import Iterable, Optional

from ..models import (
    Action,
    Collection,
    Document,
    Finding,
    Recommendation,
    Review,
    User,
)
from ..vocab import DocumentKind, Role, Status

PARTNERSHIP = (Role.ADMIN, Role.CHAIR)
COORDINATOR = (Role.ADMIN,)
EDITORS = PARTNERSHIP  # may open the editing routes; each record is then checked by may_change_review
BOARD = PARTNERSHIP  # dashboard, board report and figures
TRACKING = PARTNERSHIP  # the partnership's tracker of every agency's recommendations
AGENCIES = (Role.AGENCY,)
READERS_OF_REVIEWS = (Role.ADMIN, Role.CHAIR, Role.TRAINER, Role.AGENCY)
# Statuses only the coordinator's acceptance of evidence sets.
VERIFIED_STATUSES = frozenset({Status.VERIFIED})

PUBLIC = "public"
# The documents a review publishes; every other kind stays with those involved in the review.
PUBLIC_DOCUMENT_KINDS = frozenset({DocumentKind.OVERVIEW_REPORT, DocumentKind.EXECUTIVE_SUMMARY,
                                   DocumentKind.ACTION_PLAN})


def agency_token(agency_id: int) -> str:
    return f"agency:{agency_id}"


# --- Who the user is --------------------------------------------------------------------------

def is_partnership(user: User) -> bool:
    return user.role in PARTNERSHIP


def is_coordinator(user: User) -> bool:
    return user.role in COORDINATOR


def _agency_id(user: User) -> Optional[int]:
    return user.agency_id if user.role == Role.AGENCY and user.agency_id else None


def tokens(user: User) -> Optional[frozenset[str]]:
    """The audience tokens a user reads with; None means everything (the partnership)."""
    if is_partnership(user):
        return None
    agency_id = _agency_id(user)
    return frozenset({PUBLIC, agency_token(agency_id)} if agency_id else {PUBLIC})


def may_read(user: User, readers: Iterable[str]) -> bool:
    held = tokens(user)
    return held is None or not held.isdisjoint(readers)


def _may_read(user: User, readers_of, thing) -> bool:
    """may_read, working out the thing's readers only when the user is not the partnership."""
    held = tokens(user)
    return held is None or not held.isdisjoint(readers_of(thing))


# --- Readers of each thing --------------------------------------------------------------------

def panel_agency_ids(review: Review) -> set[int]:
    return {a.id for a in review.panel_agencies}


def recommendation_agency_ids(rec: Recommendation) -> set[int]:
    """The agencies a recommendation involves: its lead, its supporters and each action's lead."""
    ids = {a.id for a in rec.supporting_agencies}
    ids |= {a.lead_agency_id for a in rec.actions if a.lead_agency_id}
    if rec.lead_agency_id:
        ids.add(rec.lead_agency_id)
    return ids


def involved_agency_ids(review: Review) -> set[int]:
    """The agencies that see an unpublished review: its panel and every agency leading or supporting
    one of its recommendations, but a national body only if on the panel (policy.national)."""
    from .national import national_ids  # (it imports this module)
    led = {agency_id for rec in review.recommendations for agency_id in recommendation_agency_ids(rec)}
    panel = panel_agency_ids(review)
    return panel | (led - national_ids(review))


def shown_publicly(review: Review) -> bool:
    """Published, and not withdrawn while a change is checked."""
    return bool(review.published) and not review.publication_held


def _with_public(published: bool, agency_ids: Iterable[int]) -> frozenset[str]:
    found = {agency_token(a) for a in agency_ids}
    if published:
        found.add(PUBLIC)
    return frozenset(found)


def review_readers(review: Review) -> frozenset[str]:
    """Readers of a review, its summary, findings and published reports."""
    return _with_public(shown_publicly(review), involved_agency_ids(review))


def document_readers(document: Document) -> frozenset[str]:
    """Readers of a review's document, or of evidence attached to an update."""
    if document.update is not None or document.review is None:
        return progress_readers(document.update.recommendation) if document.update else frozenset()
    if document.kind in PUBLIC_DOCUMENT_KINDS or letter_published(document):
        return review_readers(document.review)
    return _with_public(False, involved_agency_ids(document.review))


def notes_readers(review: Review) -> frozenset[str]:
    """Readers of restricted notes (never public)."""
    return _with_public(False, panel_agency_ids(review))


def recommendation_readers(rec: Recommendation) -> frozenset[str]:
    review = rec.review
    return _with_public(shown_publicly(review), panel_agency_ids(review) | recommendation_agency_ids(rec))


def progress_readers(rec: Recommendation) -> frozenset[str]:
    """Readers of a recommendation's progress updates and their evidence."""
    return _with_public(False, recommendation_agency_ids(rec))


# --- May see ------------------------------------------------------------------------------------

def may_see_review(user: User, review: Review) -> bool:
    return _may_read(user, review_readers, review)


def may_see_notes(user: User, review: Review) -> bool:
    return _may_read(user, notes_readers, review)


def may_see_pause_notes(user: User) -> bool:
    return is_partnership(user)


def may_see_finding(user: User, finding: Finding) -> bool:
    return may_see_review(user, finding.review)


def may_see_recommendation(user: User, rec: Recommendation) -> bool:
    return _may_read(user, recommendation_readers, rec)


def may_see_progress(user: User, rec: Recommendation) -> bool:
    return _may_read(user, progress_readers, rec)


def may_be_told_of(user: User, rec: Recommendation) -> bool:
    return may_see_progress(user, rec)


def may_see_document(user: User, document: Document) -> bool:
    """A report of a review, or evidence attached to an update."""
    return _may_read(user, document_readers, document)


def visible_documents(user: User, review: Review) -> list[Document]:
    """A review's own documents (not agencies' evidence) that the user may see."""
    return [d for d in review.documents if d.update_id is None and may_see_document(user, d)]


def may_see_decision_reason(user: User) -> bool:
    return is_partnership(user)


def may_see_history(user: User) -> bool:
    """The audit trail of a review (who changed what) is the partnership's."""
    return is_partnership(user)


def may_include_unpublished(user: User) -> bool:
    """Whether a report may gather unpublished learning across reviews (a case-study pack)."""
    return is_partnership(user)


def may_see_collection(user: User, collection: Collection) -> bool:
    return collection.owner_id == user.id or is_partnership(user)


def may_change_collection(user: User, collection: Collection) -> bool:
    return collection.owner_id == user.id


def may_see_job(user: User, job) -> bool:
    return job.user_id == user.id


def may_see_health_detail(user: User) -> bool:
    return is_coordinator(user)


def may_see_agency_progress(user: User, agency_id: int) -> bool:
    return is_partnership(user) or _agency_id(user) == agency_id


def visible_recommendations(user: User, review: Review) -> list[Recommendation]:
    """The part of a review's action plan the user may see, in the plan's order."""
    return [r for r in review.recommendations if may_see_recommendation(user, r)]


def involvement(user: User, rec: Recommendation) -> Optional[str]:
    """'lead', 'supports' or None: how the user's agency is involved in a recommendation (it
    leads the recommendation or one of its actions, or supports it)."""
    agency_id = _agency_id(user)
    if agency_id is None:
        return None
    if rec.lead_agency_id == agency_id or any(a.lead_agency_id == agency_id for a in rec.actions):
        return "lead"
    if any(a.id == agency_id for a in rec.supporting_agencies):
        return "supports"
    return None


# --- May change ---------------------------------------------------------------------------------

def may_change_review(user: User, review: Review) -> bool:
    """The coordinator changes every review; a chair the reviews they chair."""
    if is_coordinator(user):
        return True
    return user.role == Role.CHAIR and review.chair_id == user.id


def may_create_review(user: User) -> bool:
    return is_partnership(user)


def may_reassign_chair(user: User) -> bool:
    return is_coordinator(user)


def may_change_recommendation(user: User, rec: Recommendation) -> bool:
    return may_change_review(user, rec.review)


def may_set_status(user: User, status: Optional[str]) -> bool:
    """Only the coordinator verifies completion."""
    return status not in VERIFIED_STATUSES or is_coordinator(user)


def may_assess(user: User) -> bool:
    return is_coordinator(user)


def may_send_reminders(user: User) -> bool:
    """Reminders to agencies about chosen overdue work go from the coordinator."""
    return is_coordinator(user)


def leads_action(user: User, action: Action) -> bool:
    agency_id = _agency_id(user)
    return agency_id is not None and action.lead_agency_id == agency_id


def may_post_update(user: User, action: Action) -> bool:
    """Only the agency that leads an action reports progress on it."""
    return leads_action(user, action)


def may_change_action(user: User, action: Action) -> bool:
    """The partnership edits an action as it edits the rest of the review."""
    return may_change_review(user, action.recommendation.review)


def may_propose_action(user: User, action: Action) -> bool:
    """The lead agency writes its action's wording, milestones and target date until agreed."""
    return leads_action(user, action) and not action.is_agreed and not action.is_closed


def may_agree_action(user: User) -> bool:
    return is_coordinator(user)


def may_ask_date_change(user: User, action: Action) -> bool:
    """After agreement, the lead agency may ask to move the target date; the coordinator decides."""
    return leads_action(user, action) and action.is_agreed and not action.is_closed


def may_decide_date_change(user: User) -> bool:
    return is_coordinator(user)


def may_move_agreed_date(user: User) -> bool:
    """An imported progress return moves an agreed target date directly only for the coordinator."""
    return is_coordinator(user)


def may_ask_date_change_by_return(user: User, action: Action) -> bool:
    """A chair importing a progress return for their review asks, as the lead agency would, to move
    an agreed target date; the coordinator decides."""
    return may_change_action(user, action) and action.is_agreed and not action.is_closed


def may_remember_agency_name(user: User) -> bool:
    """Whoever imports a plan (the partnership) maps a lead-agency name it does not recognise."""
    return is_partnership(user)


def may_forget_agency_name(user: User) -> bool:
    """Only the coordinator sees and removes the remembered agency names."""
    return is_coordinator(user)


# --- What a person's home page lists ----------------------------------------------------------

HOME_PAGES = ("coordinator", "chair", "agency", "trainer")


def home_page(user: User) -> str:
    """Which home page is the user's (one of HOME_PAGES): the coordinator's work waiting, a
    chair's reviews, an agency's actions, or a trainer's learning."""
    if is_coordinator(user):
        return "coordinator"
    if is_partnership(user):
        return "chair"
    return "agency" if user.role in AGENCIES else "trainer"


from .accounts import USER_MANAGERS, may_manage_users  # noqa: E402  (who manages accounts)
from .qa_panel import letter_published  # noqa: E402  (a panel letter published with the report)
from .queries import (  # noqa: E402  (the same rules, written into queries)
    actions_led_by,
    actions_visible_to,
    documents_visible_to,
    findings_visible_to,
    involving_agency,
    publicly_shown,
    recommendations_visible_to,
    reviews_visible_to,
    visible_review_ids,
)
from .trail import may_see_audit_trail  # noqa: E402

__all__ = ["USER_MANAGERS", "may_manage_users", "actions_led_by", "actions_visible_to", "documents_visible_to",
           "findings_visible_to", "involving_agency", "letter_published", "may_see_audit_trail", "publicly_shown",
           "recommendations_visible_to", "reviews_visible_to", "visible_review_ids"]
