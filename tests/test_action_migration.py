"""Migration 0005 turns each recommendation of today's schema into one action, losing nothing:
its action to take, lead agency, milestones, target date, status, completion and outcome move
to the action, and its updates (with their evidence) move with it. Run on SQLite and, when the
suite runs on PostgreSQL, on a scratch database of the same server."""
from __future__ import annotations

import datetime as dt

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from dhr import create_app

from .helpers import scratch_database_url


def _old_world(connection) -> None:
    now = dt.datetime(2024, 1, 1, 9)
    connection.execute(text("INSERT INTO agency (id, name, kind, active) VALUES (1, 'Northshire Police', 'police', "
                            ":t), (2, 'City Housing', 'housing', :t)"), {"t": True})
    connection.execute(text(
        "INSERT INTO review (id, reference, review_type, death_category, pseudonym, stage, summary, restricted_notes, "
        "published, publication_held, never_publish_terms, notified_on, decision_reason, created_at, updated_at) "
        "VALUES (1, 'DHR-1', 'dhr', 'intimate_partner', 'Ada', 'monitoring', '', '', :f, :f, '', '2023-01-01', '', "
        ":now, :now)"), {"f": False, "now": now})
    for rec_id, lead, status, target, outcome in ((1, 1, "verified", "2024-03-31", "All officers trained"),
                                                  (2, 2, "on_track", "2025-06-30", ""),
                                                  (3, None, "not_started", None, "")):
        connection.execute(text(
            "INSERT INTO recommendation (id, review_id, number, position, text, scope, lead_agency_id, action_to_take, "
            "milestones, target_date, status, completed_on, outcome, version, created_at, updated_at) VALUES "
            "(:id, 1, :number, :id, :text, 'local', :lead, :action, :milestones, :target, :status, :completed, "
            ":outcome, 3, :now, :now)"),
            {"id": rec_id, "number": str(rec_id), "text": f"Recommendation {rec_id}", "lead": lead,
             "action": f"Action for {rec_id}", "milestones": f"Milestones of {rec_id}", "target": target,
             "status": status, "completed": "2024-03-01" if status == "verified" else None, "outcome": outcome,
             "now": now})
    connection.execute(text(
        "INSERT INTO recommendation_update (id, recommendation_id, created_at, narrative, assessment, "
        "assessment_message, agency_id) VALUES (1, 1, :now, 'Training delivered', 'accepted', '', 1), "
        "(2, 2, :now, 'Checklist drafted', 'pending', '', 2)"), {"now": now})
    connection.execute(text(
        "INSERT INTO document (id, review_id, update_id, kind, filename, content_type, size_bytes, sha256, "
        "storage_key, extracted_text, uploaded_at) VALUES (1, NULL, 1, 'evidence', 'register.pdf', "
        "'application/pdf', 10, 'x', 'k1', '', :now)"), {"now": now})


def _rows(connection, sql: str) -> list[tuple]:
    return [tuple(row) for row in connection.execute(text(sql))]


def test_each_recommendation_becomes_one_action_with_its_updates_and_evidence(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        from dhr.extensions import db

        upgrade(revision="0004")
        with db.engine.begin() as connection:
            _old_world(connection)
        upgrade()
        with db.engine.connect() as connection:
            actions = _rows(connection, "SELECT recommendation_id, position, text, lead_agency_id, milestones, "
                                        "target_date, status, completed_on, outcome, agreed_at IS NOT NULL "
                                        "FROM action ORDER BY recommendation_id")
            updates = _rows(connection, "SELECT u.id, a.recommendation_id FROM recommendation_update u "
                                        "JOIN action a ON a.id = u.action_id ORDER BY u.id")
            evidence = _rows(connection, "SELECT d.filename, a.recommendation_id FROM document d "
                                         "JOIN recommendation_update u ON u.id = d.update_id "
                                         "JOIN action a ON a.id = u.action_id")
            kept = _rows(connection, "SELECT id, status, target_date FROM recommendation ORDER BY id")
        assert [(a[0], a[1], a[2], a[3], a[4], str(a[5]) if a[5] else None, a[6], a[8], bool(a[9]))
                for a in actions] == [
            (1, 1, "Action for 1", 1, "Milestones of 1", "2024-03-31", "verified", "All officers trained", True),
            (2, 1, "Action for 2", 2, "Milestones of 2", "2025-06-30", "on_track", "", True),
            (3, 1, "Action for 3", None, "Milestones of 3", None, "not_started", "", False),
        ]
        assert str(actions[0][7]) == "2024-03-01"
        assert updates == [(1, 1), (2, 2)]
        assert evidence == [("register.pdf", 1)]
        assert [(r[0], r[1]) for r in kept] == [(1, "verified"), (2, "on_track"), (3, "not_started")]

        downgrade(revision="0004")
        with db.engine.connect() as connection:
            back = _rows(connection, "SELECT id, action_to_take, milestones, outcome FROM recommendation ORDER BY id")
        assert back[0] == (1, "Action for 1", "Milestones of 1", "All officers trained")
        db.engine.dispose()
