"""Notifications: written to the outbox in the transaction of the change they tell of, emailed
after it commits (through the queue, 'immediate' here, to a real SMTP server) or listed in the
morning's digest, each sent once; and the page where a person chooses which."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from dhr import background, create_app, data, notify
from dhr.data import actions, agreement, notices, notifications, progress
from dhr.data.models import AuditEvent, User, utcnow
from dhr.data.notification_models import Notification
from dhr.dates import long_date
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD, TODAY, days
from .helpers import PageClient, error_summary

BASE = "https://dhr.example.org"


def _signed_in(client, user: User) -> PageClient:
    client.post("/sign-out")
    response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return PageClient(client)


def _to(smtp_server, address: str) -> list:
    return [message for message in smtp_server.received if message["To"] == address]


def _body(message) -> str:
    return message.get_content().replace("\r\n", "\n")


def _rows(user: User) -> list[Notification]:
    db.session.expire_all()
    return notifications.of_user(user)


def _backdate_unsent(minutes: int) -> None:
    db.session.execute(update(Notification).where(Notification.sent_at.is_(None))
                       .values(created_at=utcnow() - dt.timedelta(minutes=minutes)))
    db.session.commit()


def test_an_update_posted_emails_the_coordinator_a_link_to_assess_it(app, client, tracker_world, smtp_server):
    app.config["DHR_BASE_URL"] = BASE
    coordinator = make.admin(email="coordinator@example.org")
    make.admin(email="former-coordinator@example.org", active=False)
    officer = make.agency_user(tracker_world.police, email="officer@example.org")
    rec = tracker_world.police_overdue
    pages = _signed_in(client, officer)
    pages.post(f"/our-recommendations/actions/{rec.actions[0].id}",
               data={"narrative": "All sergeants trained in March.", "proposed_status": "on_track"},
               expected_status=302)
    [message] = smtp_server.received
    assert message["To"] == "coordinator@example.org"
    assert message["Subject"] == "Northshire Police posted an update on DHR-2023-01 action 1.1"
    body = _body(message)
    assert "All sergeants trained in March." in body and "It proposes the status: In progress (on track)." in body
    assert "Recommendation 1: Train officers to recognise coercive control." in body
    assert f"Open it: {BASE}/recommendations/{rec.id}\n" in body
    assert f"{BASE}/account/notifications" in body
    [row] = _rows(coordinator)
    assert row.event == notices.UPDATE_POSTED and row.sent_at is not None
    assert _signed_in(client, coordinator).get(row.link).h1 is not None  # the link opens the page it names


def test_the_agency_is_emailed_when_its_update_is_challenged_and_when_it_is_accepted(
        app, client, tracker_world, smtp_server):
    coordinator = make.admin()
    officer = make.agency_user(tracker_world.police, email="officer@example.org")
    make.agency_user(tracker_world.housing, email="housing@example.org")
    rec = tracker_world.police_overdue
    first = make.update(rec, "Training designed.", author=officer)
    pages = _signed_in(client, coordinator)
    pages.post(f"/recommendations/updates/{first.id}/assess",
               data={"decision": "challenged", "message": "Send the training register."}, expected_status=302)
    [challenged] = _to(smtp_server, "officer@example.org")
    assert challenged["Subject"] == "Your update on DHR-2023-01 action 1.1: challenged"
    body = _body(challenged)
    assert "The coordinator's message:\nSend the training register." in body
    assert f"Open it: http://127.0.0.1:5000/our-recommendations/{rec.id}\n" in body
    second = make.update(rec, "Register attached.", author=officer, proposed_status="at_risk")
    pages.post(f"/recommendations/updates/{second.id}/assess", data={"decision": "accepted"}, expected_status=302)
    accepted = _to(smtp_server, "officer@example.org")[1]
    assert accepted["Subject"] == "Your update on DHR-2023-01 action 1.1: accepted"
    assert "The action's status is now: In progress (at risk)." in _body(accepted)
    assert _to(smtp_server, "housing@example.org") == []
    assert _signed_in(client, officer).get(f"/our-recommendations/{rec.id}").h1 is not None


def test_more_evidence_requested_tells_the_agency_too(tracker_world, smtp_server):
    coordinator = make.admin()
    officer = make.agency_user(tracker_world.police, email="officer@example.org")
    update_row = make.update(tracker_world.police_overdue, author=officer)
    progress.assess(update_row, coordinator, "more_evidence", "Attach the attendance list.")
    data.commit()
    [message] = smtp_server.received
    assert message["Subject"].endswith(": more evidence requested")


def test_notifications_are_written_in_the_changes_transaction_and_rolled_back_with_it(tracker_world, smtp_server):
    coordinator = make.admin()
    officer = make.agency_user(tracker_world.police)
    progress.post_update(tracker_world.police_overdue.actions[0], officer, "Work begun.", None)
    [written] = db.session.scalars(select(Notification).where(Notification.user_id == coordinator.id)).all()
    assert written.sent_at is None and db.session.info[notifications.WRITTEN] == [written.id]
    data.discard()
    assert notifications.WRITTEN not in db.session.info
    assert _rows(coordinator) == [] and smtp_server.received == []
    data.commit()
    assert smtp_server.received == []


def test_a_refused_update_tells_nobody(app, client, tracker_world, smtp_server):
    coordinator = make.admin()
    officer = make.agency_user(tracker_world.police)
    pages = _signed_in(client, officer)
    soup = pages.post(f"/our-recommendations/actions/{tracker_world.police_overdue.actions[0].id}",
                      data={"narrative": "  "})
    assert error_summary(soup)
    assert _rows(coordinator) == [] and smtp_server.received == []


def test_daily_readers_get_one_digest_listing_each_notification_with_its_link(app, runner, tracker_world,
                                                                             smtp_server):
    app.config["DHR_BASE_URL"] = BASE
    coordinator = make.admin(email="coordinator@example.org")
    coordinator.notify_by = "daily"
    officer = make.agency_user(tracker_world.police)
    progress.post_update(tracker_world.police_overdue.actions[0], officer, "Training designed.", None)
    progress.post_update(tracker_world.police_due_soon.actions[0], officer, "DASH audit begun.", None)
    data.commit()
    assert smtp_server.received == []
    _backdate_unsent(5)
    assert background.look_after()["notifications"] == 0  # a daily reader's wait for the morning
    result = runner.invoke(args=["notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert f"Queued 1 digest email: a worker (flask --app dhr worker) sends them by SMTP through " \
           f"127.0.0.1:{smtp_server.port}." in result.output
    [digest] = smtp_server.received
    assert digest["To"] == "coordinator@example.org"
    assert digest["Subject"] == "Your daily summary: 2 notifications"
    body = _body(digest)
    assert "1. Northshire Police posted an update on DHR-2023-01 action 1.1\n" in body
    assert "2. Northshire Police posted an update on DHR-2023-01 action 2.1\n" in body
    assert f"{BASE}/recommendations/{tracker_world.police_overdue.id}\n" in body
    assert f"{BASE}/recommendations/{tracker_world.police_due_soon.id}\n" in body
    assert all(row.sent_at is not None for row in _rows(coordinator))
    again = runner.invoke(args=["notifications", "digest"])
    assert "Queued 0 digest emails" in again.output and len(smtp_server.received) == 1


def test_the_preference_decides_between_an_email_now_and_the_digest(tracker_world, smtp_server):
    make.admin(email="now@example.org")
    later = make.admin(email="later@example.org")
    later.notify_by = "daily"
    progress.post_update(tracker_world.police_overdue.actions[0], make.agency_user(tracker_world.police), "Begun.",
                         None)
    data.commit()
    assert [m["To"] for m in smtp_server.received] == ["now@example.org"]
    assert [row.sent_at is None for row in _rows(later)] == [True]
    assert notify.send_digests() == 1
    assert [m["To"] for m in smtp_server.received] == ["now@example.org", "later@example.org"]


def test_a_real_worker_sends_what_a_request_handed_to_the_sqlite_queue(app, tmp_path, smtp_server):
    keep = ("SQLALCHEMY_DATABASE_URI", "DHR_INDEX_DIR", "DHR_UPLOAD_DIR", "DHR_OUTBOX_DIR", "SECRET_KEY", "TESTING",
            "MAIL_SERVER", "MAIL_PORT")
    config = {**{k: app.config[k] for k in keep}, "DHR_QUEUE_URL": f"sqlite:///{tmp_path / 'queue.sqlite'}"}
    reader = make.admin(email="reader@example.org")
    web = create_app(config)
    with web.app_context():
        notifications.notify([db.session.get(User, reader.id)], "test", "Through the queue", "Body.", "/")
        data.commit()
        db.session.remove()
    assert smtp_server.received == []  # queued: nobody has worked the queue yet
    worker = background.start_worker(create_app(config), workers=1)
    worker.start()
    try:
        assert smtp_server.mailbox.arrived.wait(60)
    finally:
        worker.stop(graceful=True)
    assert [m["Subject"] for m in smtp_server.received] == ["Through the queue"]
    assert _rows(reader)[0].sent_at is not None


def test_a_notification_is_sent_once_however_often_it_is_handed_over(app, tracker_world, smtp_server):
    reader = make.admin(email="reader@example.org")
    [row] = notifications.notify([reader, reader], "test", "Once only", "Said once.", "/recommendations/")
    data.commit()
    hand_over = app.extensions[data.AFTER_NOTIFICATIONS_WRITTEN]
    hand_over([row.id, row.id])
    assert notify.send([row.id]) == 0
    _backdate_unsent(5)
    assert background.look_after()["notifications"] == 0
    assert notify.send_digests() == 0
    assert [m["Subject"] for m in smtp_server.received] == ["Once only"]


def test_a_lost_hand_over_is_made_good_by_a_workers_minute_by_minute_care(app, monkeypatch, smtp_server):
    reader = make.admin(email="reader@example.org")
    monkeypatch.setitem(app.extensions, data.AFTER_NOTIFICATIONS_WRITTEN, lambda ids: None)  # the queue lost it
    notifications.notify([reader], "test", "Late but sent", "Body.", "/recommendations/")
    data.commit()
    assert background.look_after()["notifications"] == 0  # not yet a minute old: perhaps on its way
    _backdate_unsent(2)
    assert background.look_after()["notifications"] == 1
    assert background.look_after()["notifications"] == 0
    assert [m["Subject"] for m in smtp_server.received] == ["Late but sent"]


def test_a_queue_that_is_down_loses_no_notification(app, monkeypatch, smtp_server, caplog):
    reader = make.admin(email="reader@example.org")
    queue = background.queue_of(app)

    def down(task):
        raise ConnectionError("the queue is down")

    monkeypatch.setattr(queue, "enqueue", down)
    notifications.notify([reader], "test", "Kept while the queue is down", "Body.", "/recommendations/")
    data.commit()  # the change is saved all the same
    assert "could not hand notifications" in caplog.text and smtp_server.received == []
    monkeypatch.undo()
    _backdate_unsent(2)
    assert background.look_after()["notifications"] == 1
    assert [m["Subject"] for m in smtp_server.received] == ["Kept while the queue is down"]


def test_nobody_inactive_or_outside_the_agency_is_told(tracker_world, smtp_server):
    make.agency_user(tracker_world.police, email="gone@example.org", active=False)
    make.agency_user(tracker_world.health, email="health@example.org")
    officer = make.agency_user(tracker_world.police, email="officer@example.org")
    assert notifications.agency_users(tracker_world.police.id) == [officer]
    assert notifications.agency_users(None) == []
    pending = make.update(tracker_world.police_overdue, author=officer)
    assert notices.update_assessed(pending) == []  # not assessed: nothing to tell


def test_an_agency_that_no_longer_leads_is_not_told_of_the_assessment(tracker_world, smtp_server):
    coordinator = make.admin()
    make.agency_user(tracker_world.police, email="officer@example.org")
    rec = tracker_world.police_overdue
    posted = make.update(rec, agency=tracker_world.police)
    rec.lead_agency = rec.actions[0].lead_agency = tracker_world.housing  # not through actions.change: nobody told
    data.commit()
    progress.assess(posted, coordinator, "challenged", "Housing leads this now.")
    data.commit()
    assert smtp_server.received == []


def test_an_action_given_to_an_agency_emails_its_users(tracker_world, smtp_server):
    make.agency_user(tracker_world.police, email="officer@example.org")
    make.agency_user(tracker_world.housing, email="housing@example.org")
    rec = tracker_world.police_overdue
    added = make.action(rec, "Run refresher training.", lead=tracker_world.police, target_date=days(60))
    [message] = smtp_server.received
    assert message["To"] == "officer@example.org"
    assert message["Subject"] == "New action for Northshire Police: DHR-2023-01 action 1.2"
    body = _body(message)
    assert "Action 1.2: Run refresher training." in body and f"Target date: {days(60).day} " in body
    assert f"Open it: http://127.0.0.1:5000/our-recommendations/{rec.id}\n" in body
    actions.change(added, actions.details_of(added), added.version)
    data.commit()
    assert len(smtp_server.received) == 1  # changed, but still the same agency's
    moved = actions.details_of(added)
    moved.lead_agency = tracker_world.housing
    actions.change(added, moved, added.version)
    data.commit()
    assert smtp_server.received[1]["To"] == "housing@example.org"
    assert smtp_server.received[1]["Subject"] == "New action for City Housing: DHR-2023-01 action 1.2"


def test_an_action_nobody_leads_tells_nobody(tracker_world, smtp_server):
    make.agency_user(tracker_world.police)
    assert notices.action_assigned(make.action(tracker_world.police_overdue, lead=None, commit=False)) == []


def test_a_target_date_decision_emails_the_lead_agency(tracker_world, smtp_server):
    coordinator = make.admin()
    officer = make.agency_user(tracker_world.police, email="officer@example.org")
    action = tracker_world.police_overdue.actions[0]
    was = action.target_date
    agreement.decide(make.date_change(action, officer, dt.date(2031, 6, 30)), coordinator, "refused",
                     "The board wants it this year.")
    data.commit()
    agreement.decide(make.date_change(action, officer, dt.date(2031, 6, 30)), coordinator, "accepted",
                     "Agreed at the board.")
    data.commit()
    refused, accepted = smtp_server.received
    assert refused["Subject"] == "Target date change on DHR-2023-01 action 1.1 refused"
    assert f"refused: the target date stays {long_date(was)}" in _body(refused)
    assert "The board wants it this year." in _body(refused)
    assert accepted["Subject"] == "Target date change on DHR-2023-01 action 1.1 accepted"
    assert "accepted: the target date is now 30 June 2031" in _body(accepted)
    assert "Agreed at the board." in _body(accepted)
    assert accepted["To"] == "officer@example.org"


def test_choosing_the_daily_digest_is_saved_and_audited(app, client, pages, sign_in):
    pages, user = sign_in("chair")
    home = pages.get("/")
    assert home.select_one("a[href='/account/notifications']").get_text(strip=True) == "Email notifications"
    soup = pages.get("/account/notifications")
    assert soup.select_one("input[name=notify_by][value=immediate]").has_attr("checked")
    refused = pages.post("/account/notifications", data={})
    assert error_summary(refused) == ["Select how you want to be told"]
    pages.post("/account/notifications", data={"notify_by": "daily"}, expected_status=302)
    db.session.expire_all()
    assert db.session.get(User, user.id).notify_by == "daily"
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "user_account",
                                                        AuditEvent.action == "update")).all()[-1]
    assert event.entity_id == user.id and event.changes == {"notify_by": {"from": "immediate", "to": "daily"}}
    assert pages.get("/account/notifications").select_one(
        "input[name=notify_by][value=daily]").has_attr("checked")
    assert error_summary(pages.post("/account/notifications", data={"notify_by": "weekly"}))
    db.session.expire_all()
    assert db.session.get(User, user.id).notify_by == "daily"


def test_the_morning_digest_is_a_periodic_task_of_the_worker(app):
    queue = background.queue_of(app)
    [task] = [t() for t in queue._registry._periodic_tasks if t.__name__ == "send_notification_digests"]
    # The queue's clock is naive UTC: 07:00 in London is 07:00 UTC in winter and 06:00 UTC in summer.
    winter = [hour for hour in range(24) for minute in range(60)
              if task.validate_datetime(dt.datetime(2026, 1, 5, hour, minute))]
    assert winter == [notify.DIGEST_HOUR]
    assert task.validate_datetime(dt.datetime(2026, 7, 6, notify.DIGEST_HOUR - 1, 0))
    assert not task.validate_datetime(dt.datetime(2026, 7, 6, notify.DIGEST_HOUR, 0))


def test_the_reminder_digest_links_each_recommendation(tracker_world, runner, smtp_server, make_user, app):
    app.config["DHR_BASE_URL"] = BASE + "/"
    make_user("agency", email="officer@example.org", agency_name="Northshire Police")
    assert runner.invoke(args=["reminders", "--date", TODAY.isoformat()]).exit_code == 0
    body = _body(_to(smtp_server, "officer@example.org")[0])
    assert f"  {BASE}/our-recommendations/{tracker_world.police_overdue.id}\n" in body
    assert f"  {BASE}/our-recommendations/{tracker_world.police_due_soon.id}\n" in body


def test_sent_notifications_are_removed_after_ninety_days_and_unsent_ones_never(app):
    reader = make.admin(email="reader@example.org")
    daily = make.admin(email="daily@example.org")
    daily.notify_by = "daily"
    long_sent, recent_sent = (notifications.notify([reader], "test", subject, "Body.", "/")[0]
                              for subject in ("Long sent", "Recently sent"))
    [waiting] = notifications.notify([daily], "test", "Waiting for the digest", "Body.", "/")
    long_ago = utcnow() - notifications.SENT_KEPT_FOR - dt.timedelta(minutes=1)
    long_sent.sent_at, long_sent.created_at = long_ago, long_ago
    recent_sent.sent_at = utcnow() - notifications.SENT_KEPT_FOR + dt.timedelta(hours=1)
    waiting.created_at = long_ago
    data.commit()
    assert background.look_after()["notifications_removed"] == 1
    kept = {n.subject for n in db.session.scalars(select(Notification))}
    assert kept == {"Recently sent", "Waiting for the digest"}
