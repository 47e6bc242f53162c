"""The demo's scoping reviews (reviews following the 2024 draft process): each records early
learning and immediate actions, chosen without the plan's Random so the rest of the plan stays
as it was."""
from __future__ import annotations

import datetime as dt

from dhr.data.scoping import HOLDER_NUMBER, HOLDER_TEXT
from dhr.data.vocab import Scope, Stage, Status

from .plan_types import TODAY, FindingPlan, RecommendationPlan, ReviewPlan

EARLY_LEARNING = [
    "Early learning from scoping: the victim had told her GP she was frightened of her partner, and the "
    "record held no referral or safety plan.",
    "Early learning from scoping: police attended four incidents in a year and each was assessed on its own; "
    "the pattern of controlling behaviour was not seen.",
    "Early learning from scoping: housing knew the victim wanted to move away from her partner, but the "
    "request was treated as a transfer, not a safeguarding concern.",
]
IMMEDIATE_ACTIONS = [
    "Remind all practices of the routine enquiry question and the referral route to the IDVA service",
    "Brief response officers that repeat calls to one address are reviewed together by a supervisor",
    "Add a safeguarding question to the housing transfer form and route concerns to the duty officer",
]
# The steps an agency's progress updates tell of.
STEPS = ("Agreed the change with the team leads", "Briefed the staff affected",
         "Checked a sample of cases for the change")
# How long after the scoping review began each immediate action is due.
TARGET_DAYS = (45, 75)


def _status(review: ReviewPlan, target: dt.date) -> str:
    if review.stage == Stage.SCOPING:
        return Status.NOT_STARTED
    return Status.ON_TRACK if target >= TODAY else Status.AWAITING_EVIDENCE


def add_scoping(review: ReviewPlan) -> None:
    """Early learning and immediate actions for a review that had a scoping review."""
    began = review.dates.get("scoping_on")
    if began is None or not review.panel:
        return
    pick = len(review.reference) + len(review.findings)
    themes = review.findings[0].themes[:1] if review.findings else review.own_themes[:1]
    review.findings.append(FindingPlan(
        position=len(review.findings) + 1, text=EARLY_LEARNING[pick % len(EARLY_LEARNING)], themes=list(themes),
        agencies=[review.panel[0]], created_on=began, early_learning=True))
    target = began + dt.timedelta(days=TARGET_DAYS[0])
    status = _status(review, target)
    partner = review.panel[1] if len(review.panel) > 1 else None
    review.recommendations.append(RecommendationPlan(
        number=HOLDER_NUMBER, position=len(review.recommendations) + 1, text=HOLDER_TEXT, scope=Scope.LOCAL,
        lead=review.panel[0], supporters=[], action_to_take=IMMEDIATE_ACTIONS[pick % len(IMMEDIATE_ACTIONS)],
        milestones="", target_date=target, status=status, completed_on=None, outcome="", strategy_priority=3,
        themes=list(themes), created_on=began, steps=list(STEPS), from_scoping=True,
        partner_action=(partner, IMMEDIATE_ACTIONS[(pick + 1) % len(IMMEDIATE_ACTIONS)]) if partner else None))
