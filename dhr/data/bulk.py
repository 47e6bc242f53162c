"""The coordinator's actions on several items at once: accepting chosen updates together, and
reminding the agencies of chosen overdue recommendations. Each item is checked by the same
rules as when it is handled alone (progress.assess, the access policy)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import policy, progress, reminders
from .actions import outcome_problem
from .models import Action, Recommendation, RecommendationUpdate, User
from .vocab import Assessment, Role

# The most items one request handles (a page of a list at its largest).
MAX_CHOSEN = 200


class NothingChosen(progress.ProgressError):
    """No item was chosen, or none of those chosen can be handled."""


@dataclass
class Accepted:
    accepted: list[RecommendationUpdate] = field(default_factory=list)
    # Updates that must be assessed on their own page, with the reason (e.g. an outcome to record).
    left: list[tuple[RecommendationUpdate, str]] = field(default_factory=list)


def _chosen_updates(update_ids: Iterable[int]) -> list[RecommendationUpdate]:
    ids = sorted(set(update_ids))[:MAX_CHOSEN]
    if not ids:
        return []
    query = (select(RecommendationUpdate).where(RecommendationUpdate.id.in_(ids),
                                                RecommendationUpdate.assessment == Assessment.PENDING)
             .order_by(RecommendationUpdate.created_at, RecommendationUpdate.id)
             .options(selectinload(RecommendationUpdate.recommendation).selectinload(Recommendation.review)))
    return list(db.session.scalars(query))


def accept_updates(user: User, update_ids: Iterable[int], on: Optional[dt.date] = None) -> Accepted:
    """Accept each chosen update still awaiting assessment. One that cannot be accepted without
    more (a completion needs its outcome written) is left for its own page, with the reason."""
    if not policy.may_assess(user):
        raise progress.NotAllowed("only the partnership coordinator assesses updates")
    chosen = _chosen_updates(update_ids)
    if not chosen:
        raise NothingChosen("Select the updates to accept", "update")
    result = Accepted()
    for update in chosen:
        new_status = progress.accepted_status(update)
        problem = outcome_problem(new_status, "") if new_status else None
        if problem:
            result.left.append((update, problem))
            continue
        progress.assess(update, user, Assessment.ACCEPTED, on=on)
        result.accepted.append(update)
    return result


def _agency_recipients(agency_id: int) -> list[str]:
    return list(db.session.scalars(select(User.email).where(User.agency_id == agency_id, User.role == Role.AGENCY,
                                                            User.active).order_by(User.email)))


def overdue_digests(user: User, rec_ids: Iterable[int], on: Optional[dt.date] = None) -> list[reminders.Digest]:
    """A reminder for each agency leading an overdue action of the chosen recommendations (those
    not overdue are left out), listing its overdue recommendations."""
    if not policy.may_send_reminders(user):
        raise progress.NotAllowed("only the partnership coordinator sends reminders")
    on = on or progress.today()
    ids = sorted(set(rec_ids))[:MAX_CHOSEN]
    recs = list(db.session.scalars(
        select(Recommendation).where(Recommendation.id.in_(ids))
        .options(selectinload(Recommendation.actions).selectinload(Action.lead_agency),
                 selectinload(Recommendation.review), selectinload(Recommendation.lead_agency)))) if ids else []
    found: dict[int, reminders.Digest] = {}
    for rec in recs:
        if not rec.is_overdue(on):
            continue
        leads = {a.lead_agency for a in rec.actions if a.lead_agency and a.is_overdue(on)}
        leads = leads or ({rec.lead_agency} if rec.lead_agency else set())
        for agency in leads:
            digest = found.setdefault(agency.id, reminders.Digest(agency=agency,
                                                                  recipients=_agency_recipients(agency.id)))
            digest.overdue.append(rec)
    if not found:
        raise NothingChosen("Select overdue recommendations with a lead agency to send a reminder about",
                            "recommendation")
    return sorted(found.values(), key=lambda d: d.agency.name.lower())
