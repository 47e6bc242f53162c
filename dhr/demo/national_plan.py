"""The national demo data set as plain values: 2,000 reviews from 30 fictional areas, each area
with its own police, councils, health bodies and services, and the four national bodies.

Reviews are planned one at a time from a list of skeletons, so a loader can commit as it goes
and memory stays bounded. Every choice comes from one seeded Random consumed in a fixed order:
the same arguments give the same plan. The text comes from the small demo's generators
(dhr.demo.story, dhr.demo.actions, dhr.demo.prose); each review has about 30 findings and 10
recommendations, and each recommendation 1 to 3 actions."""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from typing import Iterator

from dhr.data.vocab import Assessment, DeathCategory, ReviewType, Scope, Status

from . import prose
from .actions import plan_outcome, plan_update
from .plan import financial_year, plan_review, settled_stage
from .plan_types import TODAY, RecommendationPlan, ReviewPlan, UpdatePlan, Victim

SEED = 20260402
NATIONAL_REVIEWS = 2000
FINDINGS_PER_REVIEW = (20, 40)
RECOMMENDATIONS_PER_REVIEW = (6, 14)
ACTIONS_PER_RECOMMENDATION = {1: 4, 2: 4, 3: 2}
UPDATE_SHARE = 0.35  # of the actions of published reviews whose agencies have something to report
FIRST_YEAR, LAST_YEAR = 2011, 2025

# Invented places. The first is a big city; the rest get fewer reviews the further down they are.
AREAS = [
    "Northmoor", "Eastbridge", "Kellow Vale", "Marlhaven", "Brackenford", "Westholt", "Sallowmere", "Cinderby",
    "Thornwick", "Ravensholme", "Larkmouth", "Oakhollow", "Greywater", "Fennick", "Highcombe", "Stellbury",
    "Dunmarrow", "Amberleigh", "Quenby Cross", "Hollinsdale", "Wrexholm", "Brightwater", "Calderbrook",
    "Maplethorpe", "Saltings", "Ferncastle", "Tollbridge", "Ivybank", "Redmarsh", "Aldwyck",
]
NATIONAL_AGENCIES = ("Home Office", "NHS England", "Department for Education", "Ministry of Justice")
# The small demo's sign-ins belong to the biggest area's agencies.
DEMO_AGENCY_EMAILS = {"Police": "police@example.org", "Mental health trust": "health@example.org",
                      "Housing": "housing@example.org"}
TRAINERS = ["trainer@example.org"] + [f"trainer{n}@example.org" for n in range(2, 6)]

# (death category, victim sex, weight), roughly as reviews nationally fall.
CATEGORIES = [
    (DeathCategory.INTIMATE_PARTNER, "female", 66), (DeathCategory.INTIMATE_PARTNER, "male", 7),
    (DeathCategory.ADULT_FAMILY, "female", 10), (DeathCategory.ADULT_FAMILY, "male", 8),
    (DeathCategory.UNEXPECTED, "female", 4), (DeathCategory.OTHER, "female", 2),
    (DeathCategory.SUSPECTED_SUICIDE, "female", 3),
]
SUICIDE_REVIEWS_FROM = 2023
SUICIDE_REVIEW_SHARE = 0.06

PARTNER_ACTIONS = [
    "Brief front-line staff on the change and confirm in supervision that it is being applied",
    "Share the revised procedure with all teams and audit a sample of cases after three months",
    "Nominate a lead to attend the multi-agency task group and report progress to the partnership",
    "Add the learning to the induction of new staff and to the annual refresher",
    "Update the referral form and the guidance notes, and check a month of referrals against them",
    "Run a practice workshop with the teams most involved and record who attended",
]
FOLLOW_UP_ACTIONS = [
    "Audit a sample of cases six months after the change and report the findings to the partnership board",
    "Report progress to the community safety partnership each quarter until the work is embedded",
    "Ask front-line staff and people with lived experience whether the change has made a difference",
    "Add a measure to the agency's performance report and review it at the quarterly safeguarding meeting",
    "Publish a seven-minute briefing on the learning and track how many teams have used it",
]
EXTRA_NARRATIVES = {
    "progress": ["{step1} was signed off by the service manager this month; {step2} is planned for the spring.",
                 "We have completed {step1}. The working group meets again next month to agree {step2}."],
    "at_risk": ["{step2} has been delayed by a restructure of the service; a revised plan goes to the board next "
                "month."],
    "complete": ["{step3} has been confirmed by the quality assurance team, and the audit report is attached."],
}
UPDATE_KINDS = {Status.ON_TRACK: ("progress", Status.ON_TRACK), Status.AT_RISK: ("at_risk", Status.AT_RISK),
                Status.AWAITING_EVIDENCE: ("complete", Status.AWAITING_EVIDENCE),
                Status.VERIFIED: ("complete", Status.AWAITING_EVIDENCE)}


@dataclass
class ActionPlan:
    position: int
    text: str
    lead: str
    milestones: str
    target_date: dt.date
    status: str
    completed_on: dt.date | None
    outcome: str
    updates: list[UpdatePlan] = field(default_factory=list)


@dataclass
class NationalReview:
    area: str
    plan: ReviewPlan
    actions: list[list[ActionPlan]]  # beside plan.recommendations, in the same order


# --- names of places, agencies and people ------------------------------------------------------

def local_agencies() -> list[str]:
    """The kinds of agency every area has: the small demo's, less the national bodies."""
    return [name for name in prose.AGENCY_PROSE if name not in NATIONAL_AGENCIES]


def agency_name(area: str, generic: str) -> str:
    """An area's own agency for one of the demo's generic names ("Police" in Northmoor)."""
    return generic if generic in NATIONAL_AGENCIES else f"{area} {generic}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def agency_email(area: str, generic: str) -> str:
    if area == AREAS[0] and generic in DEMO_AGENCY_EMAILS:
        return DEMO_AGENCY_EMAILS[generic]
    if generic in NATIONAL_AGENCIES:
        return f"{_slug(generic)}@example.org"
    return f"{_slug(generic)}.{_slug(area)}@example.org"


def area_chairs(area_index: int) -> list[str]:
    """Two panel chairs an area calls on; the biggest area's are the small demo's."""
    return [f"chair{n + 1}@example.org" if n else "chair@example.org" for n in (2 * area_index, 2 * area_index + 1)]


def all_chairs() -> list[str]:
    return [email for index in range(len(AREAS)) for email in area_chairs(index)]


def _area_codes() -> dict[str, str]:
    """A short code for each area, unique: its first three letters, or failing that its first two
    and a later one."""
    codes: dict[str, str] = {}
    for area in AREAS:
        letters = [c for c in area.upper() if c.isalpha()]
        candidates = [letters[0] + letters[1] + later for later in letters[2:]]
        codes[area] = next(c for c in candidates if c not in codes.values())
    return codes


AREA_CODES = _area_codes()


# --- which reviews exist -----------------------------------------------------------------------

def _reviews_per_year(total: int) -> dict[int, int]:
    """More reviews each year, as the duty became known and suicides came within scope."""
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    weights = [(year - FIRST_YEAR + 2) ** 0.6 for year in years]
    counts = {year: int(total * w / sum(weights)) for year, w in zip(years, weights, strict=True)}
    for year in years[: total - sum(counts.values())]:
        counts[year] += 1
    return counts


def _victim(rng: random.Random, category: str, sex: str) -> Victim:
    family = category == DeathCategory.ADULT_FAMILY
    pool = {("partner", "female"): prose.FEMALE_PARTNER_VICTIMS, ("partner", "male"): prose.MALE_PARTNER_VICTIMS,
            ("family", "female"): prose.FEMALE_FAMILY_VICTIMS, ("family", "male"): prose.MALE_FAMILY_VICTIMS}
    names = pool[("family" if family else "partner", sex)]
    relationships = (prose.FAMILY_RELATIONSHIPS if family else prose.PARTNER_RELATIONSHIPS)[sex]
    return Victim(name=rng.choice(names), sex=sex, perpetrator=rng.choice(relationships))


def skeletons(rng: random.Random, total: int) -> list[dict]:
    """Who each review is about, where and when, in order of notification within each year."""
    area_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(AREAS))]
    found = []
    for year, count in _reviews_per_year(total).items():
        days = sorted(dt.date(year, 4, 1) + dt.timedelta(days=rng.randint(0, 364)) for _ in range(count))
        sequence: dict[tuple[str, str], int] = {}
        for day in days:
            area = rng.choices(AREAS, weights=area_weights)[0]
            suicide = year >= SUICIDE_REVIEWS_FROM and rng.random() < SUICIDE_REVIEW_SHARE
            category, sex, _weight = (DeathCategory.SUSPECTED_SUICIDE, "female", 0) if suicide else rng.choices(
                CATEGORIES, weights=[c[2] for c in CATEGORIES])[0]
            kind = "DARS" if suicide else "DHR"
            sequence[(area, kind)] = sequence.get((area, kind), 0) + 1
            found.append({
                "year": year, "notified_on": day, "area": area, "category": category,
                "review_type": ReviewType.SUICIDE if suicide else ReviewType.DHR,
                "victim": _victim(rng, category, sex), "stage": settled_stage(rng, year),
                "reference": f"{AREA_CODES[area]}{kind}{financial_year(year)}-{sequence[(area, kind)]:02d}",
            })
    return found


# --- each review, its actions and their updates ------------------------------------------------

def plan_national(reviews: int = NATIONAL_REVIEWS, seed: int = SEED) -> Iterator[NationalReview]:
    """The national plan, one review at a time."""
    rng = random.Random(seed)
    template_use: dict[str, int] = {}
    for skeleton in skeletons(rng, reviews):
        area = skeleton["area"]
        plan = plan_review(rng, skeleton, template_use, findings=rng.randint(*FINDINGS_PER_REVIEW), rounds=4,
                           recommendations=rng.randint(*RECOMMENDATIONS_PER_REVIEW),
                           chairs=area_chairs(AREAS.index(area)))
        actions = [plan_actions(rng, plan, rec) for rec in plan.recommendations]
        if plan.published:
            for rec, rec_actions in zip(plan.recommendations, actions, strict=True):
                for action in rec_actions:
                    action.updates = plan_action_updates(rng, area, plan, rec, action)
        yield NationalReview(area=area, plan=plan, actions=actions)


def plan_actions(rng: random.Random, review: ReviewPlan, rec: RecommendationPlan) -> list[ActionPlan]:
    """The recommendation's own action, then 0 to 2 more led by its supporters or the partnership."""
    wanted = rng.choices(list(ACTIONS_PER_RECOMMENDATION), weights=list(ACTIONS_PER_RECOMMENDATION.values()))[0]
    if rec.partner_action:
        wanted = max(wanted, 2)
    found = [ActionPlan(position=1, text=rec.action_to_take, lead=rec.lead, milestones=rec.milestones,
                        target_date=rec.target_date, status=rec.status, completed_on=rec.completed_on,
                        outcome=rec.outcome)]
    for position in range(2, wanted + 1):
        lead, text = _other_action(rng, rec, position)
        status = _other_status(rng, rec.status)
        found.append(ActionPlan(
            position=position, text=text, lead=lead, milestones="",
            target_date=rec.target_date + dt.timedelta(days=rng.randint(-60, 120)), status=status,
            completed_on=_other_completed_on(rec, review, status), outcome=plan_outcome(rng, status, rec.scope)))
    return found


def _other_action(rng: random.Random, rec: RecommendationPlan, position: int) -> tuple[str, str]:
    if position == 2 and rec.partner_action:
        return rec.partner_action
    if rec.scope == Scope.NATIONAL:
        return rec.lead, rng.choice(FOLLOW_UP_ACTIONS)
    supporters = rec.supporters[position - 2:]
    if supporters:
        return supporters[0], rng.choice(PARTNER_ACTIONS)
    return rng.choice([rec.lead, "Community safety partnership"]), rng.choice(FOLLOW_UP_ACTIONS)


def _other_status(rng: random.Random, status: str) -> str:
    """Another action of the same recommendation: withdrawn with it, done with it, or a step
    behind or ahead of it."""
    if status in (Status.NOT_ACCEPTED, Status.SUPERSEDED):
        return status
    if status in (Status.VERIFIED, Status.ALREADY_IN_PLACE):
        return rng.choice([status, Status.VERIFIED, Status.VERIFIED])
    if status == Status.PARTIAL:
        return rng.choice([Status.PARTIAL, Status.VERIFIED])
    nearby = [status, status, status, Status.ON_TRACK, Status.NOT_STARTED, Status.AWAITING_EVIDENCE]
    if status != Status.NOT_STARTED:
        nearby.append(Status.VERIFIED)
    return rng.choice(nearby)


def _other_completed_on(rec: RecommendationPlan, review: ReviewPlan, status: str) -> dt.date | None:
    if status not in (Status.VERIFIED, Status.AWAITING_EVIDENCE, Status.ALREADY_IN_PLACE, Status.SUPERSEDED):
        return None
    start = review.dates.get("signed_off_on") or review.started_on
    return rec.completed_on or min(start + dt.timedelta(days=90), TODAY - dt.timedelta(days=7))


def plan_action_updates(rng: random.Random, area: str, review: ReviewPlan, rec: RecommendationPlan,
                        action: ActionPlan) -> list[UpdatePlan]:
    """For a share of the actions with something to report, the lead agency's update, assessed
    by the coordinator (or, for evidence just sent, waiting to be)."""
    kind = UPDATE_KINDS.get(action.status)
    if kind is None or rng.random() >= UPDATE_SHARE:
        return []
    narrative_kind, proposed = kind
    assessment, message = Assessment.ACCEPTED, ""
    if action.status == Status.AWAITING_EVIDENCE:
        assessment = rng.choice([Assessment.PENDING, Assessment.PENDING, Assessment.MORE_EVIDENCE])
        message = prose.MORE_EVIDENCE_MESSAGE if assessment == Assessment.MORE_EVIDENCE else ""
    elif action.status == Status.ON_TRACK and rng.random() < 0.1:
        assessment, message = Assessment.CHALLENGED, prose.CHALLENGE_MESSAGE
    update = plan_update(rng, review, rec, agency_email(area, action.lead), narrative_kind, proposed, assessment,
                         message)
    extra = EXTRA_NARRATIVES[narrative_kind]
    if rng.random() < len(extra) / (len(extra) + len(prose.UPDATE_NARRATIVES[narrative_kind])):
        steps = {f"step{i}": step[:1].lower() + step[1:] for i, step in enumerate(rec.steps, start=1)}
        update.narrative = rng.choice(extra).format(**steps)
        update.narrative = update.narrative[:1].upper() + update.narrative[1:]
    return [update]
