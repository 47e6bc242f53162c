"""Small, explicit data for the reports tests, made directly with the models."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from dhr.data import commit
from dhr.data.models import (
    Agency,
    Collection,
    Finding,
    Pause,
    Recommendation,
    RecommendationUpdate,
    Review,
    Theme,
)
from dhr.extensions import db

TODAY = dt.date.today()


@dataclass
class ReportData:
    police: Agency
    health: Agency
    coercive: Theme
    separation: Theme
    published: Review
    unpublished: Review
    late_open: Review


def add_review(reference, *, published, notified_on, decision_on=None, submitted_on=None, stage="drafting",
               review_type="dhr", death_category="intimate_partner", pseudonym="Anna", summary="") -> Review:
    review = Review(reference=reference, review_type=review_type, death_category=death_category,
                    pseudonym=pseudonym, stage=stage, published=published, notified_on=notified_on,
                    decision_on=decision_on, submitted_on=submitted_on,
                    published_on=notified_on + dt.timedelta(days=400) if published else None,
                    summary=summary or f"Summary of {reference}.",
                    restricted_notes=f"RESTRICTED NOTE {reference}")
    db.session.add(review)
    return review


def add_recommendation(review, number, text, agency, *, status="on_track", target=None, themes=(), priority=None,
                       scope="local"):
    rec = Recommendation(review=review, number=str(number), position=int(number), text=text, scope=scope,
                         lead_agency=agency, action_to_take=f"Action for {text}", milestones=f"Milestone {number}",
                         target_date=target, status=status, strategy_priority=priority)
    rec.themes.extend(themes)
    db.session.add(rec)
    return rec


def build(app) -> ReportData:
    police = Agency(name="Northshire Police", kind="police")
    health = Agency(name="City Hospital Trust", kind="health")
    coercive = Theme(name="Coercive control", kind="learning", description="Patterns of controlling behaviour.")
    separation = Theme(name="Separation risk", kind="learning", strategy_priority=5)
    db.session.add_all([police, health, coercive, separation])

    published = add_review("DHR-2021-01", published=True, notified_on=dt.date(2021, 5, 10),
                           decision_on=dt.date(2021, 6, 1), submitted_on=dt.date(2021, 11, 20), stage="published",
                           pseudonym="Bella", summary="Bella was killed by her former partner after leaving.")
    published.findings.append(Finding(position=1, text="PUBLISHED FINDING agencies missed coercive control.",
                                      themes=[coercive]))
    add_recommendation(published, 1, "PUBLISHED REC train staff on coercive control", police, status="verified",
                       target=dt.date(2022, 6, 1), themes=[coercive], priority=3)
    add_recommendation(published, 2, "PUBLISHED REC ask about separation", health, status="at_risk",
                       target=TODAY - dt.timedelta(days=30), themes=[separation])

    unpublished = add_review("DHR-2023-02", published=False, notified_on=dt.date(2023, 7, 1),
                             decision_on=dt.date(2023, 8, 1), stage="information_gathering", pseudonym="Carla",
                             review_type="suicide", death_category="suspected_suicide",
                             summary="SECRET SUMMARY of an unpublished review.")
    unpublished.findings.append(Finding(position=1, text="UNPUBLISHED FINDING on coercive control.",
                                        themes=[coercive]))
    unpublished.pauses.append(Pause(started_on=dt.date(2023, 9, 1), ended_on=dt.date(2023, 10, 1),
                                    reason="criminal_trial"))
    rec = add_recommendation(unpublished, 1, "UNPUBLISHED REC share information", police, status="not_started",
                             target=TODAY - dt.timedelta(days=5), themes=[coercive])
    db.session.flush()
    rec.updates.append(RecommendationUpdate(narrative="UPDATE NARRATIVE training booked", proposed_status="on_track",
                                            assessment="challenged", assessment_message="Need dates",
                                            agency_id=police.id))

    late_open = add_review("DHR-2024-03", published=False, notified_on=dt.date(2024, 5, 1),
                           decision_on=dt.date(2024, 5, 20), stage="drafting", pseudonym="Dana")
    commit()
    return ReportData(police, health, coercive, separation, published, unpublished, late_open)


@pytest.fixture
def report_data(app) -> ReportData:
    return build(app)


def add_collection(owner, findings, name="Teaching set") -> Collection:
    collection = Collection(owner_id=owner.id, name=name)
    collection.findings.extend(findings)
    db.session.add(collection)
    commit()
    return collection
