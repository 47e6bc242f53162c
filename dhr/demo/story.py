"""Who and what a demo review is about: its themes, panel, story slots and summary, and its findings."""
from __future__ import annotations

import random
import re

from dhr.data.vocab import DeathCategory

from . import prose
from .plan_types import FindingPlan, ReviewPlan, Victim

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

HOMICIDE_WORDS = ("killed", "fatal attack")
HOMICIDES = {DeathCategory.INTIMATE_PARTNER, DeathCategory.ADULT_FAMILY}


# --- who and what the review is about ------------------------------------------------------------------

def pick_themes(rng: random.Random, category: str, sex: str) -> tuple[list[str], list[str]]:
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


def choose_panel(rng: random.Random, core: list[str], extras: list[str]) -> list[str]:
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


def concerns_panel(theme: str, panel: list[str]) -> bool:
    return any(a in panel for a in prose.THEME_AGENCIES[theme][:3])


def unsuitable_themes(category: str, sex: str) -> set[str]:
    unsuitable = set(THEMES_ABOUT_MOTHERS) if sex == "male" or category == DeathCategory.ADULT_FAMILY else set()
    if category == DeathCategory.ADULT_FAMILY:
        unsuitable |= {"Separation risk", "Stalking", "Child contact used to continue abuse"}
    if category != DeathCategory.ADULT_FAMILY:
        unsuitable.add("Adult family homicide")
    return unsuitable


def story_slots(review: ReviewPlan, victim: Victim) -> dict:
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
    return sentence_case(text)


def sentence_case(text: str) -> str:
    return re.sub(r"(^|[.!?] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def write_summary(rng: random.Random, review: ReviewPlan, slots: dict) -> str:
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

def plan_findings(rng: random.Random, review: ReviewPlan, theme_pool: list[str], slots: dict,
                   template_use: dict[str, int], unsuitable: set[str], count: int | None = None,
                   rounds: int = 1) -> list[FindingPlan]:
    """Up to `count` findings (5 to 15 unless given), going `rounds` times round the theme pool."""
    count = rng.randint(5, 15) if count is None else count
    used: set[str] = set()
    findings: list[FindingPlan] = []
    order = theme_pool * rounds + theme_pool[:3] * 3
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
        if t not in used and _suits(t, review.death_category) and of_its_time(t, review.notified_on.year)
        and _fixed_agency(t) in (None, *review.panel)
    ]
    if not fitting:
        return None
    fewest = min(template_use.get(t, 0) for t in fitting)
    return rng.choice([t for t in fitting if template_use.get(t, 0) == fewest])


def _fixed_agency(template: str) -> str | None:
    return next((agency for phrase, agency in prose.FIXED_AGENCY.items() if phrase in template), None)


def of_its_time(text: str, year: int) -> bool:
    return all(year >= since for phrase, since in prose.NOT_BEFORE.items() if phrase in text)


def _suits(template: str, category: str) -> bool:
    if category not in HOMICIDES and any(w in template for w in HOMICIDE_WORDS):
        return False
    return category != DeathCategory.ADULT_FAMILY or not any(p in template for p in prose.PARTNER_ONLY_PHRASES)


def _finding(rng: random.Random, review: ReviewPlan, theme: str, template: str, slots: dict,
             position: int, unsuitable: set[str]) -> FindingPlan:
    agency = _fixed_agency(template) or agency_for(rng, theme, review.panel)
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


def agency_for(rng: random.Random, theme: str, panel: list[str]) -> str:
    preferred = [a for a in prose.THEME_AGENCIES[theme][:3] if a in panel]
    return rng.choice(preferred[:2]) if preferred else rng.choice(_frontline(panel))
