"""Sessions held on the server: signing out, a password change or the coordinator ends a
session wherever its cookie has been copied to; sessions lapse when idle and after an absolute
lifetime, and each sign-in starts a new one."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from dhr.access import ALL_ROLES
from dhr.config import from_environment
from dhr.data import users
from dhr.data.models import AuditEvent, UserSession, utcnow
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import PageClient, error_summary

NEW_PASSWORD = "a brand new passphrase of mine"


def _sign_in(client, user, password=TEST_PASSWORD):
    response = client.post("/sign-in", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def _cookie(client) -> str:
    return client.get_cookie("session").value


def _browser_holding(app, cookie: str):
    """Another browser, into which a copied session cookie has been pasted."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def _signed_in(client) -> bool:
    response = client.get("/")  # signed-out visitors are sent to sign in
    assert response.status_code in (200, 302)
    return response.status_code == 200


def _sessions(user) -> list[UserSession]:
    return list(db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)
                                   .order_by(UserSession.id)))


def _set_session_times(user, **times) -> None:
    for row in _sessions(user):
        for name, value in times.items():
            setattr(row, name, value)
    db.session.commit()


# --- signing out and signing in ---------------------------------------------------------------

def test_a_cookie_copied_before_sign_out_is_refused_after_it(app, client):
    chair = make.chair()
    _sign_in(client, chair)
    copied = _cookie(client)
    assert _signed_in(_browser_holding(app, copied))

    client.post("/sign-out")
    client.set_cookie("session", copied)
    assert not _signed_in(client)
    assert not _signed_in(_browser_holding(app, copied))
    assert [row.ended_at is not None for row in _sessions(chair)] == [True]


def test_each_sign_in_starts_a_new_session_and_ends_the_one_carried_in(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    chair = make.chair()

    def sign_in_with_a_token():
        token = PageClient(client).get("/sign-in").select_one("input[name=csrf_token]")["value"]
        response = client.post("/sign-in", data={"email": chair.email, "password": TEST_PASSWORD,
                                                  "csrf_token": token})
        assert response.status_code == 302

    client.get("/sign-in")
    before_sign_in = _cookie(client)
    sign_in_with_a_token()
    first = _cookie(client)
    assert not _signed_in(_browser_holding(app, before_sign_in))

    # The browser's sign-in lapsed, but its cookie still carries the first session's token.
    with client.session_transaction() as carried:
        carried.pop("_user_id")
    sign_in_with_a_token()
    first_row, second_row = _sessions(chair)
    assert first_row.token_hash != second_row.token_hash
    assert first_row.ended_at is not None and second_row.ended_at is None
    assert not _signed_in(_browser_holding(app, first))
    assert _signed_in(client)


def test_a_deactivated_user_is_signed_out_at_once(app, client):
    chair = make.chair()
    _sign_in(client, chair)
    chair.active = False
    db.session.commit()
    assert not _signed_in(client)


# --- lifetimes --------------------------------------------------------------------------------

def test_an_idle_session_lapses_on_the_server_whatever_the_cookie_says(app, client):
    chair = make.chair()
    _sign_in(client, chair)
    idle = app.permanent_session_lifetime
    _set_session_times(chair, last_seen_at=utcnow() - idle + dt.timedelta(minutes=2))
    assert _signed_in(client)
    _set_session_times(chair, last_seen_at=utcnow() - idle - dt.timedelta(minutes=1))
    assert not _signed_in(client)


def test_a_busy_session_still_ends_after_its_absolute_lifetime(app, client):
    chair = make.chair()
    _sign_in(client, chair)
    assert app.config["DHR_SESSION_MAX_HOURS"] == 12
    _set_session_times(chair, created_at=utcnow() - dt.timedelta(hours=11, minutes=50))
    assert _signed_in(client)
    _set_session_times(chair, created_at=utcnow() - dt.timedelta(hours=12, minutes=1))
    assert not _signed_in(client)

    app.config["DHR_SESSION_MAX_HOURS"] = 1
    _sign_in(client, chair)
    _set_session_times(chair, created_at=utcnow() - dt.timedelta(minutes=61))
    assert not _signed_in(client)


def test_the_session_lifetimes_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("DHR_SESSION_MAX_HOURS", raising=False)
    assert from_environment(tmp_path)["DHR_SESSION_MAX_HOURS"] == 12
    monkeypatch.setenv("DHR_SESSION_MAX_HOURS", "3")
    monkeypatch.setenv("DHR_SESSION_MINUTES", "20")
    config = from_environment(tmp_path)
    assert config["DHR_SESSION_MAX_HOURS"] == 3 and config["PERMANENT_SESSION_LIFETIME"] == 20 * 60


def test_a_session_records_activity_at_most_once_a_minute(app, client):
    chair = make.chair()
    _sign_in(client, chair)
    (row,) = _sessions(chair)
    signed_in_at = row.last_seen_at
    for _ in range(3):
        assert _signed_in(client)
    db.session.refresh(row)
    assert row.last_seen_at == signed_in_at

    _set_session_times(chair, last_seen_at=signed_in_at - dt.timedelta(minutes=2))
    assert _signed_in(client)
    db.session.refresh(row)
    assert row.last_seen_at >= signed_in_at


# --- changing a password ----------------------------------------------------------------------

def _change(client, current=TEST_PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post("/account/password", data={"current_password": current, "new_password": new,
                                                   "confirm_password": new if confirm is None else confirm})


def test_every_signed_in_role_is_offered_a_password_change(sign_in):
    for role in ALL_ROLES:
        page, _ = sign_in(role)
        home = page.get("/", follow_redirects=True)
        assert home.select_one("header a[href='/account/password']").get_text(strip=True) == "Change your password"
        form = page.get("/account/password")
        assert form.h1.get_text(strip=True) == "Change your password"
        assert [i["name"] for i in form.select("main input[type=password]")] == [
            "current_password", "new_password", "confirm_password"]
        page.client.post("/sign-out")


def test_changing_the_password_ends_every_other_session_and_keeps_this_one(app, client):
    chair = make.chair()
    elsewhere = app.test_client()
    _sign_in(client, chair)
    _sign_in(elsewhere, chair)

    response = _change(client)
    assert response.status_code == 302
    home = PageClient(client).get(response.headers["Location"])
    assert "Your password has been changed" in home.select_one(".govuk-notification-banner").get_text()
    assert _signed_in(client)
    assert not _signed_in(elsewhere)
    assert users.authenticate(chair.email, NEW_PASSWORD, "192.0.2.1").id == chair.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "password_changed"))
    assert event.user_id == chair.id and event.changes == {"other_sessions_ended": 1}


def test_a_wrong_current_password_changes_nothing(app, client):
    chair = make.chair()
    elsewhere = app.test_client()
    _sign_in(client, chair)
    _sign_in(elsewhere, chair)
    soup = PageClient(client).post("/account/password", data={
        "current_password": "not my password at all", "new_password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD})
    assert error_summary(soup) == ["Your current password is not correct"]
    assert soup.select_one("#current_password").get("value") in (None, "")
    assert _signed_in(elsewhere)
    assert users.by_email(chair.email).password_hash == chair.password_hash


def test_the_new_password_follows_the_same_rules_as_users_create(app, client):
    chair = make.chair(email="morgan.lee@example.org")
    _sign_in(client, chair)
    pages = PageClient(client)
    weak = pages.post("/account/password", data={"current_password": TEST_PASSWORD, "new_password": "short",
                                                 "confirm_password": "short"})
    assert error_summary(weak) == ["; ".join(users.password_problems("short", chair.email))]
    assert "at least 12 characters" in error_summary(weak)[0]
    with_email = pages.post("/account/password", data={
        "current_password": TEST_PASSWORD, "new_password": "morgan.lee is my name",
        "confirm_password": "morgan.lee is my name"})
    assert error_summary(with_email) == ["Password must not contain your email address"]
    unmatched = pages.post("/account/password", data={
        "current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD + "!"})
    assert error_summary(unmatched) == ["The new passwords do not match"]
    empty = pages.post("/account/password", data={})
    assert error_summary(empty) == ["Enter your current password", "Enter a new password",
                                    "Enter the new password again"]
    assert users.by_email(chair.email).password_hash == chair.password_hash


# --- the coordinator signs a user out everywhere ----------------------------------------------

def test_the_coordinator_signs_a_user_out_everywhere(app, client):
    chair = make.chair(name="Sam Okafor")
    laptop, phone = app.test_client(), app.test_client()
    _sign_in(laptop, chair)
    _sign_in(phone, chair)
    _sign_in(client, make.admin())
    app.config["WTF_CSRF_ENABLED"] = True

    page = PageClient(client).get("/admin/")
    row = next(tr for tr in page.select("tbody tr") if "Sam Okafor" in tr.get_text())
    assert "Signed in on 2 devices" in row.get_text(" ", strip=True)
    form = row.select_one("form")
    assert form["action"] == f"/admin/users/{chair.id}/sign-out-everywhere"
    assert form.select_one("button").get_text(" ", strip=True) == "Sign out everywhere Sam Okafor"

    response = client.post(form["action"], data={"csrf_token": form.select_one("[name=csrf_token]")["value"]})
    assert response.status_code == 302
    after = PageClient(client).get(response.headers["Location"])
    assert ("Sam Okafor is signed out on every device (2 sessions ended). They need to sign in again."
            in after.select_one(".govuk-notification-banner").get_text(" ", strip=True))
    assert not _signed_in(laptop) and not _signed_in(phone)
    assert _signed_in(client)
    row = next(tr for tr in after.select("tbody tr") if "Sam Okafor" in tr.get_text())
    assert "Not signed in" in row.get_text(" ", strip=True)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "signed_out_everywhere"))
    assert event.entity_id == chair.id and event.changes == {"sessions_ended": 2}


def test_sessions_long_finished_are_removed_and_live_ones_kept(app, client):
    from dhr import background
    from dhr.data import sessions

    chair = make.chair()
    for _ in range(3):
        sessions.start(chair)  # sessions in other browsers
    db.session.commit()
    _sign_in(client, chair)
    rows = _sessions(chair)
    long_ago = utcnow() - sessions.FINISHED_KEPT_FOR - dt.timedelta(minutes=1)
    rows[0].ended_at = long_ago  # signed out more than a day ago
    rows[1].last_seen_at = long_ago - app.permanent_session_lifetime  # lapsed when idle, a day ago
    rows[2].ended_at = utcnow() - dt.timedelta(hours=1)  # signed out an hour ago: kept for now
    db.session.commit()
    assert background.look_after()["sessions_removed"] == 2
    assert sorted(row.id for row in _sessions(chair)) == [rows[2].id, rows[3].id]
    assert _signed_in(client)
