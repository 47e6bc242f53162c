"""The national demo data set (`flask --app dhr demo --scale national`), loaded at a tiny scale:
its shape, its derived statuses and that access still holds."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dhr.data import policy, reviews, users
from dhr.data.actions import derived_status, derived_target_date
from dhr.data.models import Action, Agency, Finding, Recommendation, RecommendationUpdate, Review, User
from dhr.data.vocab import Role
from dhr.demo import DEMO_PASSWORD, DemoRefused
from dhr.demo.national import load_national, wanted_users
from dhr.demo.national_plan import AREAS, NATIONAL_AGENCIES, local_agencies, plan_national
from dhr.extensions import db

TINY = 20


@pytest.fixture
def counts(app):
    return load_national(TINY, batch=7)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_counts_by_type_match_the_database(counts):
    assert counts["reviews"] == count(Review) == TINY
    assert counts["findings"] == count(Finding)
    assert counts["recommendations"] == count(Recommendation)
    assert counts["actions"] == count(Action)
    assert counts["updates"] == count(RecommendationUpdate) > 0
    assert counts["agencies"] == count(Agency) == len(AREAS) * len(local_agencies()) + len(NATIONAL_AGENCIES)
    assert counts["users"] == count(User) == len(wanted_users())
    # The national proportions, roughly: about 30 findings and 10 recommendations a review.
    assert 20 * TINY <= counts["findings"] <= 40 * TINY
    assert 6 * TINY <= counts["recommendations"] <= 14 * TINY


def test_every_role_has_users_and_every_agency_a_user(counts):
    roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert set(roles) == {Role.ADMIN, Role.CHAIR, Role.AGENCY, Role.TRAINER}
    assert roles[Role.AGENCY] == count(Agency)
    for email in ("admin@example.org", "chair@example.org", "police@example.org", "trainer@example.org"):
        assert users.authenticate(email, DEMO_PASSWORD, "192.0.2.1").email == email


def test_each_recommendation_has_one_to_three_actions(counts):
    per_rec = db.session.execute(select(Action.recommendation_id, func.count()).group_by(Action.recommendation_id))
    sizes = [n for _rec, n in per_rec]
    assert len(sizes) == counts["recommendations"]
    assert set(sizes) <= {1, 2, 3} and len(set(sizes)) > 1


def test_derived_fields_agree_with_the_actions(counts):
    statuses = set()
    for rec in db.session.scalars(select(Recommendation)):
        assert rec.status == derived_status(a.status for a in rec.actions), rec.id
        assert rec.target_date == derived_target_date(rec.actions), rec.id
        statuses.add(rec.status)
    assert len(statuses) >= 4


def test_updates_belong_to_their_action_and_its_lead_agency(counts):
    for update in db.session.scalars(select(RecommendationUpdate)):
        assert update.recommendation_id == update.action.recommendation_id
        assert update.agency_id == update.action.lead_agency_id == update.author.agency_id


def test_a_trainer_sees_only_published_reviews(counts):
    trainer = users.by_email("trainer@example.org")
    published = set(db.session.scalars(select(Review.id).where(Review.published, ~Review.publication_held)))
    assert 0 < len(published) < TINY
    assert {r.id for r in reviews.list_visible(trainer)} == published
    shown = policy.recommendations_visible_to(trainer, select(Recommendation))
    assert {r.review_id for r in db.session.scalars(shown)} <= published


def test_loading_twice_is_refused(counts):
    with pytest.raises(DemoRefused, match=f"already holds {TINY} reviews"):
        load_national(TINY)


def test_the_plan_is_deterministic():
    def texts():
        return [(n.plan.reference, n.plan.summary, [f.text for f in n.plan.findings],
                 [[(a.text, a.status, a.lead) for a in actions] for actions in n.actions])
                for n in plan_national(8)]

    assert texts() == texts()


def test_the_command_loads_and_then_leaves_a_loaded_database_alone(runner):
    result = runner.invoke(args=["demo", "--scale", "national", "--reviews", "3", "--no-index"])
    assert result.exit_code == 0, result.output
    assert "3 reviews" in result.output and "flask --app dhr search rebuild" in result.output
    again = runner.invoke(args=["demo", "--scale", "national", "--if-empty"])
    assert again.exit_code == 0 and "no demo data loaded" in again.output
    refused = runner.invoke(args=["demo", "--scale", "national"])
    assert refused.exit_code != 0 and "already holds 3 reviews" in refused.output
