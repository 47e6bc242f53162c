"""A chair records the Home Office Quality Assurance Panel in a real browser: the submission, a
letter with two areas for final development (form errors shown and what was typed kept), each
area taken to done, the resubmission and the approval letter, published with the report. Every
page met has no axe-core violations and the console stays clean."""
from __future__ import annotations

import datetime as dt

import pytest

from dhr.data.models import Review
from dhr.extensions import db

from . import factories as make
from .browser import run_axe, screenshot, sign_in_as

pytestmark = pytest.mark.browser
JOURNEY = "qa-panel"


def check(page, name: str) -> None:
    violations = run_axe(page)
    assert violations == [], f"{page.url}: {violations}"
    screenshot(page, JOURNEY, name)


def fill_date(page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def errors(page) -> list[str]:
    page.locator(".govuk-error-summary").wait_for()
    assert page.title().startswith("Error: ")
    return [t.strip() for t in page.locator(".govuk-error-summary__list li").all_inner_texts()]


def _area(page, text: str, *, person: str = "", agency: str = "") -> None:
    page.get_by_role("link", name="Add an area for final development").click()
    page.get_by_label("Area for final development").fill(text)
    if person:
        page.get_by_label("Person who owns it").fill(person)
    if agency:
        page.get_by_label("Agency that owns it").select_option(label=agency)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Added the area for final development").wait_for()


def _done(page, text: str, on: dt.date) -> None:
    page.get_by_role("link", name=text).click()
    page.get_by_label("Done", exact=True).check()
    fill_date(page, "Date done (when it is done)", on)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved the area for final development").wait_for()


def test_a_chair_records_a_qa_panel_letter_with_two_areas_and_completes_them(browser_page):
    page = browser_page
    chair = make.chair(email="qa-chair@example.org")
    make.agency("Northshire Police", "police")
    review = make.review("DHR-QA-BROWSER", chair=chair, notified_on=dt.date(2023, 2, 1), stage="sign_off",
                         decision_on=dt.date(2023, 3, 1), set_up_on=dt.date(2023, 3, 10),
                         information_gathering_on=dt.date(2023, 4, 1), drafting_on=dt.date(2023, 9, 1),
                         signed_off_on=dt.date(2024, 1, 15))
    sign_in_as(page, chair.email)
    page.goto(f"/reviews/{review.id}")
    page.get_by_role("link", name="Home Office Quality Assurance Panel of DHR-QA-BROWSER").click()
    check(page, "01-no-submission")
    page.get_by_role("link", name="Record the submission").click()
    fill_date(page, "Date submitted to the Home Office", dt.date(2024, 2, 1))
    page.get_by_role("button", name="Record the submission").click()
    page.get_by_text("Recorded the submission to the Home Office").wait_for()

    page.get_by_role("link", name="Record the panel’s letter on the submission").click()
    page.get_by_label("Upload the letter").set_input_files({
        "name": "qa-letter.txt", "mimeType": "text/plain",
        "buffer": b"The panel asks for two areas for final development."})
    page.get_by_label("Areas for final development").check()
    page.get_by_role("button", name="Save the letter").click()
    assert errors(page) == ["Enter the date of the panel's letter"]
    assert page.get_by_label("Areas for final development").is_checked()  # the choice is kept
    check(page, "02-letter-errors")
    fill_date(page, "Date of the panel's letter", dt.date(2024, 3, 20))
    page.get_by_label("Upload the letter").set_input_files({
        "name": "qa-letter.txt", "mimeType": "text/plain",
        "buffer": b"The panel asks for two areas for final development."})
    page.get_by_role("button", name="Save the letter").click()
    page.get_by_text("Recorded the panel's letter: areas for final development").wait_for()

    page.get_by_role("link", name="Add an area for final development").click()
    page.get_by_label("Area for final development").fill("Include the family's tribute")
    page.get_by_role("button", name="Save").click()
    assert errors(page) == ["Enter the person who owns this area, or choose an agency (one, not both)"]
    assert page.get_by_label("Area for final development").input_value() == "Include the family's tribute"
    check(page, "03-area-errors")
    page.get_by_label("Person who owns it").fill("The review's chair")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Added the area for final development").wait_for()
    _area(page, "Explore economic abuse in the analysis", agency="Northshire Police")
    assert "0 of 2 areas done" in page.locator("main").inner_text()
    assert "Record the resubmission once every area for final development is done" in page.locator("main").inner_text()
    check(page, "04-two-areas")

    _done(page, "Include the family's tribute", dt.date(2024, 4, 2))
    _done(page, "Explore economic abuse in the analysis", dt.date(2024, 4, 9))
    assert "2 of 2 areas done" in page.locator("main").inner_text()
    check(page, "05-areas-done")
    page.get_by_role("link", name="Record the resubmission").click()
    fill_date(page, "Date submitted to the Home Office", dt.date(2024, 4, 15))
    page.get_by_role("button", name="Record the submission").click()
    page.get_by_text("Recorded resubmission 1 to the Home Office").wait_for()

    page.get_by_role("link", name="Record the panel’s letter on the resubmission 1").click()
    fill_date(page, "Date of the panel's letter", dt.date(2024, 5, 30))
    page.get_by_label("Approved", exact=True).check()
    page.get_by_label("Upload the letter").set_input_files({
        "name": "qa-approval.txt", "mimeType": "text/plain", "buffer": b"The panel approves the report."})
    page.get_by_label("Publish the letter with the report").check()
    page.get_by_role("button", name="Save the letter").click()
    page.get_by_text("Recorded the panel's letter: approved").wait_for()
    assert "Approved by the Home Office on 30 May 2024" in page.locator("main").inner_text()
    check(page, "06-approved")
    db.session.expire_all()
    approved = db.session.get(Review, review.id)
    assert approved.stage == "approved" and approved.approved_on == dt.date(2024, 5, 30)
    assert approved.qa_rounds[-1].publish_letter and approved.resubmission_requested_on == dt.date(2024, 3, 20)
