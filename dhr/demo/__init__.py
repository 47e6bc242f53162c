"""A fictional, deterministic demo data set: agencies, users, 42 DHRs and 3 suicide reviews, and
two other partnerships' published learning imported as external learning.

load_demo() adds everything to the session and flushes; the caller commits.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from dhr.data import agencies, processes, settings, tracking, users
from dhr.data.models import (
    Action,
    Agency,
    Finding,
    Pause,
    Recommendation,
    RecommendationUpdate,
    Review,
    Theme,
    User,
)
from dhr.data.starting_themes import ensure_starting_themes
from dhr.data.vocab import ROLE_LABELS, AgencyKind, Role
from dhr.extensions import db

from . import external_learning, national_answers, panel
from .briefings import briefings_for
from .contributions import contributions_for
from .family import family_for
from .plan import build_plan
from .plan_types import TODAY, DemoPlan, FindingPlan, RecommendationPlan, ReviewPlan, UpdatePlan
from .qa_panel import add_qa_panels

__all__ = ["DEMO_PASSWORD", "DEMO_SIGN_INS", "DEMO_TODAY", "DemoRefused", "build_plan", "load_demo"]

DEMO_PASSWORD = "fictional-demo-only"
DEMO_TODAY = TODAY

DEMO_AGENCIES = [
    ("Police", AgencyKind.POLICE),
    ("Adult social care", AgencyKind.ADULT_SOCIAL_CARE),
    ("Children's social care", AgencyKind.CHILDRENS_SOCIAL_CARE),
    ("Mental health trust", AgencyKind.MENTAL_HEALTH),
    ("Acute hospital trust", AgencyKind.HEALTH),
    ("GP practices / ICB", AgencyKind.PRIMARY_CARE),
    ("Housing", AgencyKind.HOUSING),
    ("Probation", AgencyKind.PROBATION),
    ("Specialist domestic abuse service", AgencyKind.SPECIALIST_DA),
    ("Substance misuse service", AgencyKind.SUBSTANCE_MISUSE),
    ("Education", AgencyKind.EDUCATION),
    ("Community safety partnership", AgencyKind.PARTNERSHIP),
    ("Home Office", AgencyKind.NATIONAL),
    ("NHS England", AgencyKind.NATIONAL),
    ("Department for Education", AgencyKind.NATIONAL),
    ("Ministry of Justice", AgencyKind.NATIONAL),
]

# (email, role, name, agency)
DEMO_USERS = [
    ("admin@example.org", Role.ADMIN, "Demo partnership coordinator", None),
    ("chair@example.org", Role.CHAIR, "Demo panel chair A", None),
    ("chair2@example.org", Role.CHAIR, "Demo panel chair B", None),
    ("police@example.org", Role.AGENCY, "Demo police lead", "Police"),
    ("health@example.org", Role.AGENCY, "Demo mental health lead", "Mental health trust"),
    ("housing@example.org", Role.AGENCY, "Demo housing lead", "Housing"),
    ("homeoffice@example.org", Role.AGENCY, "Demo Home Office contact", "Home Office"),
    ("trainer@example.org", Role.TRAINER, "Demo trainer", None),
]

DEMO_SIGN_INS = [
    (email, f"{ROLE_LABELS[role]} ({agency})" if agency else ROLE_LABELS[role])
    for email, role, _name, agency in DEMO_USERS
]


class DemoRefused(Exception):
    """The demo data set is only loaded into a database with no reviews."""

    def __init__(self, review_count: int):
        super().__init__(
            f"The database already holds {review_count} reviews: demo data is only loaded into an empty database."
        )
        self.review_count = review_count


def load_demo() -> dict:
    """Add the demo data set to the session (flushed, not committed) and return what was added."""
    existing = db.session.scalar(select(func.count()).select_from(Review))
    if existing:
        raise DemoRefused(existing)
    with tracking.acting_as("demo loader"):
        themes_added = ensure_starting_themes()
        agencies_by_name = _ensure_agencies()
        users_by_email = _ensure_users()
        themes_by_name = {t.name: t for t in db.session.scalars(select(Theme))}
        plan = build_plan()
        loader = _Loader(agencies_by_name, users_by_email, themes_by_name)
        reviews = [loader.review(review_plan) for review_plan in plan.reviews]
        db.session.flush()
        set_up = panel.set_up(reviews)
        updates = [loader.update(update_plan) for update_plan in plan.updates]
        qa_rounds = add_qa_panels(reviews, TODAY)
        shared = briefings_for(reviews, users_by_email["trainer@example.org"], TODAY)
        db.session.add_all(shared)
        asked = contributions_for(reviews, agencies_by_name, TODAY)
        db.session.add_all(asked)
        family = family_for(reviews, TODAY)
        db.session.add_all(family)
        national_answers.load(TODAY, users_by_email.get("chair@example.org"))
        external = external_learning.load(users_by_email["admin@example.org"].id)
        settings.put(settings.DEMO_DATA, "yes")
        processes.choose(processes.DRAFT_2024.key)
        db.session.flush()
    return {**_counts(plan, themes_added, len(agencies_by_name), len(users_by_email), reviews, updates),
            "briefings": len(shared), **set_up, "contributions": len(asked), "qa_panel_rounds": qa_rounds,
            "family_contacts": len(family), "external_reviews": external}


def _ensure_agencies() -> dict[str, Agency]:
    found = {}
    for name, kind in DEMO_AGENCIES:
        found[name] = agencies.by_name(name) or agencies.create(name, kind)
    return found


def _ensure_users() -> dict[str, User]:
    found = {}
    for email, role, name, agency in DEMO_USERS:
        found[email] = users.by_email(email) or users.create(
            email, DEMO_PASSWORD, role, name=name, agency_name=agency
        )
    return found


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


class _Loader:
    """Turns plan values into rows, resolving names to the agencies, users and themes they mean."""

    def __init__(self, agencies_by_name: dict[str, Agency], users_by_email: dict[str, User],
                 themes_by_name: dict[str, Theme]):
        self.agencies = agencies_by_name
        self.users = users_by_email
        self.themes = themes_by_name
        self.recommendations: dict[tuple[str, str], Recommendation] = {}

    def review(self, plan: ReviewPlan) -> Review:
        review = Review(
            reference=plan.reference,
            review_type=str(plan.review_type),
            death_category=str(plan.death_category),
            pseudonym=plan.pseudonym,
            stage=str(plan.stage),
            chair=self.users[plan.chair_email] if plan.chair_email else None,
            summary=plan.summary,
            published=plan.published,
            decision_reason=plan.decision_reason,
            created_at=_at(plan.notified_on),
            updated_at=_at(max(d for d in plan.dates.values() if d)),
            panel_agencies=[self.agencies[name] for name in plan.panel],
            own_themes=[self.themes[name] for name in plan.own_themes],
            pauses=[Pause(reason=str(p.reason), started_on=p.started_on, ended_on=p.ended_on, note=p.note)
                    for p in plan.pauses],
            findings=(findings := [self.finding(f) for f in plan.findings]),
            recommendations=[self.recommendation(plan.reference, r, findings) for r in plan.recommendations],
            **plan.dates,
        )
        db.session.add(review)
        return review

    def finding(self, plan: FindingPlan) -> Finding:
        return Finding(
            position=plan.position,
            text=plan.text,
            themes=[self.themes[name] for name in plan.themes],
            agencies=[self.agencies[name] for name in plan.agencies],
            created_at=_at(plan.created_on),
            updated_at=_at(plan.created_on),
            early_learning=plan.early_learning,
        )

    def recommendation(self, reference: str, plan: RecommendationPlan, findings: list[Finding]) -> Recommendation:
        recommendation = Recommendation(
            number=plan.number,
            position=plan.position,
            text=plan.text,
            scope=str(plan.scope),
            lead_agency=self.agencies[plan.lead],
            from_scoping=plan.from_scoping,
            supporting_agencies=[self.agencies[name] for name in plan.supporters],
            strategy_priority=plan.strategy_priority,
            themes=[self.themes[name] for name in plan.themes],
            findings=[f for f in findings if f.position in plan.answers],
            created_at=_at(plan.created_on),
            updated_at=_at(plan.created_on),
            actions=self.actions(plan),
        )
        self.recommendations[(reference, plan.number)] = recommendation
        return recommendation

    def actions(self, plan: RecommendationPlan) -> list[Action]:
        agreed_at = _at(plan.created_on)
        found = [Action(position=1, text=plan.action_to_take, lead_agency=self.agencies[plan.lead],
                        milestones=plan.milestones, target_date=plan.target_date, status=str(plan.status),
                        completed_on=plan.completed_on, outcome=plan.outcome, agreed_at=agreed_at,
                        created_at=agreed_at, updated_at=agreed_at)]
        if plan.partner_action:
            partner, text = plan.partner_action
            found.append(Action(position=2, text=text, lead_agency=self.agencies[partner], milestones="",
                                target_date=plan.target_date, status=str(plan.status),
                                completed_on=plan.completed_on, outcome=plan.outcome, agreed_at=agreed_at,
                                created_at=agreed_at, updated_at=agreed_at))
        return found

    def update(self, plan: UpdatePlan) -> RecommendationUpdate:
        author = self.users[plan.author_email]
        recommendation = self.recommendations[(plan.review_reference, plan.recommendation_number)]
        update = RecommendationUpdate(
            recommendation=recommendation,
            action=recommendation.actions[0],
            author=author,
            agency=author.agency,
            created_at=plan.created_at,
            narrative=plan.narrative,
            proposed_status=str(plan.proposed_status) if plan.proposed_status else None,
            assessment=str(plan.assessment),
            assessment_message=plan.assessment_message,
            assessed_by=self.users["admin@example.org"] if plan.assessed_at else None,
            assessed_at=plan.assessed_at,
        )
        db.session.add(update)
        return update


def _counts(plan: DemoPlan, themes_added: int, agency_count: int, user_count: int, reviews: list[Review],
            updates: list[RecommendationUpdate]) -> dict:
    return {
        "themes_added": themes_added,
        "agencies": agency_count,
        "users": user_count,
        "reviews": len(reviews),
        "findings": sum(len(r.findings) for r in plan.reviews),
        "recommendations": sum(len(r.recommendations) for r in plan.reviews),
        "actions": sum(1 + bool(rec.partner_action) for r in plan.reviews for rec in r.recommendations),
        "pauses": sum(len(r.pauses) for r in plan.reviews),
        "updates": len(updates),
    }
