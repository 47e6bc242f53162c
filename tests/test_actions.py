"""Actions under recommendations: each owned by its lead agency, the recommendation's status
derived from them, plans agreed by the coordinator, target-date changes decided by the
coordinator, and an update posted once however often its form is sent."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from dhr.data import actions as action_data
from dhr.data.models import RecommendationUpdate, TargetDateChange
from dhr.dates import long_date
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD, days
from .helpers import date_fields, error_summary


@pytest.mark.parametrize("statuses, derived", [
    (["verified"], "verified"),
    (["verified", "verified"], "verified"),
    (["verified", "on_track"], "on_track"),
    (["verified", "already_in_place"], "verified"),
    (["verified", "superseded"], "verified"),
    (["not_started", "not_started"], "not_started"),
    (["not_started", "verified"], "on_track"),
    (["on_track", "at_risk", "verified"], "at_risk"),
    (["awaiting_evidence", "verified"], "awaiting_evidence"),
    (["awaiting_evidence", "on_track"], "on_track"),
    (["partial", "verified"], "partial"),
    (["not_accepted", "superseded"], "not_accepted"),
    (["superseded"], "superseded"),
    ([], "not_started"),
])
def test_a_recommendations_status_is_derived_from_its_actions(statuses, derived):
    assert action_data.derived_status(statuses) == derived


@pytest.fixture
def two_agency_plan(app):
    """A published review's recommendation led by police with a second action led by housing;
    health supports it; probation is not involved."""
    police, housing = make.agency("Northshire Police", "police"), make.agency("City Housing", "housing")
    health, probation = make.agency("City Hospital Trust", "health"), make.agency("Probation Service", "probation")
    chair = make.user("chair")
    review = make.review("DHR-2024-03", published=True, stage="monitoring", chair=chair)
    rec = make.recommendation(review, "1", "Agencies share risk information at every referral.", lead=police,
                              supporting=[health], target_date=days(60), status="on_track",
                              action_to_take="Police flag repeat callers")
    second = make.action(rec, "Housing asks about abuse at every tenancy visit", lead=housing,
                         target_date=days(30), status="on_track")
    return police, housing, health, probation, chair, review, rec, rec.actions[0], second


def _with_date(fields: dict, name: str, day) -> MultiDict:
    return MultiDict([*fields.items(), *date_fields(name, day)])


def _sign_in(client, user):
    client.post("/sign-out")
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302


def _post_update(client, action, key="key-1", narrative="Done and evidenced", status="awaiting_evidence"):
    return client.post(f"/our-recommendations/actions/{action.id}",
                       data={"narrative": narrative, "proposed_status": status, "submission_key": key})


def test_the_recommendation_is_verified_only_when_every_action_is(app, client, two_agency_plan):
    police, housing, *_, rec, first, second = two_agency_plan
    admin = make.user("admin")
    assert rec.status == "on_track" and rec.target_date == second.target_date  # the earliest open date
    for agency, action in ((police, first), (housing, second)):
        _sign_in(client, make.user("agency", agency=agency))
        assert _post_update(client, action, key=f"k-{action.id}").status_code == 302
    _sign_in(client, admin)
    first_update, second_update = first.updates[0], second.updates[0]
    client.post(f"/recommendations/updates/{first_update.id}/assess",
                data=_with_date({"decision": "accepted", "outcome": "Flags live", "evidence_grade": "shows_change"},
                                 "completed_on", days(-1)))
    db.session.refresh(rec)
    assert first.status == "verified" and rec.status == "on_track" and rec.target_date == second.target_date
    client.post(f"/recommendations/updates/{second_update.id}/assess",
                data=_with_date({"decision": "accepted", "outcome": "Question asked at visits",
                                 "evidence_grade": "shows_change"},
                                "completed_on", days(0)))
    db.session.refresh(rec)
    assert rec.status == "verified" and rec.completed_on == days(0)


def test_only_the_actions_lead_agency_posts_on_it(app, client, two_agency_plan):
    police, housing, health, probation, chair, review, rec, first, second = two_agency_plan
    _sign_in(client, make.user("agency", agency=housing))
    assert client.get(f"/our-recommendations/actions/{second.id}").status_code == 200
    page = client.get(f"/our-recommendations/actions/{first.id}")  # police's action: housing sees, cannot post
    assert page.status_code == 200 and "Post a progress update" not in page.get_data(as_text=True)
    assert _post_update(client, first).status_code == 403
    _sign_in(client, make.user("agency", agency=health))  # supports the recommendation, leads no action
    assert client.get(f"/our-recommendations/actions/{first.id}").status_code == 200
    assert _post_update(client, first).status_code == 403
    assert client.get(f"/our-recommendations/actions/{first.id}/target-date").status_code == 403
    _sign_in(client, make.user("agency", agency=probation))  # not involved at all
    assert client.get(f"/our-recommendations/actions/{first.id}").status_code == 403
    for role in ("chair", "trainer"):
        _sign_in(client, make.user(role))
        assert client.get(f"/our-recommendations/actions/{first.id}").status_code == 403
        assert _post_update(client, first).status_code == 403
    assert RecommendationUpdate.query.count() == 0


def test_only_the_coordinator_agrees_and_decides_and_only_the_chair_edits(app, client, two_agency_plan):
    police, housing, health, probation, chair, review, rec, first, second = two_agency_plan
    change = make.date_change(first, make.user("agency", agency=police), days(120))
    other_chair = make.user("chair")
    for user in (chair, other_chair, make.user("agency", agency=police), make.user("trainer")):
        _sign_in(client, user)
        assert client.post(f"/recommendations/actions/{first.id}/agree").status_code == 403
        assert client.post(f"/recommendations/date-changes/{change.id}", data={"decision": "accepted"}).status_code \
            == 403
    _sign_in(client, other_chair)
    assert client.get(f"/reviews/{review.id}/actions/{first.id}/edit").status_code == 403
    _sign_in(client, chair)
    assert client.get(f"/reviews/{review.id}/actions/{first.id}/edit").status_code == 200
    assert client.get(f"/reviews/{review.id + 1}/actions/{first.id}/edit").status_code == 404
    db.session.refresh(first)
    assert first.target_date == days(60) and change.decision == "pending"


def test_the_same_update_form_sent_twice_saves_once(app, client, two_agency_plan):
    police, *_, first, second = two_agency_plan
    _sign_in(client, make.user("agency", agency=police))
    page = client.get(f"/our-recommendations/actions/{first.id}").get_data(as_text=True)
    assert 'name="submission_key"' in page
    assert _post_update(client, first, key="same-key").status_code == 302
    assert _post_update(client, first, key="same-key").status_code == 302  # a double click, a lost answer
    assert RecommendationUpdate.query.filter_by(action_id=first.id).count() == 1
    assert _post_update(client, first, key="another-key").status_code == 302
    assert RecommendationUpdate.query.filter_by(action_id=first.id).count() == 2
    _sign_in(client, make.user("agency", agency=police))
    refused = _post_update(client, second, key="same-key")  # a key already used elsewhere is refused plainly
    assert refused.status_code == 403  # second is housing's action: not this agency's to post on


def test_a_key_reused_on_another_action_is_refused_with_a_message(app, client, two_agency_plan):
    police, *_, rec, first, second = two_agency_plan
    third = make.action(rec, "Police brief call handlers", lead=police, target_date=days(90))
    _sign_in(client, make.user("agency", agency=police))
    assert _post_update(client, first, key="k").status_code == 302
    page = _post_update(client, third, key="k")
    assert page.status_code == 200 and "already been used" in page.get_data(as_text=True)
    assert RecommendationUpdate.query.filter_by(action_id=third.id).count() == 0


def test_an_agency_writes_its_plan_until_the_coordinator_agrees_it(app, client, two_agency_plan):
    police, *_, rec, first, second = two_agency_plan
    draft = make.action(rec, "", lead=police, agreed=False)
    _sign_in(client, make.user("agency", agency=police))
    page = client.post(f"/our-recommendations/actions/{draft.id}/plan",
                       data=_with_date({"text": "", "milestones": ""}, "target_date", days(-3)))
    assert error_summary_text(page) == ["Enter the action your agency will take"]
    client.post(f"/our-recommendations/actions/{draft.id}/plan",
                data=_with_date({"text": "Audit 20 cases a quarter", "milestones": "First audit in March"},
                                "target_date", days(100)))
    db.session.refresh(draft)
    assert (draft.text, draft.target_date, draft.is_agreed) == ("Audit 20 cases a quarter", days(100), False)
    _sign_in(client, make.user("admin"))
    assert client.post(f"/recommendations/actions/{draft.id}/agree").status_code == 302
    db.session.refresh(draft)
    assert draft.is_agreed
    _sign_in(client, make.user("agency", agency=police))
    after = client.get(f"/our-recommendations/actions/{draft.id}/plan")
    assert after.status_code == 302  # agreed: the plan is settled, the page says how to move the date
    client.post(f"/our-recommendations/actions/{draft.id}/plan", data={"text": "Something else"})
    db.session.refresh(draft)
    assert draft.text == "Audit 20 cases a quarter"


def error_summary_text(response) -> list[str]:
    from bs4 import BeautifulSoup

    return error_summary(BeautifulSoup(response.get_data(as_text=True), "html.parser"))


def test_moving_an_agreed_date_needs_the_coordinator_and_keeps_both_dates(app, client, two_agency_plan):
    police, *_, first, second = two_agency_plan
    _sign_in(client, make.user("agency", agency=police))
    refused = client.post(f"/our-recommendations/actions/{first.id}/target-date",
                          data=_with_date({"reason": ""}, "to_date", days(150)))
    assert error_summary_text(refused) == ["Enter why the date needs to move"]
    client.post(f"/our-recommendations/actions/{first.id}/target-date",
                data=_with_date({"reason": "The IT change slipped a quarter"}, "to_date", days(150)))
    db.session.refresh(first)
    change = TargetDateChange.query.one()
    assert first.target_date == days(60) and (change.from_date, change.to_date) == (days(60), days(150))
    _sign_in(client, make.user("admin"))
    without_reason = client.post(f"/recommendations/date-changes/{change.id}", data={"decision": "refused"})
    assert error_summary_text(without_reason) == ["Enter a message for the agency"]
    client.post(f"/recommendations/date-changes/{change.id}", data={"decision": "accepted"})
    db.session.refresh(first)
    assert first.target_date == days(150) and change.decision == "accepted"
    history = client.get(f"/recommendations/actions/{first.id}").get_data(as_text=True)
    assert f"from {long_date(days(60))} to {long_date(days(150))}" in history


def test_a_chair_adds_changes_and_removes_actions_with_a_conflict_page(app, client, two_agency_plan):
    police, housing, health, probation, chair, review, rec, first, second = two_agency_plan
    _sign_in(client, chair)
    client.post(f"/reviews/{review.id}/recommendations/{rec.id}/actions/new",
                data=_with_date({"text": "Health adds a routine enquiry prompt", "lead_agency_id": str(health.id),
                                 "status": "not_started"}, "target_date", days(45)))
    db.session.refresh(rec)
    third = rec.actions[2]
    assert (third.number, third.lead_agency_id, third.is_agreed) == ("1.3", health.id, False)
    stale = {"text": "Mine", "lead_agency_id": str(health.id), "status": "on_track", "version": str(third.version)}
    client.post(f"/reviews/{review.id}/actions/{third.id}/edit", data={**stale, "text": "Theirs"})
    conflict = client.post(f"/reviews/{review.id}/actions/{third.id}/edit", data=stale)
    assert conflict.status_code == 409 and "Mine" in conflict.get_data(as_text=True)
    db.session.refresh(third)
    assert third.text == "Theirs"
    assert client.post(f"/reviews/{review.id}/actions/{third.id}/remove").status_code == 302
    db.session.refresh(rec)
    assert [a.number for a in rec.actions] == ["1.1", "1.2"]


def test_an_action_with_updates_is_not_removed_and_the_last_action_stays(app, client, two_agency_plan):
    police, housing, health, probation, chair, review, rec, first, second = two_agency_plan
    make.update(rec, on=second, author=make.user("agency", agency=housing))
    _sign_in(client, chair)
    page = client.post(f"/reviews/{review.id}/actions/{second.id}/remove").get_data(as_text=True)
    assert "cannot be removed" in page
    lone = make.recommendation(review, "2", "A lone recommendation.", lead=police)
    page = client.post(f"/reviews/{review.id}/actions/{lone.actions[0].id}/remove").get_data(as_text=True)
    assert "at least one action" in page


def test_an_action_lead_sees_the_unpublished_recommendation_it_works_on(app, client):
    police, housing = make.agency("Northshire Police", "police"), make.agency("City Housing", "housing")
    review = make.review("DHR-2025-01", stage="drafting")
    rec = make.recommendation(review, "1", "Share information.", lead=police)
    action = make.action(rec, "Housing shares tenancy alerts", lead=housing, target_date=days(40))
    _sign_in(client, make.user("agency", agency=housing))
    assert client.get(f"/reviews/{review.id}").status_code == 200
    listed = client.get("/our-recommendations").get_data(as_text=True)
    assert "Share information." in listed
    assert client.get(f"/our-recommendations/actions/{action.id}").status_code == 200
    assert _post_update(client, action).status_code == 302


def test_the_action_plan_pdf_and_spreadsheet_carry_a_row_per_action(app, client, two_agency_plan):
    police, housing, health, probation, chair, review, rec, first, second = two_agency_plan
    _sign_in(client, make.user("admin"))
    sheet = client.get(f"/recommendations/reviews/{review.id}/export.csv").get_data(as_text=True)
    assert "Police flag repeat callers" in sheet and "Housing asks about abuse at every tenancy visit" in sheet
    assert sheet.count("Agencies share risk information at every referral.") == 2
