"""The reviews register import: the columns partnerships keep under their own headings, a preview
with every row's problems, nothing saved until the whole register is right and confirmed, then
every review at once; importing the same register again changes nothing."""
from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook
from sqlalchemy import func, select

from dhr.data.models import Pause, Review
from dhr.extensions import db

from . import factories as make
from .helpers import error_summary

HEADER = ["DHR Ref", "Review type", "Category of death", "Pseudonym", "Independent chair", "Date notified",
          "Decision date", "Panel set up", "Submitted to Home Office", "Date approved", "Published",
          "Published URL", "Pauses"]


def _csv(rows: list[list[str]], header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Northshire CSP reviews register"])  # a title above the header, as registers have
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _text(soup) -> str:
    return " ".join(soup.get_text(" ").split())


def _upload(pages, content: bytes, filename: str = "register.csv"):
    return pages.post("/reviews/register", data={"register": (io.BytesIO(content), filename)},
                      content_type="multipart/form-data")


def _forty_five(chair_name: str) -> list[list[str]]:
    rows = []
    for n in range(1, 46):
        year = 2011 + n % 13
        published = n % 3 == 0
        rows.append([f"NDHR{year}-{n:02d}", "Suicide review" if n % 9 == 0 else "DHR",
                     "Intimate partner homicide" if n % 2 else "Adult family homicide", f"Adult {n}",
                     chair_name if n % 4 else "", f"{n % 28 + 1}/3/{year}", f"{n % 28 + 1}/4/{year}",
                     f"1 June {year}", f"{year + 1}-01-15", f"{year + 1}-05-01" if published else "",
                     f"{year + 1}-07-01" if published else "",
                     f"https://northshire.example/dhr/{n}" if published else "",
                     f"1/7/{year} - 1/10/{year} (criminal trial)" if n % 5 == 0 else ""])
    return rows


def test_a_register_of_45_reviews_is_imported_and_a_second_import_changes_nothing(sign_in):
    pages, _ = sign_in("admin")
    chair = make.chair(name="Sam Okafor")
    content = _csv(_forty_five(chair.name))
    soup = _upload(pages, content)
    assert "45 new reviews" in _text(soup)
    assert pages.client.post("/reviews/register/confirm", data={}).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Review)) == 45
    third = db.session.scalar(select(Review).where(Review.reference == "NDHR2014-03"))
    assert (third.stage, third.published, third.published_on, third.published_url) == (
        "published", True, dt.date(2015, 7, 1), "https://northshire.example/dhr/3")
    assert third.chair_id == chair.id and third.review_type == "dhr" and third.death_category == "intimate_partner"
    fifth = db.session.scalar(select(Review).where(Review.reference == "NDHR2016-05"))
    assert fifth.stage == "submitted" and not fifth.published and fifth.chair_id == chair.id
    assert [(p.started_on, p.ended_on, p.reason) for p in fifth.pauses] == [
        (dt.date(2016, 7, 1), dt.date(2016, 10, 1), "criminal_trial")]
    ninth = db.session.scalar(select(Review).where(Review.reference == "NDHR2020-09"))
    assert ninth.review_type == "suicide" and ninth.death_category == "intimate_partner"
    # The same register again: nothing to save, and nothing duplicated.
    soup = _upload(pages, content)
    assert "0 new reviews, 0 reviews to change, 45 reviews already as the register has them" in _text(soup)
    assert not soup.find("button", string=lambda s: s and "Save these reviews" in s)
    assert db.session.scalar(select(func.count()).select_from(Pause)) == 9


def test_a_corrected_register_updates_the_reviews_it_names(sign_in):
    pages, _ = sign_in("admin")
    rows = _forty_five("")[:2]
    _upload(pages, _csv(rows))
    pages.client.post("/reviews/register/confirm", data={})
    rows[0][3], rows[0][9] = "Adult Z", "2013-05-01"
    soup = _upload(pages, _csv(rows))
    text = _text(soup)
    assert "Pseudonym: Adult 1 → Adult Z" in text and "Approved by the Quality Assurance Panel date: (blank) → " \
        "1 May 2013" in text and "1 review already as the register has it" in text
    pages.client.post("/reviews/register/confirm", data={})
    db.session.expire_all()
    review = db.session.scalar(select(Review).where(Review.reference == "NDHR2012-01"))
    assert (review.pseudonym, review.stage, review.approved_on) == ("Adult Z", "approved", dt.date(2013, 5, 1))


def test_every_kind_of_problem_is_said_by_row_and_nothing_is_saved(sign_in):
    pages, _ = sign_in("admin")
    make.review("NDHR2019-01")  # already in the service, notified 31 January 2023
    future = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    rows = [
        ["NDHR2020-01", "DHR", "Intimate partner homicide", "Adult A", "", "31/02/2020", "", "", "", "", "", "", ""],
        ["NDHR2020-02", "DHR", "", "Adult B", "", "1/3/2020", "1/2/2020", "", "", "", "", "", ""],
        ["NDHR2020-03", "Serious case review", "Murder", "Adult C", "Nobody Known", "1/3/2020", "", "", "", "", "",
         "", ""],
        ["NDHR2020-04", "DHR", "", "Adult D", "", future, "", "", "", "", "", "northshire.example/4", ""],
        ["", "DHR", "", "Adult E", "", "1/3/2020", "", "", "", "", "", "", "1/5/2020 - 1/4/2020 (inquest)"],
        ["ndhr2020-01", "DHR", "", "Adult F", "", "1/3/2020", "", "", "", "", "", "", "soon"],
        ["NDHR2019-01", "DHR", "", "", "", "1/3/2023", "1/1/2023", "", "", "", "", "", ""],
    ]
    soup = _upload(pages, _csv(rows))
    problems = error_summary(soup)
    expected = [
        "Row 3: Notification date: '31/02/2020' is not a date",
        "Row 4: Decision made: 1 February 2020 is before the notification (1 March 2020)",
        "Row 5: Type: 'Serious case review' is not a type of review",
        "Death category: 'Murder' is not one of",
        "Chair: 'Nobody Known' is not one of the partnership's chairs",
        "is in the future", "Published URL: 'northshire.example/4' is not a web address",
        "Row 7: Reference: enter the review's reference",
        "Pauses: the pause from 1 May 2020 ends before it starts",
        "Reference: ndhr2020-01 is also on row 3", "Pauses: 'soon' is not a pause",
        "Row 9: Decision made: 1 January 2023 is before the notification (1 March 2023)",
    ]
    flat = "\n".join(problems)
    assert all(e in flat for e in expected), flat
    assert "Nothing was saved: 7 rows have problems" in _text(soup)
    assert soup.select_one("input[type=file][name=register]")  # upload the corrected register from here
    assert pages.client.post("/reviews/register/confirm", data={}).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Review)) == 1


def test_an_xlsx_register_and_one_that_cannot_be_read(sign_in):
    pages, _ = sign_in("admin")
    book = Workbook()
    book.active.append(["Reference", "Notification date", "Stage"])
    book.active.append(["NDHR2021-01", dt.datetime(2021, 5, 4), "Drafting"])
    buffer = io.BytesIO()
    book.save(buffer)
    soup = _upload(pages, buffer.getvalue(), "register.xlsx")
    assert "1 new review" in _text(soup)
    pages.client.post("/reviews/register/confirm", data={})
    db.session.expire_all()
    review = db.session.scalar(select(Review).where(Review.reference == "NDHR2021-01"))
    assert (review.notified_on, review.stage, review.review_type, review.death_category) == (
        dt.date(2021, 5, 4), "drafting", "dhr", "other")
    soup = _upload(pages, _csv([["x"]], header=["Name", "Age"]))
    assert error_summary(soup) == ["No header row found: the register needs columns headed Reference and "
                                   "Notification date (or Date notified) in one of its first 15 rows"]


def test_only_the_coordinator_imports_a_register(sign_in):
    pages, _ = sign_in("chair")
    assert pages.client.get("/reviews/register").status_code == 403
    assert pages.client.post("/reviews/register/confirm", data={}).status_code == 403


def test_a_row_naming_a_review_the_importer_may_not_change_is_a_problem(app):
    from dhr.data import register_import

    make.review("NDHR2019-01", chair=make.chair())
    content = _csv([["NDHR2019-01", "DHR", "", "Adult Z", "", "31/1/2023", "", "", "", "", "", "", ""]])
    plan = register_import.plan(content, "register.csv", make.chair())  # another chair
    assert plan.problem_rows[0].problems == ["Reference: NDHR2019-01 is a review you may not change"]
    assert register_import.plan(content, "register.csv", make.admin()).problem_rows == []
