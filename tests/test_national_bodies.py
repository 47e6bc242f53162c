"""National bodies that answer: a national recommendation is sent to the body's named contact and
the Commissioner's office, the body's users answer in the Commissioner's categories, the chair
and coordinator are told, and a silent body is chased after the response window and shown as
"No response"; the national list and board paper count by category."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path

import pytest

from dhr.data import DataError, audit_words, board_paper, commit, history, national, notifications, progress
from dhr.data.figure_data import Filters
from dhr.data.models import User
from dhr.data.vocab import NATIONAL_AWAITING, NATIONAL_NO_RESPONSE, NATIONAL_NOT_SENT, NationalResponse
from dhr.extensions import db
from search import indexing

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import error_summary
from .pdf_helpers import get_pdf

COMMISSIONER = "commissioner-office@example.org"
CONTACT = "dhr-recommendations@homeoffice.example.org"
SENT_ON = dt.date(2026, 3, 2)


@pytest.fixture
def world(app):
    """An unpublished review chaired by `chair`, with restricted notes, holding a Home Office
    recommendation, an NHS England one and a local police one."""
    make.admin(email="coordinator@example.org", name="Cora Coordinator")
    chair = make.chair(email="chair@example.org", name="Chris Chair")
    home_office = make.agency("Home Office", "national")
    nhs = make.agency("NHS England", "national")
    police = make.agency("Northshire Police", "police")
    home_office.contact_email = CONTACT
    nhs.contact_email = "contact@nhs.example.org"
    national.set_up(commissioner=COMMISSIONER)
    review = make.review("DHR-2025-03", pseudonym="Cara", chair=chair, stage="drafting", panel_agencies=[police],
                         restricted_notes="PANEL-ONLY: the perpetrator's history.", summary="Unpublished summary.")
    ours = make.recommendation(review, "1", "The Home Office should revise the risk checklist.", lead=home_office,
                               scope="national")
    theirs = make.recommendation(review, "2", "NHS England should fund routine enquiry.", lead=nhs,
                                 scope="national")
    local = make.recommendation(review, "3", "Police should flag repeat callers.", lead=police)
    body_user = make.user("agency", email="ho@example.org", agency=home_office, name="Hana Home")
    commit()
    return dict(chair=chair, home_office=home_office, nhs=nhs, review=review, ours=ours, theirs=theirs,
                local=local, body_user=body_user)


def _sign_in(client, user: User) -> None:
    client.post("/sign-out")
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302


def test_the_loop_end_to_end_send_respond_and_the_partnership_is_told(world, client, pages, smtp_server):
    rec = world["ours"]
    _sign_in(client, world["chair"])
    page = pages.get(f"/recommendations/{rec.id}")
    link = page.find("a", href=f"/recommendations/{rec.id}/send-to-national-body")
    assert link.get_text(" ", strip=True).startswith("Send to the national body")
    confirm = pages.get(link["href"]).get_text(" ", strip=True)
    assert CONTACT in confirm and COMMISSIONER in confirm and "56 days" in confirm
    assert smtp_server.received == []
    response = client.post(link["href"], data={})
    assert response.status_code == 302 and response.headers["Location"] == f"/recommendations/{rec.id}"
    [sent] = smtp_server.received
    assert sent["To"] == CONTACT and sent["Cc"] == COMMISSIONER
    assert "DHR-2025-03" in sent["Subject"]
    body = sent.get_content()
    assert "revise the risk checklist" in body and f"/our-recommendations/{rec.id}" in body
    db.session.expire_all()
    assert rec.referral.sent_on == progress.today()
    assert rec.referral.respond_by == progress.today() + dt.timedelta(days=56)
    assert national.standing(rec) == NATIONAL_AWAITING
    # Sending twice is refused with a plain message, and nothing more is sent.
    again = pages.get(link["href"])
    assert error_summary(again) == [f"This recommendation was already sent to Home Office on "
                                    f"{progress.today().day} {progress.today():%B %Y}"]

    _sign_in(client, world["body_user"])
    home = pages.get("/")
    assert "Recommendations made to Home Office" in home.get_text() and "Awaiting a response" in home.get_text()
    assert home.find("a", href=f"/our-recommendations/{rec.id}")
    form_url = f"/our-recommendations/{rec.id}/response"
    kept = pages.post(form_url, data={"narrative": "We have started revising it."})
    assert error_summary(kept) == ["Select how the recommendation stands"]
    assert kept.find("textarea", id="narrative").get_text() == "We have started revising it."
    kept = pages.post(form_url, data={"response": "partly_met", "narrative": "  "})
    assert error_summary(kept) == ["Enter what your organisation has done or will do"]
    assert kept.find("input", {"value": "partly_met"}).has_attr("checked")
    answer = pages.post(form_url, data={"response": "partly_met", "narrative": "Half the checklist is revised."},
                        expected_status=302)
    assert answer.headers["Location"] == f"/our-recommendations/{rec.id}"

    db.session.expire_all()
    assert national.standing(rec) == NationalResponse.PARTLY_MET
    told = {m["To"]: m for m in smtp_server.received[1:]}
    assert set(told) == {"chair@example.org", "coordinator@example.org"}
    assert "Home Office responded to DHR-2025-03 recommendation 1: Partly met" in told["chair@example.org"]["Subject"]
    assert "Half the checklist is revised." in told["chair@example.org"].get_content()
    for user in (world["chair"], db.session.query(User).filter_by(email="coordinator@example.org").one()):
        [note] = [n for n in notifications.of_user(user) if n.event == national.RESPONDED]
        assert note.link == f"/recommendations/{rec.id}"

    _sign_in(client, world["chair"])
    shown = pages.get(f"/recommendations/{rec.id}").get_text(" ", strip=True)
    assert "Partly met" in shown and "Half the checklist is revised." in shown and "by Hana Home" in shown
    assert "Sent Cara" not in shown
    words = " | ".join(t.words for t in audit_words.in_words(history.of_recommendation(rec)))
    assert f"Sent Recommendation 1 (DHR-2025-03) to Home Office ({CONTACT})" in words
    assert "Home Office responded to Recommendation 1 (DHR-2025-03): Partly met" in words
    assert "Referral" not in words  # the row behind it is told as these events, not as a change


def test_a_national_body_sees_and_answers_only_what_was_sent_to_it(world, client, pages):
    chair, ours, theirs, local = world["chair"], world["ours"], world["theirs"], world["local"]
    for rec in (ours, theirs):
        national.send(rec, chair, SENT_ON)
    commit()
    _sign_in(client, world["body_user"])
    home = pages.get("/")
    assert home.find("a", href=f"/our-recommendations/{ours.id}")
    assert not home.find("a", href=f"/our-recommendations/{theirs.id}")
    own = pages.get(f"/our-recommendations/{ours.id}").get_text()
    assert "PANEL-ONLY" not in own and "Respond to this recommendation" in own
    assert client.get(f"/our-recommendations/{theirs.id}").status_code == 403
    assert client.get(f"/our-recommendations/{local.id}").status_code == 403
    assert client.get(f"/our-recommendations/{theirs.id}/response").status_code == 404
    assert client.post(f"/our-recommendations/{theirs.id}/response",
                       data={"response": "not_met", "narrative": "Not ours."}).status_code == 404
    # Of the unpublished review beyond its recommendation, only the details that place it.
    assert client.get(f"/reviews/{world['review'].id}").status_code == 404
    assert "DHR-2025-03 (Cara)" in own and "Unpublished summary." not in own
    learning_page = client.get(f"/learning/recommendations/{ours.id}").get_data(as_text=True)
    assert "revise the risk checklist" in learning_page and "Unpublished summary." not in learning_page
    document = make.document(review=world["review"], kind="other", content=b"Individual management review text.")
    assert client.get(f"/reviews/{world['review'].id}/documents/{document.id}").status_code in (403, 404)
    indexing.rebuild()
    found = pages.get("/search?q=Unpublished")
    assert "Unpublished summary" not in found.get_text() and found.select_one("#results-heading")
    db.session.expire_all()
    assert theirs.referral.response is None
    # A police user (not a national body) answers nothing, even its own agency's recommendations.
    police_user = make.user("agency", agency=make.agency("Northshire Police"))
    _sign_in(client, police_user)
    assert client.get(f"/our-recommendations/{ours.id}/response").status_code == 404


def test_no_response_is_chased_after_56_days_and_shown_as_no_response(world, runner, app, smtp_server, client, pages,
                                                                      monkeypatch):
    rec = world["ours"]
    national.send(rec, world["chair"], SENT_ON)
    commit()
    due = SENT_ON + dt.timedelta(days=56)
    result = runner.invoke(args=["national-chase", "--date", due.isoformat()])
    assert result.exit_code == 0 and "No national body is due a chase." in result.output
    assert smtp_server.received == []
    assert national.standing(rec, due) == NATIONAL_AWAITING

    late = due + dt.timedelta(days=1)
    result = runner.invoke(args=["national-chase", "--date", late.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Queued 1 chase email" in result.output
    [chase] = smtp_server.received
    assert chase["To"] == CONTACT and chase["Cc"] == COMMISSIONER
    assert chase["Subject"] == "No response yet: DHR-2025-03 recommendation 1 to Home Office"
    db.session.expire_all()
    assert (rec.referral.chases, rec.referral.last_chased_on) == (1, late)
    assert national.standing(rec, late) == NATIONAL_NO_RESPONSE
    # Not chased again the next day; chased again a fortnight on.
    runner.invoke(args=["national-chase", "--date", (late + dt.timedelta(days=1)).isoformat()])
    assert len(smtp_server.received) == 1
    runner.invoke(args=["national-chase", "--date", (late + dt.timedelta(days=national.CHASE_EVERY_DAYS)).isoformat()])
    assert len(smtp_server.received) == 2
    db.session.expire_all()
    assert rec.referral.chases == 2

    monkeypatch.setattr(progress, "today", lambda: late)
    _sign_in(client, world["chair"])
    listed = pages.get("/recommendations/national")
    row = listed.find("a", href=f"/recommendations/{rec.id}").find_parent("tr")
    assert "No response" in row.get_text()
    shown = pages.get(f"/recommendations/{rec.id}").get_text(" ", strip=True)
    assert "No response" in shown and "2 times" in shown
    words = " | ".join(t.words for t in audit_words.in_words(history.of_recommendation(rec)))
    assert "Chased Home Office for a response to Recommendation 1 (DHR-2025-03)" in words
    # An answer, even a late one, ends the chasing.
    national.respond(rec, world["body_user"], NationalResponse.NOT_MET, "Outside our remit.")
    commit()
    assert national.to_chase(late + dt.timedelta(days=60)) == []


def test_counts_by_the_commissioners_categories_in_the_list_and_the_board_paper(world, client, pages):
    chair = world["chair"]
    review = world["review"]
    answers = [NationalResponse.FULLY_IMPLEMENTED, NationalResponse.FULLY_IMPLEMENTED,
               NationalResponse.ALREADY_HAPPENING, NationalResponse.NOT_MET]
    recs = [make.recommendation(review, str(10 + n), f"National recommendation {n}.", lead=world["home_office"],
                                scope="national") for n in range(len(answers) + 1)]
    for rec, answer in zip(recs, answers, strict=False):
        national.send(rec, chair, SENT_ON)
        national.respond(rec, world["body_user"], answer, "What we did.")
    national.send(recs[-1], chair, SENT_ON)  # silent: past 56 days by the day counted
    national.send(world["theirs"], chair, dt.date(2026, 6, 1))  # within the window
    commit()
    on = dt.date(2026, 6, 10)
    expected = {"fully_implemented": 2, "already_happening": 1, "partly_met": 0, "not_met": 1,
                NATIONAL_NO_RESPONSE: 1, NATIONAL_AWAITING: 1, NATIONAL_NOT_SENT: 1}
    assert national.counts(on) == expected  # the ours recommendation was never sent
    paper = board_paper.board_paper(chair, Filters(), on)
    assert paper.national == expected
    _sign_in(client, chair)
    table = pages.get("/recommendations/national").find("caption", string=lambda s: s and "by the national" in s)
    cells = {tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in table.find_parent("table").tbody("tr")}
    assert cells["Fully implemented"] == "2" and cells["Not met"] == "1" and cells["Not yet sent"] == "1"


def test_sending_needs_a_national_lead_a_contact_and_the_commissioners_address(world, client, pages, smtp_server):
    world["home_office"].contact_email = ""
    commit()
    _sign_in(client, world["chair"])
    url = f"/recommendations/{world['ours'].id}/send-to-national-body"
    shown = pages.post(url, data={})
    assert error_summary(shown) == ["Home Office has no named contact email address: ask the coordinator to add one"]
    assert smtp_server.received == [] and world["ours"].referral is None
    assert client.get(f"/recommendations/{world['local'].id}/send-to-national-body").status_code == 404
    other_chair = make.chair()
    _sign_in(client, other_chair)
    assert client.get(url).status_code == 403


def test_the_response_window_is_one_setting(app, runner):
    assert national.response_days() == 56
    assert national.respond_by(SENT_ON) == SENT_ON + dt.timedelta(days=56)
    result = runner.invoke(args=["national-setup", "--days", "28", "--commissioner-email", COMMISSIONER])
    assert result.exit_code == 0, result.output
    assert "response window: 28 days" in result.output
    assert national.respond_by(SENT_ON) == SENT_ON + dt.timedelta(days=28)
    with pytest.raises(DataError, match="between 1 and 365"):
        national.set_up(days=0)
    bad = runner.invoke(args=["national-setup", "--commissioner-email", "nobody"])
    assert bad.exit_code != 0 and "Enter the Commissioner's office email address" in bad.output


def test_a_national_bodys_contact_is_set_from_the_command_line(app, runner):
    make.agency("NHS England", "national")
    make.agency("City Housing", "housing")
    result = runner.invoke(args=["national-contact", "NHS England", "named.contact@example.org"])
    assert result.exit_code == 0 and "NHS England: recommendations are sent to named.contact@example.org" \
        in result.output
    refused = runner.invoke(args=["national-contact", "City Housing", "x@example.org"])
    assert refused.exit_code != 0 and "Name a national body" in refused.output


def test_without_a_mail_server_the_email_is_kept_in_the_outbox(world, app, client):
    _sign_in(client, world["chair"])
    assert client.post(f"/recommendations/{world['ours'].id}/send-to-national-body", data={}).status_code == 302
    [kept] = Path(app.config["DHR_OUTBOX_DIR"]).glob("national-*-sent.eml")
    message = email.message_from_bytes(kept.read_bytes(), policy=email.policy.default)
    assert message["To"] == CONTACT and message["Cc"] == COMMISSIONER


def test_the_coordinator_sets_contacts_the_commissioners_address_and_the_window(world, client, pages):
    coordinator = db.session.query(User).filter_by(email="coordinator@example.org").one()
    _sign_in(client, coordinator)
    page = pages.get("/admin/national-bodies")
    assert page.find("input", id="commissioner")["value"] == COMMISSIONER
    assert page.find("input", id="days")["value"] == "56"
    kept = pages.post("/admin/national-bodies", data={"commissioner": "not an address", "days": "a month"})
    assert error_summary(kept) == ["Enter an email address in the correct format, like name@example.org",
                                   "Enter the number of days as a whole number, like 56"]
    assert kept.find("input", id="days")["value"] == "a month"
    kept = pages.post("/admin/national-bodies", data={"commissioner": COMMISSIONER, "days": "400"})
    assert error_summary(kept) == ["The response window must be between 1 and 365 days"]
    assert national.response_days() == 56
    pages.post("/admin/national-bodies", data={"commissioner": "dac@example.org", "days": "28"}, expected_status=302)
    assert (national.commissioner_email(), national.response_days()) == ("dac@example.org", 28)

    nhs = world["nhs"]
    kept = pages.post("/admin/national-bodies/contact", data={"agency_id": str(nhs.id), "contact_email": "nobody"})
    assert error_summary(kept) == ["Enter an email address in the correct format, like name@example.org"]
    assert kept.find("input", id="contact_email")["value"] == "nobody"
    police = make.agency("Northshire Police")
    kept = pages.post("/admin/national-bodies/contact",
                      data={"agency_id": str(police.id), "contact_email": "police@example.org"})
    assert error_summary(kept) == ["Name a national body (an agency of the national kind)"]
    pages.post("/admin/national-bodies/contact", data={"agency_id": str(nhs.id), "contact_email": "new@example.org"},
               expected_status=302)
    db.session.expire_all()
    assert nhs.contact_email == "new@example.org" and police.contact_email == ""
    assert "new@example.org" in pages.get("/admin/national-bodies").get_text()
    _sign_in(client, world["chair"])
    assert client.get("/admin/national-bodies").status_code == 403


def test_the_board_paper_pdf_counts_national_answers(world, client):
    national.send(world["ours"], world["chair"], SENT_ON)
    national.respond(world["ours"], world["body_user"], NationalResponse.ALREADY_HAPPENING, "Under way already.")
    national.send(world["theirs"], world["chair"], SENT_ON)  # silent, and past 56 days by now
    commit()
    _sign_in(client, world["chair"])
    text = " ".join(get_pdf(client, "/reports/board.pdf").text.split())
    assert "National recommendations by the national body's answer" in text
    assert "Already happening 1" in text and "No response 1" in text and "Fully implemented 0" in text
