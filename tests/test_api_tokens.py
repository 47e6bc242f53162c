"""The coordinator's API tokens page (made and shown once, revoked, audited in plain words), the
OpenAPI document kept in step with the routes, and migration 0022."""
from __future__ import annotations

import datetime as dt

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select
from werkzeug.datastructures import MultiDict

from dhr import create_app
from dhr.data import api_tokens, audit_words
from dhr.data.api_token_models import ApiToken
from dhr.data.models import AuditEvent
from dhr.extensions import db

from . import factories as make
from .helpers import check_page, date_fields, error_summary, scratch_database_url

PAGE = "/admin/api-tokens"


def test_the_coordinator_makes_a_token_shown_once_that_works_and_then_revokes_it(app, sign_in, client):
    holder = make.agency_user("Northshire Police", email="police@example.org", name="Pat Police")
    page, _ = sign_in("admin")
    form = page.get(PAGE)
    assert "Pat Police (Northshire Police)" in form.select_one("select[name=user_id]").get_text()
    made = page.post(PAGE, data={"user_id": str(holder.id), "name": "Police case system"})
    secret = made.select_one("#made-token").get_text(strip=True)
    token = db.session.scalar(select(ApiToken))
    assert token.token_hash == api_tokens.hash_of(secret) and secret not in token.token_hash
    assert secret not in page.get(PAGE).get_text()  # shown only once
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/actions", headers=headers).status_code == 200
    page.post(f"{PAGE}/{token.id}/revoke", expected_status=302)
    assert client.get("/api/v1/actions", headers=headers).status_code == 401
    assert "Revoked" in page.get(PAGE).select_one("table").get_text()
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action.in_(
        [api_tokens.CREATED, api_tokens.REVOKED])).order_by(AuditEvent.id)).all()
    assert [told.words for told in audit_words.in_words(events)] == [
        "Made the API token ‘Police case system’ acting as Pat Police, working until it is revoked",
        "Revoked the API token ‘Police case system’ acting as Pat Police"]
    assert all(secret not in str(e.changes) and token.token_hash not in str(e.changes) for e in events)


def test_a_token_is_refused_for_no_one_no_name_a_past_date_or_a_non_agency_user(app, sign_in):
    trainer = make.trainer(email="trainer@example.org")
    holder = make.agency_user("Northshire Police", email="police@example.org")
    page, _ = sign_in("admin")
    soup = page.post(PAGE, data={"user_id": "", "name": ""})
    assert error_summary(soup) == ["Select the agency user the token acts as", "Enter a name for the token"]
    soup = page.post(PAGE, data={"user_id": str(trainer.id), "name": "Trainer's tool"})
    assert error_summary(soup) == ["Select an active agency user for the token to act as"]
    assert soup.select_one("input[name=name]")["value"] == "Trainer's tool"  # what was typed is kept
    past = dt.date.today() - dt.timedelta(days=1)
    soup = page.post(PAGE, data=MultiDict([("user_id", str(holder.id)), ("name", "Old"),
                                           *date_fields("expires_on", past)]))
    assert error_summary(soup) == ["The expiry date must be in the future"]
    assert db.session.scalar(select(ApiToken)) is None


def test_only_the_coordinator_manages_tokens(app, sign_in):
    holder = make.agency_user("Northshire Police", email="police@example.org")
    page, _ = sign_in("chair")
    page.get(PAGE, expected_status=403)
    page.post(PAGE, data={"user_id": str(holder.id), "name": "Sneaky"}, expected_status=403)
    assert db.session.scalar(select(ApiToken)) is None


def test_the_openapi_document_and_the_routes_are_in_step(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.") and document["servers"] == [{"url": "/api/v1"}]
    documented = {(path, method.upper()) for path, item in document["paths"].items() for method in item}
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            path = rule.rule.removeprefix("/api/v1").replace("<int:", "{").replace(">", "}") or "/"
            routed |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert routed == documented and len(routed) >= 8
    guide = check_page(client.get("/api/v1/").get_data(as_text=True))
    assert guide.select_one("a[href='/api/v1/openapi.json']") is not None


def test_migration_0022_adds_the_api_token_table_and_takes_it_away(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0021")
        assert "api_token" not in inspect(db.engine).get_table_names()
        upgrade(revision="0022")
        columns = {c["name"] for c in inspect(db.engine).get_columns("api_token")}
        assert columns == {c.name for c in ApiToken.__table__.columns}
        unique = inspect(db.engine).get_unique_constraints("api_token")
        assert any(u["column_names"] == ["token_hash"] for u in unique)
        downgrade(revision="0021")
        assert "api_token" not in inspect(db.engine).get_table_names()
        db.engine.dispose()
