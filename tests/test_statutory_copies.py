"""The statutory copies and the publication register: the copy of the completed report to the
Domestic Abuse Commissioner (owed from the Home Office's approval), the published report's web
address and its upload to the Home Office DHR Library (owed from publication), and the date a
report comes down under the partnership's rule; owed copies and reports due down counted on the
coordinator's home page, each count the length of the list it opens."""
from __future__ import annotations

import datetime as dt

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from werkzeug.datastructures import MultiDict

from dhr import create_app
from dhr.data import homes, statutory_copies
from dhr.data.statutory_copies import CopiesError
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary, scratch_database_url

APPROVED = dict(stage="approved", notified_on=dt.date(2024, 1, 5), decision_on=dt.date(2024, 1, 10),
                submitted_on=dt.date(2024, 5, 1), approved_on=dt.date(2024, 6, 1))


def _form(copy_on=None, url="", library_on=None) -> MultiDict:
    return MultiDict([*date_fields("commissioner_copy_on", copy_on), ("published_url", url),
                      *date_fields("library_uploaded_on", library_on)])


def test_the_copy_follows_the_approval_and_the_upload_the_publication(app):
    review = make.review("DHR-COPY-01", **APPROVED)
    with pytest.raises(CopiesError, match=r"on or after the Home Office's approval \(1 June 2024\)"):
        statutory_copies.record(review, commissioner_copy_on=dt.date(2024, 5, 31), published_url="",
                                library_uploaded_on=None)
    with pytest.raises(CopiesError, match="once the publication is recorded"):
        statutory_copies.record(review, commissioner_copy_on=None, published_url="",
                                library_uploaded_on=dt.date(2024, 7, 1))
    with pytest.raises(CopiesError, match="today or in the past"):
        statutory_copies.record(review, commissioner_copy_on=dt.date(2024, 6, 3), published_url="",
                                library_uploaded_on=None, today=dt.date(2024, 6, 2))
    not_approved = make.review("DHR-COPY-02", stage="drafting", decision_on=dt.date(2023, 2, 1))
    with pytest.raises(CopiesError, match="once the Home Office's approval is recorded"):
        statutory_copies.record(not_approved, commissioner_copy_on=dt.date(2024, 6, 3), published_url="",
                                library_uploaded_on=None)
    statutory_copies.record(review, commissioner_copy_on=dt.date(2024, 6, 1), published_url="",
                            library_uploaded_on=None)
    assert review.commissioner_copy_on == dt.date(2024, 6, 1)


@pytest.mark.parametrize("url", ["www.example.gov.uk/dhr", "https://", "javascript:alert(1)", "https://a b.uk/x",
                                 "https://example.gov.uk/" + "x" * 500])
def test_a_web_address_must_be_one(url):
    assert statutory_copies.web_address_problem(url)


def test_a_real_web_address_is_accepted():
    assert statutory_copies.web_address_problem("https://www.northshire.gov.uk/dhr/adult-a-2024.pdf") is None


def test_a_report_published_on_29_february_comes_down_on_28_february(app):
    statutory_copies.set_years_up(1)
    review = make.review("DHR-LEAP", published=True, published_on=dt.date(2024, 2, 29), **APPROVED)
    record = statutory_copies.record_of(review)
    assert record.comes_down_on == dt.date(2025, 2, 28)
    admin = make.admin()
    for today, due in [(dt.date(2025, 2, 27), False), (dt.date(2025, 2, 28), True)]:
        assert record.due_down(today) is due
        assert statutory_copies.counts_needing(admin, today)["come-down"] == int(due)


def test_no_rule_means_no_report_comes_down(app):
    make.review("DHR-OLD", published=True, published_on=dt.date(2010, 1, 1), **APPROVED)
    assert statutory_copies.years_up() is None
    assert statutory_copies.counts_needing(make.admin())["come-down"] == 0
    with pytest.raises(CopiesError, match="from 1 to 50"):
        statutory_copies.set_years_up(0)


def test_the_coordinator_records_the_copies_and_the_register_and_home_page_agree(sign_in):
    pages, admin = sign_in("admin")
    owed = make.review("DHR-OWED", **APPROVED)
    published = make.review("DHR-PUB", published=True, published_on=dt.date(2024, 7, 1), **APPROVED)
    make.review("DHR-EARLY", stage="drafting", decision_on=dt.date(2024, 2, 1))
    counts = homes.coordinator(admin)
    assert (counts["copies-commissioner"], counts["copies-library"], counts["copies-come-down"]) == (2, 1, 0)
    home = pages.get("/")
    assert home.select_one("#need-copies-commissioner-count").get_text(strip=True) == "2"
    listed = pages.get(home.select_one("#need-copies-commissioner a")["href"])
    references = [a.get_text(strip=True) for a in listed.select("tbody tr td:first-child a")]
    assert sorted(references) == ["DHR-OWED", "DHR-PUB"]

    url = f"/reviews/{published.id}/copies"
    soup = pages.post(url, data=_form(dt.date(2024, 5, 1), "not a web address", dt.date(2024, 6, 30)))
    assert error_summary(soup) == ["Enter the web address as it is shown in a browser, starting https://"]
    assert soup.select_one("#published_url")["value"] == "not a web address"
    soup = pages.post(url, data=_form(dt.date(2024, 5, 1), "https://www.northshire.gov.uk/dhr/pub.pdf",
                                      dt.date(2024, 6, 30)))
    assert error_summary(soup) == ["The date the copy was sent must be on or after the Home Office's approval "
                                   "(1 June 2024)"]
    response = pages.client.post(url, data=_form(dt.date(2024, 6, 10), "https://www.northshire.gov.uk/dhr/pub.pdf",
                                                 dt.date(2024, 7, 2)))
    assert response.status_code == 302
    counts = homes.coordinator(admin)
    assert (counts["copies-commissioner"], counts["copies-library"]) == (1, 0)
    shown = pages.get(f"/reviews/{published.id}")
    copies = shown.select_one("#copies").find_next("dl").get_text(" ", strip=True)
    assert "10 June 2024" in copies and "https://www.northshire.gov.uk/dhr/pub.pdf" in copies
    history = shown.select_one("#history").find_next("table").get_text(" ", strip=True)
    assert "copy sent to the Domestic Abuse Commissioner" in history
    download = pages.client.get("/reviews/publication-register.csv")
    lines = download.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Reference,Pseudonym,Approved by the Home Office")
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["DHR-OWED", "DHR-PUB"]
    assert owed.commissioner_copy_on is None


def test_only_the_partnership_sees_the_register_and_a_chair_records_only_their_own(sign_in):
    other_chair = make.chair(name="Chair Other")
    theirs = make.review("DHR-THEIRS", chair=other_chair, **APPROVED)
    for role in ("trainer", "agency"):
        pages, _ = sign_in(role)
        pages.get("/reviews/publication-register", expected_status=403)
        pages.client.post("/sign-out")
    pages, chair = sign_in("chair")
    mine = make.review("DHR-MINE", chair=chair, **APPROVED)
    pages.get(f"/reviews/{theirs.id}/copies", expected_status=403)
    pages.get("/reviews/publication-register/rule", expected_status=403)
    assert pages.client.post(f"/reviews/{mine.id}/copies", data=_form(dt.date(2024, 6, 2))).status_code == 302


def test_the_coordinator_sets_how_long_reports_stay_up(sign_in):
    pages, admin = sign_in("admin")
    make.review("DHR-LONG-AGO", published=True, published_on=dt.date(2015, 3, 1), **APPROVED)
    soup = pages.post("/reviews/publication-register/rule", data={"years": "five"})
    assert error_summary(soup) == ["Enter the number of years as a whole number, for example 5"]
    assert soup.select_one("#years")["value"] == "five"
    assert pages.client.post("/reviews/publication-register/rule", data={"years": "5"}).status_code == 302
    register = pages.get("/reviews/publication-register?need=come-down")
    assert "Published reports stay up for 5 years" in register.get_text(" ", strip=True)
    assert [a.get_text(strip=True) for a in register.select("tbody tr td:first-child a")] == ["DHR-LONG-AGO"]
    assert homes.coordinator(admin)["copies-come-down"] == 1


def test_migration_0019_adds_and_removes_the_copy_dates(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0019")
        columns = {c["name"] for c in inspect(db.engine).get_columns("review")}
        assert {"commissioner_copy_on", "library_uploaded_on"} <= columns
        downgrade(revision="-1")
        columns = {c["name"] for c in inspect(db.engine).get_columns("review")}
        assert not {"commissioner_copy_on", "library_uploaded_on"} & columns
        db.engine.dispose()
