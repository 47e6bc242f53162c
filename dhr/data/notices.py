"""What each event tells whom: one function per event, each composing the subject, the words and
the link, and writing them to the outbox (notifications.notify) in the current transaction.

Agency users are linked to their own page of the recommendation (/our-recommendations/<id>), the
coordinator to the partnership's (/recommendations/<id>), where each action and its updates are."""
from __future__ import annotations

from dhr.dates import long_date
from dhr.extensions import db

from . import notifications, policy
from .action_models import Action, TargetDateChange
from .models import Recommendation, RecommendationUpdate, User
from .notification_models import Notification
from .vocab import ASSESSMENT_LABELS, STATUS_LABELS, Assessment

UPDATE_POSTED = "update_posted"
UPDATE_ASSESSED = "update_assessed"
ACTION_ASSIGNED = "action_assigned"
TARGET_DATE_DECIDED = "target_date_decided"
EXCERPT_CHARACTERS = 500
TOLD_OF_ASSESSMENTS = (Assessment.ACCEPTED, Assessment.CHALLENGED, Assessment.MORE_EVIDENCE)


def agency_link(rec: Recommendation) -> str:
    return f"/our-recommendations/{rec.id}"


def coordinator_link(rec: Recommendation) -> str:
    return f"/recommendations/{rec.id}"


def _told(users: list[User], rec: Recommendation) -> list[User]:
    return [user for user in users if policy.may_be_told_of(user, rec)]


def _action_named(action: Action) -> str:
    return f"{action.recommendation.review.reference} action {action.number}"


def _action_described(action: Action) -> str:
    rec = action.recommendation
    return (f"Recommendation {rec.number}: {_excerpt(rec.text)}\n"
            f"Action {action.number}: {_excerpt(action.text)}")


def _excerpt(text: str) -> str:
    text = (text or "").strip()
    return text if len(text) <= EXCERPT_CHARACTERS else text[:EXCERPT_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"


def update_posted(update: RecommendationUpdate) -> list[Notification]:
    """An agency posted an update: the coordinators are asked to assess it."""
    action = update.action
    rec = action.recommendation
    agency = update.agency.name if update.agency else "An agency"
    proposed = (f"\nIt proposes the status: {STATUS_LABELS.get(update.proposed_status, update.proposed_status)}."
                if update.proposed_status else "")
    body = (f"{agency} posted an update on {_action_named(action)}.\n\n{_action_described(action)}\n\n"
            f"What they said:\n{_excerpt(update.narrative)}\n{proposed}\n\nAssess the update on its page.")
    return notifications.notify(_told(notifications.coordinators(), rec), UPDATE_POSTED,
                                f"{agency} posted an update on {_action_named(action)}", body, coordinator_link(rec))


def update_assessed(update: RecommendationUpdate) -> list[Notification]:
    """The coordinator accepted, challenged or asked for more evidence on an agency's update: the
    agency's users are told (nobody, for any other assessment)."""
    if update.assessment not in TOLD_OF_ASSESSMENTS:
        return []
    action = update.action
    rec = action.recommendation
    decision = ASSESSMENT_LABELS[update.assessment]
    said = f"\n\nThe coordinator's message:\n{update.assessment_message.strip()}" \
        if (update.assessment_message or "").strip() else ""
    if update.assessment == Assessment.ACCEPTED:
        ask = f"The action's status is now: {action.status_label}."
    else:
        ask = "Post a further update answering what is asked for."
    body = (f"Your update on {_action_named(action)} was assessed: {decision}.{said}\n\n{ask}\n\n"
            f"{_action_described(action)}")
    return notifications.notify(_told(notifications.agency_users(update.agency_id), rec), UPDATE_ASSESSED,
                                f"Your update on {_action_named(action)}: {decision.lower()}", body, agency_link(rec))


def action_assigned(action: Action) -> list[Notification]:
    """An action was given to an agency to lead (a new one, or another agency's until now): its
    users are told (nobody, for an action no agency leads yet)."""
    if action.lead_agency is None:
        return []
    db.session.flush()  # the link needs the recommendation's id, and the plan names the action's place
    rec = action.recommendation
    target = f"\nTarget date: {long_date(action.target_date)}." if action.target_date else ""
    body = (f"Your agency leads {_action_named(action)}.\n\n{_action_described(action)}\n{target}\n\n"
            "Post updates on its progress on its page.")
    return notifications.notify(notifications.agency_users(action.lead_agency.id), ACTION_ASSIGNED,
                                f"New action for {action.lead_agency.name}: {_action_named(action)}", body,
                                agency_link(rec))


def target_date_decided(change: TargetDateChange) -> list[Notification]:
    """The coordinator accepted or refused a change of an action's target date: the agency
    leading the action is told."""
    action = change.action
    accepted = change.decision == "accepted"
    was = long_date(change.from_date) or "no date"
    outcome = (f"accepted: the target date is now {long_date(change.to_date)}" if accepted else
               f"refused: the target date stays {was}")
    said = f"\n\nThe coordinator's message:\n{change.decision_message.strip()}" \
        if (change.decision_message or "").strip() else ""
    body = (f"You asked to move the target date of {_action_named(action)} from {was} to "
            f"{long_date(change.to_date)}.\n\nThe change was {outcome}.{said}\n\n{_action_described(action)}")
    subject = f"Target date change on {_action_named(action)} {'accepted' if accepted else 'refused'}"
    return notifications.notify(notifications.agency_users(action.lead_agency_id), TARGET_DATE_DECIDED,
                                subject, body, agency_link(action.recommendation))
