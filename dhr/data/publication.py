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

from . import audit
from .errors import DataError
from .models import Action, AuditEvent, Document, Finding, Recommendation, Review
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
    "postcode": "UK postcode",
    "phone": "Phone number",
    "email": "Email address",
    "nhs_number": "NHS number",
    "date_of_birth": "Date of birth",
    "never_publish": "Name listed as never to publish",
}

# Postcodes are written in capitals; the inward part is a digit and two letters (no C I K M O V).
POSTCODE = re.compile(
    r"(?<![A-Za-z0-9/-])(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPS-UW]? ?[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])"
)
# A UK phone number: +44 or a leading 0, then 9–10 more digits in groups.
PHONE = re.compile(r"(?<![\w/.-])((?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d\s()-]{7,14}\d)(?![\w/])")
EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
NHS_NUMBER = re.compile(r"(?<![\w/-])([1-9]\d{2}[ -]?\d{3}[ -]?\d{4})(?![\w/-])")

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_FULL_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
# A full date only counts as a date of birth when the text says so (chronology dates do not).
DATE_OF_BIRTH = re.compile(
    rf"\b(?:born(?:\s+on)?|date\s+of\s+birth|d\.?\s?o\.?\s?b\.?|birth\s*date)\s*(?:[:\-–]|was|is|of)?\s*(?:on\s+)?({_FULL_DATE})",
    re.IGNORECASE,
)


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check digit."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 10:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _phone_ok(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0")
    return digits.startswith("0") and len(digits) in (10, 11) and not digits.startswith("00")


@dataclass(frozen=True)
class Flag:
    kind: str
    value: str
    where: str
    context: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{normalise(self.value)}"

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def normalise(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().lower())


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    lead = "…" if start > width else ""
    trail = "…" if end + width < len(text) else ""
    return re.sub(r"\s+", " ", f"{lead}{before}{text[start:end]}{after}{trail}")


def never_publish_terms(review: Review) -> list[str]:
    parts = re.split(r"[\n,;]", review.never_publish_terms or "")
    return [p.strip() for p in parts if len(p.strip()) >= 2]


def _anything(_value: str) -> bool:
    return True


# Later kinds give way to earlier ones where they overlap (the order they were found in).
_PATTERNS = (
    ("date_of_birth", DATE_OF_BIRTH, _anything),
    ("nhs_number", NHS_NUMBER, lambda value: nhs_number_is_valid(value)),
    ("phone", PHONE, lambda value: _phone_ok(value)),
    ("postcode", POSTCODE, _anything),
)


def scan_text(text: str, where: str = "", never_publish: list[str] | None = None) -> list[Flag]:
    """Everything in `text` that looks like personal data."""
    found: list[tuple[int, Flag]] = []
    if not text:
        return []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if end <= start or any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append((start, Flag(kind, text[start:end], where, _context(text, start, end))))

    for term in {t.strip() for t in never_publish or []} - {""}:  # a blank term would match everywhere
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE):
            add("never_publish", match.start(), match.end())
    for match in EMAIL.finditer(text):
        add("email", match.start(), match.end())
    for kind, pattern, accept in _PATTERNS:
        for match in pattern.finditer(text):
            if accept(match.group(1)):
                add(kind, match.start(1), match.end(1))
    return [flag for _, flag in sorted(found, key=lambda pair: pair[0])]


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
            body = "\n".join(p for p in parts if p)
            texts.append((f"Recommendation {rec.number}", body))
    for doc in review.documents:
        if doc.kind in PUBLIC_DOCUMENT_KINDS and doc.extracted_text and doc not in leaving:
            texts.append((f"{DOCUMENT_KIND_LABELS[doc.kind]} ({doc.filename})", doc.extracted_text))
    return texts


def scan(review: Review, leaving: frozenset = frozenset()) -> list[Flag]:
    terms = never_publish_terms(review)
    flags: list[Flag] = []
    for where, text in publishable_texts(review, leaving):
        flags.extend(scan_text(text, where, terms))
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
