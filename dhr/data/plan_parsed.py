"""An action-plan spreadsheet as read and checked, before anything is saved: its recommendations,
each with its actions (a row each), and for a review that already has them, each change a row
would make to an action (old -> new), the actions it adds and the target-date changes it asks for."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from .vocab import Scope, Status

if TYPE_CHECKING:
    from .models import Action, Finding, Recommendation


@dataclass
class Change:
    """One field a row changes: its label, and the old and new values as shown."""

    attribute: str
    label: str
    old: str
    new: str
    value: object = None
    asked: bool = False  # an agreed target date: asked of the coordinator, not applied


@dataclass
class ParsedAction:
    row_number: int
    text: str = ""
    lead_name: str = ""
    lead_agency_id: Optional[int] = None
    unknown_lead: str = ""  # the name key of a lead-agency name that names no agency
    milestones: str = ""
    target_date: Optional[dt.date] = None
    completed_on: Optional[dt.date] = None
    outcome: str = ""
    status: str = Status.NOT_STARTED
    status_given: bool = False
    errors: list[str] = field(default_factory=list)
    existing: Optional[Action] = None
    changes: list[Change] = field(default_factory=list)

    @property
    def date_request(self) -> Optional[Change]:
        return next((c for c in self.changes if c.asked), None)


@dataclass
class ParsedRow:
    """A recommendation, from the first row that names it, with an action for each of its rows."""

    row_number: int
    number: str = ""
    text: str = ""
    scope: str = Scope.LOCAL
    findings: list[Finding] = field(default_factory=list)  # the review's findings its Finding(s) cells name
    findings_given: bool = False  # a blank cell leaves an existing recommendation's findings as they are
    errors: list[str] = field(default_factory=list)
    actions: list[ParsedAction] = field(default_factory=list)
    existing: Optional[Recommendation] = None
    changes: list[Change] = field(default_factory=list)
    # A new recommendation's quality advice, as recorded on the recommendation form (flag names,
    # and whether the chair saved it as written having been shown every one).
    quality_flags: Optional[list[str]] = None
    quality_kept: bool = False

    @property
    def is_new(self) -> bool:
        return self.existing is None

    @property
    def has_changes(self) -> bool:
        return self.is_new or bool(self.changes) or any(a.existing is None or a.changes for a in self.actions)


@dataclass
class UnknownName:
    """A lead-agency name no agency has (nor a remembered spelling), with the rows that use it."""

    key: str
    written: str
    suggestion: Optional[str]
    rows: list[int] = field(default_factory=list)

    @property
    def field_name(self) -> str:
        return "agency_" + hashlib.sha256(self.key.encode()).hexdigest()[:12]


@dataclass
class ParsedPlan:
    columns: dict[str, str]  # field -> header as written in the file
    ignored_headers: list[str]
    rows: list[ParsedRow]
    problems: list[str]  # file-level problems
    unknown_names: dict[str, UnknownName] = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return len(self.problems) + sum(len(r.errors) + sum(len(a.errors) for a in r.actions) for r in self.rows)

    @property
    def valid(self) -> bool:
        return self.error_count == 0 and bool(self.rows)

    @property
    def ready(self) -> bool:
        """Valid, and every lead agency known: it can be saved."""
        return self.valid and not self.unknown_names

    @property
    def row_errors(self) -> list[tuple[str, int, str]]:
        """(anchor, row number, message) for every row's problem, in the file's order."""
        found = []
        for row in self.rows:
            found += [(f"recommendation-{row.row_number}", row.row_number, e) for e in row.errors]
            found += [(f"row-{a.row_number}", a.row_number, e) for a in row.actions for e in a.errors]
        return sorted(found, key=lambda item: item[1])

    @property
    def is_reimport(self) -> bool:
        return any(not r.is_new for r in self.rows)

    @property
    def has_changes(self) -> bool:
        return any(r.has_changes for r in self.rows)

    def counts(self) -> dict[str, int]:
        actions = [a for r in self.rows for a in r.actions]
        return {
            "recommendations_added": sum(r.is_new for r in self.rows),
            "recommendations_changed": sum(bool(r.changes) for r in self.rows),
            "actions_added": sum(a.existing is None for r in self.rows if not r.is_new for a in r.actions),
            "actions_changed": sum(any(not c.asked for c in a.changes) for a in actions if a.existing is not None),
            "date_changes_asked": sum(a.date_request is not None for a in actions),
        }

    def fingerprint(self) -> str:
        """What saving would do, in short: a confirmation saves only what its preview showed."""
        parts = []
        for row in self.rows:
            parts.append(f"{row.number}|{row.is_new}|{[(c.attribute, c.new) for c in row.changes]}")
            for action in row.actions:
                parts.append(f"{action.row_number}|{action.existing.id if action.existing else None}|"
                             f"{[(c.attribute, c.old, c.new, c.asked) for c in action.changes]}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()
