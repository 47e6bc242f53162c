"""`flask --app dhr reminders`: per-agency digests of overdue and due-soon recommendations."""
from __future__ import annotations

import email
import email.policy
from pathlib import Path

from sqlalchemy import select

from dhr.data import reminders
from dhr.data.models import AuditEvent
from dhr.extensions import db

from .factories import TODAY, days


def test_digests_group_by_lead_agency(tracker_world):
    found = {d.agency.name: d for d in reminders.digests(on=TODAY)}
    assert set(found) == {"Northshire Police", "City Housing"}
    police = found["Northshire Police"]
    assert [r.number for r in police.overdue] == ["1"]
    assert [r.number for r in police.due_soon] == ["2"]
    # a closed recommendation is never overdue
    tracker_world.police_overdue.status = "verified"
    tracker_world.police_due_soon.target_date = days(60)
    db.session.commit()
    assert "Northshire Police" not in {d.agency.name for d in reminders.digests(on=TODAY)}


def test_command_writes_one_eml_per_agency_without_smtp(tracker_world, runner, app, make_user):
    officer = make_user("agency", email="officer@example.org", agency_name="Northshire Police")
    result = runner.invoke(args=["reminders", "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    outbox = Path(app.config["DHR_OUTBOX_DIR"])
    files = sorted(outbox.glob("*.eml"))
    assert [f.name for f in files] == [f"{TODAY:%Y-%m-%d}-city-housing.eml",
                                       f"{TODAY:%Y-%m-%d}-northshire-police.eml"]
    message = email.message_from_bytes(files[1].read_bytes(), policy=email.policy.default)
    assert message["To"] == officer.email
    assert "1 overdue, 1 due within 30 days" in message["Subject"]
    body = message.get_content()
    assert "Train officers to recognise coercive control" in body and "Review DASH completion" in body
    assert "Housing officers" not in body  # another agency's work is not in this digest
    assert "Northshire Police: 1 overdue, 1 due soon" in result.output
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reminders_sent")) is not None


def test_command_sends_by_smtp_when_configured(tracker_world, runner, app, make_user, monkeypatch):
    make_user("agency", email="housing@example.org", agency_name="City Housing")
    sent = []

    class RecordingSMTP:  # stands in for the mail server, not for our code
        def __init__(self, host, port, timeout=None):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent.append(("message", message["To"], message["Subject"]))

    monkeypatch.setattr(reminders.smtplib, "SMTP", RecordingSMTP)
    app.config["MAIL_SERVER"] = "mail.example.org"
    result = runner.invoke(args=["reminders", "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert sent[0] == ("connect", "mail.example.org", 25)
    assert ("message", "housing@example.org",
            "Recommendations reminder for City Housing: 1 overdue, 0 due within 30 days") in sent
    assert "nobody (the agency has no active users)" in result.output  # police has no users here
    assert not Path(app.config["DHR_OUTBOX_DIR"]).exists() or not list(Path(app.config["DHR_OUTBOX_DIR"]).glob("*.eml"))
