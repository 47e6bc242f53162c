"""In a real browser: the grouped theme picker and a reveal work, count, and pass axe-core."""
from __future__ import annotations

import pytest

from dhr.data.models import Finding, Review
from dhr.extensions import db

from . import factories as make
from .browser import run_axe, screenshot, sign_in_as

pytestmark = pytest.mark.browser


def test_the_grouped_theme_picker_and_the_character_count(browser_page):
    page = browser_page
    chair = make.chair()
    review = make.review(chair=chair)
    make.theme("Coercive control", "learning")
    make.theme("Risk assessment", "practice")
    make.theme("Stalking", "case_factor")
    make.theme("Intimate partner homicide", "death_category")
    sign_in_as(page, chair.email)
    page.goto(f"/reviews/{review.id}/findings/new")
    picker = page.locator("#themes-picker")
    assert picker.locator("legend").all_inner_texts() == ["Learning from reviews", "Practice themes", "Case factors"]
    assert picker.get_by_label("Intimate partner homicide").count() == 0
    assert run_axe(page) == []
    page.get_by_label("Finding", exact=True).fill("Nobody asked her about the threats.")
    status = page.locator(".govuk-character-count__status:not(.govuk-visually-hidden)")
    assert status.inner_text() == "You have 19,965 characters remaining"
    page.get_by_role("group", name="Case factors").get_by_label("Stalking").check()
    page.get_by_role("group", name="Practice themes").get_by_label("Risk assessment").check()
    screenshot(page, "forms", "theme-picker")
    page.get_by_role("button", name="Save finding").click()
    page.wait_for_url(f"**/reviews/{review.id}#findings")
    db.session.expire_all()
    saved = db.session.scalars(db.select(Finding)).one()
    assert sorted(t.name for t in saved.themes) == ["Risk assessment", "Stalking"]


def test_choosing_not_to_commission_reveals_the_reason(browser_page):
    page = browser_page
    chair = make.chair()
    review = make.review(chair=chair)
    sign_in_as(page, chair.email)
    page.goto(f"/reviews/{review.id}/stage")
    reason = page.get_by_label("Why is the review not commissioned?")
    assert reason.is_hidden()
    assert run_axe(page) == []
    page.get_by_label("Do not commission a review").check()
    assert reason.is_visible()
    assert page.get_by_label("Do not commission a review").get_attribute("aria-controls") == (
        page.locator(".govuk-radios__conditional").get_attribute("id"))
    decided = page.get_by_role("group", name="Date of the decision")
    decided.get_by_label("Day").fill("20")
    decided.get_by_label("Month").fill("2")
    decided.get_by_label("Year").fill("2023")
    page.get_by_role("button", name="Record decision").click()
    assert page.get_by_role("alert").inner_text().startswith("There is a problem")
    assert reason.is_visible()  # the chosen option's question stays open on the error page
    assert run_axe(page) == []
    screenshot(page, "forms", "reveal-error")
    reason.fill("The death did not meet the criteria for a review.")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url(f"**/reviews/{review.id}#timeline")
    db.session.expire_all()
    assert db.session.get(Review, review.id).stage == "not_commissioned"
