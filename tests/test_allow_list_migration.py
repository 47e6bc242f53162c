"""Migration 0012 adds the allow-list table and takes it away again, on SQLite and (when the suite
runs on PostgreSQL) on a scratch database of the same server."""
from __future__ import annotations

import datetime as dt

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from dhr import create_app
from dhr.extensions import db

from .helpers import scratch_database_url


def test_the_allow_list_table_comes_and_goes(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0011")
        assert "publication_allow_entry" not in inspect(db.engine).get_table_names()
        upgrade(revision="0012")
        columns = {c["name"] for c in inspect(db.engine).get_columns("publication_allow_entry")}
        assert columns == {"id", "value", "note", "created_at"}
        insert = text("INSERT INTO publication_allow_entry (value, note, created_at) VALUES (:v, '', :at)")
        with db.engine.begin() as connection:
            connection.execute(insert, {"v": "0808 2000 247", "at": dt.datetime(2024, 1, 1)})
        try:
            with db.engine.begin() as connection:
                connection.execute(insert, {"v": "0808 2000 247", "at": dt.datetime(2024, 1, 2)})
            raise AssertionError("the same entry was stored twice")
        except IntegrityError:
            pass
        downgrade(revision="0011")
        assert "publication_allow_entry" not in inspect(db.engine).get_table_names()
        db.engine.dispose()
