"""Accounts through the service: the coordinator invites people by email, changes their role
and agency, deactivates and reactivates them; anyone resets a forgotten password through an
emailed link. Links are long, random, single use, expire, and are kept only as a hash. Mail is
read back from a real SMTP server."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select

from dhr import create_app
from dhr.data import accounts, commit, discard
from dhr.data.account_models import AccountLink
from dhr.data.models import AuditEvent, User
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import PageClient, check_page, error_summary, scratch_database_url

NEW_PASSWORD = "lantern orchard violet compass"
LINK = re.compile(r"https?://\S+/set-password/(\S+)")


def _sign_in(client, email: str, password: str = TEST_PASSWORD) -> int:
    return client.post("/sign-in", data={"email": email, "password": password}).status_code


def _signed_in(client) -> bool:
    return client.get("/").status_code == 200


def _token(message) -> str:
    found = LINK.search(message.get_content())
    assert found, message.get_content()
    return found.group(1)


def _invite(client, smtp_server, **fields) -> tuple[User, str]:
    data = {"name": "Priya Shah", "email": "priya.shah@example.org", "role": "chair", "agency_id": ""} | fields
    response = client.post("/admin/users/invite", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    user = db.session.scalar(select(User).where(User.email == data["email"].lower()))
    assert response.headers["Location"] == f"/admin/users/{user.id}"
    return user, _token(smtp_server.received[-1])


def _set_password(client, token: str, password: str = NEW_PASSWORD, expected: int = 302):
    response = client.post(f"/set-password/{token}", data={"new_password": password, "confirm_password": password})
    assert response.status_code == expected, response.get_data(as_text=True)[:800]
    return response


def _no_secrets_audited(*secrets: str) -> None:
    trail = json.dumps([event.changes for event in db.session.scalars(select(AuditEvent))])
    for secret in secrets:
        assert secret not in trail


# --- invitations ------------------------------------------------------------------------------

def test_an_invitee_sets_a_password_through_the_emailed_link_and_signs_in(app, client, smtp_server):
    police = make.agency("Northshire Police")
    assert _sign_in(client, make.admin(name="Alex Coordinator").email) == 302
    admin_page = PageClient(client).get("/admin/")
    assert "flask --app dhr users create" not in admin_page.get_text()
    assert admin_page.select_one("a[href='/admin/users/invite']").get_text(strip=True) == "Invite a user"

    invitee, token = _invite(client, smtp_server, role="agency", agency_id=str(police.id),
                             email="Priya.Shah@Example.org")
    [message] = smtp_server.received
    assert message["To"] == "priya.shah@example.org"
    assert "Alex Coordinator has invited you" in message.get_content()
    assert "as Agency for Northshire Police" in message.get_content()
    assert "expires in 7 days" in message.get_content()
    assert len(token) >= 40 and str(invitee.id) not in token.split("-")
    [link] = db.session.scalars(select(AccountLink))
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in link.token_hash
    assert link.expires_at - link.created_at == dt.timedelta(days=7)
    assert (invitee.role, invitee.agency, invitee.active) == ("agency", police, False)

    listed = PageClient(client).get("/admin/")
    row = next(tr for tr in listed.select("tbody tr") if "Priya Shah" in tr.get_text())
    assert "Invited" in row.get_text(" ", strip=True) and "Never" in row.get_text(" ", strip=True)

    invitee_browser = app.test_client()
    assert _sign_in(invitee_browser, invitee.email, NEW_PASSWORD) == 200  # no password yet
    page = PageClient(invitee_browser).get(f"/set-password/{token}")
    assert page.h1.get_text(strip=True) == "Set your password"
    weak = PageClient(invitee_browser).post(f"/set-password/{token}",
                                            data={"new_password": "short", "confirm_password": "short"})
    assert error_summary(weak) == ["Password must be at least 12 characters long"]
    assert weak.select_one("input[name=new_password]").get("value") in (None, "")
    mine = PageClient(invitee_browser).post(f"/set-password/{token}", data={
        "new_password": "priya.shah keeps records", "confirm_password": "priya.shah keeps records"})
    assert error_summary(mine) == ["Password must not contain your email address"]
    assert _set_password(invitee_browser, token).headers["Location"] == "/sign-in"
    assert _sign_in(invitee_browser, invitee.email, NEW_PASSWORD) == 302
    assert _signed_in(invitee_browser)
    db.session.refresh(invitee)
    assert invitee.active and invitee.last_sign_in_at is not None

    again = PageClient(app.test_client()).get(f"/set-password/{token}", expected_status=404)
    assert "This link has already been used" in again.get_text()
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.entity_id == invitee.id,
                                                                             AuditEvent.entity_type == "user_account"))]
    assert "invite" in actions and "invite_accepted" in actions
    _no_secrets_audited(token, link.token_hash)


def test_the_invitation_form_says_what_is_wrong_and_keeps_what_was_typed(app, client, smtp_server):
    make.agency("Northshire Police")
    taken = make.trainer(email="taken@example.org")
    assert _sign_in(client, make.admin().email) == 302
    pages = PageClient(client)
    empty = pages.post("/admin/users/invite", data={})
    assert error_summary(empty) == ["Enter the person’s full name", "Enter the person’s email address", "Select a role"]
    no_agency = pages.post("/admin/users/invite", data={"name": "Lee Grant", "email": "lee@example.org",
                                                        "role": "agency", "agency_id": ""})
    assert error_summary(no_agency) == ["Select the agency this person works for"]
    assert no_agency.select_one("input[name=name]")["value"] == "Lee Grant"
    assert no_agency.select_one("input[name=role][value=agency]").has_attr("checked")
    twice = pages.post("/admin/users/invite", data={"name": "Lee Grant", "email": taken.email, "role": "trainer"})
    assert error_summary(twice) == ["There is already an account with this email address"]
    bad = pages.post("/admin/users/invite", data={"name": "Lee Grant", "email": "not-an-email", "role": "trainer"})
    assert error_summary(bad) == ["Enter an email address in the correct format, like name@example.org"]
    assert smtp_server.received == [] and db.session.scalar(select(AccountLink)) is None


def test_expired_and_tampered_links_are_refused_with_a_clear_page(app, client, smtp_server):
    assert _sign_in(client, make.admin().email) == 302
    invitee, token = _invite(client, smtp_server)
    stranger = PageClient(app.test_client())
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, "x", "a" * 300):
        page = stranger.get(f"/set-password/{bad}", expected_status=404)
        assert page.h1.get_text(strip=True) == "This link cannot be used"
        assert "This link is not valid" in page.get_text()
    stranger.post(f"/set-password/{tampered}", data={"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
                  expected_status=404)
    link = db.session.scalar(select(AccountLink))
    link.expires_at = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=1)
    db.session.commit()
    expired = stranger.get(f"/set-password/{token}", expected_status=404)
    assert "This link has expired" in expired.get_text()
    _set_password(stranger.client, token, expected=404)
    db.session.refresh(invitee)
    assert invitee.password_hash == "" and not invitee.active
    account = PageClient(client).get(f"/admin/users/{invitee.id}")
    assert "Invitation lapsed" in account.get_text()


def test_an_invitation_sent_again_stops_the_old_link_and_a_withdrawn_one_stops_working(app, client, smtp_server):
    assert _sign_in(client, make.admin().email) == 302
    invitee, first = _invite(client, smtp_server)
    pages = PageClient(client)
    pages.post(f"/admin/users/{invitee.id}/resend-invitation", expected_status=302)
    second = _token(smtp_server.received[-1])
    assert second != first and len(smtp_server.received) == 2
    stranger = PageClient(app.test_client())
    stranger.get(f"/set-password/{first}", expected_status=404)
    stranger.get(f"/set-password/{second}")
    pages.post(f"/admin/users/{invitee.id}/withdraw-invitation", expected_status=302)
    stranger.get(f"/set-password/{second}", expected_status=404)
    assert "Invitation lapsed" in pages.get(f"/admin/users/{invitee.id}").get_text()
    pages.post(f"/admin/users/{invitee.id}/resend-invitation", expected_status=302)
    _set_password(stranger.client, _token(smtp_server.received[-1]))
    refused = pages.post(f"/admin/users/{invitee.id}/resend-invitation")
    assert error_summary(refused) == ["Priya Shah has already set a password: there is no invitation to send again"]
    assert len(smtp_server.received) == 3
    actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == invitee.id)))
    assert actions.count("resend_invite") == 2 and "withdraw_invite" in actions


def test_a_link_is_emailed_only_once_the_change_that_made_it_commits(app, smtp_server):
    accounts.invite("kept@example.org", "Kit Kept", "trainer", None)
    discard()
    assert smtp_server.received == [] and db.session.scalar(select(User)) is None
    _, token = accounts.invite("sent@example.org", "Sam Sent", "trainer", None)
    assert smtp_server.received == []
    commit()
    [message] = smtp_server.received
    assert message["To"] == "sent@example.org" and _token(message) == token
    assert "The partnership coordinator has invited you" in message.get_content()


# --- the account page ------------------------------------------------------------------------

def test_the_coordinator_changes_a_users_role_and_agency(app, client):
    police, housing = make.agency("Northshire Police"), make.agency("City Housing", "housing")
    person = make.agency_user(police, name="Jo Bell")
    assert _sign_in(client, make.admin().email) == 302
    pages = PageClient(client)
    page = pages.get(f"/admin/users/{person.id}")
    assert page.select_one("input[name=role][value=agency]").has_attr("checked")
    assert page.select_one(f"select[name=agency_id] option[value='{police.id}']").has_attr("selected")
    pages.post(f"/admin/users/{person.id}", data={"role": "agency", "agency_id": str(housing.id)}, expected_status=302)
    db.session.refresh(person)
    assert person.agency == housing
    missing = pages.post(f"/admin/users/{person.id}", data={"role": "agency", "agency_id": ""})
    assert error_summary(missing) == ["Select the agency this person works for"]
    pages.post(f"/admin/users/{person.id}", data={"role": "chair", "agency_id": str(housing.id)}, expected_status=302)
    db.session.refresh(person)
    assert (person.role, person.agency) == ("chair", None)
    events = {e.action: e.changes for e in db.session.scalars(select(AuditEvent).where(  # the latest of each
        AuditEvent.action.in_(["change_role", "change_agency"])).order_by(AuditEvent.id))}
    assert events["change_role"] == {"role": {"from": "agency", "to": "chair"}}
    assert events["change_agency"] == {"agency": {"from": "City Housing", "to": None}}


def test_crafted_account_forms_get_a_message_never_a_500(app, client):
    person = make.trainer(name="Jo Bell")
    assert _sign_in(client, make.admin().email) == 302
    pages = PageClient(client)
    for data, message in (({"role": "owner", "agency_id": ""}, "Select a role"),
                          ({"role": "agency", "agency_id": "abc"}, "Select the agency this person works for"),
                          ({"role": "agency", "agency_id": "99999"}, "Select the agency this person works for"),
                          ({"role": "agency", "agency_id": "-1"}, "Select the agency this person works for")):
        assert error_summary(pages.post(f"/admin/users/{person.id}", data=data)) == [message]
        invited = pages.post("/admin/users/invite", data={"name": "Lee", "email": "lee@example.org", **data})
        assert error_summary(invited) == [message]
    assert pages.post("/forgotten-password", data={"email": ""}).select_one(".govuk-error-summary")
    pages.post(f"/admin/users/{person.id}/deactivate", data={"next": "https://elsewhere.example"},
               expected_status=302)
    pages.get("/admin/users/99999", expected_status=404)
    db.session.refresh(person)
    assert person.role == "trainer" and db.session.scalar(select(User).where(User.email == "lee@example.org")) is None


def test_deactivating_ends_every_session_and_refuses_sign_in_until_reactivated(app, client):
    chair = make.chair(name="Sam Okafor")
    laptop, phone = app.test_client(), app.test_client()
    assert _sign_in(laptop, chair.email) == 302 and _sign_in(phone, chair.email) == 302
    assert _sign_in(client, make.admin().email) == 302
    pages = PageClient(client)
    done = pages.post(f"/admin/users/{chair.id}/deactivate", expected_status=302)
    assert done.headers["Location"] == f"/admin/users/{chair.id}"
    assert not _signed_in(laptop) and not _signed_in(phone)
    refused = PageClient(laptop).post("/sign-in", data={"email": chair.email, "password": TEST_PASSWORD})
    assert error_summary(refused) == ["Enter a correct email address and password"]
    assert "Deactivated" in pages.get(f"/admin/users/{chair.id}").get_text()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "deactivate"))
    assert event.entity_id == chair.id and event.changes == {"sessions_ended": 2}
    pages.post(f"/admin/users/{chair.id}/reactivate", expected_status=302)
    assert _sign_in(laptop, chair.email) == 302


def test_the_last_coordinator_is_never_demoted_or_deactivated_and_nobody_deactivates_themselves(app, client):
    only = make.admin(name="Ola Coordinator")
    assert _sign_in(client, only.email) == 302
    pages = PageClient(client)
    demoted = pages.post(f"/admin/users/{only.id}", data={"role": "chair", "agency_id": ""})
    assert error_summary(demoted) == ["Ola Coordinator is the only active partnership coordinator. Make someone else "
                                      "a coordinator first."]
    own = pages.post(f"/admin/users/{only.id}/deactivate")
    assert error_summary(own) == ["You cannot deactivate your own account. Ask another coordinator."]
    other = make.admin(name="Kit Coordinator")
    assert error_summary(pages.post(f"/admin/users/{only.id}/deactivate")) == [
        "You cannot deactivate your own account. Ask another coordinator."]
    pages.post(f"/admin/users/{other.id}/deactivate", expected_status=302)
    demoted = pages.post(f"/admin/users/{only.id}", data={"role": "trainer", "agency_id": ""})
    assert error_summary(demoted)[0].startswith("Ola Coordinator is the only active partnership coordinator")
    pages.post(f"/admin/users/{other.id}/reactivate", expected_status=302)
    pages.post(f"/admin/users/{only.id}", data={"role": "trainer", "agency_id": ""}, expected_status=302)
    db.session.refresh(only)
    assert only.role == "trainer"


def test_only_the_coordinator_may_manage_accounts(app, client, sign_in):
    person = make.trainer()
    for role in ("chair", "agency", "trainer"):
        page, _ = sign_in(role)
        for method, url in (("GET", "/admin/users/invite"), ("POST", "/admin/users/invite"),
                            ("GET", f"/admin/users/{person.id}"), ("POST", f"/admin/users/{person.id}"),
                            ("POST", f"/admin/users/{person.id}/deactivate"),
                            ("POST", f"/admin/users/{person.id}/reactivate"),
                            ("POST", f"/admin/users/{person.id}/resend-invitation"),
                            ("POST", f"/admin/users/{person.id}/withdraw-invitation"),
                            ("POST", f"/admin/users/{person.id}/sign-out-everywhere")):
            assert client.open(url, method=method, data={"role": "admin"}).status_code == 403, (role, url)
        client.post("/sign-out")
    db.session.refresh(person)
    assert person.active and person.role == "trainer"


def test_every_account_form_carries_a_csrf_token_and_refuses_a_post_without_one(app, client, smtp_server):
    assert _sign_in(client, make.admin().email) == 302
    invitee, token = _invite(client, smtp_server)
    app.config["WTF_CSRF_ENABLED"] = True
    pages = PageClient(client)
    for url in ("/admin/users/invite", f"/admin/users/{invitee.id}"):
        for form in pages.get(url).select("form[method=post]"):
            assert form.select_one("input[name=csrf_token]")["value"], (url, form.get("action"))
    client.post("/sign-out", data={"csrf_token": pages.get("/").select_one("input[name=csrf_token]")["value"]})
    for url in (f"/set-password/{token}", "/forgotten-password"):
        assert PageClient(client).get(url).select_one("form input[name=csrf_token]")["value"]
        assert client.post(url, data={"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD,
                                      "email": invitee.email}).status_code == 400
    db.session.refresh(invitee)
    assert invitee.password_hash == ""


# --- a forgotten password ---------------------------------------------------------------------

def test_a_forgotten_password_is_reset_through_the_emailed_link(app, client, smtp_server):
    person = make.chair(name="Rae Morgan", email="rae@example.org")
    elsewhere = app.test_client()
    assert _sign_in(elsewhere, person.email) == 302
    sign_in_page = PageClient(client).get("/sign-in")
    assert sign_in_page.select_one("a[href='/forgotten-password']").get_text(strip=True) == "Forgotten your password?"
    sent = PageClient(client).post("/forgotten-password", data={"email": "RAE@example.org"})
    assert sent.h1.get_text(strip=True) == "Check your email"
    [message] = smtp_server.received
    assert message["To"] == "rae@example.org" and "expires in 1 hour" in message.get_content()
    token = _token(message)
    link = db.session.scalar(select(AccountLink))
    assert link.expires_at - link.created_at == dt.timedelta(hours=1)
    assert PageClient(client).get(f"/set-password/{token}").h1.get_text(strip=True) == "Choose a new password"
    _set_password(client, token)
    assert not _signed_in(elsewhere)
    assert _sign_in(client, person.email, TEST_PASSWORD) == 200
    assert _sign_in(client, person.email, NEW_PASSWORD) == 302
    used = PageClient(app.test_client()).get(f"/set-password/{token}", expected_status=404)
    assert "already been used" in used.get_text()
    actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == person.id)))
    assert "password_reset_requested" in actions and "password_reset" in actions
    _no_secrets_audited(token, link.token_hash)


def test_a_browser_signed_in_as_someone_else_is_signed_out_when_it_sets_a_password_by_link(app, client, smtp_server):
    person = make.chair(email="rae@example.org")
    client.post("/forgotten-password", data={"email": person.email})
    token = _token(smtp_server.received[-1])
    other = make.trainer()
    assert _sign_in(client, other.email) == 302
    _set_password(client, token)
    assert not _signed_in(client)
    assert _sign_in(client, person.email, NEW_PASSWORD) == 302


def test_the_reset_page_says_the_same_whether_or_not_an_account_exists(app, client, smtp_server):
    make.trainer(email="known@example.org")
    make.trainer(email="gone@example.org", active=False)

    def answer(email: str) -> tuple[int, str]:
        response = client.post("/forgotten-password", data={"email": email})
        main = check_page(response.get_data(as_text=True)).select_one("main")
        return response.status_code, main.get_text(" ", strip=True).replace(email, "EMAIL")

    known, unknown, gone = answer("known@example.org"), answer("nobody@example.org"), answer("gone@example.org")
    assert known == unknown == gone and known[0] == 200
    assert [m["To"] for m in smtp_server.received] == ["known@example.org"]
    assert [(e.entity_id is None, e.changes["link_sent"]) for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "password_reset_requested").order_by(AuditEvent.id))] == [
        (False, True), (True, False), (False, False)]


def test_an_expired_reset_link_or_one_of_a_deactivated_account_does_nothing(app, client, smtp_server):
    person = make.chair(email="rae@example.org")
    client.post("/forgotten-password", data={"email": person.email})
    first = _token(smtp_server.received[-1])
    db.session.scalar(select(AccountLink)).expires_at = dt.datetime(2020, 1, 1)
    db.session.commit()
    assert "This link has expired" in PageClient(client).get(f"/set-password/{first}", expected_status=404).get_text()
    client.post("/forgotten-password", data={"email": person.email})
    second = _token(smtp_server.received[-1])
    person.active = False
    db.session.commit()
    _set_password(client, second, expected=404)
    db.session.refresh(person)
    assert _sign_in(client, person.email, NEW_PASSWORD) == 200
    person.active = True
    db.session.commit()
    assert _sign_in(client, person.email, TEST_PASSWORD) == 302


def test_asking_for_reset_links_is_rate_limited_per_client_address(database_url, tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", "DHR_INDEX_DIR": str(tmp_path),
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True, "DHR_SIGN_IN_LIMIT": "3 per minute",
                      "DHR_OUTBOX_DIR": str(tmp_path / "outbox")})
    client = app.test_client()
    statuses = [client.post("/forgotten-password", data={"email": "nobody@example.org"}).status_code
                for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


# --- the migration ----------------------------------------------------------------------------

def test_migration_0009_adds_and_removes_the_account_links_table(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        columns = {c["name"] for c in inspect(db.engine).get_columns("account_link")}
        assert columns == {"id", "user_id", "purpose", "token_hash", "created_at", "expires_at", "used_at"}
        downgrade(revision="0008")
        assert "account_link" not in inspect(db.engine).get_table_names()
        upgrade()
        assert "account_link" in inspect(db.engine).get_table_names()
        db.engine.dispose()
