"""Audit events as plain sentences, the one place that words them for every history table and
the audit trail's export: "Police posted an update with 2 evidence files on Action 1 of
Recommendation 4.1 (BDHR2011/12-01)", "Recommendation 4.1 (BDHR2011/12-01): status changed from
In progress (on track) to Complete, awaiting evidence", "Signed in".

An event the service records itself (not a row change) is worded by its entry in ACTIONS: a
template whose {record} is the name of the record the event is about and whose other fields are
the event's details, read as people see them. An action with no entry still reads plainly: its
name as words, the record's name and its details."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from dhr.wording import counted

from . import processes
from .audit_names import Names, proper_or_lower
from .audit_values import capital, clauses, file_size, file_type, humanise, shown, value_words
from .models import AuditEvent
from .vocab import DOCUMENT_KIND_LABELS, STATUS_LABELS, DocumentKind

ACTIONS: dict[str, str] = {
    "sign_in": "Signed in",
    "sign_out": "Signed out",
    "sign_in_failed": "A sign-in as {record} failed",
    "sign_in_throttled": "Sign-in refused after too many failed attempts",
    "password_changed": "Changed their password",
    "signed_out_everywhere": "Signed {record} out on every device",
    "access_denied": "Was refused {record}",
    "download_asked_for": "Asked for {title} to be prepared",
    "download_prepared": "Downloaded {title}",
    "download_retried": "Asked again for {record}",
    "export": "Downloaded {document}{of_record}",
    "reminders_sent": "Queued the reminders of {agencies}",
    "reminder_sent": "Sent {record} a reminder about {recommendations}",
    "action_plan_imported": "Imported an action plan into {record}",
    "files_imported": "Imported {files} of action plans and reports at once from {filename}",
    "finding_deleted": "Deleted Finding {position} of {record}",
    "recommendation_deleted": "Deleted Recommendation {number} of {record}",
    "publication_item_accepted": "Accepted flagged wording for publication of {record}",
    "restore": "Restored the service from a backup",
    "external_import": "Imported {partnership}'s published learning ({reviews})",
    "national_sent": "Sent {record} to {body} ({sent_to}), copied to the Commissioner's office ({copied_to}); "
                     "a response is asked for by {due_on}",
    "national_response": "{body} responded to {record}: {response}",
    "national_chased": "Chased {body} for a response to {record}, due by {due_on}",
    "contribution_chased": "Sent a chase for {record} to {recipients} at {agency}",
    "api_token_created": "Made the API token ‘{client}’ acting as {record}, working {lasting}",
    "api_token_revoked": "Revoked the API token ‘{client}’ acting as {record}",
    "api_token_refused": "Was refused the API ({why}{of_token})",
    "api_token_used": "Through the API token ‘{client}’, {did} on {record}",
}
CREATED: dict[str, str] = {
    "review": "Created the review {record}",
    "recommendation": "Added {record}{led_by}{quality}",
    "action": "Added {record}{led_by}{target}",
    "target_date_change": "Asked to move the target date of {action} from {from_date} to {to_date}",
    "user_account": "Added the account of {record}",
    "agency": "Added the agency {record}",
    "theme": "Added the theme {record}",
    "setting": "Set {record}",
    "briefing": "Recorded the briefing {record}",
    "panel_member": "Added {record}",
    "parallel_process": "Recorded {record}",
    "contribution": "Asked for {record}, due by {due_on}",
}
# What a record is called when it has no name (it is gone, or its kind has none).
KINDS = {
    "review": "a review", "recommendation": "a recommendation", "action": "an action", "finding": "a finding",
    "recommendation_update": "a progress update", "document": "a document", "pause": "a pause",
    "target_date_change": "a request to move a target date", "user_account": "an account",
    "agency": "an agency", "theme": "a theme", "collection": "a collection", "job": "a prepared download",
    "agency_alias": "a remembered agency name", "route": "a page", "report": "a report",
    "database": "the database", "audit_event": "the audit trail", "briefing": "a briefing",
    "family_contact": "a record of contact with the family",
    "panel_member": "a panel member", "parallel_process": "a parallel process",
    "contribution": "an agency's contribution",
    "external_source": "external learning", "external_review": "an external review",
    "qa_panel_round": "a submission to the Home Office Quality Assurance Panel",
    "final_development_area": "an area for final development",
}
DOCUMENTS = {"review_summary": "the learning summary", "action_plan": "the action plan", "board_report":
             "the board report", "agency_progress": "the progress report", "case_study_pack": "a case-study pack",
             "audit_trail": "the audit trail", "open_data_json": "the open data (JSON)",
             "open_data_csv": "the open data (CSV tables)"}
ACTORS = {"system": "The service", "anonymous": "Someone not signed in", "demo loader": "The demo data loader"}
# The row changes' actions, as a filter offers them; any other action reads as its name in words.
ACTION_NAMES = {"create": "Added", "update": "Changed", "delete": "Deleted"}
COUNTS = {"agencies": ("agency", "agencies"), "recommendations": ("overdue recommendation", None),
          "rows": ("row", None), "files": ("file", None), "reviews": ("review", None),
          "sessions_ended": ("session ended", "sessions ended"), "recipients": ("person", "people")}


@dataclass(frozen=True)
class Told:
    """An audit event as people read it."""

    event: AuditEvent
    at: dt.datetime
    who: str
    action: str
    kind: str
    words: str


def new_value(changes: dict, key: str) -> Any:
    """What a field was set to: a row change records {"from", "to"} for what points at a record."""
    value = (changes or {}).get(key)
    return value.get("to") if isinstance(value, dict) and "to" in value else value


def pointed(entity_type: str, changes: dict, key: str, names: Names) -> str | None:
    """The name of the record a field points at, whether the change recorded the relationship
    ("agency") or only its column ("agency_id")."""
    return (value_words(entity_type, key, new_value(changes, key), names)
            or value_words(entity_type, f"{key}_id", new_value(changes, f"{key}_id"), names))


def kind_words(entity_type: str) -> str:
    return KINDS.get(entity_type) or f"a {humanise(entity_type)}"


class _Fields(dict):
    """The values a template names, worked out when it asks for them."""

    def __init__(self, event: AuditEvent, names: Names):
        super().__init__()
        self.event, self.names = event, names
        self.record = names.of(event.entity_type, event.entity_id) if event.entity_id is not None else None
        if event.entity_type == "setting" and not self.record:
            self.record = humanise(str((event.changes or {}).get("key", ""))) or None

    def __missing__(self, key: str) -> str:
        changes = self.event.changes or {}
        if key == "record":
            return self.record or kind_words(self.event.entity_type)
        if key == "of_token":
            return f": ‘{changes['client']}’ acting as {self.record}" if changes.get("client") else ""
        if key == "of_record":
            return f" of {self.record}" if self.record else ""
        if key == "led_by":
            lead = pointed(self.event.entity_type, changes, "lead_agency", self.names)
            return f", led by {lead}" if lead else ""
        if key == "target":
            target = value_words(self.event.entity_type, "target_date", new_value(changes, "target_date"), self.names)
            return f", target date {target}" if target else ""
        if key == "document":
            return _document_words(changes)
        if key == "quality":
            advice = value_words(self.event.entity_type, "quality_flags", new_value(changes, "quality_flags"),
                                 self.names)
            return f", with the quality advice: {advice}" if advice else ""
        if key in COUNTS and isinstance(changes.get(key), (int, list)):
            number = changes[key] if isinstance(changes[key], int) else len(changes[key])
            return counted(number, *COUNTS[key])
        return pointed(self.event.entity_type, changes, key, self.names) or "(not recorded)"


def _document_words(changes: dict) -> str:
    document = str(changes.get("document") or "")
    if document in DOCUMENTS:
        return DOCUMENTS[document]
    for spreadsheet in ("csv", "xlsx"):
        if document.endswith("_" + spreadsheet):
            return f"the {humanise(document.removesuffix('_' + spreadsheet))} spreadsheet ({spreadsheet.upper()})"
    what = shown(str(changes.get("what") or ""))
    if what:
        return f"the action plan spreadsheet ‘{what}’ ({str(changes.get('format') or 'file').upper()})"
    return f"the {humanise(document)}" if shown(humanise(document)) else "a file"


def _update_posted(event: AuditEvent, fields: _Fields) -> str:
    changes, names = event.changes or {}, fields.names
    agency = pointed("recommendation_update", changes, "agency", names) or "An agency"
    evidence = names.evidence_files(event.entity_id)
    on = pointed("recommendation_update", changes, "action", names)
    words = f"{agency} posted an update" + (f" with {counted(evidence, 'evidence file')}" if evidence else "")
    words += f" on {on}" if on else ""
    proposed = STATUS_LABELS.get(changes.get("proposed_status"))
    return words + (f", proposing {proposed}" if proposed else "")


def _uploaded(event: AuditEvent, fields: _Fields) -> str:
    changes = event.changes or {}
    kind = changes.get("kind")
    evidence = kind == DocumentKind.EVIDENCE or new_value(changes, "update") or changes.get("update_id")
    what = "the evidence file" if evidence else f"the {proper_or_lower(DOCUMENT_KIND_LABELS.get(kind, 'document'))}"
    name = shown(str(changes.get("filename") or ""))
    facts = [file_type(changes.get("content_type"))]
    if isinstance(changes.get("size_bytes"), int):
        facts.append(file_size(changes["size_bytes"]))
    review = pointed("document", changes, "review", fields.names)
    return (f"Uploaded {what}" + (f" ‘{name}’" if name else "") + f" ({', '.join(facts)})"
            + (f" to {review}" if review else ""))


def _finding_added(event: AuditEvent, fields: _Fields) -> str:
    if new_value(event.changes, "early_learning") is True:
        return f"Recorded early learning from the scoping review as {fields['record']}"
    return f"Added {fields['record']}"


def _recommendation_added(event: AuditEvent, fields: _Fields) -> str:
    if new_value(event.changes, "from_scoping") is True:
        return f"Opened {fields['record']}: the immediate actions from scoping"
    return CREATED["recommendation"].format_map(fields)


SPECIAL_CREATED: dict[str, Callable[[AuditEvent, _Fields], str]] = {
    "recommendation_update": _update_posted,
    "document": _uploaded,
    "finding": _finding_added,
    "recommendation": _recommendation_added,
}


def _created(event: AuditEvent, fields: _Fields) -> str:
    if event.entity_type in SPECIAL_CREATED:
        return SPECIAL_CREATED[event.entity_type](event, fields)
    template = CREATED.get(event.entity_type)
    if template:
        return template.format_map(fields)
    return f"Added {fields.record or kind_words(event.entity_type)}"


def _changed(event: AuditEvent, fields: _Fields) -> str:
    told = clauses(event.entity_type, event.changes, fields.names)
    record = capital(fields.record or kind_words(event.entity_type))
    return f"{record}: {capital('; '.join(told))}" if told else f"Changed {fields['record']}"


def _other(event: AuditEvent, fields: _Fields) -> str:
    """An event with no entry in ACTIONS: its action as words, its record and its details."""
    words = capital(humanise(event.action)) or "Recorded"
    if fields.record:
        words += f": {fields.record}"
    told = clauses(event.entity_type, event.changes, fields.names)
    return words + (f" ({'; '.join(told)})" if told else "")


def _process_chosen(event: AuditEvent) -> str | None:
    """A change of the review process setting, by the processes' names."""
    value = (event.changes or {}).get("value")
    new, old = (value.get("to"), value.get("from")) if isinstance(value, dict) else (value, None)
    if new not in processes.PROCESSES:
        return None
    if old is None and event.action == "create":
        old = processes.DEFAULT.key  # followed until a process was first chosen
    was = f" (it was {processes.PROCESSES[old].label})" if old in processes.PROCESSES and old != new else ""
    return f"Chose the review process {processes.PROCESSES[new].label}{was}"


def sentence(event: AuditEvent, names: Names) -> str:
    """The event as one plain sentence."""
    if event.entity_type == "setting" and (chosen := _process_chosen(event)):
        return chosen
    fields = _Fields(event, names)
    if event.action == "create":
        return _created(event, fields)
    if event.action == "update":
        return _changed(event, fields)
    if event.action == "delete":
        return f"Deleted {fields['record']}"
    template = ACTIONS.get(event.action)
    return template.format_map(fields) if template else _other(event, fields)


def who(event: AuditEvent, names: Names) -> str:
    """Who did it, by name (the email or label recorded then, if the account is gone)."""
    return names.person(event.user_id, event.actor) or ACTORS.get(event.actor, event.actor)


def kind_of(entity_type: str) -> str:
    """The kind of record, as a column heading reads it: "Recommendation", "Progress update"."""
    return capital(kind_words(entity_type).split(" ", 1)[-1])


def action_of(action: str) -> str:
    return ACTION_NAMES.get(action) or capital(humanise(action)) or "Recorded"


def in_words(events: Iterable[AuditEvent]) -> list[Told]:
    """Events in plain words, the names they need read at once."""
    events = list(events)
    names = Names(events)
    return [Told(event, event.at, who(event, names), action_of(event.action), kind_of(event.entity_type),
                 sentence(event, names)) for event in events]
