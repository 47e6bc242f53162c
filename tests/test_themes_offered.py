"""The end of each import leads on to the suggested themes of a review whose learning arrived
without themes: a single action-plan import, draft recommendations saved from a report, and a
bulk import's result (tests/test_bulk_import.py)."""
from __future__ import annotations

import io

from . import factories as make
from .batches import plan_rows, xlsx

LEAD = "Northshire Police"


def _offer(soup):
    link = soup.find("a", string="See the suggested themes")
    return link["href"] if link else None, " ".join(soup.get_text(" ").split())


def test_a_single_action_plan_import_offers_the_suggested_themes(sign_in):
    pages, chair = sign_in("chair")
    make.agency(LEAD)
    review = make.review("DHR-2019-04", chair=chair)
    url = f"/recommendations/reviews/{review.id}/import"
    pages.post(url, data={"spreadsheet": (io.BytesIO(xlsx(plan_rows("DHR-2019-04", 2, LEAD))), "plan.xlsx")},
               content_type="multipart/form-data")
    soup = pages.post(f"{url}/confirm", data={}, follow_redirects=True)
    href, text = _offer(soup)
    assert href == f"/reviews/{review.id}/suggested-themes"
    assert "2 findings and recommendations of this review have no themes yet" in text


def test_draft_recommendations_saved_from_a_report_offer_the_suggested_themes(sign_in):
    pages, chair = sign_in("chair")
    police = make.agency(LEAD)
    review = make.review("DHR-2019-04", chair=chair)
    document = make.document(review=review)
    make.finding(review, "Nobody asked about control.", themes=[make.theme("Coercive control")])
    form = {"proposals-0-accept": "y", "proposals-0-number": "1", "proposals-0-text": "Police should ask.",
            "proposals-0-lead_agency_id": str(police.id), "proposals-0-scope": "local"}
    soup = pages.post(f"/reviews/{review.id}/documents/{document.id}/proposals", data=form, follow_redirects=True)
    href, text = _offer(soup)
    assert "1 recommendation saved" in text
    assert href == f"/reviews/{review.id}/suggested-themes"
    assert "1 finding or recommendation of this review has no themes yet" in text  # the tagged finding is not counted
