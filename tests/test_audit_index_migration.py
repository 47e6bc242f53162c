"""Migration 0011 adds the audit trail's indexes by person and by action (each with the time),
keeping every event, and its downgrade takes them away again. Run on SQLite and, when the suite
runs on PostgreSQL, on a scratch database of the same server."""
from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from dhr import create_app

from .helpers import worker_suffix

SCRATCH_DATABASE = f"dhr_audit_index_scratch{worker_suffix()}"
NEW_INDEXES = {"ix_audit_event_user_at": ["user_id", "at"], "ix_audit_event_action_at": ["action", "at"]}


def _scratch_url(database_url: str, tmp_path) -> str:
    if not database_url.startswith("postgresql"):
        return f"sqlite:///{tmp_path / 'audit-migration.sqlite'}"
    server = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE}"))
        connection.execute(text(f"CREATE DATABASE {SCRATCH_DATABASE}"))
    server.dispose()
    return make_url(database_url).set(database=SCRATCH_DATABASE).render_as_string(hide_password=False)


def _indexes(engine) -> dict[str, list[str]]:
    return {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("audit_event")}


def _events(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text("SELECT action, entity_type, actor FROM audit_event "
                                                          "ORDER BY id"))]


def test_the_trail_indexes_come_and_go_and_every_event_stays(database_url, tmp_path):
    url = _scratch_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        from dhr.extensions import db

        upgrade(revision="0010")
        with db.engine.begin() as connection:
            connection.execute(text("INSERT INTO audit_event (at, actor, action, entity_type, changes) VALUES "
                                    "('2026-01-05 09:00:00', 'a@example.org', 'sign_in', 'user_account', '{}'), "
                                    "('2026-01-06 09:00:00', 'system', 'create', 'review', '{}')"))
        before = _events(db.engine)
        assert not set(NEW_INDEXES) & set(_indexes(db.engine))
        upgrade(revision="0011")
        found = _indexes(db.engine)
        assert {name: found.get(name) for name in NEW_INDEXES} == NEW_INDEXES
        assert "ix_audit_event_entity" in found and _events(db.engine) == before
        downgrade(revision="0010")
        assert not set(NEW_INDEXES) & set(_indexes(db.engine)) and _events(db.engine) == before
        db.engine.dispose()
