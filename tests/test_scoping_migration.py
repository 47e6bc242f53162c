"""Migration 0016 adds the scoping review's columns (a review's scoping date, early learning on
findings, the holder of immediate actions) and takes them away again, keeping every other date:
on SQLite and (when the suite runs on PostgreSQL) on a scratch database of the same server."""
from __future__ import annotations

import datetime as dt

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from dhr import create_app
from dhr.extensions import db

from .helpers import scratch_database_url


def _columns(table: str) -> set[str]:
    return {c["name"] for c in inspect(db.engine).get_columns(table)}


def test_the_scoping_columns_come_and_go_and_existing_rows_keep_their_dates(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0013")
        assert "scoping_on" not in _columns("review")
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO review (reference, review_type, death_category, pseudonym, stage, summary, "
                "restricted_notes, published, publication_held, never_publish_terms, notified_on, decision_on, "
                "decision_reason, created_at, updated_at) VALUES ('M-1', 'dhr', 'other', 'A', 'decision', '', '', "
                ":no, :no, '', :notified, :decided, '', :at, :at)"),
                {"no": False, "notified": dt.date(2024, 1, 31), "decided": dt.date(2024, 2, 29),
                 "at": dt.datetime(2024, 3, 1)})
            review_id = connection.execute(text("SELECT id FROM review")).scalar()
            connection.execute(text(
                "INSERT INTO finding (review_id, position, text, created_at, updated_at) "
                "VALUES (:r, 1, 'Learning', :at, :at)"), {"r": review_id, "at": dt.datetime(2024, 3, 1)})
        upgrade(revision="0016")
        assert {"scoping_on"} <= _columns("review")
        assert "early_learning" in _columns("finding") and "from_scoping" in _columns("recommendation")
        with db.engine.begin() as connection:
            row = connection.execute(text("SELECT decision_on, scoping_on FROM review")).one()
            assert str(row.decision_on)[:10] == "2024-02-29" and row.scoping_on is None
            assert connection.execute(text("SELECT early_learning FROM finding")).scalar() in (False, 0)
            connection.execute(text("UPDATE review SET scoping_on = :on, stage = 'scoping'"),
                               {"on": dt.date(2024, 3, 4)})
        downgrade(revision="0013")
        assert "scoping_on" not in _columns("review") and "early_learning" not in _columns("finding")
        assert "from_scoping" not in _columns("recommendation")
        with db.engine.begin() as connection:
            assert str(connection.execute(text("SELECT decision_on FROM review")).scalar())[:10] == "2024-02-29"
        db.engine.dispose()
