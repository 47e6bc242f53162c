"""The quality check in a browser, with JavaScript as users have it: the advice is accessible
(axe), and keeping the recommendation as written saves it and records that."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from dhr.data.models import Recommendation
from dhr.extensions import db

from . import factories as make
from .browser import run_axe, sign_in_as

pytestmark = pytest.mark.browser


def test_the_chair_checks_a_recommendation_and_keeps_it_as_written(browser_page, make_user):
    chair = make_user("chair")
    review = make.review(chair=chair)
    page = browser_page
    page.goto("/sign-in")
    sign_in_as(page, chair.email)
    page.goto(f"/reviews/{review.id}/recommendations/new")
    typed = "Agencies should consider raising awareness of economic abuse."
    page.get_by_label("Recommendation", exact=True).fill(typed)
    page.get_by_label("Intended outcome").fill("Economic abuse is recognised")
    page.get_by_role("button", name="Check this recommendation").click()
    advice = page.locator("#quality-advice")
    advice.wait_for()
    words = advice.inner_text()
    assert "No accountable body" in words and "A vague verb without a concrete change" in words
    assert page.get_by_label("Recommendation", exact=True).input_value() == typed
    assert page.get_by_label("Intended outcome").input_value() == "Economic abuse is recognised"
    assert run_axe(page) == []
    page.get_by_role("button", name="Keep it as written").click()
    page.get_by_text("Recommendation 1 added, kept as written").wait_for()
    db.session.expire_all()
    rec = db.session.scalar(select(Recommendation).where(Recommendation.review_id == review.id))
    assert rec.quality_kept and "vague_verb" in rec.quality_flags.split(",")
