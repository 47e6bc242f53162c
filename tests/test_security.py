"""Session cookies, session expiry, sign-in rate limiting and inert stored text."""
from __future__ import annotations

import datetime as dt
import time

from dhr import create_app

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import check_page


def test_session_cookie_is_httponly_samesite_and_secure_in_production(database_url, tmp_path, make_user):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", "DHR_INDEX_DIR": str(tmp_path),
                      "WTF_CSRF_ENABLED": False, "DHR_PASSWORD_HASH": "pbkdf2:sha256:1000"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    user = make_user("trainer")
    response = app.test_client().post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD},
                                      base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_expires_after_its_lifetime(app, client, make_user):
    app.permanent_session_lifetime = dt.timedelta(seconds=1)
    user = make_user("chair")
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert client.get("/").status_code == 200
    time.sleep(2.1)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_sign_in_attempts_are_rate_limited(database_url, tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", "DHR_INDEX_DIR": str(tmp_path),
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True, "DHR_PASSWORD_HASH": "pbkdf2:sha256:1000"})
    client = app.test_client()
    statuses = [client.post("/sign-in", data={"email": "nobody@example.org", "password": "x" * 12}).status_code
                for _ in range(22)]
    assert statuses[:20] == [200] * 20
    assert statuses[-1] == 429
    page = check_page(client.post("/sign-in", data={}).get_data(as_text=True))
    assert page.h1.get_text(strip=True) == "Too many attempts"


def test_stored_script_in_a_name_is_shown_inert(app, client):
    from dhr.data import users

    user = make.admin(name='<script>alert("x")</script><img src=x onerror=alert(1)>')
    client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    html = client.get("/admin/").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html
    assert users.by_email(user.email).name.startswith("<script>")
