"""The API for agencies' systems: every kind of token against every endpoint (a local agency's,
a national body's, revoked, expired, unknown, a deactivated user's, none, a signed-in browser's
cookie), what each answer holds and leaves out, the checks on what is posted, the audit trail and
the per-token rate limit."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dhr import create_app
from dhr.data import api_tokens, audit_words, commit, history, national
from dhr.data.models import AuditEvent, RecommendationUpdate
from dhr.data.vocab import NationalResponse
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD

SENT_ON = dt.date.today() - dt.timedelta(days=3)  # within the 56 days a body has to answer


@pytest.fixture
def world(app):
    return make_world()


def make_world() -> dict:
    """Police and Housing (local agencies) and the Home Office and NHS England (national bodies),
    each leading one recommendation of an unpublished review; the two national ones are sent.
    A token of each kind, by name, and the secret of each."""
    coordinator = make.admin(email="coordinator@example.org")
    police, housing = make.agency("Northshire Police", "police"), make.agency("City Housing", "housing")
    home_office, nhs = make.agency("Home Office", "national"), make.agency("NHS England", "national")
    home_office.contact_email, nhs.contact_email = "ho@example.org", "nhs@example.org"
    national.set_up(commissioner="commissioner@example.org")
    review = make.review("DHR-2025-07", pseudonym="Dina", stage="drafting", restricted_notes="PANEL-ONLY notes")
    ours = make.recommendation(review, "1", "Police should flag repeat callers.", lead=police,
                               action_to_take="Flag repeat callers", target_date=dt.date(2026, 9, 30))
    theirs = make.recommendation(review, "2", "Housing should ask at every tenancy visit.", lead=housing)
    to_home_office = make.recommendation(review, "3", "The Home Office should revise the checklist.",
                                         lead=home_office, scope="national")
    to_nhs = make.recommendation(review, "4", "NHS England should fund routine enquiry.", lead=nhs, scope="national")
    for rec in (to_home_office, to_nhs):
        national.send(rec, coordinator, SENT_ON)
    users = {"local": make.agency_user(police, email="police@example.org"),
             "national": make.agency_user(home_office, email="homeoffice@example.org"),
             "revoked": make.agency_user(police, email="revoked@example.org"),
             "expired": make.agency_user(police, email="expired@example.org"),
             "deactivated": make.agency_user(police, email="gone@example.org")}
    tokens, secrets = {}, {}
    for kind, user in users.items():
        tokens[kind], secrets[kind] = api_tokens.create(user, f"{kind} system", coordinator)
    api_tokens.revoke(tokens["revoked"])
    tokens["expired"].expires_at = dt.datetime(2020, 1, 1)
    users["deactivated"].active = False
    secrets["unknown"] = "dhr_not-a-token-anyone-was-given"
    commit()
    return dict(coordinator=coordinator, police=police, review=review, ours=ours, theirs=theirs,
                to_home_office=to_home_office, to_nhs=to_nhs, users=users, tokens=tokens, secrets=secrets)


def call(client, method: str, path: str, secret: str | None = None, json=None):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.open(f"/api/v1{path}", method=method, headers=headers, json=json)


UPDATE = {"narrative": "Repeat callers are now flagged on the call system.", "proposed_status": "on_track"}
RESPONSE = {"response": "partly_met", "narrative": "The checklist is under revision; due next spring."}


def _endpoints(w) -> dict[str, tuple[str, str, dict | None]]:
    own, other = w["ours"].actions[0].id, w["theirs"].actions[0].id
    sent, not_ours = w["to_home_office"].id, w["to_nhs"].id
    return {
        "list actions": ("GET", "/actions", None),
        "own action": ("GET", f"/actions/{own}", None),
        "another agency's action": ("GET", f"/actions/{other}", None),
        "update own action": ("POST", f"/actions/{own}/updates", UPDATE),
        "update another agency's action": ("POST", f"/actions/{other}/updates", UPDATE),
        "list recommendations": ("GET", "/recommendations", None),
        "recommendation sent to the body": ("GET", f"/recommendations/{sent}", None),
        "recommendation sent to another body": ("GET", f"/recommendations/{not_ours}", None),
        "answer the body's recommendation": ("POST", f"/recommendations/{sent}/response", RESPONSE),
        "answer another body's recommendation": ("POST", f"/recommendations/{not_ours}/response", RESPONSE),
    }


# What each kind of token is answered at each endpoint.
EXPECTED = {
    "local": {"list actions": 200, "own action": 200, "another agency's action": 404, "update own action": 201,
              "update another agency's action": 404, "list recommendations": 403,
              "recommendation sent to the body": 404, "recommendation sent to another body": 404,
              "answer the body's recommendation": 404, "answer another body's recommendation": 404},
    "national": {"list actions": 200, "own action": 404, "another agency's action": 404, "update own action": 404,
                 "update another agency's action": 404, "list recommendations": 200,
                 "recommendation sent to the body": 200, "recommendation sent to another body": 404,
                 "answer the body's recommendation": 200, "answer another body's recommendation": 404},
    **{kind: "all 401" for kind in ("revoked", "expired", "unknown", "deactivated", "none")},
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_kind_of_token_is_answered_as_its_user_may_at_every_endpoint(app, client, world, kind):
    secret = world["secrets"].get(kind)
    got, wanted = {}, {}
    for name, (method, path, body) in _endpoints(world).items():
        response = call(client, method, path, secret, body)
        got[name] = response.status_code
        wanted[name] = 401 if EXPECTED[kind] == "all 401" else EXPECTED[kind][name]
        if response.status_code >= 400:
            problem = response.get_json()
            assert response.mimetype == "application/problem+json" and problem["status"] == response.status_code
            assert problem["detail"], name
    assert got == wanted


def test_a_signed_in_browser_is_not_an_api_client(app, client, world):
    user = world["users"]["local"]
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    assert client.get("/our-recommendations/actions").status_code == 200  # the session works on the pages
    for method, path, body in _endpoints(world).values():
        response = call(client, method, path, json=body)
        assert response.status_code == 401, path
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert db.session.scalar(select(RecommendationUpdate)) is None
    # and an API answer never sets a cookie
    assert "Set-Cookie" not in call(client, "GET", "/actions", world["secrets"]["local"]).headers


def test_the_action_list_holds_only_the_agency_s_actions_a_page_at_a_time(app, client, world):
    extra = make.action(world["ours"], "Audit the flags monthly", lead=world["police"])
    answer = call(client, "GET", "/actions?per_page=1", world["secrets"]["local"]).get_json()
    assert answer["total"] == 2 and answer["per_page"] == 1 and len(answer["items"]) == 1
    second = call(client, "GET", "/actions?per_page=1&page=2", world["secrets"]["local"]).get_json()
    ids = {answer["items"][0]["id"], second["items"][0]["id"]}
    assert ids == {world["ours"].actions[0].id, extra.id}
    item = answer["items"][0]
    assert item["recommendation"]["review"] == {"reference": "DHR-2025-07", "pseudonym": "Dina"}
    text = str(answer) + str(second)
    assert "tenancy" not in text and "PANEL-ONLY" not in text
    for bad in ("page=0", "page=x", "per_page=1000", "page=" + "9" * 5000, "per_page=-1"):
        response = call(client, "GET", f"/actions?{bad}", world["secrets"]["local"])
        assert response.status_code == 400 and "must be a whole number" in response.get_json()["detail"], bad


def test_an_update_is_posted_as_on_the_web_and_audited_as_through_the_token(app, client, world):
    action = world["ours"].actions[0]
    response = call(client, "POST", f"/actions/{action.id}/updates", world["secrets"]["local"],
                    {**UPDATE, "submission_key": "police-system-0001"})
    assert response.status_code == 201
    posted = db.session.get(RecommendationUpdate, response.get_json()["id"])
    assert posted.narrative == UPDATE["narrative"] and posted.author_id == world["users"]["local"].id
    assert posted.assessment == "pending" and action.status == "not_started"  # the coordinator assesses it
    again = call(client, "POST", f"/actions/{action.id}/updates", world["secrets"]["local"],
                 {**UPDATE, "submission_key": "police-system-0001"})
    assert again.status_code == 200 and again.get_json()["id"] == posted.id
    assert len(db.session.scalars(select(RecommendationUpdate)).all()) == 1
    shown = call(client, "GET", f"/actions/{action.id}", world["secrets"]["local"]).get_json()
    assert [u["narrative"] for u in shown["updates"]] == [UPDATE["narrative"]]
    words = [told.words for told in audit_words.in_words(history.of_action(action))]
    assert "Through the API token ‘local system’, posted an update on Action 1 of Recommendation 1 (DHR-2025-07)" \
        in words
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "recommendation_update"))
    assert event.user_id == world["users"]["local"].id  # the change is the token's user's


@pytest.mark.parametrize("body, field, message", [
    ({"proposed_status": "on_track"}, "narrative", "Enter what has been done"),
    ({"narrative": "   ", "proposed_status": "on_track"}, "narrative", "Enter what has been done"),
    ({"narrative": "x" * 10001, "proposed_status": "on_track"}, "narrative",
     "Update must be 10,000 characters or fewer"),
    ({"narrative": 5, "proposed_status": "on_track"}, "narrative", "narrative must be text"),
    ({"narrative": "Done"}, "proposed_status", "Select the status you propose"),
    ({"narrative": "Done", "proposed_status": "verified"}, "proposed_status", "Select the status you propose: one of"),
    ({"narrative": "Do\x00ne", "proposed_status": "on_track"}, "narrative", "narrative must not hold a null character"),
])
def test_an_update_is_checked_as_the_web_form_checks_it(app, client, world, body, field, message):
    action = world["ours"].actions[0]
    response = call(client, "POST", f"/actions/{action.id}/updates", world["secrets"]["local"], body)
    assert response.status_code == 422
    assert response.get_json()["errors"][field].startswith(message)
    assert db.session.scalar(select(RecommendationUpdate)) is None


def test_a_body_that_is_not_a_json_object_is_a_bad_request(app, client, world):
    url = f"/api/v1/actions/{world['ours'].actions[0].id}/updates"
    headers = {"Authorization": f"Bearer {world['secrets']['local']}"}
    for data, kind in (("narrative=x", "application/x-www-form-urlencoded"), ("[1, 2]", "application/json"),
                       ("{not json", "application/json")):
        response = client.post(url, data=data, content_type=kind, headers=headers)
        assert response.status_code == 400 and response.mimetype == "application/problem+json", data


def test_a_national_body_answers_in_the_commissioner_s_categories(app, client, world):
    rec = world["to_home_office"]
    listed = call(client, "GET", "/recommendations", world["secrets"]["national"]).get_json()
    assert [item["id"] for item in listed["items"]] == [rec.id] and listed["items"][0]["standing"] == "awaiting"
    refused = call(client, "POST", f"/recommendations/{rec.id}/response", world["secrets"]["national"],
                   {"response": "done-ish", "narrative": ""})
    assert refused.status_code == 422
    assert set(refused.get_json()["errors"]) == {"response", "narrative"}
    answer = call(client, "POST", f"/recommendations/{rec.id}/response", world["secrets"]["national"], RESPONSE)
    assert answer.status_code == 200 and answer.get_json()["response_label"] == "Partly met"
    db.session.expire_all()
    assert rec.referral.response == NationalResponse.PARTLY_MET
    assert rec.referral.responded_by_id == world["users"]["national"].id
    words = [told.words for told in audit_words.in_words(history.of_recommendation(rec))]
    assert "Home Office responded to Recommendation 3 (DHR-2025-07): Partly met" in words
    assert "Through the API token ‘national system’, answered on Recommendation 3 (DHR-2025-07)" in words


def test_refused_tokens_are_audited_with_the_reason(app, client, world):
    for kind in ("revoked", "expired", "deactivated", "unknown"):
        call(client, "GET", "/actions", world["secrets"][kind])
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == api_tokens.REFUSED)
                                .order_by(AuditEvent.id)).all()
    assert [e.changes["why"] for e in events] == [
        "a revoked token", "an expired token", "a token of a user who may no longer use one", "an unknown token"]
    words = [told.words for told in audit_words.in_words(events)]
    revoked = world["users"]["revoked"]
    assert words[0] == f"Was refused the API (a revoked token: ‘revoked system’ acting as {revoked.name})"
    assert words[3] == "Was refused the API (an unknown token)"
    assert {e.changes["path"] for e in events} == {"/api/v1/actions"}


def test_a_token_s_use_is_noted(app, client, world):
    token = world["tokens"]["local"]
    assert token.last_used_at is None
    call(client, "GET", "/actions", world["secrets"]["local"])
    db.session.expire_all()
    assert token.last_used_at is not None


def test_each_token_has_its_own_rate_limit_answered_as_a_json_problem(database_url, tmp_path, world):
    limited = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "k",
                          "DHR_INDEX_DIR": str(tmp_path / "index"), "RATELIMIT_ENABLED": True,
                          "RATELIMIT_STORAGE_URI": "memory://", "DHR_API_LIMIT": "3 per minute"})
    client = limited.test_client()
    local, national_secret = world["secrets"]["local"], world["secrets"]["national"]
    with limited.app_context():
        answers = [call(client, "GET", "/actions", local).status_code for _ in range(3)]
        answers.append(call(client, "GET", f"/actions/{world['ours'].actions[0].id}", local).status_code)
        other = call(client, "GET", "/recommendations", national_secret).status_code
        too_many = call(client, "GET", "/actions", local)
        db.session.remove()
    assert answers == [200, 200, 200, 429] and other == 200
    assert too_many.status_code == 429 and too_many.mimetype == "application/problem+json"
    assert too_many.get_json()["title"] == "Too many requests"


def test_a_supporting_agency_reads_an_action_but_only_the_lead_posts_on_it(app, client, world):
    supporter = make.agency("City Housing", "housing")
    rec = make.recommendation(world["review"], "5", "Police and Housing should share flags.", lead=world["police"],
                              supporting=[supporter])
    user = make.agency_user(supporter, email="housing@example.org")
    _, secret = api_tokens.create(user, "Housing system", world["coordinator"])
    commit()
    action = rec.actions[0]
    assert call(client, "GET", f"/actions/{action.id}", secret).status_code == 200
    refused = call(client, "POST", f"/actions/{action.id}/updates", secret, UPDATE)
    assert refused.status_code == 403 and "Only the agency leading action 5.1" in refused.get_json()["detail"]
    assert action.id not in [a["id"] for a in call(client, "GET", "/actions", secret).get_json()["items"]]


def test_a_token_stops_working_when_its_user_is_no_longer_an_agency_user(app, client, world):
    user = world["users"]["local"]
    assert call(client, "GET", "/actions", world["secrets"]["local"]).status_code == 200
    user.role, user.agency_id = "trainer", None
    commit()
    assert call(client, "GET", "/actions", world["secrets"]["local"]).status_code == 401


def test_unknown_query_parameters_and_methods_are_answered_as_problems(app, client, world):
    secret = world["secrets"]["local"]
    unknown = call(client, "GET", f"/actions/{world['ours'].actions[0].id}?include=everything", secret)
    assert unknown.status_code == 400 and "include" in unknown.get_json()["detail"]
    wrong = call(client, "DELETE", "/actions", secret)
    assert wrong.status_code == 405 and wrong.headers["Allow"] == "GET, HEAD, OPTIONS"
    missing = call(client, "GET", "/nothing-here", secret)
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
