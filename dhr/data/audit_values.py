"""One changed field of an audit event in plain words: "Status changed from Not started to In
progress (on track)", "Target date moved from 31 March 2026 to 30 June 2026", "Report text
extracted". Values read as people see them (the vocabularies' labels, the service's dates,
names); what no person should read (ids, digests, storage keys, tokens, long text) is left out."""
from __future__ import annotations

import re
from typing import Any

from dhr.dates import date_time, long_date, parse_iso
from dhr.wording import counted

from . import practice_vocab, vocab
from .audit_names import KEY_KINDS, Names
from .uploads import KNOWN_TYPES

FIELD_WORDS = {
    "terms_agreed_on": "terms of reference agreed", "independence_declared_on": "chair's declaration of independence",
    "independence_statement": "declaration of independence", "pfd_report_on": "Prevention of Future Deaths report",
    "linked_review": "linked review", "reference": "reference", "shared_with": "shared with",
    "target_date": "target date", "lead_agency": "lead agency", "completed_on": "date of completion",
    "text": "wording", "narrative": "update", "proposed_status": "proposed status", "review_type": "type of review",
    "notified_on": "date notified", "started_on": "start", "ended_on": "end", "size_bytes": "size",
    "filename": "file name", "agreed_at": "agreed", "assigned_at": "given to the lead agency", "from_date": "from",
    "to_date": "to", "own_themes": "themes", "notify_by": "email notifications", "extracted_text": "report text",
    "assessment_message": "message to the agency", "decision_message": "message to the agency",
    "never_publish_terms": "words never to publish", "publication_held": "withdrawn while checked",
    "published": "published", "content_type": "type of file", "home_office_notified_on": "Home Office notified",
    "family_saw_draft_on": "family saw the draft", "signed_off_on": "signed off", "decision_on": "date of decision",
    "scoping_on": "scoping review began", "early_learning": "early learning from scoping",
    "from_scoping": "holds the immediate actions from scoping", "set_up_on": "date set up",
    "information_gathering_on": "information gathering began",
    "drafting_on": "drafting began", "submitted_on": "date submitted", "resubmission_requested_on":
    "resubmission asked for", "approved_on": "date approved", "published_on": "date published",
    "monitoring_on": "monitoring began", "closed_on": "date closed",
    "commissioner_copy_on": "copy sent to the Domestic Abuse Commissioner",
    "library_uploaded_on": "uploaded to the Home Office DHR Library", "published_url": "published web address",
    "who": "who was offered contact", "route": "how contact was offered", "offered_on": "date contact was offered",
    "participation": "whether they took part", "saw_terms_on": "saw the terms of reference",
    "saw_draft_on": "saw the draft", "publication_view": "view on publication",
    "pseudonym_chosen_by": "who chose the pseudonym", "family_tribute": "family's tribute",
    "intended_outcome": "intended outcome",
    "outcome_measure": "how the outcome will be measured", "quality_flags": "quality advice",
    "evidence_grade": "evidence", "asked_on": "date asked", "due_on": "due date", "received_on": "date received",
    "chases": "chases sent", "last_chased_on": "last chased", "document": "uploaded file",
    "panel_on": "date of the panel's letter", "panel_outcome": "what the panel's letter says",
    "letter_document": "letter",
    "qa_rounds": "Quality Assurance Panel submissions",
    "owner_person": "owner", "owner_agency": "owning agency", "done_on": "date done",
}
# A yes-or-no field as a clause, when it became yes and when it became no.
BOOLEAN_WORDS = {"published": ("published", "unpublished"),
                 "publication_held": ("withdrawn while checked", "no longer withdrawn"),
                 "active": ("made active", "made inactive"),
                 "publish_letter": ("letter to be published with the report", "letter no longer to be published"),
                 "quality_kept": ("kept as written despite the quality advice",
                                  "no longer marked as kept against the quality advice")}
# Values never shown, whatever their kind: only that they changed.
SECRET_PARTS = ("password", "token", "hash", "secret", "sha256", "storage_key", "submission_key")
# Not worth a word: kept by the service for itself.
# Who decided and when is the event's own Who and When.
UNTOLD = frozenset({"created_at", "updated_at", "version", "remote_addr", "content_type", "uploaded_at",
                    "position", "actor", "decided_at", "decided_by", "decided_by_id", "assessed_at", "assessed_by",
                    "assessed_by_id"})
# Text that may be long or restricted: said to have changed, and at most its start quoted.
LONG_TEXT = frozenset({"text", "narrative", "summary", "milestones", "outcome", "note", "description",
                       "decision_reason", "restricted_notes", "assessment_message", "decision_message", "synonyms",
                       "never_publish_terms", "extracted_text", "reason", "value", "publication_view",
                       "family_tribute", "who", "independence_statement", "intended_outcome", "outcome_measure"})
QUOTED = frozenset({"text", "narrative", "milestones", "outcome", "intended_outcome", "outcome_measure"})
QUOTE_LENGTH = 50
SHORT_TEXT = 80

DECISION_LABELS = {"pending": "Awaiting a decision", "accepted": "Accepted", "refused": "Refused"}
VOCABULARIES = {
    "status": vocab.STATUS_LABELS, "proposed_status": vocab.STATUS_LABELS, "stage": vocab.STAGE_LABELS,
    "review_type": vocab.REVIEW_TYPE_LABELS, "death_category": vocab.DEATH_CATEGORY_LABELS,
    "scope": vocab.SCOPE_LABELS, "assessment": vocab.ASSESSMENT_LABELS, "role": vocab.ROLE_LABELS,
    "notify_by": vocab.NOTIFY_BY_LABELS, "strategy_priority": vocab.STRATEGY_PRIORITIES,
    "decision": DECISION_LABELS, "route": practice_vocab.CONTACT_ROUTE_LABELS,
    "participation": practice_vocab.PARTICIPATION_LABELS,
    "pseudonym_chosen_by": practice_vocab.PSEUDONYM_CHOOSERS,
    "evidence_grade": practice_vocab.EVIDENCE_GRADE_LABELS, "panel_outcome": practice_vocab.PANEL_OUTCOME_LABELS,
}
KIND_VOCABULARIES = {"document": vocab.DOCUMENT_KIND_LABELS, "agency": vocab.AGENCY_KIND_LABELS,
                     "theme": vocab.THEME_KIND_LABELS, "parallel_process": practice_vocab.PARALLEL_KIND_LABELS,
                     "contribution": practice_vocab.CONTRIBUTION_KIND_LABELS}
REASON_VOCABULARIES = {"pause": vocab.PAUSE_REASON_LABELS}
STATE_VOCABULARIES = {"final_development_area": practice_vocab.AREA_STATE_LABELS}

_HEX = re.compile(r"[0-9a-fA-F]{32,}")
_TOKEN = re.compile(r"(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{20,}")
_PATH = re.compile(r"^(/|~|[A-Za-z]:\\|\.\.?/)|\\|[\w.-]+/[\w.-]+/|/[\w-]+\.\w{2,4}$")
_RAW = re.compile(r"[{}\[\]<>]|#\d|\bid: ?\d|^\d+$")


def humanise(name: str) -> str:
    """A stored name (snake case) as words: "change_role" → "change role"."""
    return re.sub(r"\s+", " ", name.removesuffix("_id").replace("_", " ")).strip()


def field_name(key: str) -> str:
    return FIELD_WORDS.get(key, humanise(key))


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_secret(key: str) -> bool:
    return any(part in key for part in SECRET_PARTS)


def shown(text: str) -> str | None:
    """Text fit to show in a sentence, cut short; None for what looks like an id, a digest, a
    token, a path or raw data."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text or _HEX.search(text) or _TOKEN.fullmatch(text) or _PATH.search(text) or _RAW.search(text):
        return None
    return text if len(text) <= SHORT_TEXT else text[:SHORT_TEXT].rstrip() + "…"


def file_size(size: int) -> str:
    if size < 1024:
        return counted(size, "byte")
    if size < 1024 * 1024:
        return f"{round(size / 1024):,} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def file_type(content_type: str | None) -> str:
    for known, label, _ in KNOWN_TYPES.values():
        if known == content_type:
            return label
    return "file"


def _vocabulary(entity_type: str, key: str) -> dict | None:
    if key == "kind":
        return KIND_VOCABULARIES.get(entity_type)
    if key == "reason":
        return REASON_VOCABULARIES.get(entity_type)
    if key == "state":
        return STATE_VOCABULARIES.get(entity_type)
    return VOCABULARIES.get(key)


def _date(key: str, value: str) -> str | None:
    try:
        if key.endswith("_at"):
            return date_time(parse_iso(value, with_time=True))
        return long_date(parse_iso(value[:10]))
    except (TypeError, ValueError):
        return None


def _is_date_key(key: str) -> bool:
    return key.endswith(("_on", "_at", "_date")) or key in ("date", "taken")


def value_words(entity_type: str, key: str, value: Any, names: Names) -> str | None:
    """One stored value as people read it; None when blank or not for showing."""
    if value is None or value == "" or is_secret(key) or key in LONG_TEXT:
        return None
    if isinstance(value, dict):
        return _pointer(key, value, names)
    if key.endswith("_id"):  # an id is never shown: the name of what it points at, if known
        kind = KEY_KINDS.get(key.removesuffix("_id"))
        return names.of(kind, value) if kind else None
    labels = _vocabulary(entity_type, key)
    if labels is not None:
        return labels.get(value) or (shown(humanise(value)) if isinstance(value, str) else None)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "size_bytes" and isinstance(value, int):
        return file_size(value)
    if isinstance(value, (int, float)):
        return f"{value:,}"
    if key == "quality_flags" and isinstance(value, str):
        return "; ".join(practice_vocab.QUALITY_FLAG_LABELS.get(f, humanise(f)) for f in value.split(",") if f) or None
    if key == "number" and isinstance(value, str):
        return value.strip()[:20] or None
    if isinstance(value, list):
        return counted(len(value), field_name(key).removesuffix("s")) if value else None
    if isinstance(value, str) and _is_date_key(key):
        return _date(key, value)
    return shown(str(value))


def _pointer(key: str, value: dict, names: Names) -> str | None:
    """A record a change points at ({"id", "label"}): its name, never its id."""
    kind = KEY_KINDS.get(key)
    name = names.of(kind, value) if kind else None
    if name:
        return name
    label = value.get("label")
    if isinstance(label, str) and label != str(value.get("id")):
        return shown(label)
    return None


def clause(entity_type: str, key: str, change: Any, names: Names) -> str | None:
    """A changed field as a clause ("status changed from … to …"); None when not worth a word."""
    if key in UNTOLD:
        return None
    field = field_name(key)
    if isinstance(change, dict) and ("added" in change or "removed" in change):
        return _list_clause(key, change, names)
    if not (isinstance(change, dict) and ("from" in change or "to" in change)):
        words = value_words(entity_type, key, change, names)
        return f"{field}: {words}" if words else None
    before = value_words(entity_type, key, change.get("from"), names)
    after = value_words(entity_type, key, change.get("to"), names)
    if key == "extracted_text":
        return "report text extracted" if change.get("to") else "report text removed"
    if isinstance(change.get("to"), bool):
        became_yes, became_no = BOOLEAN_WORDS.get(key, (f"{field}: yes", f"{field}: no"))
        return became_yes if change["to"] else became_no
    if key in QUOTED and isinstance(change.get("to"), str) and shown(change["to"][:QUOTE_LENGTH]):
        start = shown(change["to"][:QUOTE_LENGTH])
        return f"{field} changed to ‘{start}{'…' if len(change['to']) > QUOTE_LENGTH else ''}’"
    verb = "moved" if key.endswith(("_date", "_on")) else "changed"
    if before and after:
        return f"{field} {verb} from {before} to {after}"
    if after:
        return f"{field} set to {after}"
    if before and change.get("to") in (None, ""):
        return f"{field} cleared (was {before})"
    return f"{field} changed"


def _list_clause(key: str, change: dict, names: Names) -> str | None:
    field = field_name(key)
    parts = []
    for verb in ("added", "removed"):
        items = change.get(verb) or []
        labels = [_pointer(key, item, names) if isinstance(item, dict) else None for item in items]
        if items and all(labels):
            parts.append(f"{verb} {', '.join(labels)}")
        elif items:
            parts.append(f"{counted(len(items), field.removesuffix('s'))} {verb}")
    return f"{field}: {'; '.join(parts)}" if parts else None


def clauses(entity_type: str, changes: dict, names: Names) -> list[str]:
    """Each change worth a word; a column beside its relationship ("agency_id" beside "agency") once."""
    changes = changes or {}
    found = (clause(entity_type, key, change, names) for key, change in changes.items()
             if not (key.endswith("_id") and key.removesuffix("_id") in changes))
    return [c for c in found if c]
