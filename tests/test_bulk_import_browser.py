"""Importing action plans and reports at once in a browser: the upload, the preview (with a file
that will not be imported and a report's kind chosen), the progress page and the result, each
checked by axe-core for WCAG 2.2 A/AA and fitting 320 px."""
from __future__ import annotations

import pytest

from search import indexing

from . import factories as make
from .batches import docx, plan_rows, xlsx, zipped
from .browser import assert_fits_320, run_axe, screenshot, sign_in_as

pytestmark = pytest.mark.browser


def test_a_zip_is_previewed_imported_and_its_result_leads_to_suggested_themes(app, browser_page, tmp_path):
    page = browser_page
    indexing.rebuild()
    make.agency("Northshire Police")
    make.review("DHR-2019-04")
    make.review("DHR-2020-07")
    batch = tmp_path / "northshire.zip"
    batch.write_bytes(zipped({"DHR-2019-04 action plan.xlsx": xlsx(plan_rows("DHR-2019-04", 2, "Northshire Police")),
                              "DHR-2020-07.docx": docx("Executive summary", "What the panel found."),
                              "minutes.docx": docx("Minutes of the board.")}))
    sign_in_as(page, make.admin().email)
    page.goto("/reviews")
    page.get_by_role("link", name="Import action plans and reports").click()
    assert run_axe(page) == []
    page.get_by_label("Upload a ZIP file, or choose several files").set_input_files(str(batch))
    page.get_by_role("button", name="Check the files").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "minutes.docx: No review found" in page.locator(".govuk-error-summary").inner_text()
    assert "2 recommendations: 2 new, 0 changed, 0 unchanged" in page.locator("tbody").inner_text()
    assert run_axe(page) == []
    assert_fits_320(page)
    screenshot(page, "bulk-import", "preview")
    page.get_by_label("What DHR-2020-07.docx is").select_option(label="Executive summary")
    page.get_by_role("button", name="Import these files").click()
    page.wait_for_url("**/downloads/*")
    assert run_axe(page) == []
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/reviews/import-files/*")
    text = page.locator("main").inner_text()
    assert "2 files saved, 0 already as the service has them, 1 not saved." in text
    assert "Stored as the executive summary of DHR-2020-07" in text
    assert run_axe(page) == []
    assert_fits_320(page)
    screenshot(page, "bulk-import", "result")
    page.get_by_role("link", name="Suggested themes for DHR-2019-04").click()
    page.wait_for_url("**/suggested-themes")
    assert page.locator("legend").all_inner_texts() == ["Recommendation 1", "Recommendation 2"]
