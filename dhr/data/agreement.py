"""How an action's plan is settled between its lead agency and the partnership.

Until the coordinator agrees an action, its lead agency writes its wording, milestones and
target date. Once agreed, the agency may ask to move the target date, with a reason; the date
moves only when the coordinator accepts, and every request with both dates and the decision
stays in the action's history. Who may do each is the access policy's (dhr.data.policy)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import notices, policy
from .action_models import Action, TargetDateChange
from .errors import DataError
from .models import Recommendation, User, utcnow
from .progress import NotAllowed

MAX_TEXT = 10000
DECISIONS = ("accepted", "refused")


class AgreementError(DataError):
    """A plain reason a proposal, request or decision cannot be saved."""


def _text(value: Optional[str], label: str, field: str, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise AgreementError(f"Enter {label}", field)
    if len(value) > MAX_TEXT:
        raise AgreementError(f"{label[0].upper()}{label[1:]} must be 10,000 characters or fewer", field)
    return value


def is_past(target_date: dt.date, today: dt.date) -> bool:
    """A target date an agency proposes or asks for must not be in the past."""
    return target_date < today


def propose(action: Action, user: User, text: str, milestones: str, target_date: Optional[dt.date],
            today: dt.date) -> Action:
    """The lead agency's wording, milestones and target date for an action not yet agreed."""
    if not policy.may_propose_action(user, action):
        raise NotAllowed("only the lead agency writes an action's plan, and only until it is agreed")
    action.text = _text(text, "the action your agency will take", "text", required=True)
    action.milestones = _text(milestones, "the key milestones", "milestones")
    if target_date is not None and is_past(target_date, today):
        raise AgreementError("The target date must be today or in the future", "target_date")
    action.target_date = target_date
    db.session.flush()
    return action


def agree(action: Action, user: User) -> Action:
    if not policy.may_agree_action(user):
        raise NotAllowed("only the partnership coordinator agrees an action")
    if action.is_agreed:
        raise AgreementError("This action is already agreed", None)
    if not action.text or action.target_date is None:
        raise AgreementError("An action needs its wording and a target date before it is agreed", None)
    action.agreed_at = utcnow()
    action.agreed_by_id = user.id
    db.session.flush()
    return action


def move_problem(action: Action, to_date: Optional[dt.date], today: dt.date) -> Optional[str]:
    """Why an agreed target date cannot be asked to move to `to_date`; None if it can."""
    if action.pending_date_change is not None:
        return "A change of this target date is already waiting for the coordinator"
    if to_date is None:
        return "Enter the new target date"
    if to_date == action.target_date:
        return "The new target date is the same as the agreed one"
    if is_past(to_date, today):
        return "The new target date must be today or in the future"
    return None


def ask_to_move(action: Action, user: User, to_date: Optional[dt.date], reason: str,
                today: dt.date, *, by_return: bool = False) -> TargetDateChange:
    """The lead agency's request to move an agreed target date (or the review's chair's, in an
    imported progress return: `by_return`)."""
    allowed = policy.may_ask_date_change_by_return(user, action) if by_return else \
        policy.may_ask_date_change(user, action)
    if not allowed:
        raise NotAllowed("only the lead agency asks to move an agreed action's target date")
    problem = move_problem(action, to_date, today)
    if problem:
        raise AgreementError(problem, "to_date")
    change = TargetDateChange(action=action, from_date=action.target_date, to_date=to_date,
                              reason=_text(reason, "why the date needs to move", "reason", required=True),
                              proposed_by_id=user.id)
    db.session.add(change)
    db.session.flush()
    return change


def decide(change: TargetDateChange, user: User, decision: str, message: str) -> TargetDateChange:
    """The coordinator accepts (the target date moves) or refuses (it stays) a requested change."""
    if not policy.may_decide_date_change(user):
        raise NotAllowed("only the partnership coordinator decides a change of target date")
    if change.decision != "pending":
        raise AgreementError("This request has already been decided", "decision")
    if decision not in DECISIONS:
        raise AgreementError("Select whether to accept or refuse the new date", "decision")
    message = _text(message, "a message for the agency", "message", required=decision == "refused")
    change.decision, change.decision_message = decision, message
    change.decided_by_id, change.decided_at = user.id, utcnow()
    if decision == "accepted":
        change.action.target_date = change.to_date
    db.session.flush()
    notices.target_date_decided(change)
    return change


def get_change(change_id: int) -> Optional[TargetDateChange]:
    return db.session.get(TargetDateChange, change_id)


def waiting_changes(limit: int = 50) -> list[TargetDateChange]:
    """Requests waiting for the coordinator, oldest first."""
    query = (select(TargetDateChange).where(TargetDateChange.decision == "pending")
             .options(selectinload(TargetDateChange.action).selectinload(Action.recommendation)
                      .selectinload(Recommendation.review))
             .order_by(TargetDateChange.proposed_at, TargetDateChange.id).limit(limit))
    return list(db.session.scalars(query))


def waiting_count() -> int:
    return db.session.scalar(select(func.count(TargetDateChange.id)).where(TargetDateChange.decision == "pending"))


def unagreed_count() -> int:
    """Open actions whose plan the coordinator has not yet agreed."""
    return db.session.scalar(select(func.count(Action.id)).where(Action.agreed_at.is_(None)))
