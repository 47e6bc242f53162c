"""A chair chasing an IMR, in a browser: the chair asks an agency for its IMR (a mistake shown in
the error summary, what was typed kept), sends a chase that reaches the agency's users by real
SMTP, and the agency signs in, sees what it owes on its home page and uploads it; the chair then
sees it received. Every page is checked with axe."""
from __future__ import annotations

import datetime as dt

import pytest

from dhr.data.contribution_models import Contribution
from dhr.extensions import db

from . import factories as make
from .browser import run_axe, sign_in_as

pytestmark = pytest.mark.browser


def _fill_date(page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_chair_asks_for_an_imr_chases_it_and_the_agency_uploads_it(browser_page, smtp_server):
    chair = make.user("chair")
    officer = make.user("agency", email="imr.lead@police.example.org", agency="Northshire Police")
    review = make.review("DHR-CON-B1", chair=chair, stage="information_gathering")
    page = browser_page
    sign_in_as(page, chair.email)
    page.goto(f"/reviews/{review.id}")
    page.get_by_role("link", name="Agencies' contributions: ask, chase and record").click()
    page.get_by_role("link", name="Ask an agency for a contribution").click()
    assert run_axe(page) == []
    page.get_by_label("Individual Management Review (IMR)").check()
    page.get_by_label("Note to the agency (optional)").fill("Cover 2021 to 2024")
    page.get_by_role("button", name="Ask the agency").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.locator(".govuk-error-summary__list li").all_inner_texts() == [
        "Choose the agency to ask", "Enter the date it is due"]
    assert page.get_by_label("Individual Management Review (IMR)").is_checked()
    assert page.get_by_label("Note to the agency (optional)").input_value() == "Cover 2021 to 2024"
    assert run_axe(page) == []
    page.get_by_label("Agency", exact=True).select_option(label="Northshire Police")
    _fill_date(page, "Date it is due", dt.date.today() + dt.timedelta(days=28))
    page.get_by_role("button", name="Ask the agency").click()
    page.get_by_text("Asked Northshire Police for the Individual Management Review (IMR)").wait_for()
    assert "Outstanding" in page.locator("table").inner_text()
    assert run_axe(page) == []

    page.get_by_role("link", name="Send a chase for the Individual Management Review (IMR) from "
                                  "Northshire Police").click()
    assert "imr.lead@police.example.org" in page.locator("main").inner_text()
    assert run_axe(page) == []
    page.get_by_role("button", name="Send the chase").click()
    page.get_by_text("Chase sent: 1 email to Northshire Police").wait_for()
    assert [m["To"] for m in smtp_server.received] == ["imr.lead@police.example.org"]
    page.get_by_role("button", name="Sign out").click()

    sign_in_as(page, officer.email)
    assert page.locator("#need-contributions-owed-count").inner_text().strip() == "1"
    page.get_by_role("link", name="Contributions owed").click()
    assert run_axe(page) == []
    page.get_by_role("link", name="Individual Management Review (IMR) for DHR-CON-B1").click()
    assert "Cover 2021 to 2024" in page.locator("main").inner_text()
    assert run_axe(page) == []
    page.get_by_label("Upload your contribution").set_input_files({
        "name": "police-imr.txt", "mimeType": "text/plain", "buffer": b"Northshire Police IMR for DHR-CON-B1."})
    page.get_by_role("button", name="Upload", exact=True).click()
    page.get_by_text("Uploaded your Individual Management Review (IMR) for DHR-CON-B1").wait_for()
    assert page.locator("#need-contributions-owed-count").count() == 0  # back on the agency's list, not home
    assert "Your agency owes no contributions." in page.locator("main").inner_text()
    page.get_by_role("button", name="Sign out").click()

    sign_in_as(page, chair.email)
    page.goto(f"/reviews/{review.id}/contributions")
    row = page.locator("table tbody tr").first.inner_text()
    assert "Received" in row and "1" in row
    assert run_axe(page) == []
    db.session.expire_all()
    imr = db.session.scalar(db.select(Contribution).where(Contribution.review_id == review.id))
    assert imr.received_on == dt.date.today() and imr.chases == 1 and imr.document.filename == "police-imr.txt"
