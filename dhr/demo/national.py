"""The national demo data set loaded through the app's own models: `flask --app dhr demo --scale national`.

load_national() adds the plan of dhr.demo.national_plan a batch of reviews at a time and commits
each batch, so memory stays bounded. Nothing is written around the models: the hooks that derive
each recommendation's status from its actions, the publication check and the audit and search
outbox rows all run on every flush, as for any change. The search index is not touched here: the
command builds it once at the end."""
from __future__ import annotations

import datetime as dt
import time
from typing import Callable

from sqlalchemy import func, select

from dhr.data import settings, tracking, users
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
from dhr.data.users import hash_password
from dhr.data.vocab import AgencyKind, Role
from dhr.extensions import db

from . import DEMO_AGENCIES, DEMO_PASSWORD, DemoRefused, external_learning
from .briefings import briefings_for
from .national_plan import (
    AREAS,
    NATIONAL_AGENCIES,
    NATIONAL_REVIEWS,
    SEED,
    TRAINERS,
    ActionPlan,
    NationalReview,
    agency_email,
    agency_name,
    all_chairs,
    local_agencies,
    plan_national,
)
from .plan_types import TODAY

BATCH_REVIEWS = 100
COORDINATOR = "admin@example.org"
COUNTED = ("reviews", "findings", "recommendations", "actions", "updates", "pauses", "briefings")


def load_national(reviews: int = NATIONAL_REVIEWS, *, batch: int = BATCH_REVIEWS, seed: int = SEED,
                  progress: Callable[[dict], None] | None = None) -> dict:
    """Load the national plan (or a smaller one of `reviews` reviews, made the same way) into an empty
    database, committing every `batch` reviews. Returns the counts and the seconds taken."""
    existing = db.session.scalar(select(func.count()).select_from(Review))
    if existing:
        raise DemoRefused(existing)
    started = time.perf_counter()
    with tracking.acting_as("national demo loader"):
        counts = _load_people()
        loader = _Loader()
        for number, planned in enumerate(plan_national(reviews, seed), start=1):
            loader.review(planned)
            if number % batch == 0:
                loader.share_learning()
                loader.commit()
                if progress:
                    progress({**loader.counts, "seconds": round(time.perf_counter() - started, 1)})
        loader.share_learning()
        loader.commit()
        counts["external_reviews"] = external_learning.load(users.by_email(COORDINATOR).id)
        db.session.commit()
    counts.update(loader.counts)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def _load_people() -> dict:
    """Themes, every area's agencies and the national bodies, and the users; committed."""
    themes_added = ensure_starting_themes()
    agency_count = len(_ensure_agencies())
    user_count = _ensure_users()
    settings.put(settings.DEMO_DATA, "yes")
    db.session.commit()
    return {"themes_added": themes_added, "agencies": agency_count, "users": user_count}


def _agency_kinds() -> dict[str, str]:
    return {name: str(kind) for name, kind in DEMO_AGENCIES}


def _ensure_agencies() -> dict[str, Agency]:
    kinds = _agency_kinds()
    known = {a.name: a for a in db.session.scalars(select(Agency))}
    wanted = [(agency_name(area, generic), kinds[generic]) for area in AREAS for generic in local_agencies()]
    wanted += [(name, str(AgencyKind.NATIONAL)) for name in NATIONAL_AGENCIES]
    for name, kind in wanted:
        if name not in known:
            known[name] = Agency(name=name, kind=kind)
            db.session.add(known[name])
    db.session.flush()
    return {name: known[name] for name, _kind in wanted}


def wanted_users() -> list[tuple[str, str, str, str | None]]:
    """(email, role, name, agency name) for the coordinator, every chair, a user for every
    agency, and the trainers."""
    found: list[tuple[str, str, str, str | None]] = [(COORDINATOR, Role.ADMIN, "Demo partnership coordinator", None)]
    found += [(email, Role.CHAIR, f"Demo panel chair {n}", None) for n, email in enumerate(all_chairs(), start=1)]
    for area in AREAS:
        found += [(agency_email(area, generic), Role.AGENCY, f"Demo {agency_name(area, generic)} lead",
                   agency_name(area, generic)) for generic in local_agencies()]
    found += [(agency_email(AREAS[0], name), Role.AGENCY, f"Demo {name} lead", name) for name in NATIONAL_AGENCIES]
    found += [(email, Role.TRAINER, f"Demo trainer {n}", None) for n, email in enumerate(TRAINERS, start=1)]
    return found


def _ensure_users() -> int:
    """The users, all with the demo password. Its hash is worked out once: hashing it afresh for
    each of several hundred users would take minutes and change nothing."""
    password_hash = hash_password(DEMO_PASSWORD)
    agencies = {a.name: a for a in db.session.scalars(select(Agency))}
    known = set(db.session.scalars(select(User.email)))
    wanted = wanted_users()
    for email, role, name, agency in wanted:
        if email not in known:
            db.session.add(User(email=email, name=name, password_hash=password_hash, role=str(role),
                                agency=agencies[agency] if agency else None))
    db.session.flush()
    return len(wanted)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


class _Loader:
    """Turns plan values into rows, a batch at a time; names resolve to the rows they mean."""

    def __init__(self):
        self.counts = dict.fromkeys(COUNTED, 0)
        self.batch: list[Review] = []
        self._refresh_names()

    def _refresh_names(self) -> None:
        self.agencies = {a.name: a for a in db.session.scalars(select(Agency))}
        self.users = {u.email: u for u in db.session.scalars(select(User))}
        self.themes = {t.name: t for t in db.session.scalars(select(Theme))}

    def share_learning(self) -> None:
        """The batch's briefings and training, recorded by the first trainer."""
        shared = briefings_for(self.batch, self.users[TRAINERS[0]], TODAY)
        db.session.add_all(shared)
        self.counts["briefings"] += len(shared)
        self.batch = []

    def commit(self) -> None:
        """Commit the batch and start the next with the shared rows loaded again (a commit
        expires them), rather than one query each when first used."""
        db.session.commit()
        self._refresh_names()

    def review(self, planned: NationalReview) -> Review:
        plan, area = planned.plan, planned.area
        review = Review(
            reference=plan.reference, review_type=str(plan.review_type), death_category=str(plan.death_category),
            pseudonym=plan.pseudonym, stage=str(plan.stage), summary=plan.summary, published=plan.published,
            chair=self.users[plan.chair_email] if plan.chair_email else None, decision_reason=plan.decision_reason,
            created_at=_at(plan.notified_on), updated_at=_at(max(d for d in plan.dates.values() if d)),
            panel_agencies=[self._agency(area, name) for name in plan.panel],
            own_themes=[self.themes[name] for name in plan.own_themes],
            pauses=[Pause(reason=str(p.reason), started_on=p.started_on, ended_on=p.ended_on, note=p.note)
                    for p in plan.pauses],
            findings=(findings := [self._finding(area, f) for f in plan.findings]),
            recommendations=[self._recommendation(area, rec, actions, findings)
                             for rec, actions in zip(plan.recommendations, planned.actions, strict=True)],
            **plan.dates,
        )
        db.session.add(review)
        self.batch.append(review)
        self.counts["reviews"] += 1
        self.counts["findings"] += len(plan.findings)
        self.counts["pauses"] += len(plan.pauses)
        return review

    def _agency(self, area: str, generic: str) -> Agency:
        return self.agencies[agency_name(area, generic)]

    def _finding(self, area: str, plan) -> Finding:
        return Finding(position=plan.position, text=plan.text, themes=[self.themes[name] for name in plan.themes],
                       agencies=[self._agency(area, name) for name in plan.agencies],
                       created_at=_at(plan.created_on), updated_at=_at(plan.created_on))

    def _recommendation(self, area: str, plan, actions: list[ActionPlan], findings: list[Finding]) -> Recommendation:
        rec = Recommendation(
            number=plan.number, position=plan.position, text=plan.text, scope=str(plan.scope),
            lead_agency=self._agency(area, plan.lead),
            supporting_agencies=[self._agency(area, name) for name in plan.supporters],
            strategy_priority=plan.strategy_priority, themes=[self.themes[name] for name in plan.themes],
            findings=[f for f in findings if f.position in plan.answers],
            created_at=_at(plan.created_on), updated_at=_at(plan.created_on),
        )
        rec.actions = [self._action(area, rec, a, _at(plan.created_on)) for a in actions]
        self.counts["recommendations"] += 1
        self.counts["actions"] += len(actions)
        return rec

    def _action(self, area: str, rec: Recommendation, plan: ActionPlan, agreed_at: dt.datetime) -> Action:
        action = Action(position=plan.position, text=plan.text, lead_agency=self._agency(area, plan.lead),
                        milestones=plan.milestones, target_date=plan.target_date, status=str(plan.status),
                        completed_on=plan.completed_on, outcome=plan.outcome, agreed_at=agreed_at,
                        created_at=agreed_at, updated_at=agreed_at)
        for update in plan.updates:
            author = self.users[update.author_email]
            action.updates.append(RecommendationUpdate(
                recommendation=rec, author=author, agency=author.agency, created_at=update.created_at,
                narrative=update.narrative, proposed_status=str(update.proposed_status),
                assessment=str(update.assessment), assessment_message=update.assessment_message,
                assessed_by=self.users[COORDINATOR] if update.assessed_at else None, assessed_at=update.assessed_at,
            ))
            self.counts["updates"] += 1
        return action
