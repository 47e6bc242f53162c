"""The shapes of the demo plan: plain values for reviews, their pauses, findings,
recommendations and agency updates, built without touching the database."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dhr.data.vocab import PUBLISHED_STAGES

TODAY = dt.date(2026, 11, 1)

@dataclass
class PausePlan:
    reason: str
    started_on: dt.date
    ended_on: dt.date | None
    note: str


@dataclass
class FindingPlan:
    position: int
    text: str
    themes: list[str]
    agencies: list[str]
    created_on: dt.date
    early_learning: bool = False


@dataclass
class RecommendationPlan:
    number: str
    position: int
    text: str
    scope: str
    lead: str
    supporters: list[str]
    action_to_take: str
    milestones: str
    target_date: dt.date
    status: str
    completed_on: dt.date | None
    outcome: str
    strategy_priority: int
    themes: list[str]
    created_on: dt.date
    steps: list[str]
    # A second action, led by a supporting agency: (agency, what it will do).
    partner_action: tuple[str, str] | None = None
    # The positions of the review's findings it answers: those that share its theme.
    answers: list[int] = field(default_factory=list)
    # The holder of the review's immediate actions from its scoping review.
    from_scoping: bool = False


@dataclass
class ReviewPlan:
    reference: str
    review_type: str
    death_category: str
    pseudonym: str
    stage: str
    notified_on: dt.date
    dates: dict[str, dt.date | None] = field(default_factory=dict)
    decision_reason: str = ""
    chair_email: str | None = None
    summary: str = ""
    panel: list[str] = field(default_factory=list)
    own_themes: list[str] = field(default_factory=list)
    pauses: list[PausePlan] = field(default_factory=list)
    findings: list[FindingPlan] = field(default_factory=list)
    recommendations: list[RecommendationPlan] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.stage in PUBLISHED_STAGES

    @property
    def started_on(self) -> dt.date:
        return self.dates.get("drafting_on") or self.dates.get("set_up_on") or self.notified_on


@dataclass
class UpdatePlan:
    review_reference: str
    recommendation_number: str
    author_email: str
    created_at: dt.datetime
    narrative: str
    proposed_status: str | None
    assessment: str
    assessment_message: str = ""
    assessed_at: dt.datetime | None = None


@dataclass
class DemoPlan:
    reviews: list[ReviewPlan]
    updates: list[UpdatePlan]


@dataclass
class Victim:
    name: str
    sex: str
    perpetrator: str
