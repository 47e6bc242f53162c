"""The publication check: anything in a review's publishable text that looks like personal data.

Publishing is blocked until every flagged item is fixed (the text no longer contains it) or
consciously accepted by the chair or coordinator, with a reason. Acceptances are kept as audit
events (action "publication_item_accepted"), so they are part of the review's history.

After publication the check goes on: every flush that changes public text of a published review
(however the change is made) checks the review again, and while any item is outstanding the
review is held, which withdraws it from the public (see policy.shown_publicly)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from dhr.extensions import db

from . import allow_list, audit, personal
from .action_models import AgencyAlias
from .errors import DataError
from .models import Action, Agency, AuditEvent, Document, Finding, Recommendation, Review, User
from .policy import PUBLIC_DOCUMENT_KINDS
from .vocab import DOCUMENT_KIND_LABELS

ACCEPTED_ACTION = "publication_item_accepted"
# The attributes of each row that reach the public once its review is published.
PUBLIC_TEXT = {
    Review: ("pseudonym", "summary", "never_publish_terms", "published"),
    Finding: ("text", "review_id"),
    Recommendation: ("text", "review_id"),
    Action: ("text", "milestones", "outcome", "recommendation_id"),
    Document: ("extracted_text", "kind", "review_id"),
}

KIND_LABELS = {
    "never_publish": "Name listed as never to publish",
    "person_name": "Person's name",
    "street_address": "Street address",
    "postcode": "UK postcode",
    "school": "School",
    "workplace": "Workplace",
    "gp_practice": "GP practice",
    "vehicle_registration": "Vehicle registration",
    "ni_number": "National Insurance number",
    "reference_number": "Reference number",
    "bank_details": "Bank details",
    "social_media": "Social media",
    "date_of_birth": "Date of birth",
    "phone": "Phone number",
    "email": "Email address",
    "nhs_number": "NHS number",
}
CONTEXT_WORDS = 8


@dataclass(frozen=True)
class Flag:
    kind: str
    value: str
    where: str
    before: str = ""
    after: str = ""
    start: int = 0
    end: int = 0

    @property
    def key(self) -> str:
        return f"{self.kind}:{normalise(self.value)}"

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def context(self) -> str:
        return f"{self.before}{' '.join(self.value.split())}{self.after}"


def normalise(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().lower())


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The words either side of text[start:end], on one line."""
    left, right = text[max(0, start - 300):start], text[end:end + 300]
    before_words, after_words = left.split(), right.split()
    before = " ".join(before_words[-CONTEXT_WORDS:])
    after = " ".join(after_words[:CONTEXT_WORDS])
    if before and left[-1:].isspace():
        before += " "
    if after and right[:1].isspace():
        after = " " + after
    lead = "…" if len(before_words) > CONTEXT_WORDS or start > 300 else ""
    trail = "…" if len(after_words) > CONTEXT_WORDS or end + 300 < len(text) else ""
    return lead + before, after + trail


def never_publish_terms(review: Review) -> list[str]:
    parts = re.split(r"[\n,;]", review.never_publish_terms or "")
    return [p.strip() for p in parts if len(p.strip()) >= 2]


def scan_text(text: str, where: str = "", never_publish: list[str] | None = None,
              setting: personal.Setting | None = None) -> list[Flag]:
    """Everything in `text` that looks like personal data."""
    if setting is None:
        setting = personal.Setting(never_publish=tuple(never_publish or ()))
    flags = []
    for hit in personal.find(text or "", setting):
        before, after = _around(text, hit.start, hit.end)
        flags.append(Flag(hit.kind, hit.value, where, before, after, hit.start, hit.end))
    return flags


def setting_of(review: Review) -> personal.Setting:
    """What the scanner leaves alone in this review, and what it always flags."""
    panel = []
    if review.panel_agencies:
        ids = [a.id for a in review.panel_agencies]
        panel = list(db.session.scalars(select(User.name).where(User.agency_id.in_(ids))))
    agency_names = list(db.session.scalars(select(Agency.name))) + list(
        db.session.scalars(select(AgencyAlias.written_as)))
    return personal.Setting(
        pseudonyms=tuple(p for p in re.split(r"[,;]", review.pseudonym or "") if p.strip()),
        chair=review.chair.name if review.chair else "",
        panel=tuple(panel),
        never_publish=tuple(never_publish_terms(review)),
        allow=allow_list.values(),
        agencies=tuple(agency_names),
    )


def publishable_texts(review: Review, leaving: frozenset = frozenset()) -> list[tuple[str, str]]:
    """(where, text) for every piece of a review that would be published, less the rows in
    `leaving` (being deleted)."""
    texts = [("Pseudonym", review.pseudonym or ""), ("Summary", review.summary or "")]
    for finding in review.findings:
        if finding not in leaving:
            texts.append((f"Finding {finding.position}", finding.text))
    for rec in review.recommendations:
        if rec not in leaving:
            parts = [rec.text]
            for action in rec.actions:
                if action not in leaving:
                    parts += [action.text, action.milestones, action.outcome]
            body = "\n\n".join(p for p in parts if p)
            texts.append((f"Recommendation {rec.number}", body))
    for doc in review.documents:
        if doc.kind in PUBLIC_DOCUMENT_KINDS and doc.extracted_text and doc not in leaving:
            texts.append((f"{DOCUMENT_KIND_LABELS[doc.kind]} ({doc.filename})", doc.extracted_text))
    return texts


def scan(review: Review, leaving: frozenset = frozenset()) -> list[Flag]:
    setting = setting_of(review)
    flags: list[Flag] = []
    for where, text in publishable_texts(review, leaving):
        flags.extend(scan_text(text, where, setting=setting))
    return flags


def accepted(review: Review) -> dict[str, str]:
    """Accepted item keys and the reason given for each."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == "review", AuditEvent.entity_id == review.id,
               AuditEvent.action == ACCEPTED_ACTION)
        .order_by(AuditEvent.id)
    )
    found: dict[str, str] = {}
    for acceptance in events:
        for key in (acceptance.changes or {}).get("keys", []):
            found[key] = (acceptance.changes or {}).get("reason", "")
    return found


@dataclass(frozen=True)
class CheckResult:
    flags: list[Flag]
    accepted: dict[str, str]

    @property
    def outstanding(self) -> list[Flag]:
        return [f for f in self.flags if f.key not in self.accepted]

    @property
    def passes(self) -> bool:
        return not self.outstanding


def check(review: Review, leaving: frozenset = frozenset()) -> CheckResult:
    return CheckResult(scan(review, leaving), accepted(review))


def accept(review: Review, keys: list[str], reason: str) -> None:
    """Record that the user consciously accepts these flagged items for publication."""
    current = {f.key for f in scan(review)}
    keys = sorted(k for k in set(keys) if k in current)
    if not keys:
        raise DataError("Select the items you accept for publication", "keys")
    if not (reason or "").strip():
        raise DataError("Enter why these items are safe to publish", "reason")
    audit.record(ACCEPTED_ACTION, "review", review.id, keys=keys, reason=reason.strip())
    db.session.flush()
    refresh_hold(review)
    db.session.flush()


def refresh_hold(review: Review, leaving: frozenset = frozenset()) -> None:
    """Hold a published review while its public text has outstanding items; release it when none
    remain. A review that is not published is never held (publishing itself is gated)."""
    held = bool(review.published) and not check(review, leaving).passes
    if bool(review.publication_held) != held:
        review.publication_held = held


def _public_text_changed(obj, new_or_gone: bool) -> bool:
    attributes = PUBLIC_TEXT.get(type(obj))
    if attributes is None:
        return False
    if new_or_gone:
        return True
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in attributes)


def _review_of(obj) -> Review | None:
    if isinstance(obj, Action):
        return obj.recommendation.review if obj.recommendation is not None else None
    return obj if isinstance(obj, Review) else getattr(obj, "review", None)


@event.listens_for(Session, "before_flush")
def _check_changes_to_published_reviews(session: Session, flush_context, instances) -> None:
    leaving = frozenset(session.deleted)
    touched: dict[int, Review] = {}
    for objects, new_or_gone in ((session.new, True), (session.dirty, False), (session.deleted, True)):
        for obj in objects:
            review = _review_of(obj) if _public_text_changed(obj, new_or_gone) else None
            if review is not None and review not in leaving and (review.published or review.publication_held):
                touched[id(review)] = review
    with session.no_autoflush:
        for review in touched.values():
            refresh_hold(review, leaving)
