"""Migration 0015 gives agencies a named contact and adds the national referrals, and takes them
away again, on SQLite and (when the suite runs on PostgreSQL) on a scratch database of the same server."""
from __future__ import annotations

import datetime as dt

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from dhr import create_app
from dhr.extensions import db

from .helpers import scratch_database_url

REFERRAL = text(
    "INSERT INTO national_referral (recommendation_id, agency_id, sent_at, sent_on, sent_to, commissioner_email,"
    " respond_by, response_narrative, chases) VALUES (1, 1, :at, :on, 'c@example.org', 'dac@example.org', :by, '', 0)")


def _seed(connection) -> None:
    connection.execute(text("INSERT INTO agency (id, name, kind, active) VALUES (1, 'Home Office', 'national', true)"))
    connection.execute(text(
        "INSERT INTO review (id, reference, review_type, death_category, pseudonym, stage, summary, restricted_notes,"
        " published, publication_held, never_publish_terms, notified_on, decision_reason, published_url, created_at,"
        " updated_at) VALUES (1, 'DHR-1', 'dhr', 'other', 'A', 'notified', '', '', false, false, '', :on, '', '',"
        " :at, :at)"), {"on": dt.date(2024, 1, 1), "at": dt.datetime(2024, 1, 1)})
    connection.execute(text(
        "INSERT INTO recommendation (id, review_id, number, number_key, position, text, scope, status, version,"
        " created_at, updated_at) VALUES (1, 1, '1', '1', 1, 'Revise it.', 'national', 'not_started', 1, :at, :at)"),
        {"at": dt.datetime(2024, 1, 1)})


def test_national_contacts_and_referrals_come_and_go(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0013")
        assert "national_referral" not in inspect(db.engine).get_table_names()
        with db.engine.begin() as connection:
            _seed(connection)
        upgrade(revision="0015")
        assert "contact_email" in {c["name"] for c in inspect(db.engine).get_columns("agency")}
        with db.engine.begin() as connection:
            assert connection.scalar(text("SELECT contact_email FROM agency WHERE id = 1")) == ""
            connection.execute(REFERRAL, {"at": dt.datetime(2024, 2, 1), "on": dt.date(2024, 2, 1),
                                          "by": dt.date(2024, 3, 28)})
        try:
            with db.engine.begin() as connection:
                connection.execute(REFERRAL, {"at": dt.datetime(2024, 2, 2), "on": dt.date(2024, 2, 2),
                                              "by": dt.date(2024, 3, 29)})
            raise AssertionError("one recommendation was sent twice")
        except IntegrityError:
            pass
        downgrade(revision="0013")
        assert "national_referral" not in inspect(db.engine).get_table_names()
        assert "contact_email" not in {c["name"] for c in inspect(db.engine).get_columns("agency")}
        db.engine.dispose()
