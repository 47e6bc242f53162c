"""The quality check on an action-plan spreadsheet's new recommendations: the preview shows each
the advice the recommendation form gives (a near-duplicate of another review's unfinished
recommendation included), confirming records it as saving a report's proposals does (kept as
written only where every flag was shown), a progress return's rows get none, and a plan imported
in bulk records its advice, not kept, for the chair to answer on the review."""
from __future__ import annotations

import datetime as dt
import io

from sqlalchemy import select

from dhr.data.models import Recommendation
from dhr.extensions import db

from . import factories as make
from .batches import xlsx
from .test_action_plan_import import csv_bytes, upload
from .test_quality_journey import EARLIER, VAGUE, _world

HEADERS = ["Number", "Recommendation", "Action to take", "Lead agency", "Target date"]
REPEAT = ("Northshire Police should add a mandatory question on coercive control to the domestic abuse risk "
          "assessment and record the answer.")
PLAN = csv_bytes([HEADERS,
                  ["1", VAGUE, "Look at the call records", "Northshire Police", ""],
                  ["2", REPEAT, "Add the question", "Northshire Police", "31/03/2027"],
                  ["3", "Northshire Police should assign a named officer to every repeat caller, so that at least "
                        "90% of repeat callers have one, checked by a monthly audit of 40 calls.",
                   "Assign named officers", "northshire police", "30/06/2027"]])


def _flags(soup, row_number: int) -> list[str]:
    return [li["data-flag"] for li in soup.select(f"#quality-advice-row-{row_number} [data-flag]")]


def _saved(review) -> list[Recommendation]:
    return db.session.scalars(select(Recommendation).where(Recommendation.review_id == review.id)
                              .order_by(Recommendation.position)).all()


def test_the_preview_shows_each_new_recommendation_s_advice(sign_in):
    pages, review, _ = _world(sign_in)
    soup = upload(pages, review, PLAN, "plan.csv")
    assert _flags(soup, 2) == ["no_measurable_outcome", "no_date", "vague_verb"]
    assert _flags(soup, 3) == ["repeat_not_implemented"]
    assert soup.select_one("#quality-advice-row-4") is None  # nothing is missing from the third
    repeat = soup.select_one("#quality-advice-row-3 [data-flag=repeat_not_implemented]").get_text(" ", strip=True)
    assert "DHR-2019-07" in repeat and "recommendation 4" in repeat and EARLIER[:60] in repeat
    heading = soup.select_one("#recommendation-2 #quality-advice-row-2-heading").get_text(strip=True)
    assert heading == "Quality advice on recommendation 1"
    assert _saved(review) == []  # the preview saves nothing


def test_confirming_records_the_advice_shown_as_kept(sign_in):
    pages, review, _ = _world(sign_in)
    upload(pages, review, PLAN, "plan.csv")
    pages.post(f"/recommendations/reviews/{review.id}/import/confirm", expected_status=302)
    assert [(r.number, r.quality_flags, r.quality_kept) for r in _saved(review)] == [
        ("1", "no_measurable_outcome,no_date,vague_verb", True),
        ("2", "repeat_not_implemented", True),
        ("3", "", False)]
    shown = pages.get(f"/recommendations/{_saved(review)[0].id}")
    assert [li["data-flag"] for li in shown.select(".app-quality-advice [data-flag]")] == [
        "no_measurable_outcome", "no_date", "vague_verb"]


def test_advice_not_shown_on_the_preview_is_not_kept(sign_in):
    pages, review, _ = _world(sign_in)
    upload(pages, review, PLAN, "plan.csv")
    with pages.client.session_transaction() as session:  # as if the preview had shown only one flag
        pending = session["action_plan_import"]
        session["action_plan_import"] = {**pending, "shown_flags": {"2": ["no_date"], "3": pending["shown_flags"]["3"]}}
    pages.post(f"/recommendations/reviews/{review.id}/import/confirm", expected_status=302)
    first, second, _ = _saved(review)
    assert (first.quality_flags, first.quality_kept) == ("no_measurable_outcome,no_date,vague_verb", False)
    assert second.quality_kept
    plan = pages.get(f"/reviews/{review.id}").select_one("#recommendations").find_next("table")
    assert "Quality advice: No measurable outcome; No date; A vague verb without a concrete change" in \
        plan.get_text(" ", strip=True).replace("  ", " ")


def test_a_progress_return_s_rows_get_no_advice(sign_in):
    pages, review, _ = _world(sign_in)
    upload(pages, review, PLAN, "plan.csv")
    pages.post(f"/recommendations/reviews/{review.id}/import/confirm", expected_status=302)
    before = [(r.quality_flags, r.quality_kept) for r in _saved(review)]
    again = csv_bytes([HEADERS, ["1", VAGUE, "Look at the call records", "Northshire Police", "30/09/2027"],
                       ["4", VAGUE, "Ask again", "Northshire Police", ""]])
    soup = upload(pages, review, again, "return.csv")
    assert soup.select_one("#quality-advice-row-2") is None  # recommendation 1, already saved
    assert _flags(soup, 3) == ["no_measurable_outcome", "no_date", "vague_verb"]
    pages.post(f"/recommendations/reviews/{review.id}/import/confirm", expected_status=302)
    db.session.expire_all()
    saved = _saved(review)
    assert [(r.quality_flags, r.quality_kept) for r in saved[:3]] == before
    assert (saved[3].number, saved[3].quality_flags, saved[3].quality_kept) == (
        "4", "no_measurable_outcome,no_date,vague_verb", True)


def test_a_plan_imported_in_bulk_records_its_advice_for_the_chair_to_answer(sign_in):
    pages, _ = sign_in("admin")  # the coordinator imports in bulk; no preview shows a recommendation's advice
    make.agency("Northshire Police", "police")
    review = make.review("DHR-2023-11", notified_on=dt.date(2023, 3, 1))
    rows = [["1", VAGUE, "Local", "Look at the call records", "Northshire Police", "", "", "", "Not started", ""],
            ["2", "Northshire Police should assign a named officer to every repeat caller, so that at least 90% of "
                  "repeat callers have one, checked by a monthly audit of 40 calls.", "Local", "Assign officers",
             "Northshire Police", "", "30/06/2027", "", "Not started", ""]]
    pages.post("/reviews/import-files", content_type="multipart/form-data",
               data={"files": [(io.BytesIO(xlsx(rows)), "DHR-2023-11 action plan.xlsx")]})
    assert pages.client.post("/reviews/import-files/confirm").status_code == 302
    db.session.expire_all()
    assert [(r.quality_flags, r.quality_kept) for r in _saved(review)] == [
        ("no_measurable_outcome,no_date,vague_verb", False), ("", False)]
    plan = pages.get(f"/reviews/{review.id}").select_one("#recommendations").find_next("table")
    assert "Quality advice: No measurable outcome; No date; A vague verb without a concrete change" in \
        plan.get_text(" ", strip=True).replace("  ", " ")
