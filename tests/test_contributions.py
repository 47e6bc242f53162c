"""Agencies' contributions: the chair asks an agency for a scoping return, chronology or IMR by a
due date, chases it (an email to the agency's users) and records it received, or the agency
uploads it; what is owed and overdue follows the one rule for overdue work; only the review's
chair, the coordinator and the agency asked ever see a contribution or its file — never another
agency, another chair or a trainer (pages, search, exports, PDFs)."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from werkzeug.datastructures import MultiDict

from dhr import create_app
from dhr.data import contributions, history, homes
from dhr.data.audit_words import in_words
from dhr.data.contribution_models import Contribution
from dhr.data.contributions import ContributionError
from dhr.extensions import db
from search import indexing

from . import factories as make
from .helpers import date_fields, error_summary, scratch_database_url
from .pdf_helpers import get_pdf

SECRET = "Zebrafinch chronology: the restricted IMR text."


def _ask_form(agency_id="", kind="imr", due_on=None, note="") -> MultiDict:
    return MultiDict([("agency_id", str(agency_id)), ("kind", kind), ("note", note), *date_fields("due_on", due_on)])


def test_owed_and_overdue_follow_the_due_date_and_receipt_across_a_leap_day(app):
    police = make.agency("Northshire Police")
    review = make.review("DHR-CON-01", stage="information_gathering")
    imr = make.contribution(review, police, "imr", asked_on=dt.date(2028, 1, 30), due_on=dt.date(2028, 2, 29))
    assert contributions.standing(imr, dt.date(2028, 2, 28)) == contributions.OWED
    assert contributions.standing(imr, dt.date(2028, 2, 29)) == contributions.OWED  # due today is not late
    assert contributions.standing(imr, dt.date(2028, 3, 1)) == contributions.OVERDUE
    assert contributions.count_overdue(dt.date(2028, 3, 1)) == 1 == len(contributions.overdue(dt.date(2028, 3, 1)))
    assert contributions.count_overdue(dt.date(2028, 2, 29)) == 0
    contributions.record_received(imr, dt.date(2028, 3, 2), today=dt.date(2028, 3, 3))
    db.session.commit()
    assert contributions.standing(imr, dt.date(2028, 3, 3)) == contributions.RECEIVED
    assert contributions.count_overdue(dt.date(2028, 3, 3)) == 0 and contributions.count_owed_by(police.id) == 0


def test_asking_refuses_what_cannot_be_right(app):
    police = make.agency("Northshire Police")
    review = make.review("DHR-CON-02")
    today = dt.date(2026, 3, 1)
    with pytest.raises(ContributionError, match="today or in the future"):
        contributions.ask(review, contributions.Asked(police, "imr", dt.date(2026, 2, 28)), today=today)
    with pytest.raises(ContributionError, match="Choose what the agency is asked for"):
        contributions.ask(review, contributions.Asked(police, "essay", dt.date(2026, 4, 1)), today=today)
    contributions.ask(review, contributions.Asked(police, "chronology", dt.date(2026, 4, 1)), today=today)
    with pytest.raises(ContributionError, match="already been asked for a chronology"):
        contributions.ask(review, contributions.Asked(police, "chronology", dt.date(2026, 5, 1)), today=today)
    chronology = review.contributions[0]
    with pytest.raises(ContributionError, match=r"on or after the date it was asked for \(1 March 2026\)"):
        contributions.record_received(chronology, dt.date(2026, 2, 1), today=today)


def test_the_chair_asks_keeping_what_was_typed_and_the_history_says_so_in_words(sign_in):
    pages, chair = sign_in("chair")
    police = make.agency("Northshire Police")
    review = make.review("DHR-CON-03", chair=chair, stage="information_gathering")
    url = f"/reviews/{review.id}/contributions/new"
    soup = pages.post(url, data=_ask_form(kind="", note="Cover 2019 to 2023"))
    assert error_summary(soup) == ["Choose the agency to ask", "Choose what the agency is asked for",
                                   "Enter the date it is due"]
    assert "Cover 2019 to 2023" in soup.select_one("#note").get_text()
    past = dt.date.today() - dt.timedelta(days=1)
    soup = pages.post(url, data=_ask_form(police.id, "imr", past))
    assert error_summary(soup) == ["The date it is due must be today or in the future"]
    assert soup.select_one("#agency_id option[selected]")["value"] == str(police.id)
    due = dt.date.today() + dt.timedelta(days=28)
    assert pages.client.post(url, data=_ask_form(police.id, "imr", due)).status_code == 302
    soup = pages.get(f"/reviews/{review.id}/contributions")
    row = soup.select("table tbody tr")[0].get_text(" ", strip=True)
    assert "Northshire Police" in row and "Individual Management Review (IMR)" in row and "Outstanding" in row
    words = [t.words for t in in_words(history.of_review(review))]
    assert any(w.startswith("Asked for the Individual Management Review (IMR) from Northshire Police for "
                            "DHR-CON-03, due by ") for w in words), words


def test_a_chase_emails_the_agency_users_through_smtp_and_is_recorded(sign_in, smtp_server):
    pages, chair = sign_in("chair")
    police = make.agency("Northshire Police")
    make.user("agency", email="duty@police.example.org", agency="Northshire Police")
    make.user("agency", email="imr.author@police.example.org", agency="Northshire Police")
    make.user("agency", email="someone@housing.example.org", agency="City Housing")
    review = make.review("DHR-CON-04", chair=chair, stage="information_gathering")
    imr = make.contribution(review, police, asked_on=dt.date.today() - dt.timedelta(days=40),
                            due_on=dt.date.today() - dt.timedelta(days=5))
    url = f"/reviews/{review.id}/contributions/{imr.id}/chase"
    assert "duty@police.example.org" in pages.get(url).get_text()
    assert pages.client.post(url).status_code == 302
    received = {m["To"]: m for m in smtp_server.received}
    assert set(received) == {"duty@police.example.org", "imr.author@police.example.org"}
    body = received["duty@police.example.org"].get_content()
    assert "DHR-CON-04" in body and "was due by" in body and f"/our-contributions/{imr.id}" in body
    db.session.refresh(imr)
    assert imr.chases == 1 and imr.last_chased_on == dt.date.today()
    words = [t.words for t in in_words(history.of_review(review))]
    assert any(w.startswith("Sent a chase for the Individual Management Review (IMR) from Northshire Police")
               and w.endswith("to 2 people at Northshire Police") for w in words), words
    assert not any("chases sent" in w.lower() for w in words), words  # the chase is told once, as itself


def test_a_chase_to_an_agency_with_nobody_to_email_is_refused_in_words(sign_in):
    pages, chair = sign_in("chair")
    review = make.review("DHR-CON-05", chair=chair)
    imr = make.contribution(review, make.agency("Lonely Trust", "health"))
    soup = pages.post(f"/reviews/{review.id}/contributions/{imr.id}/chase")
    assert error_summary(soup) == ["Lonely Trust has no active users to email: ask the coordinator to add one"]
    db.session.refresh(imr)
    assert imr.chases == 0


def test_the_agency_uploads_its_own_and_it_is_received(sign_in):
    pages, officer = sign_in("agency", agency_name="Northshire Police")
    review = make.review("DHR-CON-06", stage="information_gathering")
    imr = make.contribution(review, officer.agency, due_on=dt.date.today() + dt.timedelta(days=3))
    soup = pages.post(f"/our-contributions/{imr.id}", data={})
    assert error_summary(soup) == ["Select a file to upload"]
    response = pages.client.post(f"/our-contributions/{imr.id}", data={
        "file": (io.BytesIO(SECRET.encode()), "imr.txt")}, content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(imr)
    assert imr.received_on == dt.date.today() and imr.document.kind == "contribution"
    assert imr.document.review_id is None  # never one of the review's documents
    assert pages.client.get(f"/our-contributions/{imr.id}/file").data == SECRET.encode()


def test_home_counts_are_the_lengths_of_the_lists_they_open(sign_in, make_user):
    police = make.agency("Northshire Police")
    review = make.review("DHR-CON-07", stage="information_gathering")
    past, soon = dt.date.today() - dt.timedelta(days=60), dt.date.today() + dt.timedelta(days=10)
    make.contribution(review, police, "scoping_return", asked_on=past, due_on=past + dt.timedelta(days=14))
    make.contribution(review, police, "chronology", asked_on=past, due_on=soon)
    make.contribution(review, police, "imr", asked_on=past, due_on=past + dt.timedelta(days=20),
                      received_on=past + dt.timedelta(days=19))
    make.contribution(review, make.agency("City Housing", "housing"), "imr", asked_on=past,
                      due_on=past + dt.timedelta(days=7))
    pages, officer = sign_in("agency", agency_name="Northshire Police")
    home = pages.get("/")
    count = int(home.select_one("#need-contributions-owed-count").get_text(strip=True))
    listed = pages.get(home.select_one("#need-contributions-owed a")["href"]).select("tr.app-contribution-owed")
    assert count == len(listed) == 2 == homes.agency(police.id)["contributions-owed"]
    pages.client.post("/sign-out")
    pages, _ = sign_in("admin")
    home = pages.get("/")
    count = int(home.select_one("#need-contributions-overdue-count").get_text(strip=True))
    listed = pages.get(home.select_one("#need-contributions-overdue a")["href"]).select("table tbody tr")
    assert count == len(listed) == 2


def test_other_agencies_other_chairs_and_trainers_never_reach_a_contribution(sign_in, client):
    police = make.agency("Northshire Police")
    chair = make.user("chair")
    review = make.review("DHR-CON-08", chair=chair, stage="published", published=True, panel_agencies=[police],
                         summary="A published review; the panel used the kingfisher model.")
    imr = make.contribution(review, police, file=SECRET.encode())
    indexing.rebuild()
    pages, _ = sign_in("agency", agency_name="City Housing")
    pages.get(f"/our-contributions/{imr.id}", expected_status=404)
    pages.get(f"/our-contributions/{imr.id}/file", expected_status=404)
    assert "Zebrafinch" not in pages.get("/our-contributions").get_text()
    client.post("/sign-out")
    pages, _ = sign_in("chair")
    pages.get(f"/reviews/{review.id}/contributions", expected_status=403)
    assert "Agencies' contributions" not in pages.get(f"/reviews/{review.id}").get_text()
    client.post("/sign-out")
    pages, _ = sign_in("trainer")
    for url in (f"/our-contributions/{imr.id}", f"/reviews/{review.id}/contributions",
                f"/reviews/{review.id}/contributions/{imr.id}/file", "/reviews/contributions/overdue"):
        assert client.get(url).status_code == 403, url
    shown = pages.get(f"/reviews/{review.id}").get_text()
    assert "Zebrafinch" not in shown and "contribution" not in shown.lower()
    assert "Zebrafinch" not in pages.get("/search?q=zebrafinch").get_text()
    pdf = " ".join(get_pdf(client, f"/reports/reviews/{review.id}/summary.pdf").pages)
    assert "Zebrafinch" not in pdf and "Individual Management Review" not in pdf
    for dataset in ("reviews", "findings", "recommendations"):
        response = client.get(f"/reports/exports/{dataset}.csv")
        assert response.status_code == 200 and b"Zebrafinch" not in response.data, dataset
    client.post("/sign-out")
    sign_in("admin")
    assert "kingfisher" in client.get("/search?q=kingfisher").get_data(as_text=True)  # the search does answer
    assert "Zebrafinch" not in client.get("/search?q=zebrafinch").get_data(as_text=True)  # never indexed at all


def test_the_review_chair_and_the_coordinator_download_the_file(sign_in, client):
    police = make.agency("Northshire Police")
    pages, chair = sign_in("chair")
    review = make.review("DHR-CON-09", chair=chair)
    imr = make.contribution(review, police, file=SECRET.encode())
    assert client.get(f"/reviews/{review.id}/contributions/{imr.id}/file").data == SECRET.encode()
    client.post("/sign-out")
    sign_in("admin")
    assert client.get(f"/reviews/{review.id}/contributions/{imr.id}/file").data == SECRET.encode()


def test_migration_0024_adds_and_removes_contributions(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0024")
        columns = {c["name"] for c in inspect(db.engine).get_columns("contribution")}
        assert {"review_id", "agency_id", "kind", "asked_on", "due_on", "received_on", "document_id", "chases",
                "last_chased_on", "note"} <= columns
        downgrade(revision="0021")
        assert "contribution" not in inspect(db.engine).get_table_names()
        db.engine.dispose()


def test_the_demo_asks_for_every_kind_with_some_overdue_some_chased_and_some_received(app):
    from dhr.demo import DEMO_TODAY, load_demo

    counts = load_demo()
    db.session.commit()
    asked = db.session.scalars(db.select(Contribution)).all()
    assert counts["contributions"] == len(asked) > 0
    assert {c.kind for c in asked} == {"scoping_return", "chronology", "imr"}
    assert {c.review.stage for c in asked} == {"information_gathering", "drafting"}
    standings = {contributions.standing(c, DEMO_TODAY) for c in asked}
    assert standings == {contributions.OWED, contributions.OVERDUE, contributions.RECEIVED}
    assert any(c.chases and c.last_chased_on for c in asked)
    assert any(c.kind == "imr" and contributions.is_overdue(c, DEMO_TODAY) for c in asked)
    assert all(c.received_on is None or c.asked_on <= c.received_on <= DEMO_TODAY for c in asked)
