"""A quarterly progress return: an action plan imported again into a review that already has
its recommendations. Each row is matched to an existing action of its recommendation (the
same action text, or else the next by the plan's order); every field the row changes is shown
old -> new, and rows matching no action are new actions. Only the columns the file has are
compared, and a blank status leaves the status as it is.

An agreed target date moves directly only for the coordinator (policy.may_move_agreed_date);
a chair's return asks the coordinator to move it, as the lead agency would
(agreement.ask_to_move). Re-importing the same file changes nothing."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from dhr import dates
from dhr.extensions import db

from . import actions, agreement, finding_refs, notices, policy
from .action_models import Action
from .models import Agency, User
from .plan_parsed import Change, ParsedAction, ParsedPlan, ParsedRow
from .vocab import SCOPE_LABELS, STATUS_LABELS

# attribute, the column it is read from, its label
ACTION_FIELDS = (
    ("text", "action", "Action to take"),
    ("lead_agency_id", "lead", "Lead agency"),
    ("milestones", "milestones", "Key milestones achieved"),
    ("target_date", "target", "Target date"),
    ("completed_on", "completion", "Date of completion"),
    ("outcome", "completion", "Outcome"),
    ("status", "status", "Status"),
)
RECOMMENDATION_FIELDS = (("text", "text", "Recommendation"), ("scope", "scope", "Scope"))


def _shown(attribute: str, value: object, agency_name: str = "") -> str:
    if attribute == "lead_agency_id":
        return agency_name or "None"
    if isinstance(value, dt.date):
        return dates.numeric_date(value)
    if attribute == "status":
        return STATUS_LABELS.get(value, str(value))
    if attribute == "scope":
        return SCOPE_LABELS.get(value, str(value))
    return str(value) if value not in (None, "") else "Not set"


def compare(plan: ParsedPlan, user: Optional[User], today: dt.date) -> None:
    """Match each row of an existing recommendation to its action and note every change."""
    for row in plan.rows:
        if row.existing is not None:
            row.changes = [Change(attr, label, _shown(attr, getattr(row.existing, attr)),
                                  _shown(attr, getattr(row, attr)), getattr(row, attr))
                           for attr, column, label in RECOMMENDATION_FIELDS
                           if column in plan.columns and getattr(row, attr) != getattr(row.existing, attr)]
            match(row.existing.actions, row.actions)
            row.changes += _lead_following_first_action(row, plan.columns)
            row.changes += _findings_change(row)
        for action in row.actions:
            if action.existing is None:
                if not action.lead_name:
                    action.errors.insert(0, "Enter the lead agency")
            else:
                action.changes = _action_changes(action, plan.columns, user, today)


def _lead_following_first_action(row: ParsedRow, columns: dict[str, str]) -> list[Change]:
    """A recommendation's lead agency is its first action's when the plan is first imported, and
    follows it when a return moves that action to another agency; a recommendation given a lead
    of its own keeps it."""
    rec = row.existing
    first = row.actions[0] if row.actions else None
    if "lead" not in columns or first is None or first.existing is None or first.lead_agency_id is None:
        return []
    first_existing = min(rec.actions, key=lambda a: a.position)
    if first.existing is not first_existing or rec.lead_agency_id != first_existing.lead_agency_id \
            or rec.lead_agency_id == first.lead_agency_id:
        return []
    old_name = rec.lead_agency.name if rec.lead_agency else ""
    return [Change("lead_agency_id", "Lead agency of the recommendation", _shown("lead_agency_id", None, old_name),
                   _shown("lead_agency_id", None, first.lead_name), first.lead_agency_id)]


def _findings_change(row: ParsedRow) -> list[Change]:
    """The findings a return names, when it names any and they are not the recommendation's."""
    old, new = row.existing.findings, sorted(row.findings, key=lambda f: f.position)
    if not row.findings_given or {f.id for f in old} == {f.id for f in new}:
        return []
    return [Change("findings", "Findings it answers", finding_refs.written([f.position for f in old]) or "None",
                   finding_refs.written([f.position for f in new]), new)]


def match(existing: list[Action], parsed: list[ParsedAction]) -> None:
    """Each parsed action's existing action: the same text first, then the next free by order."""
    free = sorted(existing, key=lambda a: a.position)
    for action in parsed:
        same = next((a for a in free if " ".join(a.text.split()) == " ".join(action.text.split())), None)
        if same is not None:
            action.existing = same
            free.remove(same)
    for action in parsed:
        if action.existing is None and free:
            action.existing = free.pop(0)


def _action_changes(parsed: ParsedAction, columns: dict[str, str], user: Optional[User],
                    today: dt.date) -> list[Change]:
    action = parsed.existing
    changes = []
    for attribute, column, label in ACTION_FIELDS:
        if column not in columns or (attribute == "status" and not parsed.status_given):
            continue
        if attribute == "lead_agency_id" and parsed.lead_agency_id is None:
            if not parsed.lead_name and action.lead_agency_id is not None:
                parsed.errors.append("Enter the lead agency")
            continue  # an unknown name is mapped on screen first
        old, new = getattr(action, attribute), getattr(parsed, attribute)
        if (old or None) == (new or None):
            continue
        old_name = action.lead_agency.name if action.lead_agency else ""
        change = Change(attribute, label, _shown(attribute, old, old_name), _shown(attribute, new, parsed.lead_name),
                        new)
        if attribute == "target_date" and action.is_agreed and user is not None \
                and not policy.may_move_agreed_date(user):
            change = _date_request(parsed, change, user, today)
        if change is not None:
            changes.append(change)
    return changes


def _date_request(parsed: ParsedAction, change: Change, user: User, today: dt.date) -> Optional[Change]:
    """An agreed target date changed by a chair's return: asked of the coordinator (None when
    the same change is already waiting), or a problem on the row."""
    action = parsed.existing
    waiting = action.pending_date_change
    if waiting is not None and waiting.to_date == parsed.target_date:
        return None
    problem = ("Only the partnership coordinator changes this action's target date"
               if not policy.may_ask_date_change_by_return(user, action)
               else agreement.move_problem(action, parsed.target_date, today))
    if problem:
        parsed.errors.append(f"The target date was agreed, so it moves only when the coordinator accepts: {problem}")
        return None
    change.label, change.asked = "Target date (asked of the coordinator)", True
    return change


def action_details(action: ParsedAction, agencies: dict[int, Agency]) -> actions.ActionDetails:
    return actions.ActionDetails(text=action.text, lead_agency=agencies.get(action.lead_agency_id),
                                 milestones=action.milestones, target_date=action.target_date,
                                 status=action.status, completed_on=action.completed_on, outcome=action.outcome)


def apply(row: ParsedRow, agencies: dict[int, Agency], user: Optional[User], today: dt.date,
          reason: str = "Asked in an imported progress return") -> None:
    """Make a checked row's changes to its recommendation and actions, and add its new actions."""
    rec = row.existing
    for change in row.changes:
        if change.attribute == "lead_agency_id":
            rec.lead_agency = agencies[change.value]
        else:
            setattr(rec, change.attribute, change.value)
    for parsed in row.actions:
        if parsed.existing is None:
            actions.add(rec, action_details(parsed, agencies), user, agreed=True)
            continue
        action, lead_before = parsed.existing, parsed.existing.lead_agency
        for change in parsed.changes:
            if change.asked:
                agreement.ask_to_move(action, user, change.value, reason, today, by_return=True)
            elif change.attribute == "lead_agency_id":
                action.lead_agency = agencies[change.value]
            else:
                setattr(action, change.attribute, change.value)
        if action.lead_agency is not lead_before:
            notices.action_assigned(action)
    db.session.flush()
