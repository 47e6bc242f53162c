"""The fictional demo data set and the starting theme list."""
from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from sqlalchemy import func, select

from dhr.data import settings, users
from dhr.data.models import Agency, Recommendation, RecommendationUpdate, Review, Theme
from dhr.data.processes import DRAFT_2024, GUIDANCE_2016
from dhr.data.starting_themes import STARTING_THEMES, ensure_starting_themes
from dhr.data.vocab import (
    STAGE_DATE_FIELDS,
    Assessment,
    ReviewType,
    Scope,
    Stage,
    Status,
    ThemeKind,
)
from dhr.demo import DEMO_PASSWORD, DEMO_SIGN_INS, DEMO_TODAY, DemoRefused, build_plan, load_demo
from dhr.extensions import db

REFERENCE = re.compile(r"^B(DHR|DARS)(\d{4})/(\d{2})-\d{2}$")
PUBLISHED_STAGES = {Stage.PUBLISHED, Stage.MONITORING, Stage.CLOSED}


@pytest.fixture
def counts(app):
    return load_demo()


def all_reviews() -> list[Review]:
    return list(db.session.scalars(select(Review).order_by(Review.reference)))


def commissioned_reviews() -> list[Review]:
    return [r for r in all_reviews() if r.stage != Stage.NOT_COMMISSIONED]


def all_recommendations() -> list[Recommendation]:
    return list(db.session.scalars(select(Recommendation)))


def test_load_demo_reports_what_it_added(counts):
    assert counts["reviews"] == len(all_reviews())
    assert counts["findings"] == sum(len(r.findings) for r in all_reviews())
    assert counts["recommendations"] == len(all_recommendations())
    assert counts["agencies"] == 16
    assert counts["themes_added"] == len(STARTING_THEMES)
    assert settings.demo_data_loaded()


def test_42_dhrs_from_april_2011_to_march_2024(counts):
    dhrs = [r for r in all_reviews() if r.review_type == ReviewType.DHR]
    assert len(dhrs) == 42
    assert all(dt.date(2011, 4, 1) <= r.notified_on <= dt.date(2024, 3, 31) for r in dhrs)


def test_three_suicide_reviews_notified_in_2023_24(counts):
    suicides = [r for r in all_reviews() if r.review_type == ReviewType.SUICIDE]
    assert len(suicides) == 3
    assert all(dt.date(2023, 4, 1) <= r.notified_on <= dt.date(2024, 3, 31) for r in suicides)
    assert all(r.reference.startswith("BDARS2023/24-") for r in suicides)


def test_references_name_the_financial_year_of_notification(counts):
    for review in all_reviews():
        match = REFERENCE.match(review.reference)
        assert match, review.reference
        start_year = int(match.group(2))
        assert int(match.group(3)) == (start_year + 1) % 100
        assert dt.date(start_year, 4, 1) <= review.notified_on < dt.date(start_year + 1, 4, 1)


def test_findings_and_recommendations_per_review(counts):
    for review in commissioned_reviews():
        # Reviews that had a scoping review add early learning and the holder of immediate actions.
        scoped = bool(review.scoping_on)
        assert sum(f.early_learning for f in review.findings) == scoped, review.reference
        assert sum(r.from_scoping for r in review.recommendations) == scoped, review.reference
        assert 5 <= len(review.findings) - scoped <= 15, review.reference
        assert 3 <= len(review.recommendations) - scoped <= 12, review.reference
        assert [f.position for f in review.findings] == list(range(1, len(review.findings) + 1))
        assert [r.position for r in review.recommendations] == list(range(1, len(review.recommendations) + 1))
        assert 3 <= len(review.panel_agencies) <= 7
        assert review.pseudonym in review.summary


def test_findings_and_recommendations_are_tagged(counts):
    for review in commissioned_reviews():
        for finding in review.findings:
            assert 1 <= len(finding.themes) <= 3
            assert 1 <= len(finding.agencies) <= 3
        for rec in review.recommendations:
            assert 1 <= len(rec.themes) <= 3
            assert rec.lead_agency is not None
            assert len(rec.supporting_agencies) <= 2
            assert 1 <= rec.strategy_priority <= 6


def test_every_status_is_represented_and_some_are_overdue(counts):
    recommendations = all_recommendations()
    assert {r.status for r in recommendations} == {s.value for s in Status}
    assert any(r.is_overdue(DEMO_TODAY) for r in recommendations)
    assert not all(r.is_overdue(DEMO_TODAY) for r in recommendations if not r.is_closed)


def test_statuses_agree_with_dates_and_outcomes(counts):
    for rec in all_recommendations():
        if rec.status == Status.VERIFIED:
            assert rec.completed_on and all(a.outcome for a in rec.actions)
        if rec.status == Status.NOT_ACCEPTED:
            assert all(a.outcome for a in rec.actions)
        if rec.completed_on:
            assert rec.completed_on <= DEMO_TODAY


def test_every_scope_is_represented_and_national_ones_go_to_national_bodies(counts):
    recommendations = all_recommendations()
    assert {r.scope for r in recommendations} == {s.value for s in Scope}
    assert sum(r.scope == Scope.LOCAL for r in recommendations) > len(recommendations) / 2
    assert all(r.lead_agency.is_national for r in recommendations if r.scope == Scope.NATIONAL)


def test_published_and_unpublished_reviews(counts):
    reviews = all_reviews()
    assert any(r.published for r in reviews) and any(not r.published for r in reviews)
    for review in reviews:
        assert review.published == (review.stage in PUBLISHED_STAGES)


def test_stage_dates_are_set_for_stages_reached_and_in_order(counts):
    followed = set()
    for review in commissioned_reviews():
        # Reviews with a scoping review followed the 2024 draft's stages; the others the 2016 stages.
        order = list((DRAFT_2024 if review.scoping_on else GUIDANCE_2016).stages)
        followed.add(bool(review.scoping_on))
        reached = order.index(Stage(review.stage))
        dates = [getattr(review, STAGE_DATE_FIELDS[stage]) for stage in order]
        assert all(d is not None for d in dates[: reached + 1]), review.reference
        assert all(d is None for d in dates[reached + 1 :]), review.reference
        set_dates = dates[: reached + 1]
        assert set_dates == sorted(set_dates), review.reference
        assert set_dates[-1] <= DEMO_TODAY
    assert followed == {True, False}
    assert any(r.stage == Stage.SCOPING for r in commissioned_reviews())


def test_some_reviews_are_paused(counts):
    pauses = [p for r in all_reviews() for p in r.pauses]
    assert pauses
    assert any(p.ended_on is None for p in pauses)
    for review in all_reviews():
        for pause in review.pauses:
            assert review.decision_on <= pause.started_on <= DEMO_TODAY
            if pause.ended_on is not None:
                assert pause.started_on < pause.ended_on <= DEMO_TODAY


def test_agency_updates_cover_each_assessment(counts):
    updates = list(db.session.scalars(select(RecommendationUpdate)))
    assessments = {u.assessment for u in updates}
    assert {Assessment.ACCEPTED, Assessment.CHALLENGED, Assessment.PENDING} <= assessments
    challenged = [u for u in updates if u.assessment == Assessment.CHALLENGED]
    assert all(u.assessment_message for u in challenged)
    assert all(u.agency_id == u.recommendation.lead_agency_id for u in updates)


def test_demo_users_sign_in_with_the_demo_password(counts):
    for email, _role in DEMO_SIGN_INS:
        assert users.authenticate(email, DEMO_PASSWORD, "192.0.2.1").email == email


def test_agencies_are_generic(counts):
    names = set(db.session.scalars(select(Agency.name)))
    assert {"Police", "Housing", "Home Office", "NHS England"} <= names


def test_loading_twice_is_refused(counts):
    with pytest.raises(DemoRefused, match="already holds 45 reviews"):
        load_demo()


def _fingerprint(texts) -> str:
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()


def _plan_texts(plan) -> list[str]:
    return [
        text
        for review in plan.reviews
        for text in [review.summary, *(f.text for f in review.findings), *(r.text for r in review.recommendations)]
    ]


def test_the_plan_is_deterministic():
    assert _fingerprint(_plan_texts(build_plan())) == _fingerprint(_plan_texts(build_plan()))


def test_the_database_holds_exactly_the_plan(counts):
    loaded = [
        text
        for review in sorted(all_reviews(), key=lambda r: r.id)
        for text in [review.summary, *(f.text for f in review.findings), *(r.text for r in review.recommendations)]
    ]
    assert _fingerprint(loaded) == _fingerprint(_plan_texts(build_plan()))


def test_starting_themes_are_added_once(app):
    assert ensure_starting_themes() == len(STARTING_THEMES)
    assert ensure_starting_themes() == 0
    assert db.session.scalar(select(func.count()).select_from(Theme)) == len(STARTING_THEMES)


def test_starting_themes_cover_every_kind_and_the_six_priorities():
    assert {t["kind"] for t in STARTING_THEMES} == {k.value for k in ThemeKind}
    priorities = sorted(t["strategy_priority"] for t in STARTING_THEMES if t["kind"] == ThemeKind.STRATEGY_PRIORITY)
    assert priorities == [1, 2, 3, 4, 5, 6]
    assert len({t["name"] for t in STARTING_THEMES}) == len(STARTING_THEMES)
    assert all(t["description"] for t in STARTING_THEMES)


def test_the_qa_panel_is_exercised(counts):
    submitted = [r for r in all_reviews() if r.submitted_on]
    assert submitted and all(r.qa_rounds for r in submitted)
    assert counts["qa_panel_rounds"] == sum(len(r.qa_rounds) for r in submitted)
    resubmitted = [r for r in submitted if len(r.qa_rounds) == 2]
    assert any(r.approved_on and r.qa_rounds[-1].panel_outcome == "approved" for r in resubmitted)
    areas = [a for r in submitted for rnd in r.qa_rounds for a in rnd.areas]
    assert {a.state for a in areas} >= {"done", "in_progress"} and any(a.owner_agency for a in areas)
    assert all(a.done_on for a in areas if a.state == "done")
    assert any(rnd.publish_letter for r in submitted for rnd in r.qa_rounds)
    assert all(rnd.letter.kind == "home_office_letter" for r in submitted for rnd in r.qa_rounds if rnd.letter)


def test_family_involvement_is_exercised(counts):
    set_up = [r for r in all_reviews() if r.set_up_on]
    assert set_up and all(r.family_contacts for r in set_up)
    assert counts["family_contacts"] == sum(len(r.family_contacts) for r in set_up)
    contacts = [c for r in set_up for c in r.family_contacts]
    assert {c.participation for c in contacts} == {"took_part", "declined", "not_known"}
    assert all(c.offered_on >= c.review.set_up_on for c in contacts)
    assert any(r.pseudonym_chosen_by == "family" for r in set_up)
    published = [r for r in all_reviews() if r.published]
    assert all(publishing_involvement_done(r) for r in published)


def publishing_involvement_done(review) -> bool:
    from dhr.data import family

    return family.involvement_outcome(review)[0]
