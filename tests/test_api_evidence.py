"""Evidence files through the API: an agency's token attaches a file to an update its agency
posted (multipart/form-data), checked by the same rules as the update form's evidence; it and
the update's other readers list and download the files; every other token is refused, and every
refusal is a JSON problem that stores nothing."""
from __future__ import annotations

import hashlib
import io

import pytest
from sqlalchemy import func, select

from dhr import create_app
from dhr.data import api_tokens, audit_words, commit, history, progress
from dhr.data.models import AuditEvent, Document
from dhr.extensions import db

from . import factories as make
from .factories import PDF, TEST_PASSWORD
from .test_api import make_world
from .test_hostile_uploads import EVIDENCE_FILES, nothing_stored, stored_files


@pytest.fixture
def world(app):
    """test_api's world, with a pending update on each of Police's and Housing's actions and a
    token of a supporting agency (Victim Support, on Police's recommendation)."""
    w = make_world()
    ours, theirs = w["ours"].actions[0], w["theirs"].actions[0]
    w["update"] = progress.post_update(ours, w["users"]["local"], "Flags are live.", "on_track")
    housing_user = make.agency_user(theirs.lead_agency, email="housing@example.org")
    w["their_update"] = progress.post_update(theirs, housing_user, "Visits include the question.", "on_track")
    supporter = make.agency("Victim Support", "voluntary")
    w["ours"].supporting_agencies.append(supporter)
    _, w["secrets"]["supporting"] = api_tokens.create(make.agency_user(supporter, email="vs@example.org"),
                                                      "supporting system", w["coordinator"])
    commit()
    return w


def _url(action, update, document_id: int | None = None) -> str:
    url = f"/api/v1/actions/{action.id}/updates/{update.id}/evidence"
    return url if document_id is None else f"{url}/{document_id}"


def _auth(secret: str | None) -> dict:
    return {"Authorization": f"Bearer {secret}"} if secret else {}


def attach(client, secret, action, update, content=PDF, name="training-register.pdf"):
    return client.post(_url(action, update), headers=_auth(secret), content_type="multipart/form-data",
                       data={"file": (io.BytesIO(content), name)})


def test_an_agency_token_attaches_evidence_and_reads_it_back(app, client, world):
    action, update, secret = world["ours"].actions[0], world["update"], world["secrets"]["local"]
    answer = attach(client, secret, action, update)
    assert answer.status_code == 201, answer.get_json()
    sent = answer.get_json()
    assert sent["filename"] == "training-register.pdf" and sent["content_type"] == "application/pdf"
    assert sent["size_bytes"] == len(PDF) and sent["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert answer.headers["Location"] == sent["download"] == _url(action, update, sent["id"])
    stored = db.session.get(Document, sent["id"])
    assert stored.update_id == update.id and stored.review_id is None and stored.kind == "evidence"
    assert stored.uploaded_by_id == world["users"]["local"].id and len(stored_files(app)) == 1
    listed = client.get(_url(action, update), headers=_auth(secret)).get_json()
    assert listed == {"items": [sent]}
    got = client.get(sent["download"], headers=_auth(secret))
    assert got.status_code == 200 and got.data == PDF and got.mimetype == "application/pdf"
    assert got.headers["Cache-Control"] == "no-store" and "attachment" in got.headers["Content-Disposition"]
    shown = client.get(f"/api/v1/actions/{action.id}", headers=_auth(secret)).get_json()
    assert shown["updates"][0]["evidence_count"] == 1


def test_attaching_evidence_is_audited_as_through_the_token(app, client, world):
    action, update = world["ours"].actions[0], world["update"]
    assert attach(client, world["secrets"]["local"], action, update).status_code == 201
    words = [told.words for told in audit_words.in_words(history.of_action(action))]
    assert any(w.startswith("Through the API token ‘local system’, attached evidence on Northshire Police’s update "
                            "of ") and "Action 1 of Recommendation 1 (DHR-2025-07)" in w for w in words), words
    assert any(w.startswith("Uploaded the evidence file ‘training-register.pdf’ (PDF") for w in words), words
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "document"))
    assert event.user_id == world["users"]["local"].id


def _answers(client, world, secret) -> dict[str, int]:
    """What `secret` is answered at each evidence endpoint, on Police's update and on Housing's."""
    ours, theirs = world["ours"].actions[0], world["theirs"].actions[0]
    police_file = progress.add_evidence(world["update"], world["users"]["local"],
                                        [progress.EvidenceFile("police.pdf", PDF)])[0]
    housing_file = progress.add_evidence(world["their_update"], world["their_update"].author,
                                         [progress.EvidenceFile("housing.pdf", PDF)])[0]
    commit()
    got = {}
    for whose, action, update, file in (("police", ours, world["update"], police_file),
                                        ("housing", theirs, world["their_update"], housing_file)):
        got[f"list {whose}"] = client.get(_url(action, update), headers=_auth(secret)).status_code
        got[f"download {whose}"] = client.get(_url(action, update, file.id), headers=_auth(secret)).status_code
        got[f"attach {whose}"] = attach(client, secret, action, update).status_code
    return got


def _expected(police: tuple[int, int, int], housing: tuple[int, int, int]) -> dict[str, int]:
    return {f"{verb} {whose}": code for whose, codes in (("police", police), ("housing", housing))
            for verb, code in zip(("list", "download", "attach"), codes, strict=True)}


EXPECTED = {
    "local": _expected((200, 200, 201), (404, 404, 404)),
    "national": _expected((404, 404, 404), (404, 404, 404)),
    "supporting": _expected((200, 200, 403), (404, 404, 404)),
    **{kind: _expected((401, 401, 401), (401, 401, 401))
       for kind in ("revoked", "expired", "unknown", "deactivated", "none")},
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_kind_of_token_is_answered_as_its_user_may_at_the_evidence_endpoints(app, client, world, kind):
    got = _answers(client, world, world["secrets"].get(kind))
    assert got == EXPECTED[kind]
    attached = 1 if kind == "local" else 0
    assert db.session.scalar(select(func.count()).select_from(Document)) == 2 + attached
    assert len(stored_files(app)) == 2 + attached


def test_a_refusal_is_a_json_problem_with_a_reason(app, client, world):
    housing = attach(client, world["secrets"]["local"], world["theirs"].actions[0], world["their_update"])
    assert housing.mimetype == "application/problem+json" and housing.get_json()["status"] == 404
    refused = attach(client, world["secrets"]["supporting"], world["ours"].actions[0], world["update"])
    assert refused.mimetype == "application/problem+json"
    assert f"Only the agency that posted update {world['update'].id}" in refused.get_json()["detail"]
    hidden = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "access_denied")).all()
    assert [e.entity_type for e in hidden] == ["action"]  # the other agency's attempt is audited


@pytest.mark.parametrize("case", EVIDENCE_FILES)
def test_a_hostile_file_is_refused_as_the_update_form_refuses_it(app, client, world, case):
    name, content, message = EVIDENCE_FILES[case]
    answer = attach(client, world["secrets"]["local"], world["ours"].actions[0], world["update"], content, name)
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    assert message in answer.get_json()["errors"]["file"], answer.get_json()
    nothing_stored(app)


def test_evidence_is_added_only_until_the_update_is_assessed(app, client, world):
    action, update = world["ours"].actions[0], world["update"]
    progress.assess(update, world["coordinator"], "accepted")
    commit()
    answer = attach(client, world["secrets"]["local"], action, update)
    assert answer.status_code == 403 and "until it is assessed" in answer.get_json()["detail"]
    nothing_stored(app)


def test_an_update_is_reached_only_through_its_own_action(app, client, world):
    extra = make.action(world["ours"], "Audit the flags monthly", lead=world["police"])
    commit()
    answer = attach(client, world["secrets"]["local"], extra, world["update"])
    assert answer.status_code == 404
    missing = client.get(_url(world["ours"].actions[0], world["update"], 999999),
                         headers=_auth(world["secrets"]["local"]))
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    nothing_stored(app)


def test_a_request_without_one_file_in_a_form_is_refused_plainly(app, client, world):
    url, headers = _url(world["ours"].actions[0], world["update"]), _auth(world["secrets"]["local"])
    as_json = client.post(url, headers=headers, json={"file": "JVBERi0="})
    assert as_json.status_code == 415 and "multipart/form-data" in as_json.get_json()["detail"]
    empty = client.post(url, headers=headers, content_type="multipart/form-data", data={"other": "x"})
    assert empty.status_code == 422 and empty.get_json()["errors"] == {"file": "Select a file to attach"}
    two = client.post(url, headers=headers, content_type="multipart/form-data",
                      data={"file": [(io.BytesIO(PDF), "a.pdf"), (io.BytesIO(PDF), "b.pdf")]})
    assert two.status_code == 422 and two.get_json()["errors"] == {"file": "Send one file per request"}
    nothing_stored(app)


def test_a_request_larger_than_the_service_takes_is_a_json_problem(app, client, world):
    app.config["MAX_CONTENT_LENGTH"] = 4096
    answer = attach(client, world["secrets"]["local"], world["ours"].actions[0], world["update"],
                    b"%PDF-1.4\n" + b"0" * 8192)
    assert answer.status_code == 413 and answer.mimetype == "application/problem+json"
    nothing_stored(app)


def test_attaching_counts_against_the_token_s_rate_limit(database_url, tmp_path, world):
    limited = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "k",
                          "DHR_INDEX_DIR": str(tmp_path / "index"), "DHR_UPLOAD_DIR": str(tmp_path / "files"),
                          "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
                          "DHR_API_LIMIT": "2 per minute"})
    client = limited.test_client()
    action, update, secret = world["ours"].actions[0], world["update"], world["secrets"]["local"]
    with limited.app_context():
        answers = [attach(client, secret, action, update).status_code for _ in range(3)]
        stored = db.session.scalar(select(func.count()).select_from(Document))
        db.session.remove()
    assert answers == [201, 201, 429] and stored == 2


def test_the_coordinator_assessing_the_update_finds_the_file_on_its_page(app, client, world):
    action, update = world["ours"].actions[0], world["update"]
    sent = attach(client, world["secrets"]["local"], action, update).get_json()
    coordinator = world["coordinator"]
    assert client.post("/sign-in", data={"email": coordinator.email, "password": TEST_PASSWORD}).status_code == 302
    page = client.get(f"/recommendations/{world['ours'].id}").get_data(as_text=True)
    assert "training-register.pdf" in page and f"/recommendations/evidence/{sent['id']}" in page
    assert client.get(f"/recommendations/evidence/{sent['id']}").data == PDF
