"""A coordinator onboards a small partnership in a real browser: the clean start on the command
line (no demo data), then signing in, importing the reviews register (a row with a problem first,
then the corrected register), a ZIP of the reviews' action plans and a report, and accepting the
themes suggested for the imported recommendations. Every page met passes axe-core's WCAG 2.2
A/AA checks."""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from dhr.data.models import Recommendation, Review
from dhr.extensions import db
from search import indexing

from .batches import docx, plan_rows, xlsx, zipped
from .browser import run_axe, screenshot, sign_in_as

pytestmark = pytest.mark.browser

PASSWORD = "a long enough passphrase"
JOURNEY = "onboarding"
HEADER = ["DHR Ref", "Review type", "Date notified", "Decision date", "Independent chair", "Pseudonym"]


def _register(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return out.getvalue().encode()


def _check(page, name: str) -> None:
    assert run_axe(page) == [], page.url
    screenshot(page, JOURNEY, name)


def _clean_start(app) -> None:
    result = app.test_cli_runner().invoke(args=[
        "setup", "--name", "Westdale Community Safety Partnership", "--coordinator", "lead@westdale.example",
        "--agency", "Westdale Police=police", "--agency", "Westdale Housing=housing"], input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    indexing.rebuild()


def test_a_coordinator_onboards_a_small_partnership(app, browser_page, tmp_path):
    _clean_start(app)
    page = browser_page
    sign_in_as(page, "lead@westdale.example", PASSWORD)
    assert "Westdale Community Safety Partnership" in page.locator("body").inner_text()
    page.goto("/reviews")
    _check(page, "01-no-reviews")

    page.get_by_role("link", name="Import a reviews register").click()
    register = tmp_path / "register.csv"
    register.write_bytes(_register([["WDHR-2021-01", "DHR", "3/2/2021", "1/2/2021", "", "Adult A"],
                                    ["WDHR-2022-02", "DHR", "14/6/2022", "1/7/2022", "", "Adult B"]]))
    page.get_by_label("Upload the reviews register (XLSX or CSV)").set_input_files(str(register))
    page.get_by_role("button", name="Check the register").click()
    page.get_by_role("heading", level=1, name="Problems in the register").wait_for()
    assert "Row 2" in page.locator(".govuk-error-summary").inner_text()
    _check(page, "02-register-problems")
    register.write_bytes(_register([["WDHR-2021-01", "DHR", "3/2/2021", "1/3/2021", "", "Adult A"],
                                    ["WDHR-2022-02", "DHR", "14/6/2022", "1/7/2022", "", "Adult B"]]))
    page.get_by_label("Upload the reviews register (XLSX or CSV)").set_input_files(str(register))
    page.get_by_role("button", name="Check the register").click()
    page.get_by_role("heading", level=1, name="Check the register").wait_for()
    _check(page, "03-register-check")
    page.get_by_role("button", name="Save these reviews").click()
    page.get_by_role("heading", level=1, name="Reviews").wait_for()
    assert db.session.scalar(select(func.count()).select_from(Review)) == 2

    batch = tmp_path / "westdale.zip"
    batch.write_bytes(zipped({
        "WDHR-2021-01 action plan.xlsx": xlsx(plan_rows("WDHR-2021-01", 2, "Westdale Police")),
        "WDHR-2022-02 action plan.xlsx": xlsx(plan_rows("WDHR-2022-02", 1, "Westdale Housing")),
        "WDHR-2022-02 executive summary.docx": docx("Executive summary", "What the panel found.")}))
    page.get_by_role("link", name="Import action plans and reports").click()
    page.get_by_label("Upload a ZIP file, or choose several files").set_input_files(str(batch))
    page.get_by_role("button", name="Check the files").click()
    page.get_by_role("button", name="Import these files").wait_for()
    _check(page, "04-files-preview")
    page.get_by_role("button", name="Import these files").click()
    page.wait_for_url("**/downloads/*")
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/reviews/import-files/*")
    assert "3 files saved" in page.locator("main").inner_text()
    _check(page, "05-files-imported")
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Recommendation)) == 3

    page.get_by_role("link", name="Suggested themes for WDHR-2021-01").click()
    page.wait_for_url("**/suggested-themes")
    _check(page, "06-suggested-themes")
    page.get_by_role("button", name="Save the themes").click()
    page.get_by_text("Themes added to").wait_for()
    _check(page, "07-themes-saved")
