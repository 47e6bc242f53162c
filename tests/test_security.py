"""Session cookies, session expiry, sign-in rate limiting and inert stored text."""
from __future__ import annotations

import datetime as dt

import pytest
import redis

from dhr import create_app

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import check_page, redis_test_url


def test_session_cookie_is_httponly_samesite_and_secure_in_production(database_url, tmp_path, make_user):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", "DHR_INDEX_DIR": str(tmp_path),
                      "WTF_CSRF_ENABLED": False, "DHR_PASSWORD_HASH": "pbkdf2:sha256:1000"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    user = make_user("trainer")
    response = app.test_client().post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD},
                                      base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_session_cookie_lives_as_long_as_the_idle_lifetime(app, client, make_user):
    """The server ends idle sessions too (tests/test_sessions.py); the cookie need not outlive them."""
    user = make_user("chair")
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    response = client.get("/")
    cookie = client.get_cookie("session")
    assert response.status_code == 200
    lifetime = cookie.expires - dt.datetime.now(dt.timezone.utc)
    assert app.permanent_session_lifetime - dt.timedelta(minutes=1) < lifetime <= app.permanent_session_lifetime


def _worker(database_url, tmp_path, **config):
    """An app as one gunicorn worker builds it, with rate limiting on."""
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", "DHR_INDEX_DIR": str(tmp_path),
                       "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True, "DHR_PASSWORD_HASH": "pbkdf2:sha256:1000",
                       **config})


def _sign_in_statuses(workers, count: int) -> list[int]:
    """Sign-in attempts from one address, sent to each worker in turn."""
    return [workers[n % len(workers)].post("/sign-in", data={"email": "nobody@example.org", "password": "x" * 12})
            .status_code for n in range(count)]


def test_sign_in_attempts_are_rate_limited(app, database_url, tmp_path):
    client = _worker(database_url, tmp_path).test_client()
    statuses = [client.post("/sign-in", data={"email": "nobody@example.org", "password": "x" * 12}).status_code
                for _ in range(22)]
    assert statuses[:20] == [200] * 20
    assert statuses[-1] == 429
    page = check_page(client.post("/sign-in", data={}).get_data(as_text=True))
    assert page.h1.get_text(strip=True) == "Too many attempts"


REDIS_URL = redis_test_url(15)


@pytest.fixture
def shared_redis():
    """A Redis database of its own, emptied before and after. Redis is required, not optional: .ci/run
    starts it, and a test run without it fails here."""
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    try:
        yield REDIS_URL
    finally:
        server.flushdb()
        server.close()


def test_workers_share_the_sign_in_limit_through_redis(app, database_url, tmp_path, shared_redis):
    workers = [_worker(database_url, tmp_path, RATELIMIT_STORAGE_URI=shared_redis, DHR_SIGN_IN_LIMIT="6 per minute")
               .test_client() for _ in range(2)]
    assert _sign_in_statuses(workers, 8) == [200] * 6 + [429] * 2


def test_workers_with_memory_storage_count_apart(app, database_url, tmp_path):
    """Why the limit needs Redis: each worker's memory counts only what reached that worker."""
    workers = [_worker(database_url, tmp_path, RATELIMIT_STORAGE_URI="memory://", DHR_SIGN_IN_LIMIT="6 per minute")
               .test_client() for _ in range(2)]
    assert _sign_in_statuses(workers, 8) == [200] * 8


def test_sign_in_still_answers_when_the_limit_store_is_down(app, database_url, tmp_path):
    nothing_listens = "redis://127.0.0.1:1/15"
    client = _worker(database_url, tmp_path, RATELIMIT_STORAGE_URI=nothing_listens).test_client()
    assert client.post("/sign-in", data={"email": "nobody@example.org", "password": "x" * 12}).status_code == 200


def test_stored_script_in_a_name_is_shown_inert(app, client):
    from dhr.data import users

    user = make.admin(name='<script>alert("x")</script><img src=x onerror=alert(1)>')
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    html = client.get("/admin/").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html
    assert users.by_email(user.email).name.startswith("<script>")
