"""Fixtures in the flaskr style: app, client, runner — on SQLite by default, or on the
PostgreSQL named by DHR_TEST_DATABASE_URL. The schema comes from the migrations once per
session; each test starts from empty tables."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from dhr import create_app
from dhr.extensions import db

from .helpers import PageClient

TEST_PASSWORD = "correct horse battery staple"


def _database_url(tmp_root: Path) -> str:
    url = os.environ.get("DHR_TEST_DATABASE_URL")
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    return f"sqlite:///{tmp_root / 'test.sqlite'}"


def _reset_postgres_schema(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = _database_url(tmp_path_factory.mktemp("db"))
    if url.startswith("postgresql"):
        _reset_postgres_schema(url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    return url


def _empty_all_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        for name in tables:
            db.session.execute(text(f"DELETE FROM {name}"))
    db.session.commit()


class FreshContextClient(FlaskClient):
    """Each request runs in its own app context — fresh `g`, its own database session — as it
    does in production, even though the test itself holds an app context. After each request
    the test's session forgets what it loaded, so assertions read what was committed."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "DHR_INDEX_DIR": str(tmp_path / "index"),
            "DHR_UPLOAD_DIR": str(tmp_path / "uploads"),
            "DHR_OUTBOX_DIR": str(tmp_path / "outbox"),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "SESSION_COOKIE_SECURE": False,
            "SECRET_KEY": "test-secret-key",
            # Fast hashing keeps the suite quick; production uses scrypt.
            "DHR_PASSWORD_HASH": "pbkdf2:sha256:1000",
        }
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            _empty_all_tables()
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client(use_cookies=True)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Create a user of a role (agency users get an agency) and return it."""
    from dhr.data import agencies, commit, users

    def make(role: str, email: str | None = None, agency_name: str = "Police"):
        agency = None
        if role == "agency":
            agency = agencies.by_name(agency_name) or agencies.create(agency_name, "police")
        user = users.create(email or f"{role}-{os.urandom(3).hex()}@example.org", TEST_PASSWORD, role,
                            agency_name=agency.name if agency else None)
        commit()
        return user

    return make


@pytest.fixture
def sign_in(client, make_user):
    """Sign in as a new user of the given role; returns (PageClient, user)."""

    def do(role: str, **kwargs):
        user = make_user(role, **kwargs)
        response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return PageClient(client), user

    return do


@pytest.fixture
def pages(client):
    return PageClient(client)
