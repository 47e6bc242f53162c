"""The names people know records by, looked up for many audit events at once: a review by its
reference, "Recommendation 4.1 (BDHR2011/12-01)", "Finding 2 (…)", an agency or a person by
name. Never a database id: a record that is gone, or of a kind with no name, has none."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dhr.dates import long_date
from dhr.extensions import db

from .action_models import Action, AgencyAlias, TargetDateChange
from .briefing_models import Briefing
from .contribution_models import Contribution
from .job_models import Job
from .models import (
    Agency,
    AuditEvent,
    Collection,
    Document,
    Finding,
    Pause,
    Recommendation,
    RecommendationUpdate,
    Review,
    Theme,
    User,
)
from .panel_models import PanelMember, ParallelProcess
from .practice_vocab import CONTRIBUTION_KIND_WORDS, PARALLEL_KIND_IN_SENTENCE
from .qa_panel_models import FinalDevelopmentArea, QaPanelRound
from .vocab import DOCUMENT_KIND_LABELS, DocumentKind

# A change's key that points at another record, and that record's kind (also read as "<key>_id").
KEY_KINDS = {
    "review": "review", "recommendation": "recommendation", "action": "action", "finding": "finding",
    "update": "recommendation_update", "agency": "agency", "lead_agency": "agency", "parent": "theme",
    "chair": "user_account", "author": "user_account", "assessed_by": "user_account", "uploaded_by": "user_account",
    "agreed_by": "user_account", "proposed_by": "user_account", "decided_by": "user_account",
    "owner": "user_account", "user": "user_account", "linked_review": "review",
    "shared_with": "action", "document": "document", "letter_document": "document", "owner_agency": "agency",
    "round": "qa_panel_round",
}
# Looked up in batches of this many ids (a query's bound parameters stay well inside every limit).
BATCH = 500


def _review(row: Review) -> str:
    return row.reference


def _recommendation(row: Recommendation) -> str:
    return f"Recommendation {row.number} ({row.review.reference})"


def _action(row: Action) -> str:
    return f"Action {row.position} of {_recommendation(row.recommendation)}"


def _finding(row: Finding) -> str:
    return f"Finding {row.position} ({row.review.reference})"


def _update(row: RecommendationUpdate) -> str:
    who = f"{row.agency.name}’s update" if row.agency else "The update"
    return f"{who} of {long_date(row.created_at)} on {_action(row.action)}"


def proper_or_lower(label: str) -> str:
    """A label inside a sentence: lower case, but a proper name (the Home Office's) kept as it is."""
    return label if label.startswith("Home Office") else label.lower()


def _document(row: Document) -> str:
    if row.kind == DocumentKind.CONTRIBUTION:
        return f"the agency’s contribution ‘{row.filename}’"
    if row.kind == DocumentKind.EVIDENCE or row.review is None:
        return f"evidence file ‘{row.filename}’"
    kind = proper_or_lower(DOCUMENT_KIND_LABELS.get(row.kind, "document"))
    return f"the {kind} ‘{row.filename}’ of {row.review.reference}"


def _contribution(row: Contribution) -> str:
    kind = CONTRIBUTION_KIND_WORDS.get(row.kind, "contribution")
    return f"the {kind} from {row.agency.name} for {row.review.reference}"


def _pause(row: Pause) -> str:
    return f"the pause of {row.review.reference} from {long_date(row.started_on)}"


def _panel_member(row: PanelMember) -> str:
    return f"the panel member for {row.agency.name} ({row.role}) on {row.review.reference}"


def _parallel_process(row: ParallelProcess) -> str:
    label = PARALLEL_KIND_IN_SENTENCE.get(row.kind, "parallel process")
    return f"the {label}{f' {row.reference}' if row.reference else ''} beside {row.review.reference}"


def _qa_round(row: QaPanelRound) -> str:
    return f"submission {row.number} of {row.review.reference} to the Home Office Quality Assurance Panel"


def _area(row: FinalDevelopmentArea) -> str:
    return f"an area for final development of {row.round.review.reference}"


def _date_change(row: TargetDateChange) -> str:
    return f"the request to move the target date of {_action(row.action)}"


# kind -> (model, what loads with it, how its name reads)
_ACTION_LOAD = selectinload(Action.recommendation).selectinload(Recommendation.review)
LOOKUPS: dict[str, tuple[Any, tuple, Callable[[Any], str]]] = {
    "review": (Review, (), _review),
    "recommendation": (Recommendation, (selectinload(Recommendation.review),), _recommendation),
    "action": (Action, (_ACTION_LOAD,), _action),
    "finding": (Finding, (selectinload(Finding.review),), _finding),
    "recommendation_update": (RecommendationUpdate, (
        selectinload(RecommendationUpdate.agency),
        selectinload(RecommendationUpdate.action).selectinload(Action.recommendation)
        .selectinload(Recommendation.review)), _update),
    "document": (Document, (selectinload(Document.review),), _document),
    "pause": (Pause, (selectinload(Pause.review),), _pause),
    "target_date_change": (TargetDateChange, (
        selectinload(TargetDateChange.action).selectinload(Action.recommendation)
        .selectinload(Recommendation.review),), _date_change),
    "user_account": (User, (), lambda row: row.name),
    "agency": (Agency, (), lambda row: row.name),
    "theme": (Theme, (), lambda row: row.name),
    "collection": (Collection, (), lambda row: f"the collection ‘{row.name}’"),
    "job": (Job, (), lambda row: row.title),
    "agency_alias": (AgencyAlias, (), lambda row: f"the remembered name ‘{row.written_as}’"),
    "briefing": (Briefing, (), lambda row: f"‘{row.title}’"),
    "panel_member": (PanelMember, (selectinload(PanelMember.review), selectinload(PanelMember.agency)),
                     _panel_member),
    "parallel_process": (ParallelProcess, (selectinload(ParallelProcess.review),), _parallel_process),
    "contribution": (Contribution, (selectinload(Contribution.review), selectinload(Contribution.agency)),
                     _contribution),
    "qa_panel_round": (QaPanelRound, (selectinload(QaPanelRound.review),), _qa_round),
    "final_development_area": (FinalDevelopmentArea, (
        selectinload(FinalDevelopmentArea.round).selectinload(QaPanelRound.review),), _area),
}


def _ids_in_changes(changes: dict) -> Iterable[tuple[str, int]]:
    for key, value in (changes or {}).items():
        kind = KEY_KINDS.get(key.removesuffix("_id"))
        if not kind:
            continue
        for part in (value.get("from"), value.get("to")) if isinstance(value, dict) else (value,):
            if isinstance(part, dict):
                part = part.get("id")
            if isinstance(part, int) and not isinstance(part, bool):
                yield kind, part


class Names:
    """The names of the records a list of audit events is about, and of those their changes
    point at, read with a few queries however many events there are."""

    def __init__(self, events: Iterable[AuditEvent]):
        wanted: dict[str, set[int]] = defaultdict(set)
        emails: set[str] = set()
        for event in events:
            if event.user_id is None and "@" in (event.actor or ""):
                emails.add(event.actor)  # signing in is recorded before the person is signed in
            if event.entity_id is not None:
                wanted[event.entity_type].add(event.entity_id)
            if event.user_id is not None:
                wanted["user_account"].add(event.user_id)
            for kind, ident in _ids_in_changes(event.changes):
                wanted[kind].add(ident)
        self._names: dict[tuple[str, int], str] = {}
        for kind, ids in wanted.items():
            if kind in LOOKUPS:
                self._load(kind, sorted(ids))
        self._evidence = _evidence_counts(sorted(wanted.get("recommendation_update", ())))
        self._by_email = _names_by_email(sorted(emails))

    def _load(self, kind: str, ids: list[int]) -> None:
        model, options, name_of = LOOKUPS[kind]
        for start in range(0, len(ids), BATCH):
            query = select(model).where(model.id.in_(ids[start:start + BATCH])).options(*options)
            for row in db.session.scalars(query):
                self._names[(kind, row.id)] = name_of(row)

    def of(self, kind: str, ident: Any) -> str | None:
        """The name of the record, or None (gone, or of a kind with no name)."""
        if isinstance(ident, dict):
            ident = ident.get("id")
        return self._names.get((kind, ident)) if isinstance(ident, int) else None

    def person(self, user_id: int | None, email: str) -> str | None:
        """A person's name, by their account or else by the email they acted as."""
        return (self.of("user_account", user_id) if user_id is not None else None) or self._by_email.get(email)

    def evidence_files(self, update_id: int | None) -> int:
        return self._evidence.get(update_id, 0)


def _evidence_counts(update_ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for start in range(0, len(update_ids), BATCH):
        query = (select(Document.update_id, func.count()).where(Document.update_id.in_(update_ids[start:start + BATCH]))
                 .group_by(Document.update_id))
        counts.update({update_id: number for update_id, number in db.session.execute(query)})
    return counts


def _names_by_email(emails: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(emails), BATCH):
        query = select(User.email, User.name).where(User.email.in_(emails[start:start + BATCH]))
        found.update({email: name for email, name in db.session.execute(query)})
    return found
