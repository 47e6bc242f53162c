"""A demo review's recommendations (lead, status, milestones, outcome) and the agencies' progress updates."""
from __future__ import annotations

import datetime as dt
import random

from dhr.data.vocab import PUBLISHED_STAGES, STRATEGY_PRIORITIES, Assessment, Scope, Stage, Status
from dhr.dates import month_year

from . import prose
from .plan_types import TODAY, RecommendationPlan, ReviewPlan, UpdatePlan
from .story import PRACTICE, agency_for, of_its_time, sentence_case

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


# --- recommendations ---------------------------------------------------------------------------------

def plan_recommendations(rng: random.Random, review: ReviewPlan, count: int | None = None) -> list[RecommendationPlan]:
    """Up to `count` recommendations (3 to 12 unless given), as many as the templates allow."""
    count = rng.randint(3, 12) if count is None else count
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
                   if s["text"] not in used and of_its_time(" ".join([s["text"], *s["steps"]]), year)]
        if options:
            template = rng.choice(options)
            return {**template, "theme": theme}, _lead_for(rng, template, theme, review.panel), Scope.LOCAL
    return None, "", ""


def _lead_for(rng: random.Random, template: dict, theme: str, panel: list[str]) -> str:
    """The template's natural lead if it names one (on the panel if possible), else the theme's usual agency."""
    leads = template.get("leads")
    if not leads:
        return agency_for(rng, theme, panel)
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
        text=sentence_case(spec["text"].format(lead=prose.AGENCY_PROSE[lead][1])),
        scope=scope,
        lead=lead,
        supporters=supporters,
        action_to_take=spec["action"],
        milestones=_milestones(rng, spec["steps"], status, agreed_on or review.started_on,
                               completed_on or review.dates.get("closed_on") or TODAY),
        target_date=target_date,
        status=status,
        completed_on=completed_on,
        outcome=plan_outcome(rng, status, scope),
        strategy_priority=priority,
        themes=[theme, STRATEGY_PRIORITIES[priority]],
        created_on=review.started_on,
        steps=spec["steps"],
        partner_action=_partner_action(rng, supporters),
        answers=[f.position for f in review.findings if theme in f.themes],
    )


def _partner_action(rng: random.Random, supporters: list[str]) -> tuple[str, str] | None:
    """Half the recommendations with supporters give the first of them an action of its own."""
    if not supporters or rng.random() < 0.5:
        return None
    return supporters[0], rng.choice([
        "Brief front-line staff on the change and confirm in supervision that it is being applied",
        "Share the revised procedure with all teams and audit a sample of cases after three months",
        "Nominate a lead to attend the multi-agency task group and report progress to the partnership",
    ])


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
        f"{step} ({month_year(start + dt.timedelta(days=day))})." for step, day in zip(steps, days, strict=False)
    )


def plan_outcome(rng: random.Random, status: str, scope: str) -> str:
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


def plan_updates(rng: random.Random, reviews: list[ReviewPlan]) -> list[UpdatePlan]:
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
        updates.append(plan_update(rng, review, rec, author, "progress", rec.status, Assessment.ACCEPTED))
    if len(open_recs) > 1:
        review, rec = open_recs[-1]
        if agency == "Police":
            updates.append(plan_update(rng, review, rec, author, "complete", Status.AWAITING_EVIDENCE,
                                   Assessment.CHALLENGED, prose.CHALLENGE_MESSAGE))
        else:
            updates.append(plan_update(rng, review, rec, author, "complete", Status.AWAITING_EVIDENCE,
                                   Assessment.PENDING))
    for review, rec in by_status.get(Status.AWAITING_EVIDENCE, [])[:1]:
        assessment = Assessment.MORE_EVIDENCE if agency == "Mental health trust" else Assessment.ACCEPTED
        message = prose.MORE_EVIDENCE_MESSAGE if assessment == Assessment.MORE_EVIDENCE else ""
        updates.append(plan_update(rng, review, rec, author, "complete", Status.AWAITING_EVIDENCE, assessment,
                               message))
    for review, rec in by_status.get(Status.VERIFIED, [])[:1]:
        updates.append(plan_update(rng, review, rec, author, "complete", Status.AWAITING_EVIDENCE,
                               Assessment.ACCEPTED))
    for review, rec in by_status.get(Status.AT_RISK, [])[:1]:
        updates.append(plan_update(rng, review, rec, author, "at_risk", Status.AT_RISK, Assessment.ACCEPTED))
    return updates


def plan_update(rng: random.Random, review: ReviewPlan, rec: RecommendationPlan, author: str, kind: str,
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
        narrative=sentence_case(rng.choice(prose.UPDATE_NARRATIVES[kind]).format(
            **{f"step{i}": _lower_first(step) for i, step in enumerate(rec.steps, start=1)})),
        proposed_status=proposed,
        assessment=assessment,
        assessment_message=message,
        assessed_at=assessed_at,
    )


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]
