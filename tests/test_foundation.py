"""The app factory, sign-in, role declarations, error pages and health check."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from dhr.access import ALL_ROLES
from dhr.data import audit, users
from dhr.data.models import AuditEvent
from dhr.extensions import db
from search import host, indexing

from .factories import TEST_PASSWORD
from .helpers import check_page, damage_index, error_summary


def test_migrations_produce_exactly_the_models_schema(app):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []


def test_every_route_declares_who_may_use_it(app):
    undeclared = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not hasattr(app.view_functions[rule.endpoint], "access_rule")
    ]
    assert undeclared == []


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_sign_in_page_is_valid_html(pages):
    soup = pages.get("/sign-in")
    assert soup.h1.get_text(strip=True) == "Sign in"
    assert "GOV.UK" not in soup.get_text()


def test_sign_in_with_each_role_lands_on_home(sign_in):
    for role in ALL_ROLES:
        page_client, user = sign_in(role)
        soup = page_client.get("/", follow_redirects=True)  # agency users land on "Our recommendations"
        assert user.name in soup.get_text()
        page_client.client.post("/sign-out")


def test_wrong_password_is_refused_with_an_error_summary_and_audited(pages, make_user):
    user = make_user("chair")
    soup = pages.post("/sign-in", data={"email": user.email, "password": "not the password"})
    assert error_summary(soup) == ["Enter a correct email address and password"]
    assert soup.select_one("#email")["value"] == user.email
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "sign_in_failed")) is not None


def test_empty_sign_in_form_names_each_missing_field(pages):
    soup = pages.post("/sign-in", data={"email": "", "password": ""})
    assert error_summary(soup) == ["Enter your email address", "Enter your password"]
    assert soup.title.get_text().startswith("Error:")


def test_repeated_failures_slow_their_address_down_without_locking_the_account(pages, make_user):
    user = make_user("trainer")
    for _ in range(5):
        pages.post("/sign-in", data={"email": user.email, "password": "wrong password here"})
    soup = pages.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    (message,) = error_summary(soup)
    assert message.startswith("Too many attempts. Wait ") and message.endswith(", then try again.")
    elsewhere = pages.client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD},
                                  environ_base={"REMOTE_ADDR": "198.51.100.20"})
    assert elsewhere.status_code == 302


def test_sign_in_does_not_follow_next_to_another_site(client, make_user):
    user = make_user("chair")
    response = client.post(
        "/sign-in?next=//evil.example/steal", data={"email": user.email, "password": TEST_PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_trainer_is_refused_administration_and_refusal_is_audited(sign_in):
    page_client, user = sign_in("trainer")
    soup = page_client.get("/admin/", expected_status=403)
    assert "You do not have permission" in soup.h1.get_text()
    denied = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "access_denied")).all()
    assert [e.user_id for e in denied] == [user.id]


def test_unknown_page_is_a_plain_404(sign_in):
    page_client, _ = sign_in("chair")
    soup = page_client.get("/no-such-page", expected_status=404)
    assert soup.h1.get_text(strip=True) == "Page not found"


def test_unexpected_error_shows_no_stack_trace(app, client):
    from dhr.access import public

    @public
    def explode():
        raise RuntimeError("secret internals")

    app.add_url_rule("/explode-for-test", "explode", explode)
    response = client.get("/explode-for-test")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret internals" not in body and "Traceback" not in body
    check_page(body)


def test_security_headers_are_set(client):
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_healthz_tells_the_public_only_whether_the_service_is_ok(app, client, runner, sign_in):
    missing_index = client.get("/healthz")  # being built in the background: the rest is served
    assert (missing_index.status_code, missing_index.json) == (200, {"status": "degraded"})
    assert host.wait(app, timeout=60)
    indexing.rebuild()
    damage_index()
    broken = client.get("/healthz")
    assert (broken.status_code, broken.json) == (503, {"status": "unavailable"})
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    built = client.get("/healthz")
    assert (built.status_code, built.json) == (200, {"status": "ok"})
    sign_in("chair")
    assert client.get("/healthz").json == {"status": "ok"}  # the detail is the coordinator's


def test_healthz_shows_the_coordinator_each_check(app, client, runner, sign_in):
    sign_in("admin")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["checks"]["database"] == "ok"
    assert response.json["checks"]["index"] == "degraded"
    assert host.wait(app, timeout=60)
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    response = client.get("/healthz")
    assert response.json["status"] == "ok"
    assert response.json["checks"] == {"database": "ok", "index": "ok", "index_detail": "0 documents"}


def test_users_create_reads_password_from_stdin(runner, app):
    result = runner.invoke(args=["users", "create", "new.chair@example.org", "--role", "chair"],
                           input="a long enough passphrase\n")
    assert result.exit_code == 0, result.output
    assert users.by_email("new.chair@example.org").role == "chair"


def test_users_create_refuses_weak_password_and_unknown_agency(runner, app):
    weak = runner.invoke(args=["users", "create", "x@example.org", "--role", "chair"], input="short\n")
    assert weak.exit_code != 0 and "at least 12 characters" in weak.output
    unknown = runner.invoke(args=["users", "create", "y@example.org", "--role", "agency", "--agency", "Nowhere"],
                            input="a long enough passphrase\n")
    assert unknown.exit_code != 0 and "Unknown agency 'Nowhere'" in unknown.output
    assert users.by_email("x@example.org") is None and users.by_email("y@example.org") is None


def test_every_change_is_audited_with_who_and_what(app):
    from dhr.data import agencies, commit, tracking

    with tracking.acting_as("test operator"):
        agency = agencies.create("Housing", "housing")
        commit()
        agency.name = "Housing services"
        commit()
    events = audit.trail("agency", agency.id)
    assert [e.action for e in events] == ["update", "create"]
    assert events[0].actor == "test operator"
    assert events[0].changes["name"] == {"from": "Housing", "to": "Housing services"}


def test_review_label_setting_switches_wording(database_url, tmp_path, monkeypatch):
    from dhr import create_app

    monkeypatch.setenv("DHR_REVIEW_LABEL", "DARDR")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "SECRET_KEY": "x",
                      "DHR_INDEX_DIR": str(tmp_path / "ix")})
    response = app.test_client().get("/sign-in")
    assert "DARDR learning and recommendations tracker" in response.get_data(as_text=True)


def test_database_outage_shows_temporarily_unavailable_page(app, client, make_user, monkeypatch):
    user = make_user("chair")
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    from sqlalchemy.exc import OperationalError

    from dhr.data import users as user_data

    def database_down(user_id):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(user_data, "get", database_down)
    response = client.get("/")
    assert response.status_code == 503
    soup = check_page(response.get_data(as_text=True))
    assert soup.h1.get_text(strip=True) == "Sorry, the service is temporarily unavailable"


def test_database_lost_mid_request_still_answers_a_plain_503(app, client, make_user, monkeypatch):
    """The user was loaded before the database went away; drawing the error page must not
    try to reload them (found by the fault run of bench/load_test.py)."""
    from flask_login import current_user
    from sqlalchemy.exc import OperationalError

    from dhr.access import signed_in

    def connection_refused(*args, **kwargs):
        raise OperationalError("connect", {}, Exception("the database system is shutting down"))

    @signed_in
    def database_goes_away():
        assert current_user.name
        db.session.expire_all()
        monkeypatch.setattr(db.engine.pool, "connect", connection_refused)
        raise OperationalError("SELECT 1", {}, Exception("terminating connection"))

    app.add_url_rule("/database-goes-away", "database_goes_away", database_goes_away)
    user = make_user("chair")
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    response = client.get("/database-goes-away")
    monkeypatch.undo()
    assert response.status_code == 503
    assert check_page(response.get_data(as_text=True)).h1.get_text(strip=True) == (
        "Sorry, the service is temporarily unavailable")


def test_the_served_app_keeps_its_start_up_objects_out_of_the_garbage_collectors_sight(tmp_path):
    """gunicorn's entry point: the app and everything loaded with it are frozen, so a full
    collection during a request walks only what requests made."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'dhr.sqlite'}", "DHR_INDEX_DIR": str(tmp_path / "ix"),
           "SECRET_KEY": "served-app-test"}
    shown = subprocess.run([sys.executable, "-c", "import gc, wsgi; print(wsgi.app.name, gc.get_freeze_count())"],
                           cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True,
                           timeout=120)
    name, frozen = shown.stdout.split()
    assert name == "dhr" and int(frozen) > 50_000, shown.stderr
