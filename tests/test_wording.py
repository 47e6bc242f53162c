"""Counts agree with their nouns, stage names keep their capitals, and a tag is not repeated."""
from __future__ import annotations

import datetime as dt

from dhr.wording import counted

from . import factories as make


def test_a_count_agrees_with_its_noun():
    assert [counted(0, "item"), counted(1, "item"), counted(8, "item"), counted(1200, "review")] == [
        "0 items", "1 item", "8 items", "1,200 reviews"]
    assert counted(2, "agency", "agencies") == "2 agencies"


def _tags(soup) -> list[str]:
    return [t.get_text(strip=True) for t in soup.select("main .govuk-tag")]


def test_a_published_review_says_published_once(sign_in):
    pages, chair = sign_in("chair")
    review = make.review("DHR-2020-01", chair=chair, published=True, published_on=dt.date(2021, 5, 1))
    assert review.stage == "published"
    assert _tags(pages.get(f"/reviews/{review.id}")).count("Published") == 1


def test_the_next_stage_button_keeps_the_stages_capitals(sign_in):
    pages, chair = sign_in("chair")
    review = make.review("DHR-2024-02", chair=chair, stage="sign_off", decision_on=dt.date(2024, 2, 1),
                         set_up_on=dt.date(2024, 2, 10), information_gathering_on=dt.date(2024, 3, 1),
                         drafting_on=dt.date(2024, 6, 1), signed_off_on=dt.date(2024, 9, 1))
    buttons = [a.get_text(strip=True) for a in pages.get(f"/reviews/{review.id}").select("a.govuk-button")]
    assert "Record next stage: Submitted to the Home Office" in buttons
