"""Migration 0023 adds the external-learning tables and takes them away again, on SQLite and
(when the suite runs on PostgreSQL) on a scratch database of the same server."""
from __future__ import annotations

import datetime as dt

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from dhr import create_app
from dhr.extensions import db

from .helpers import scratch_database_url

TABLES = {"external_source", "external_review", "external_finding", "external_recommendation",
          "external_finding_themes", "external_recommendation_themes", "external_theme_mapping"}


def test_the_external_learning_tables_come_and_go(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0021")
        assert not TABLES & set(inspect(db.engine).get_table_names())
        upgrade(revision="0023")
        assert TABLES <= set(inspect(db.engine).get_table_names())
        insert = text("INSERT INTO external_source (partnership, generated_on, format_version, filename, imported_at)"
                      " VALUES ('Eastshire CSP', :on, '1.0', 'x.json', :at)")
        with db.engine.begin() as connection:
            connection.execute(insert, {"on": dt.date(2025, 1, 1), "at": dt.datetime(2025, 1, 2)})
        try:
            with db.engine.begin() as connection:
                connection.execute(insert, {"on": dt.date(2025, 2, 1), "at": dt.datetime(2025, 2, 2)})
            raise AssertionError("the same source was stored twice")
        except IntegrityError:
            pass
        downgrade(revision="0021")
        assert not TABLES & set(inspect(db.engine).get_table_names())
        db.engine.dispose()
