"""The audit trail and a review's history in a browser: filled in and sent with the keyboard's
form controls, checked by axe-core for WCAG 2.2 A/AA as filtered and with an error, and fitting 320 px."""
from __future__ import annotations

import pytest

from . import factories as make
from .browser import assert_fits_320, run_axe, sign_in_as

pytestmark = pytest.mark.browser


def test_the_audit_trail_filters_in_a_browser_and_passes_axe(app, browser_page):
    page = browser_page
    chair = make.chair(name="Chair Rowan")
    review = make.review("BDHR2025/26-07", chair=chair)
    make.recommendation(review, lead=make.agency("Northshire Police"))
    admin = make.admin(name="Coordinator Fern")
    sign_in_as(page, admin.email)
    page.goto("/admin/audit")
    assert run_axe(page) == []
    page.get_by_label("Record", exact=True).fill("BDHR2025/26-07")
    page.get_by_label("Kind of record").select_option(label="Recommendation")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/admin/audit?*")
    rows = page.locator("tbody tr")
    assert rows.count() == 1 and "Added Recommendation 1 (BDHR2025/26-07)" in rows.first.inner_text()
    assert page.get_by_label("Record", exact=True).input_value() == "BDHR2025/26-07"
    assert run_axe(page) == []
    page.locator("#start-day").fill("31")
    page.locator("#start-month").fill("2")
    page.locator("#start-year").fill("2026")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "From must be a real date" in page.locator(".govuk-error-summary").inner_text()
    assert run_axe(page) == []
    assert_fits_320(page)
    page.goto(f"/reviews/{review.id}")
    assert "Created the review BDHR2025/26-07" in page.locator("#history ~ div table").inner_text()
