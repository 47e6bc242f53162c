"""The demo data set as plain values, built without touching the database.

Every choice comes from one seeded Random, consumed in a fixed order, so the plan (and so the
database it is loaded into) is identical on every run.
"""
from __future__ import annotations

import datetime as dt
import random

from dhr.data.processes import DRAFT_2024, GUIDANCE_2016
from dhr.data.vocab import (
    PUBLISHED_STAGES,
    STAGE_DATE_FIELDS,
    STAGE_ORDER,
    DeathCategory,
    PauseReason,
    ReviewType,
    Stage,
)

from . import prose
from .actions import plan_recommendations, plan_updates
from .plan_types import TODAY, DemoPlan, PausePlan, ReviewPlan, Victim
from .scoping import add_scoping
from .story import (
    choose_panel,
    concerns_panel,
    pick_themes,
    plan_findings,
    story_slots,
    unsuitable_themes,
    write_summary,
)

SEED = 20110401

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
SUICIDE_STAGES = [Stage.DRAFTING, Stage.INFORMATION_GATHERING, Stage.SCOPING]
# Reviews notified from this day follow the 2024 draft guidance, with its scoping review (the
# demo partnership chose that process); earlier ones kept the 2016 stages.
SCOPING_FROM = dt.date(2023, 4, 1)

CHAIR_EMAILS = ["chair@example.org", "chair2@example.org"]

# Days from the previous stage to this one: (usual pace, brisk pace).
STAGE_GAPS = {
    Stage.DECISION: ((7, 32), (5, 20)),
    Stage.SCOPING: ((3, 10), (2, 7)),
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
DEATH_CATEGORY_THEME = {
    DeathCategory.INTIMATE_PARTNER: "Intimate partner homicide",
    DeathCategory.ADULT_FAMILY: "Adult family homicide",
    DeathCategory.SUSPECTED_SUICIDE: "Suspected victim suicide",
    DeathCategory.UNEXPECTED: "Unexpected death",
    DeathCategory.OTHER: "Other death category",
}


def build_plan() -> DemoPlan:
    rng = random.Random(SEED)
    template_use: dict[str, int] = {}
    reviews = [plan_review(rng, skeleton, template_use) for skeleton in _skeletons(rng)]
    return DemoPlan(reviews=reviews, updates=plan_updates(rng, reviews))


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
            for day, (category, sex) in zip(days, categories, strict=False)
        ]
        year_skeletons.sort(key=lambda s: s["notified_on"])
        recent_stages = iter(RECENT_STAGES.get(year, []))
        for sequence, skeleton in enumerate(year_skeletons, start=1):
            skeleton["reference"] = f"BDHR{financial_year(year)}-{sequence:02d}"
            skeleton["stage"] = next(recent_stages, None) or settled_stage(rng, year)
        skeletons.extend(year_skeletons)
    suicide_days = sorted(_random_day_in_year(rng, SUICIDE_REVIEWS_YEAR) for _ in range(SUICIDE_REVIEWS))
    for sequence, (day, stage) in enumerate(zip(suicide_days, SUICIDE_STAGES, strict=False), start=1):
        skeletons.append({
            "year": SUICIDE_REVIEWS_YEAR, "notified_on": day, "review_type": ReviewType.SUICIDE,
            "category": DeathCategory.SUSPECTED_SUICIDE,
            "victim": names.victim(DeathCategory.SUSPECTED_SUICIDE, "female"),
            "reference": f"BDARS{financial_year(SUICIDE_REVIEWS_YEAR)}-{sequence:02d}", "stage": stage,
        })
    return skeletons


def settled_stage(rng: random.Random, year: int) -> str:
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

def plan_review(rng: random.Random, skeleton: dict, template_use: dict[str, int], *, findings: int | None = None,
                rounds: int = 1, recommendations: int | None = None, chairs: list[str] = CHAIR_EMAILS) -> ReviewPlan:
    """One review from its skeleton; a national plan asks for more findings and recommendations."""
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
    core, extras = pick_themes(rng, review.death_category, victim.sex)
    review.panel = choose_panel(rng, core, extras)
    theme_pool = core + [t for t in extras if concerns_panel(t, review.panel)]
    review.chair_email = rng.choice(chairs) if review.dates.get("set_up_on") else None
    review.own_themes = [DEATH_CATEGORY_THEME[review.death_category]]
    slots = story_slots(review, victim)
    review.summary = write_summary(rng, review, slots)
    unsuitable = unsuitable_themes(review.death_category, victim.sex)
    review.findings = plan_findings(rng, review, theme_pool, slots, template_use, unsuitable, findings, rounds)
    review.recommendations = plan_recommendations(rng, review, recommendations)
    add_scoping(review)
    return review


def _plan_lifecycle(rng: random.Random, review: ReviewPlan, aimed_stage: str) -> None:
    brisk = rng.random() < 0.15
    late_decision = rng.random() < 0.15
    process = DRAFT_2024 if review.notified_on >= SCOPING_FROM else GUIDANCE_2016
    chain = list(process.stages[1 : process.stages.index(aimed_stage) + 1])
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
    if pause is None and stage in (Stage.SCOPING, Stage.SET_UP, Stage.INFORMATION_GATHERING):
        pause = _open_pause(rng, review, reached[stage])
    review.pauses = [pause] if pause else []
    _plan_side_dates(rng, review)
    _plan_statutory_copies(review)


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


def _plan_statutory_copies(review: ReviewPlan) -> None:
    """Most approved reports were copied to the Commissioner within weeks, and most published ones
    uploaded to the DHR Library; a few are still owed. Drawn from a generator of their own, so
    the rest of the demo is the same with or without them."""
    rng = random.Random(f"copies {review.reference}")
    dates = review.dates
    approved, published = dates.get("approved_on"), dates.get("published_on")
    dates["commissioner_copy_on"] = _capped(approved, rng.randint(3, 45)) if approved and rng.random() < 0.8 else None
    dates["library_uploaded_on"] = (_capped(published, rng.randint(0, 30))
                                    if published and review.published and rng.random() < 0.85 else None)


def _capped(start: dt.date | None, days: int) -> dt.date | None:
    if start is None:
        return None
    return min(start + dt.timedelta(days=days), TODAY)
