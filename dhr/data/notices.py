"""What each event tells whom: one function per event, each composing the subject, the words and
the link, and writing them to the outbox (notifications.notify) in the current transaction.

Agency users are linked to their own page of the recommendation (/our-recommendations/<id>), the
coordinator to the partnership's (/recommendations/<id>). An action and a target date change are
read by their attributes alone: an action has `recommendation`, `text`, `lead_agency_id`,
`lead_agency` and `target_date`; a change of its target date has `action`, `from_date`, `to_date`,
`reason`, `decision` ('accepted' or 'refused') and `decision_message`."""
from __future__ import annotations

from dhr.dates import long_date

from . import notifications, policy
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


def _named(rec: Recommendation) -> str:
    return f"{rec.review.reference} recommendation {rec.number}"


def _excerpt(text: str) -> str:
    text = (text or "").strip()
    return text if len(text) <= EXCERPT_CHARACTERS else text[:EXCERPT_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"


def update_posted(update: RecommendationUpdate) -> list[Notification]:
    """An agency posted an update: the coordinators are asked to assess it."""
    rec = update.recommendation
    agency = update.agency.name if update.agency else "An agency"
    proposed = (f"\nIt proposes the status: {STATUS_LABELS.get(update.proposed_status, update.proposed_status)}."
                if update.proposed_status else "")
    body = (f"{agency} posted an update on {_named(rec)}: {_excerpt(rec.text)}\n\n"
            f"What they said:\n{_excerpt(update.narrative)}\n{proposed}\n\nAssess the update on its page.")
    return notifications.notify(_told(notifications.coordinators(), rec), UPDATE_POSTED,
                                f"{agency} posted an update on {_named(rec)}", body, coordinator_link(rec))


def update_assessed(update: RecommendationUpdate) -> list[Notification]:
    """The coordinator accepted, challenged or asked for more evidence on an agency's update: the
    agency's users are told (nobody, for any other assessment)."""
    if update.assessment not in TOLD_OF_ASSESSMENTS:
        return []
    rec = update.recommendation
    decision = ASSESSMENT_LABELS[update.assessment]
    said = f"\n\nThe coordinator's message:\n{update.assessment_message.strip()}" \
        if (update.assessment_message or "").strip() else ""
    if update.assessment == Assessment.ACCEPTED:
        ask = f"The recommendation's status is now: {rec.status_label}."
    else:
        ask = "Post a further update answering what is asked for."
    body = (f"Your update on {_named(rec)} ({_excerpt(rec.text)}) was assessed: {decision}.{said}\n\n{ask}")
    return notifications.notify(_told(notifications.agency_users(update.agency_id), rec), UPDATE_ASSESSED,
                                f"Your update on {_named(rec)}: {decision.lower()}", body, agency_link(rec))


def action_assigned(action) -> list[Notification]:
    """An action on a recommendation was given to an agency to lead: its users are told."""
    rec = action.recommendation
    target = f"\nTarget date: {long_date(action.target_date)}." if action.target_date else ""
    body = (f"Your agency leads a new action on {_named(rec)} ({_excerpt(rec.text)}).\n\n"
            f"The action:\n{_excerpt(action.text)}\n{target}\n\nPost updates on its progress on its page.")
    agency = action.lead_agency.name if action.lead_agency else "your agency"
    return notifications.notify(notifications.agency_users(action.lead_agency_id), ACTION_ASSIGNED,
                                f"New action for {agency} on {_named(rec)}", body, agency_link(rec))


def target_date_decided(change) -> list[Notification]:
    """The coordinator accepted or refused a change of an action's target date: the agency
    leading the action is told."""
    action = change.action
    rec = action.recommendation
    accepted = change.decision == "accepted"
    outcome = (f"accepted: the target date is now {long_date(change.to_date)}" if accepted else
               f"refused: the target date stays {long_date(change.from_date)}")
    said = f"\n\nThe coordinator's message:\n{change.decision_message.strip()}" \
        if (change.decision_message or "").strip() else ""
    body = (f"You asked to move the target date of an action on {_named(rec)} from "
            f"{long_date(change.from_date)} to {long_date(change.to_date)}.\n\nThe action:\n{_excerpt(action.text)}"
            f"\n\nThe change was {outcome}.{said}")
    subject = f"Target date change on {_named(rec)} {'accepted' if accepted else 'refused'}"
    return notifications.notify(notifications.agency_users(action.lead_agency_id), TARGET_DATE_DECIDED,
                                subject, body, agency_link(rec))
