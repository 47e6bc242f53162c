"""Migration 0014 adds a recommendation's intended outcome, measure and quality advice, and an
update's evidence grade, and takes them away again, on SQLite and (when the suite runs on
PostgreSQL) on a scratch database of the same server."""
from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from dhr import create_app
from dhr.extensions import db

from .helpers import scratch_database_url

NEW = {"intended_outcome", "outcome_measure", "quality_flags", "quality_kept"}


def _columns(table: str) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns(table)}


def test_the_quality_columns_come_and_go(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0013")
        assert not NEW & _columns("recommendation")
        assert "evidence_grade" not in _columns("recommendation_update")
        upgrade(revision="0014")
        assert NEW <= _columns("recommendation")
        assert "evidence_grade" in _columns("recommendation_update")
        downgrade(revision="0013")
        assert not NEW & _columns("recommendation")
        assert "evidence_grade" not in _columns("recommendation_update")
        db.engine.dispose()
