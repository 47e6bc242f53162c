"""`flask --app dhr reminders`: per-agency digests of overdue and due-soon recommendations, each
an email handed to the queue (immediate here, a real worker on the SQLite queue for the retry),
sent to a real SMTP server started by the test."""
from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select

from dhr import background, create_app, mail
from dhr.data import reminders
from dhr.data.models import AuditEvent
from dhr.extensions import db

from .factories import TODAY, days
from .smtp_server import free_port


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
    assert "Northshire Police: 1 overdue, 1 due soon -> officer@example.org" in result.output
    assert f"Queued 2 reminder emails: a worker (flask --app dhr worker) sends them as .eml files in {outbox}" \
        in result.output
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reminders_sent")) is not None


def test_command_queues_the_digests_and_a_real_smtp_server_receives_them(tracker_world, runner, smtp_server,
                                                                         make_user, app):
    make_user("agency", email="housing@example.org", agency_name="City Housing")
    make_user("agency", email="officer@example.org", agency_name="Northshire Police")
    result = runner.invoke(args=["reminders", "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    received = {m["To"]: m for m in smtp_server.received}
    assert set(received) == {"housing@example.org", "officer@example.org"}
    assert received["housing@example.org"]["Subject"] == \
        "Recommendations reminder for City Housing: 1 overdue, 0 due within 30 days"
    assert "Housing officers ask about abuse" in received["housing@example.org"].get_content()
    assert (f"Queued 2 reminder emails: a worker (flask --app dhr worker) sends them by SMTP through "
            f"127.0.0.1:{smtp_server.port}.") in result.output
    assert not Path(app.config["DHR_OUTBOX_DIR"]).exists()


def test_a_digest_for_an_agency_without_users_is_kept_and_logged(tracker_world, runner, smtp_server, app, caplog):
    result = runner.invoke(args=["reminders", "--date", TODAY.isoformat()])
    assert "Northshire Police: 1 overdue, 1 due soon -> nobody (the agency has no active users)" in result.output
    assert smtp_server.received == [] and smtp_server.mailbox.offered == 0
    assert "'Recommendations reminder for Northshire Police: 1 overdue, 1 due within 30 days' to nobody could " \
           "not be sent (NoRecipients" in caplog.text
    assert (Path(app.config["DHR_OUTBOX_DIR"]) / mail.UNSENT / f"{TODAY:%Y-%m-%d}-northshire-police.eml").exists()


def _app_with(app, **config):
    """Another app on the same database, as a worker process would be."""
    keep = ("SQLALCHEMY_DATABASE_URI", "DHR_INDEX_DIR", "DHR_UPLOAD_DIR", "DHR_OUTBOX_DIR", "SECRET_KEY", "TESTING",
            "MAIL_SERVER", "MAIL_PORT")
    return create_app({**{k: app.config[k] for k in keep}, **config})


def test_an_email_the_server_refuses_at_first_is_retried_by_a_worker_and_delivered(
        tracker_world, smtp_server, make_user, app, tmp_path, caplog):
    make_user("agency", email="housing@example.org", agency_name="City Housing")
    queued = _app_with(app, DHR_QUEUE_URL=f"sqlite:///{tmp_path / 'queue.sqlite'}", DHR_MAIL_RETRY_SECONDS=1)
    smtp_server.refuse_next(1)
    with queued.app_context():
        result = queued.test_cli_runner().invoke(args=["reminders", "--date", TODAY.isoformat()])
        db.session.remove()
    assert "Queued 2 reminder emails" in result.output, result.output
    assert smtp_server.mailbox.offered == 0  # queued: nobody has worked the queue yet
    worker = background.start_worker(_app_with(app, DHR_QUEUE_URL=f"sqlite:///{tmp_path / 'queue.sqlite'}",
                                               DHR_MAIL_RETRY_SECONDS=1), workers=1)
    worker.start()
    try:
        assert smtp_server.mailbox.arrived.wait(60)
    finally:
        worker.stop(graceful=True)
    assert [m["To"] for m in smtp_server.received] == ["housing@example.org"]
    assert smtp_server.mailbox.offered == 2  # refused once, then taken
    assert "not sent yet (SMTPRecipientsRefused" in caplog.text and "3 attempts left" in caplog.text


def test_an_email_never_taken_is_logged_with_its_cause_and_kept(app, smtp_server, caplog):
    eager = _app_with(app, DHR_QUEUE_URL="immediate", DHR_MAIL_RETRY_SECONDS=0)  # retried at once
    smtp_server.refuse_next(100)
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = "Hello", "dhr@example.org", "someone@example.org"
    message.set_content("Hello.")
    with eager.app_context():
        mail.send_email(message, "hello.eml")
    assert smtp_server.mailbox.offered == 1 + mail.RETRIES and smtp_server.received == []
    kept = Path(app.config["DHR_OUTBOX_DIR"]) / mail.UNSENT / "hello.eml"
    assert email.message_from_bytes(kept.read_bytes(), policy=email.policy.default)["To"] == "someone@example.org"
    assert (f"email 'Hello' to someone@example.org could not be sent (SMTPRecipientsRefused: "
            f"{{'someone@example.org': (451, b'4.3.0 Mailbox busy, try again later')}}); kept in {kept}") in caplog.text


def test_an_email_to_a_server_that_is_down_is_kept_with_the_headers_it_lacked(app, caplog):
    eager = _app_with(app, DHR_QUEUE_URL="immediate", DHR_MAIL_RETRY_SECONDS=0, MAIL_SERVER="127.0.0.1",
                      MAIL_PORT=free_port())
    message = EmailMessage()
    message["Subject"], message["To"] = "Down", "someone@example.org"
    message.set_content("Hello.")
    with eager.app_context():
        mail.send_email(message)
    assert "email 'Down' to someone@example.org could not be sent (ConnectionRefusedError" in caplog.text
    [kept] = (Path(app.config["DHR_OUTBOX_DIR"]) / mail.UNSENT).glob("*-down-*.eml")
    sent = email.message_from_bytes(kept.read_bytes(), policy=email.policy.default)
    assert sent["From"] == app.config["MAIL_FROM"] and sent["Message-ID"] and sent["Date"]
