"""Sessions held on the server: signing out ends a session wherever its cookie has been copied
to; sessions lapse when idle and after an absolute lifetime, and each sign-in starts a new one."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from dhr.config import from_environment
from dhr.data.models import UserSession, utcnow
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import PageClient


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
