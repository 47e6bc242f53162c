"""The demo data set as plain values, built without touching the database.

Every choice comes from one seeded Random, consumed in a fixed order, so the plan (and so the
database it is loaded into) is identical on every run.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from dhr.dates import month_year
from dhr.data.vocab import (
    STAGE_DATE_FIELDS,
    STAGE_ORDER,
    STRATEGY_PRIORITIES,
    Assessment,
    DeathCategory,
    PauseReason,
    ReviewType,
    Scope,
    Stage,
    Status,
)

from . import prose

SEED = 20110401
TODAY = dt.date(2026, 11, 1)

# DHRs notified in each financial year (starting April of the year given): 42 in all.
DHRS_PER_YEAR = {
    2011: 2, 2012: 3, 2013: 3, 2014: 4, 2015: 3, 2016: 4, 2017: 3,
    2018: 4, 2019: 3, 2020: 3, 2021: 3, 2022: 4, 2023: 3,
}
SUICIDE_REVIEWS_YEAR = 2023
SUICIDE_REVIEWS = 3

# Where recent reviews have got to, in order of notification within the year.
RECENT_STAGES = {
    2022: [Stage.APPROVED, Stage.SUBMITTED, Stage.SIGN_OFF, Stage.DRAFTING],
    2023: [Stage.DRAFTING, Stage.INFORMATION_GATHERING, Stage.SET_UP],
}
SUICIDE_STAGES = [Stage.DRAFTING, Stage.INFORMATION_GATHERING, Stage.SET_UP]

CHAIR_EMAILS = ["chair@example.org", "chair2@example.org"]

# Days from the previous stage to this one: (usual pace, brisk pace).
STAGE_GAPS = {
    Stage.DECISION: ((7, 32), (5, 20)),
    Stage.SET_UP: ((14, 60), (10, 25)),
    Stage.INFORMATION_GATHERING: ((21, 60), (14, 30)),
    Stage.DRAFTING: ((90, 240), (45, 75)),
    Stage.SIGN_OFF: ((45, 150), (20, 40)),
    Stage.SUBMITTED: ((7, 45), (5, 14)),
    Stage.APPROVED: ((90, 270), (60, 120)),
    Stage.PUBLISHED: ((14, 90), (14, 45)),
    Stage.MONITORING: ((0, 21), (0, 14)),
    Stage.CLOSED: ((365, 1100), (365, 700)),
}
LATE_DECISION_GAP = (40, 80)
PUBLISHED_STAGES = {Stage.PUBLISHED, Stage.MONITORING, Stage.CLOSED}

LEARNING_EXTRAS = [
    "Isolation and surveillance", "Economic abuse", "Child contact used to continue abuse",
    "Over-reliance on the non-abusing parent", "Victim blaming and misread safety strategies",
    "Perpetrator services not asking about abuse", "Physical harm with threat and fear beneath",
]
PRACTICE = [
    "Risk assessment", "Information sharing", "Multi-agency working", "Training and awareness",
    "Professional curiosity", "Record keeping", "Referral pathways", "Routine enquiry", "Supervision",
    "Family involvement", "Equality and diversity",
]
PARTNER_CASE_FACTORS = [
    "Stalking", "Strangulation", "Threats to kill", "Children", "Housing and homelessness",
    "Criminal justice contact", "Immigration status", "Honour-based abuse and forced marriage",
    "Substance misuse", "Mental health",
]
FAMILY_CASE_FACTORS = ["Mental health", "Substance misuse", "Disability", "Criminal justice contact",
                       "Housing and homelessness"]
SUICIDE_CASE_FACTORS = ["Mental health", "Substance misuse", "Children", "Stalking", "Housing and homelessness"]
THEMES_ABOUT_MOTHERS = {"Child contact used to continue abuse", "Over-reliance on the non-abusing parent"}

DEATH_CATEGORY_THEME = {
    DeathCategory.INTIMATE_PARTNER: "Intimate partner homicide",
    DeathCategory.ADULT_FAMILY: "Adult family homicide",
    DeathCategory.SUSPECTED_SUICIDE: "Suspected victim suicide",
    DeathCategory.UNEXPECTED: "Unexpected death",
    DeathCategory.OTHER: "Other death category",
}
HOMICIDE_WORDS = ("killed", "fatal attack")
HOMICIDES = {DeathCategory.INTIMATE_PARTNER, DeathCategory.ADULT_FAMILY}

STATUS_WEIGHTS = {
    "closed": {Status.VERIFIED: 62, Status.ALREADY_IN_PLACE: 12, Status.NOT_ACCEPTED: 8,
               Status.SUPERSEDED: 9, Status.PARTIAL: 4},
    "monitoring": {Status.VERIFIED: 30, Status.AWAITING_EVIDENCE: 14, Status.ON_TRACK: 16,
                   Status.AT_RISK: 14, Status.PARTIAL: 10, Status.ALREADY_IN_PLACE: 6,
                   Status.NOT_STARTED: 4, Status.NOT_ACCEPTED: 3, Status.SUPERSEDED: 3},
    "agreed": {Status.NOT_STARTED: 50, Status.ON_TRACK: 32, Status.AT_RISK: 10, Status.ALREADY_IN_PLACE: 8},
    "draft": {Status.NOT_STARTED: 85, Status.ON_TRACK: 15},
}
MILESTONES_DONE = {
    Status.NOT_STARTED: (0, 0), Status.ON_TRACK: (1, 2), Status.AT_RISK: (1, 1), Status.PARTIAL: (2, 2),
    Status.AWAITING_EVIDENCE: (3, 3), Status.VERIFIED: (3, 3), Status.ALREADY_IN_PLACE: (0, 0),
    Status.NOT_ACCEPTED: (0, 0), Status.SUPERSEDED: (1, 1),
}
NATIONAL_SHARE = 0.05
REGIONAL_SHARE = 0.05


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


def build_plan() -> DemoPlan:
    rng = random.Random(SEED)
    template_use: dict[str, int] = {}
    reviews = [_plan_review(rng, skeleton, template_use) for skeleton in _skeletons(rng)]
    return DemoPlan(reviews=reviews, updates=_plan_updates(rng, reviews))


# --- which reviews exist -------------------------------------------------------------------------

def financial_year(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _random_day_in_year(rng: random.Random, start_year: int) -> dt.date:
    return dt.date(start_year, 4, 1) + dt.timedelta(days=rng.randint(0, 364))


def _dhr_categories(rng: random.Random) -> list[tuple[str, str]]:
    """(death category, victim sex) for the 42 DHRs in notification order."""
    categories = (
        [(DeathCategory.INTIMATE_PARTNER, "female")] * 28
        + [(DeathCategory.INTIMATE_PARTNER, "male")] * 3
        + [(DeathCategory.ADULT_FAMILY, "female")] * 4
        + [(DeathCategory.ADULT_FAMILY, "male")] * 3
        + [(DeathCategory.UNEXPECTED, "female")] * 2
        + [(DeathCategory.OTHER, "female")]
    )
    rng.shuffle(categories)
    # Suicides were brought within the reviews' scope in 2016, so that one sits late in the list.
    categories.insert(rng.randint(24, 38), (DeathCategory.SUSPECTED_SUICIDE, "female"))
    return categories


def _skeletons(rng: random.Random) -> list[dict]:
    categories = iter(_dhr_categories(rng))
    names = _NamePicker(rng)
    skeletons = []
    for year, count in DHRS_PER_YEAR.items():
        days = sorted(_random_day_in_year(rng, year) for _ in range(count))
        year_skeletons = [
            {"year": year, "notified_on": day, "review_type": ReviewType.DHR, "category": category,
             "victim": names.victim(category, sex)}
            for day, (category, sex) in zip(days, categories)
        ]
        year_skeletons.sort(key=lambda s: s["notified_on"])
        recent_stages = iter(RECENT_STAGES.get(year, []))
        for sequence, skeleton in enumerate(year_skeletons, start=1):
            skeleton["reference"] = f"BDHR{financial_year(year)}-{sequence:02d}"
            skeleton["stage"] = next(recent_stages, None) or _settled_stage(rng, year)
        skeletons.extend(year_skeletons)
    suicide_days = sorted(_random_day_in_year(rng, SUICIDE_REVIEWS_YEAR) for _ in range(SUICIDE_REVIEWS))
    for sequence, (day, stage) in enumerate(zip(suicide_days, SUICIDE_STAGES), start=1):
        skeletons.append({
            "year": SUICIDE_REVIEWS_YEAR, "notified_on": day, "review_type": ReviewType.SUICIDE,
            "category": DeathCategory.SUSPECTED_SUICIDE,
            "victim": names.victim(DeathCategory.SUSPECTED_SUICIDE, "female"),
            "reference": f"BDARS{financial_year(SUICIDE_REVIEWS_YEAR)}-{sequence:02d}", "stage": stage,
        })
    return skeletons


def _settled_stage(rng: random.Random, year: int) -> str:
    """The furthest stage an older review aims for; dates later than TODAY cut it short."""
    if year <= 2016:
        return Stage.CLOSED
    if year <= 2019:
        return rng.choice([Stage.CLOSED, Stage.MONITORING])
    return rng.choice([Stage.MONITORING, Stage.MONITORING, Stage.PUBLISHED])


class _NamePicker:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.pools = {
            ("partner", "female"): list(prose.FEMALE_PARTNER_VICTIMS),
            ("partner", "male"): list(prose.MALE_PARTNER_VICTIMS),
            ("family", "female"): list(prose.FEMALE_FAMILY_VICTIMS),
            ("family", "male"): list(prose.MALE_FAMILY_VICTIMS),
        }

    def victim(self, category: str, sex: str) -> Victim:
        group = "family" if category == DeathCategory.ADULT_FAMILY else "partner"
        pool = self.pools[(group, sex)]
        name = pool.pop(self.rng.randrange(len(pool)))
        relationships = (prose.FAMILY_RELATIONSHIPS if group == "family" else prose.PARTNER_RELATIONSHIPS)[sex]
        return Victim(name=name, sex=sex, perpetrator=self.rng.choice(relationships))


# --- one review ------------------------------------------------------------------------------------

def _plan_review(rng: random.Random, skeleton: dict, template_use: dict[str, int]) -> ReviewPlan:
    victim: Victim = skeleton["victim"]
    review = ReviewPlan(
        reference=skeleton["reference"],
        review_type=skeleton["review_type"],
        death_category=skeleton["category"],
        pseudonym=victim.name,
        stage=Stage.NOTIFIED,
        notified_on=skeleton["notified_on"],
    )
    _plan_lifecycle(rng, review, skeleton["stage"])
    core, extras = _theme_pool(rng, review.death_category, victim.sex)
    review.panel = _panel(rng, core, extras)
    theme_pool = core + [t for t in extras if _concerns_panel(t, review.panel)]
    review.chair_email = rng.choice(CHAIR_EMAILS) if review.dates.get("set_up_on") else None
    review.own_themes = [DEATH_CATEGORY_THEME[review.death_category]]
    slots = _story_slots(review, victim)
    review.summary = _summary(rng, review, slots)
    unsuitable = _unsuitable_themes(review.death_category, victim.sex)
    review.findings = _plan_findings(rng, review, theme_pool, slots, template_use, unsuitable)
    review.recommendations = _plan_recommendations(rng, review)
    return review


def _plan_lifecycle(rng: random.Random, review: ReviewPlan, aimed_stage: str) -> None:
    brisk = rng.random() < 0.15
    late_decision = rng.random() < 0.15
    chain = STAGE_ORDER[1 : STAGE_ORDER.index(aimed_stage) + 1]
    gaps = {}
    for stage in chain:
        low, high = STAGE_GAPS[stage][1 if brisk else 0]
        if stage == Stage.DECISION and late_decision:
            low, high = LATE_DECISION_GAP
        gaps[stage] = rng.randint(low, high)

    pause = _choose_pause(rng, review, chain, gaps)
    reached: dict[str, dt.date] = {}
    day = review.notified_on
    for stage in chain:
        day = day + dt.timedelta(days=gaps[stage])
        if stage == Stage.DRAFTING and pause and pause.ended_on:
            day = max(day, pause.ended_on + dt.timedelta(days=rng.randint(14, 45)))
        if day > TODAY:
            break
        reached[stage] = day
    stage = chain[len(reached) - 1] if reached else Stage.NOTIFIED
    review.stage = stage
    review.dates = {"notified_on": review.notified_on}
    for each in STAGE_ORDER[1:]:
        review.dates[STAGE_DATE_FIELDS[each]] = reached.get(each)
    if pause and Stage.DRAFTING not in reached:
        pause = _still_open(pause)
    if pause is None and stage in (Stage.SET_UP, Stage.INFORMATION_GATHERING):
        pause = _open_pause(rng, review, reached[stage])
    review.pauses = [pause] if pause else []
    _plan_side_dates(rng, review)


def _choose_pause(rng: random.Random, review: ReviewPlan, chain: list[str], gaps: dict) -> PausePlan | None:
    """A closed pause during information gathering: always where a recent review has been slow."""
    if Stage.DRAFTING not in chain:
        return None
    day = review.notified_on
    for stage in chain[: chain.index(Stage.INFORMATION_GATHERING) + 1]:
        day += dt.timedelta(days=gaps[stage])
    started_on = day + dt.timedelta(days=rng.randint(10, 40))
    in_progress = chain[-1] not in PUBLISHED_STAGES
    if in_progress:
        remaining = sum(gaps[s] for s in chain[chain.index(Stage.DRAFTING):])
        aim_last_stage_at = TODAY - dt.timedelta(days=rng.randint(60, 250))
        length = (aim_last_stage_at - started_on).days - remaining
        if length < 60:
            return None
    elif rng.random() < 0.3:
        length = rng.randint(90, 360)
    else:
        return None
    reason = _pause_reason(rng, review)
    return PausePlan(reason=reason, started_on=started_on,
                     ended_on=started_on + dt.timedelta(days=length), note=prose.PAUSE_NOTES[reason])


def _still_open(pause: PausePlan) -> PausePlan | None:
    """A pause planned to end after TODAY has not ended yet."""
    if pause.started_on > TODAY:
        return None
    return PausePlan(reason=pause.reason, started_on=pause.started_on, ended_on=None, note=pause.note)


def _open_pause(rng: random.Random, review: ReviewPlan, stage_reached_on: dt.date) -> PausePlan | None:
    started_on = stage_reached_on + dt.timedelta(days=rng.randint(15, 90))
    if started_on > TODAY:
        return None
    reason = _pause_reason(rng, review)
    return PausePlan(reason=reason, started_on=started_on, ended_on=None, note=prose.PAUSE_NOTES[reason])


def _pause_reason(rng: random.Random, review: ReviewPlan) -> str:
    if review.death_category == DeathCategory.SUSPECTED_SUICIDE:
        return rng.choice([PauseReason.INQUEST, PauseReason.INQUEST, PauseReason.IOPC])
    return rng.choice([
        PauseReason.CRIMINAL_TRIAL, PauseReason.CRIMINAL_TRIAL, PauseReason.CRIMINAL_TRIAL,
        PauseReason.INQUEST, PauseReason.IOPC, PauseReason.SAFEGUARDING_ADULT_REVIEW,
        PauseReason.CHILD_REVIEW,
    ])


def _plan_side_dates(rng: random.Random, review: ReviewPlan) -> None:
    dates = review.dates
    dates["home_office_notified_on"] = _capped(dates["decision_on"], rng.randint(1, 10))
    dates["family_saw_draft_on"] = None
    dates["resubmission_requested_on"] = None
    if dates["signed_off_on"]:
        earliest = dates["drafting_on"]
        dates["family_saw_draft_on"] = max(earliest, dates["signed_off_on"] - dt.timedelta(days=rng.randint(7, 30)))
    elif dates["drafting_on"] and rng.random() < 0.5:
        dates["family_saw_draft_on"] = _capped(dates["drafting_on"], rng.randint(30, 90))
    if dates["submitted_on"] and rng.random() < 0.25:
        latest = dates["approved_on"] or TODAY
        span = (latest - dates["submitted_on"]).days
        if span > 40:
            dates["resubmission_requested_on"] = dates["submitted_on"] + dt.timedelta(days=rng.randint(20, span - 20))


def _capped(start: dt.date | None, days: int) -> dt.date | None:
    if start is None:
        return None
    return min(start + dt.timedelta(days=days), TODAY)


# --- who and what the review is about ------------------------------------------------------------------

def _theme_pool(rng: random.Random, category: str, sex: str) -> tuple[list[str], list[str]]:
    """The review's leading themes, and the rest in a shuffled order."""
    learning = [t for t in LEARNING_EXTRAS if not (sex == "male" and t in THEMES_ABOUT_MOTHERS)]
    if category == DeathCategory.ADULT_FAMILY:
        core = ["Invisible perpetrator", "Perpetrator services not asking about abuse", "Older victims and carers"]
        learning = [t for t in learning if t not in THEMES_ABOUT_MOTHERS and t not in core]
        learning += ["Coercive control"]
        factors = FAMILY_CASE_FACTORS
    elif category == DeathCategory.SUSPECTED_SUICIDE:
        core = ["Coercive control", "Suicidality", "Separation risk"]
        factors = SUICIDE_CASE_FACTORS
    elif category == DeathCategory.INTIMATE_PARTNER:
        core = rng.sample(["Coercive control", "Separation risk", "Invisible perpetrator"], 3)
        factors = PARTNER_CASE_FACTORS + (["LGBT+"] if sex == "male" else [])
    else:
        core = ["Coercive control", "Invisible perpetrator"]
        factors = ["Mental health", "Substance misuse", "Disability"]
    extras = (
        rng.sample(learning, rng.randint(2, 4))
        + rng.sample(PRACTICE, rng.randint(3, 5))
        + rng.sample(factors, rng.randint(1, 3))
    )
    rng.shuffle(extras)
    if category == DeathCategory.INTIMATE_PARTNER and sex == "male" and "LGBT+" not in extras:
        extras.insert(0, "LGBT+")
    return core, [t for t in extras if t not in core]


def _panel(rng: random.Random, core: list[str], extras: list[str]) -> list[str]:
    """Police, an agency for each leading theme, then agencies the other themes concern: 3 to 7 in all."""
    size = rng.randint(3, 7)
    panel = ["Police"]
    for theme in core + extras:
        if theme not in core and len(panel) >= size:
            break
        own_agencies = [a for a in prose.THEME_AGENCIES[theme] if a != "Police"][:2]
        if own_agencies and not any(a in panel for a in own_agencies):
            panel.append(rng.choice(own_agencies))
    spare = [a for t in extras for a in prose.THEME_AGENCIES[t] if a not in panel]
    while len(panel) < size and spare:
        panel.append(spare.pop(rng.randrange(len(spare))))
        spare = [a for a in spare if a not in panel]
    return panel


def _concerns_panel(theme: str, panel: list[str]) -> bool:
    return any(a in panel for a in prose.THEME_AGENCIES[theme][:3])


def _unsuitable_themes(category: str, sex: str) -> set[str]:
    unsuitable = set(THEMES_ABOUT_MOTHERS) if sex == "male" or category == DeathCategory.ADULT_FAMILY else set()
    if category == DeathCategory.ADULT_FAMILY:
        unsuitable |= {"Separation risk", "Stalking", "Child contact used to continue abuse"}
    if category != DeathCategory.ADULT_FAMILY:
        unsuitable.add("Adult family homicide")
    return unsuitable


def _story_slots(review: ReviewPlan, victim: Victim) -> dict:
    death_year = review.notified_on.year
    return {
        "name": victim.name,
        "perp": victim.perpetrator,
        "perp_named": f"{victim.name}'s {victim.perpetrator.split(' ', 1)[1]}",
        "death_year": death_year,
        **prose.PRONOUNS[victim.sex],
    }


def _fill(template: str, slots: dict) -> str:
    """Fill the slots; a sentence that opens with the perpetrator names him through the victim."""
    template = re.sub(r"(^|[.!?] ){perp}", r"\1{perp_named}", template)
    text = template.format(**slots)
    for singular, plural in prose.PLURAL_AGREEMENT.items():
        text = text.replace(singular, plural)
    return _sentence_case(text)


def _sentence_case(text: str) -> str:
    return re.sub(r"(^|[.!?] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def _summary(rng: random.Random, review: ReviewPlan, slots: dict) -> str:
    group = {
        DeathCategory.INTIMATE_PARTNER: "intimate_partner",
        DeathCategory.ADULT_FAMILY: "adult_family",
        DeathCategory.SUSPECTED_SUICIDE: "suicide",
    }.get(review.death_category, "other")
    openings = [o for o in prose.SUMMARY_OPENINGS[group] if slots["they"] == "she" or "mother" not in o]
    agency, agency2 = rng.sample(_frontline(review.panel), 2)
    summary_slots = {
        **slots,
        "agency": prose.AGENCY_PROSE[agency][0],
        "agency2": prose.AGENCY_PROSE[agency2][0],
        "season": rng.choice(prose.SEASONS),
        "year": slots["death_year"],
        "years": rng.choice(["three", "four", "five", "six"]),
    }
    parts = [rng.choice(openings), rng.choice(prose.SUMMARY_DEATHS[group]), rng.choice(prose.SUMMARY_CONTACTS)]
    return " ".join(_fill(part, summary_slots) for part in parts)


# --- findings --------------------------------------------------------------------------------------------

def _plan_findings(rng: random.Random, review: ReviewPlan, theme_pool: list[str], slots: dict,
                   template_use: dict[str, int], unsuitable: set[str]) -> list[FindingPlan]:
    count = rng.randint(5, 15)
    used: set[str] = set()
    findings: list[FindingPlan] = []
    order = theme_pool + theme_pool[:3] * 3
    for theme in order:
        if len(findings) == count:
            break
        template = _least_used_template(rng, theme, review, used, template_use)
        if template is None:
            continue
        used.add(template)
        template_use[template] = template_use.get(template, 0) + 1
        findings.append(_finding(rng, review, theme, template, slots, len(findings) + 1, unsuitable))
    return findings


def _least_used_template(rng: random.Random, theme: str, review: ReviewPlan, used: set[str],
                         template_use: dict[str, int]) -> str | None:
    fitting = [
        t for t in prose.FINDING_TEMPLATES.get(theme, [])
        if t not in used and _suits(t, review.death_category) and _of_its_time(t, review.notified_on.year)
        and _fixed_agency(t) in (None, *review.panel)
    ]
    if not fitting:
        return None
    fewest = min(template_use.get(t, 0) for t in fitting)
    return rng.choice([t for t in fitting if template_use.get(t, 0) == fewest])


def _fixed_agency(template: str) -> str | None:
    return next((agency for phrase, agency in prose.FIXED_AGENCY.items() if phrase in template), None)


def _of_its_time(text: str, year: int) -> bool:
    return all(year >= since for phrase, since in prose.NOT_BEFORE.items() if phrase in text)


def _suits(template: str, category: str) -> bool:
    if category not in HOMICIDES and any(w in template for w in HOMICIDE_WORDS):
        return False
    return category != DeathCategory.ADULT_FAMILY or not any(p in template for p in prose.PARTNER_ONLY_PHRASES)


def _finding(rng: random.Random, review: ReviewPlan, theme: str, template: str, slots: dict,
             position: int, unsuitable: set[str]) -> FindingPlan:
    agency = _fixed_agency(template) or _agency_for(rng, theme, review.panel)
    agency2 = rng.choice([a for a in _frontline(review.panel) if a != agency])
    concerned = [agency] + ([agency2] if "{agency2}" in template else [])
    if "{agency}" not in template and "{agency2}" not in template and rng.random() < 0.5:
        concerned.append(agency2)
    details = prose.DETAILS.get(theme, [""])
    finding_slots = {
        **slots,
        **_perpetrator_wording(rng, template),
        "agency": prose.AGENCY_PROSE[agency][0],
        "agency2": prose.AGENCY_PROSE[agency2][0],
        "timeframe": rng.choice(prose.TIMEFRAMES).format(**slots),
        "detail": rng.choice(details).format(**slots),
        "year": slots["death_year"] - rng.randint(1, 3),
    }
    related = [t for t in prose.RELATED_THEMES.get(theme, []) if t != theme and t not in unsuitable]
    themes = [theme] + rng.sample(related, rng.randint(0, min(2, len(related))))
    return FindingPlan(position=position, text=_fill(template, finding_slots), themes=themes,
                       agencies=concerned, created_on=review.started_on)


def _perpetrator_wording(rng: random.Random, template: str) -> dict:
    """Mostly the relationship, sometimes 'the perpetrator', as overview reports do."""
    if rng.random() < 0.35 and "perpetrator" not in template:
        return {"perp": "the perpetrator", "perp_named": "the perpetrator"}
    return {}


def _frontline(panel: list[str]) -> list[str]:
    return [a for a in panel if a != "Community safety partnership"]


def _agency_for(rng: random.Random, theme: str, panel: list[str]) -> str:
    preferred = [a for a in prose.THEME_AGENCIES[theme][:3] if a in panel]
    return rng.choice(preferred[:2]) if preferred else rng.choice(_frontline(panel))


# --- recommendations ---------------------------------------------------------------------------------

def _plan_recommendations(rng: random.Random, review: ReviewPlan) -> list[RecommendationPlan]:
    count = rng.randint(3, 12)
    sectioned = rng.random() < 0.3
    themes = _recommendation_themes(review)
    used: set[str] = set()
    recommendations: list[RecommendationPlan] = []
    for position in range(1, count + 1):
        spec, lead, scope = _recommendation_spec(rng, review, themes, used, position)
        if spec is None:
            break
        used.add(spec["text"])
        recommendations.append(_recommendation(rng, review, spec, lead, scope, position, sectioned))

    return recommendations


def _recommendation_themes(review: ReviewPlan) -> list[str]:
    themes = []
    for finding in review.findings:
        for theme in finding.themes:
            if theme in prose.RECOMMENDATION_TEMPLATES and theme not in themes:
                themes.append(theme)
    return themes + [t for t in PRACTICE if t in prose.RECOMMENDATION_TEMPLATES and t not in themes]


def _recommendation_spec(rng: random.Random, review: ReviewPlan, themes: list[str], used: set[str],
                         position: int) -> tuple[dict | None, str, str]:
    year = review.notified_on.year
    roll = rng.random()
    if roll < NATIONAL_SHARE and position > 1:
        options = [s for s in prose.NATIONAL_RECOMMENDATIONS if s["text"] not in used]
        if options:
            spec = rng.choice(options)
            return spec, spec["lead"], Scope.NATIONAL
    if roll < NATIONAL_SHARE + REGIONAL_SHARE and position > 1:
        options = [s for s in prose.REGIONAL_RECOMMENDATIONS if s["text"] not in used]
        if options:
            spec = rng.choice(options)
            return spec, spec["lead"], Scope.REGIONAL
    for theme in themes[position - 1:] + themes[: position - 1]:
        options = [s for s in prose.RECOMMENDATION_TEMPLATES[theme]
                   if s["text"] not in used and _of_its_time(" ".join([s["text"], *s["steps"]]), year)]
        if options:
            template = rng.choice(options)
            return {**template, "theme": theme}, _lead_for(rng, template, theme, review.panel), Scope.LOCAL
    return None, "", ""


def _lead_for(rng: random.Random, template: dict, theme: str, panel: list[str]) -> str:
    """The template's natural lead if it names one (on the panel if possible), else the theme's usual agency."""
    leads = template.get("leads")
    if not leads:
        return _agency_for(rng, theme, panel)
    on_panel = [a for a in leads if a in panel]
    return on_panel[0] if on_panel else leads[0]


def _recommendation(rng: random.Random, review: ReviewPlan, spec: dict, lead: str, scope: str, position: int,
                    sectioned: bool) -> RecommendationPlan:
    theme = spec["theme"]
    priority = prose.THEME_STRATEGY_PRIORITY.get(theme, 1)
    supporters = _supporters(rng, review.panel, lead) if scope != Scope.NATIONAL else []
    agreed_on = review.dates.get("signed_off_on")
    target_date = (agreed_on + dt.timedelta(days=rng.randint(120, 540))) if agreed_on else (
        TODAY + dt.timedelta(days=rng.randint(90, 420)))
    status = _status(rng, review, scope)
    completed_on = _completed_on(rng, review, status, target_date)
    return RecommendationPlan(
        number=f"{4 + (position - 1) // 4}.{(position - 1) % 4 + 1}" if sectioned else str(position),
        position=position,
        text=_sentence_case(spec["text"].format(lead=prose.AGENCY_PROSE[lead][1])),
        scope=scope,
        lead=lead,
        supporters=supporters,
        action_to_take=spec["action"],
        milestones=_milestones(rng, spec["steps"], status, agreed_on or review.started_on,
                               completed_on or review.dates.get("closed_on") or TODAY),
        target_date=target_date,
        status=status,
        completed_on=completed_on,
        outcome=_outcome(rng, status, scope),
        strategy_priority=priority,
        themes=[theme, STRATEGY_PRIORITIES[priority]],
        created_on=review.started_on,
        steps=spec["steps"],
    )


def _supporters(rng: random.Random, panel: list[str], lead: str) -> list[str]:
    others = [a for a in panel if a != lead]
    return rng.sample(others, min(len(others), rng.choice([0, 1, 1, 2])))


def _status(rng: random.Random, review: ReviewPlan, scope: str) -> str:
    if review.stage == Stage.CLOSED:
        group = "closed"
    elif review.stage in PUBLISHED_STAGES:
        group = "monitoring"
    elif review.dates.get("signed_off_on"):
        group = "agreed"
    else:
        group = "draft"
    weights = STATUS_WEIGHTS[group]
    if scope == Scope.NATIONAL and group in ("closed", "monitoring"):
        weights = {Status.NOT_ACCEPTED: 2, Status.VERIFIED: 1, Status.ON_TRACK: 1, Status.NOT_STARTED: 1}
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _completed_on(rng: random.Random, review: ReviewPlan, status: str, target: dt.date) -> dt.date | None:
    if status not in (Status.VERIFIED, Status.AWAITING_EVIDENCE, Status.ALREADY_IN_PLACE, Status.SUPERSEDED):
        return None
    start = review.dates.get("signed_off_on") or review.started_on
    if status == Status.ALREADY_IN_PLACE:
        return start
    latest = min(d for d in (review.dates.get("closed_on"), TODAY - dt.timedelta(days=7)) if d)
    wanted = target + dt.timedelta(days=rng.randint(-90, 60))
    return min(max(start + dt.timedelta(days=30), min(wanted, latest)), TODAY)


def _milestones(rng: random.Random, steps: list[str], status: str, start: dt.date, end: dt.date) -> str:
    low, high = MILESTONES_DONE[status]
    done = rng.randint(low, high)
    if not done:
        return ""
    span = max((end - start).days, done)
    days = sorted(rng.sample(range(1, span + 1), done))
    return " ".join(
        f"{step} ({month_year(start + dt.timedelta(days=day))})." for step, day in zip(steps, days)
    )


def _outcome(rng: random.Random, status: str, scope: str) -> str:
    if status == Status.VERIFIED:
        return rng.choice(prose.VERIFIED_OUTCOMES)
    if status == Status.ALREADY_IN_PLACE:
        return rng.choice(prose.ALREADY_IN_PLACE_OUTCOMES)
    if status == Status.SUPERSEDED:
        return rng.choice(prose.SUPERSEDED_OUTCOMES)
    if status == Status.NOT_ACCEPTED:
        rationales = prose.NOT_ACCEPTED_RATIONALES
        return rationales[2] if scope == Scope.NATIONAL else rng.choice(rationales[:2])
    if status == Status.PARTIAL:
        return "Partially implemented: the main actions are done, but the audit of practice has not taken place."
    return ""


# --- agency progress updates -----------------------------------------------------------------------

AGENCY_AUTHORS = {
    "Police": "police@example.org",
    "Mental health trust": "health@example.org",
    "Housing": "housing@example.org",
}
OPEN_STATUSES = (Status.ON_TRACK, Status.AT_RISK)


def _plan_updates(rng: random.Random, reviews: list[ReviewPlan]) -> list[UpdatePlan]:
    updates: list[UpdatePlan] = []
    for agency, author in AGENCY_AUTHORS.items():
        led = [(review, rec) for review in reviews if review.published
               for rec in review.recommendations if rec.lead == agency]
        updates += _updates_for_agency(rng, agency, author, led)
    return updates


def _updates_for_agency(rng: random.Random, agency: str, author: str,
                        led: list[tuple[ReviewPlan, RecommendationPlan]]) -> list[UpdatePlan]:
    by_status: dict[str, list] = {}
    for review, rec in led:
        by_status.setdefault(rec.status, []).append((review, rec))
    updates = []
    open_recs = by_status.get(Status.ON_TRACK, []) + by_status.get(Status.AT_RISK, [])
    if open_recs:
        review, rec = open_recs[0]
        updates.append(_update(rng, review, rec, author, "progress", rec.status, Assessment.ACCEPTED))
    if len(open_recs) > 1:
        review, rec = open_recs[-1]
        if agency == "Police":
            updates.append(_update(rng, review, rec, author, "complete", Status.AWAITING_EVIDENCE,
                                   Assessment.CHALLENGED, prose.CHALLENGE_MESSAGE))
        else:
            updates.append(_update(rng, review, rec, author, "complete", Status.AWAITING_EVIDENCE,
                                   Assessment.PENDING))
    for review, rec in by_status.get(Status.AWAITING_EVIDENCE, [])[:1]:
        assessment = Assessment.MORE_EVIDENCE if agency == "Mental health trust" else Assessment.ACCEPTED
        message = prose.MORE_EVIDENCE_MESSAGE if assessment == Assessment.MORE_EVIDENCE else ""
        updates.append(_update(rng, review, rec, author, "complete", Status.AWAITING_EVIDENCE, assessment,
                               message))
    for review, rec in by_status.get(Status.VERIFIED, [])[:1]:
        updates.append(_update(rng, review, rec, author, "complete", Status.AWAITING_EVIDENCE,
                               Assessment.ACCEPTED))
    for review, rec in by_status.get(Status.AT_RISK, [])[:1]:
        updates.append(_update(rng, review, rec, author, "at_risk", Status.AT_RISK, Assessment.ACCEPTED))
    return updates


def _update(rng: random.Random, review: ReviewPlan, rec: RecommendationPlan, author: str, kind: str,
            proposed: str, assessment: str, message: str = "") -> UpdatePlan:
    latest = rec.completed_on or TODAY - dt.timedelta(days=3)
    earliest = min(latest, (review.dates.get("signed_off_on") or latest) + dt.timedelta(days=30))
    if assessment == Assessment.PENDING:
        day = TODAY - dt.timedelta(days=rng.randint(2, 12))
    else:
        day = earliest + dt.timedelta(days=rng.randint(0, max(0, (latest - earliest).days - 20)))
    created_at = dt.datetime.combine(day, dt.time(9 + rng.randint(0, 7), rng.randint(0, 59)))
    assessed_at = None
    if assessment != Assessment.PENDING:
        assessed_at = min(created_at + dt.timedelta(days=rng.randint(1, 14)),
                          dt.datetime.combine(TODAY, dt.time(9)))
    return UpdatePlan(
        review_reference=review.reference,
        recommendation_number=rec.number,
        author_email=author,
        created_at=created_at,
        narrative=_sentence_case(rng.choice(prose.UPDATE_NARRATIVES[kind]).format(
            **{f"step{i}": _lower_first(step) for i, step in enumerate(rec.steps, start=1)})),
        proposed_status=proposed,
        assessment=assessment,
        assessment_message=message,
        assessed_at=assessed_at,
    )


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]
