"""The actions under a recommendation, and the one rule that derives a recommendation's status,
target date and date of completion from its actions.

A recommendation's derived fields are stored (lists sort and filter on them at national scale)
but only ever written here, on every flush that adds, changes or removes one of its actions.

- Status: the actions' status when they agree. Actions not accepted or superseded do not count
  beside others. All the counted actions done (verified or already in place): verified. Otherwise
  at risk if any is; complete awaiting evidence, or partially implemented, when every open action
  is; not started when none has started; else in progress (on track).
- Target date: the earliest target date of the open actions; when all are closed, the latest.
- Date of completion: the latest of the actions', once the recommendation is closed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from dhr.extensions import db

from . import notices, policy
from .action_models import Action
from .errors import DataError
from .models import Agency, Recommendation, User, utcnow
from .vocab import CLOSED_STATUSES, STATUS_LABELS, Status

# Statuses that close the work with something achieved, and those closed without it: each
# needs its outcome (or the reason) written down.
COMPLETION_STATUSES = frozenset({Status.VERIFIED, Status.ALREADY_IN_PLACE, Status.PARTIAL})
NEEDS_REASON_STATUSES = frozenset({Status.NOT_ACCEPTED})
WITHDRAWN = frozenset({Status.NOT_ACCEPTED, Status.SUPERSEDED})
DONE = frozenset({Status.VERIFIED, Status.ALREADY_IN_PLACE})


class ActionError(DataError):
    """A plain reason an action cannot be saved, naming the form field."""


class ActionConflict(Exception):
    """Someone else saved the action since the form was loaded."""

    def __init__(self, action: Action):
        super().__init__("The action was changed by someone else")
        self.action = action


# --- The derived fields of a recommendation ---------------------------------------------------

def derived_status(statuses: Iterable[str]) -> str:
    statuses = list(statuses)
    if not statuses:
        return Status.NOT_STARTED
    counted = [s for s in statuses if s not in WITHDRAWN] or statuses
    if len(set(counted)) == 1:
        return counted[0]
    if all(s in WITHDRAWN for s in counted):
        return Status.NOT_ACCEPTED if Status.NOT_ACCEPTED in counted else Status.SUPERSEDED
    if all(s in DONE for s in counted):
        return Status.VERIFIED
    still_open = [s for s in counted if s not in DONE]
    if Status.AT_RISK in still_open:
        return Status.AT_RISK
    for shared in (Status.AWAITING_EVIDENCE, Status.PARTIAL):
        if all(s == shared for s in still_open):
            return shared
    if len(still_open) == len(counted) and all(s == Status.NOT_STARTED for s in still_open):
        return Status.NOT_STARTED
    return Status.ON_TRACK


def derived_target_date(actions: list[Action]) -> Optional[dt.date]:
    open_dates = [a.target_date for a in actions if a.target_date and a.status not in CLOSED_STATUSES]
    if open_dates:
        return min(open_dates)
    return max((a.target_date for a in actions if a.target_date), default=None)


def derived_completed_on(actions: list[Action], status: str) -> Optional[dt.date]:
    if status not in CLOSED_STATUSES:
        return None
    return max((a.completed_on for a in actions if a.completed_on), default=None)


def refresh(rec: Recommendation, leaving: frozenset = frozenset()) -> None:
    """Write a recommendation's derived fields from its actions (those not being deleted)."""
    actions = [a for a in rec.actions if a not in leaving]
    status = derived_status(a.status for a in actions)
    values = {"status": status, "target_date": derived_target_date(actions),
              "completed_on": derived_completed_on(actions, status)}
    for name, value in values.items():
        if getattr(rec, name) != value:
            setattr(rec, name, value)


@event.listens_for(Session, "before_flush")
def _refresh_recommendations_of_changed_actions(session: Session, flush_context, instances) -> None:
    leaving = frozenset(session.deleted)
    touched: dict[int, Recommendation] = {}
    for obj in [*session.new, *session.dirty, *session.deleted]:
        if isinstance(obj, Action) and obj.recommendation is not None and obj.recommendation not in leaving:
            touched[id(obj.recommendation)] = obj.recommendation
    with session.no_autoflush:
        for rec in touched.values():
            refresh(rec, leaving)


def _lead_changed(action: Action) -> bool:
    state = inspect(action)
    for name in ("lead_agency", "lead_agency_id"):
        history = state.attrs[name].history
        before = [getattr(v, "id", v) for v in history.deleted]
        if history.added and [getattr(v, "id", v) for v in history.added] != before:
            return True
    return False


@event.listens_for(Session, "before_flush")
def _stamp_assignments(session: Session, flush_context, instances) -> None:
    """An action is assigned when its lead agency is set or changes: a new action when it was made
    (a plan written with its own past dates keeps them), unless the same flush writes its
    assignment time itself."""
    for obj in [*session.new, *session.dirty]:
        if isinstance(obj, Action) and _lead_changed(obj) and not inspect(obj).attrs.assigned_at.history.added:
            led = obj.lead_agency is not None or obj.lead_agency_id is not None
            made_at = obj.created_at if obj in session.new else None
            obj.assigned_at = (made_at or utcnow()) if led else None


# --- Writing actions ----------------------------------------------------------------------------

@dataclass
class ActionDetails:
    text: str = ""
    lead_agency: Agency | None = None
    milestones: str = ""
    target_date: dt.date | None = None
    status: str = Status.NOT_STARTED
    completed_on: dt.date | None = None
    outcome: str = ""


def details_of(action: Action) -> ActionDetails:
    return ActionDetails(text=action.text, lead_agency=action.lead_agency, milestones=action.milestones,
                         target_date=action.target_date, status=action.status, completed_on=action.completed_on,
                         outcome=action.outcome)


def get(action_id: int) -> Action | None:
    return db.session.get(Action, action_id)


def outcome_problem(status: str, outcome: str) -> Optional[str]:
    """Completion needs its outcome recorded, and "not accepted" its reason."""
    if (outcome or "").strip():
        return None
    if status in COMPLETION_STATUSES:
        return f"Enter the outcome achieved before recording the action as ‘{STATUS_LABELS[status]}’"
    if status in NEEDS_REASON_STATUSES:
        return "Enter the reason the action was not accepted"
    return None


def status_problems(user: User | None, status: str, outcome: str) -> list[tuple[str, str]]:
    """(message, field) for a status the user may not set or that lacks its outcome."""
    found = []
    if status not in set(Status):
        found.append(("Choose a status from the list", "status"))
    elif user is not None and not policy.may_set_status(user, status):
        found.append(("Only the partnership coordinator records an action as ‘complete, verified’, "
                      "by accepting the agency's evidence", "status"))
    problem = outcome_problem(status, outcome)
    if problem:
        found.append((problem, "outcome"))
    return found


def check(details: ActionDetails, user: User | None) -> None:
    found = status_problems(user, details.status, details.outcome)
    if found:
        message, field_name = found[0]
        raise ActionError(message, field_name)


def _apply(action: Action, details: ActionDetails) -> None:
    action.text = (details.text or "").strip()
    action.lead_agency = details.lead_agency
    action.milestones = (details.milestones or "").strip()
    action.target_date = details.target_date
    action.status = details.status
    action.completed_on = details.completed_on
    action.outcome = (details.outcome or "").strip()


def add(rec: Recommendation, details: ActionDetails, user: User | None = None, *, agreed: bool = False) -> Action:
    """A new action under `rec`. An action written into an agreed plan (an imported plan, or the
    partnership's own with its target date) is agreed as it is written."""
    check(details, user)
    action = Action(recommendation=rec, position=max((a.position for a in rec.actions), default=0) + 1)
    db.session.add(action)  # before reading anything that may flush (an expired user's id, in a long job)
    _apply(action, details)
    if agreed:
        action.agreed_at = utcnow()
        action.agreed_by_id = user.id if user is not None else None
    notices.action_assigned(action)
    return action


def change(action: Action, details: ActionDetails, expected_version: int, user: User | None = None) -> Action:
    """The partnership's edit of an action, refused if it changed since the editor read it."""
    if action.version != expected_version:
        raise ActionConflict(action)
    check(details, user)
    lead_before = action.lead_agency
    _apply(action, details)
    _flush_or_conflict(action)
    if action.lead_agency is not lead_before:
        notices.action_assigned(action)
    return action


def _flush_or_conflict(action: Action) -> None:
    action_id = action.id
    try:
        db.session.flush()
    except StaleDataError as error:
        db.session.rollback()
        raise ActionConflict(get(action_id)) from error


def remove(action: Action) -> None:
    rec = action.recommendation
    if action.updates:
        raise ActionError("This action has progress updates from its agency, so it cannot be removed: "
                          "mark it superseded instead")
    if len(rec.actions) == 1:
        raise ActionError("A recommendation keeps at least one action: change this one instead")
    rec.actions.remove(action)
    db.session.flush()
