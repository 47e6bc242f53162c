"""Text a user wrote is escaped exactly once on the page: shown as text, never as markup and never
as visible entities."""
from __future__ import annotations

from .factories import review as make_review

NOTES = "<b>x</b> and Tom & Jerry"


def test_restricted_notes_are_escaped_once_on_the_review_page(sign_in):
    pages, chair = sign_in("chair")
    review = make_review("R-NOTES", chair=chair, restricted_notes=NOTES)
    response = pages.client.get(f"/reviews/{review.id}")
    html = response.get_data(as_text=True)
    assert "&lt;b&gt;x&lt;/b&gt; and Tom &amp; Jerry" in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html and "<b>x</b>" not in html
    soup = pages.get(f"/reviews/{review.id}")
    inset = soup.select_one(".govuk-inset-text")
    assert inset.h3.get_text(strip=True) == "Restricted notes (never published)"
    assert inset.p.get_text() == NOTES
