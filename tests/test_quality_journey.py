"""The quality check on the chair's recommendation form and on imported proposals, and the
evidence grade on verification: the new fields keep what was typed, the advice shows (with a
near-duplicate of another review's unfinished recommendation), saving is never blocked, keeping
it as written is recorded and audited in plain words, and verifying grades the evidence."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from dhr.data import audit_words, progress
from dhr.data.models import AuditEvent, Recommendation
from dhr.extensions import db
from search import indexing

from . import factories as make
from .helpers import date_fields, error_summary

EARLIER = ("Northshire Police should add a mandatory question on coercive control to the domestic abuse "
           "risk assessment and record the victim's answer.")
VAGUE = "Northshire Police should consider how it responds to people who call again and again."


def _form(**values) -> MultiDict:
    base = {"number": "1", "text": VAGUE, "scope": "local", "lead_agency_id": "", "action_to_take": "",
            "milestones": "", "strategy_priority": "", "intended_outcome": "Control is recognised",
            "outcome_measure": ""}
    base.update({k: v for k, v in values.items() if k != "target_date"})
    data = MultiDict(list(base.items()))
    for key, value in date_fields("target_date", values.get("target_date")):
        data.add(key, value)
    return data


def _flags(soup) -> list[str]:
    return [li["data-flag"] for li in soup.select("#quality-advice [data-flag]")]


def _world(sign_in):
    pages, chair = sign_in("chair")
    police = make.agency("Northshire Police", "police")
    earlier = make.review("DHR-2019-07", published=True, notified_on=dt.date(2019, 5, 1))
    make.recommendation(earlier, 4, EARLIER, lead=police, status="on_track")
    review = make.review(chair=chair)
    indexing.rebuild()
    return pages, review, police


def _sentences(entity_type: str, entity_id: int) -> list[str]:
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == entity_type,
                                                         AuditEvent.entity_id == entity_id)
                                .order_by(AuditEvent.at, AuditEvent.id)).all()
    return [told.words for told in audit_words.in_words(events)]


def test_check_shows_the_advice_and_keeps_what_was_typed_without_saving(sign_in):
    pages, review, _ = _world(sign_in)
    url = f"/reviews/{review.id}/recommendations/new"
    form = pages.get(url)
    assert form.select_one("#intended_outcome") is not None and form.select_one("#outcome_measure-hint") is not None
    soup = pages.post(url, data=_form(check="Check this recommendation"))
    assert _flags(soup) == ["no_measurable_outcome", "no_date", "vague_verb"]
    assert "Say how we will know it worked" in soup.select_one("#quality-advice").get_text()
    assert soup.select_one("#text").get_text() == VAGUE
    assert soup.select_one("#intended_outcome").get_text() == "Control is recognised"
    assert soup.select_one("input[name=shown_flags]")["value"] == "no_measurable_outcome,no_date,vague_verb"
    assert not db.session.scalars(select(Recommendation).where(Recommendation.review_id == review.id)).all()
    # Bad input keeps the new fields too.
    soup = pages.post(url, data=_form(text="", outcome_measure="Audit of 20 files"))
    assert error_summary(soup) == ["Enter the recommendation"]
    assert soup.select_one("#outcome_measure").get_text() == "Audit of 20 files"


def test_a_near_duplicate_of_an_unfinished_recommendation_is_named(sign_in):
    pages, review, police = _world(sign_in)
    later = make.review("DHR-2025-02", published=True, notified_on=dt.date(2025, 2, 1))
    make.recommendation(later, 1, EARLIER, lead=police)  # made after this review: not an earlier one
    indexing.rebuild()
    typed = ("Northshire Police should add a mandatory coercive control question to its domestic abuse risk "
             "assessment and record what the victim says, by March 2027.")
    soup = pages.post(f"/reviews/{review.id}/recommendations/new",
                      data=_form(text=typed, lead_agency_id=str(police.id), outcome_measure="Quarterly audit of 30",
                                 check="Check this recommendation"))
    assert _flags(soup) == ["repeat_not_implemented"]
    advice = soup.select_one("#quality-advice").get_text()
    assert "DHR-2019-07, recommendation 4 (In progress (on track))" in advice and "DHR-2025-02" not in advice


def test_saving_is_never_blocked_and_keeping_it_as_written_is_recorded(sign_in):
    pages, review, police = _world(sign_in)
    response = pages.post(f"/reviews/{review.id}/recommendations/new", data=_form(), expected_status=302)
    rec = db.session.scalar(select(Recommendation).where(Recommendation.review_id == review.id))
    assert response.headers["Location"].endswith(f"/reviews/{review.id}/recommendations/{rec.id}/edit")
    assert (rec.intended_outcome, rec.quality_flags, rec.quality_kept) == (
        "Control is recognised", "no_measurable_outcome,no_date,vague_verb", False)
    edit = f"/reviews/{review.id}/recommendations/{rec.id}/edit"
    soup = pages.get(edit)
    assert _flags(soup) == ["no_measurable_outcome", "no_date", "vague_verb"]
    assert soup.select_one("button[name=keep]") is not None
    # Keeping it with a flag that was not shown keeps nothing: the advice comes back.
    pages.post(edit, data=_form(version=str(rec.version), keep="Keep it as written", shown_flags="no_date"),
               expected_status=302)
    db.session.expire_all()
    assert not db.session.get(Recommendation, rec.id).quality_kept
    shown = pages.get(edit).select_one("input[name=shown_flags]")["value"]
    response = pages.post(edit, data=_form(version=str(db.session.get(Recommendation, rec.id).version),
                                           keep="Keep it as written", shown_flags=shown), expected_status=302)
    assert response.headers["Location"].endswith(f"/reviews/{review.id}#recommendations")
    db.session.expire_all()
    rec = db.session.get(Recommendation, rec.id)
    assert rec.quality_kept and rec.quality_flags == "no_measurable_outcome,no_date,vague_verb"
    assert pages.get(edit).select_one("#quality-advice") is None  # answered
    words = _sentences("recommendation", rec.id)
    assert words[0] == (f"Added Recommendation 1 ({review.reference}), with the quality advice: No measurable outcome; "
                        "No date; A vague verb without a concrete change")
    assert words[-1].endswith(": Kept as written despite the quality advice")
    page = pages.get(f"/recommendations/{rec.id}")
    advice = page.select_one("#quality-advice").get_text()
    assert "Vague verb" in advice or "vague verb" in advice
    assert "The chair chose to keep it as written." in advice
    assert "Control is recognised" in page.get_text()


def test_a_complete_recommendation_saves_straight_back_to_the_review(sign_in):
    pages, review, police = _world(sign_in)
    data = _form(text="Northshire Police should add a stalking screening question to its call script.",
                 lead_agency_id=str(police.id), outcome_measure="Monthly audit of 50 calls; target 90%",
                 target_date=dt.date(2027, 3, 31))
    response = pages.post(f"/reviews/{review.id}/recommendations/new", data=data, expected_status=302)
    assert response.headers["Location"].endswith(f"/reviews/{review.id}#recommendations")
    rec = db.session.scalar(select(Recommendation).where(Recommendation.review_id == review.id))
    assert (rec.quality_flags, rec.quality_kept, rec.outcome_measure) == (
        "", False, "Monthly audit of 50 calls; target 90%")


def test_verifying_a_completion_grades_its_evidence(tracker_world, sign_in):
    w = tracker_world
    rec = w.police_overdue
    update = make.update(rec, "All officers use the new question.", author=make.agency_user(w.police),
                         proposed_status="awaiting_evidence")
    pages, _ = sign_in("admin")
    url = f"/recommendations/updates/{update.id}/assess"
    soup = pages.get(url)
    assert [i["value"] for i in soup.select("input[name=evidence_grade]")] == [
        "shows_change", "document_only", "no_evidence"]
    accept = {"decision": "accepted", "outcome": "Question live", "completed_on": ["3", "2", "2024"]}
    soup = pages.post(url, data=accept)
    assert error_summary(soup) == ["Select what the evidence shows: that the change happened, only that a document "
                                   "or plan exists, or nothing"]
    pages.post(url, data={**accept, "evidence_grade": "document_only"}, expected_status=302)
    db.session.expire_all()
    assert update.evidence_grade == "document_only" and rec.actions[0].status == "verified"
    page = pages.get(f"/recommendations/{rec.id}").get_text()
    assert "What the evidence shows: Shows only that a document or plan exists" in page
    assert any("evidence set to Shows only that a document or plan exists" in s
               for s in _sentences("recommendation_update", update.id))


def test_an_update_not_verifying_records_no_grade(tracker_world):
    w = tracker_world
    update = make.update(w.police_overdue, "Half the teams trained.", author=make.agency_user(w.police),
                         proposed_status="at_risk")
    progress.assess(update, make.admin(), "accepted", evidence_grade="shows_change")
    assert update.evidence_grade is None


REPORT = ("Recommendations\n\n"
          "1. Northshire Police should review its approach to repeat callers.\n\n"
          "2. Northshire Police should assign a named officer to every repeat caller by March 2027.\n")


def test_each_imported_proposal_shows_its_advice_and_saving_records_it(sign_in):
    pages, review, police = _world(sign_in)
    document = make.document(review=review, content=REPORT.encode(), filename="overview.txt")
    url = f"/reviews/{review.id}/documents/{document.id}/proposals"
    soup = pages.get(url)
    first, second = soup.select("#quality-advice-1 [data-flag]"), soup.select("#quality-advice-2 [data-flag]")
    assert [li["data-flag"] for li in first] == ["no_measurable_outcome", "no_date", "vague_verb"]
    assert [li["data-flag"] for li in second] == ["no_measurable_outcome"]
    assert soup.select_one("#proposals-1-outcome_measure") is not None
    shown = [soup.select_one(f"input[name=proposals-{n}-shown_flags]")["value"] for n in (0, 1)]
    form = {"proposals-0-accept": "y", "proposals-0-number": "1", "proposals-0-scope": "local",
            "proposals-0-text": "Northshire Police should review its approach to repeat callers.",
            "proposals-0-lead_agency_id": str(police.id), "proposals-0-shown_flags": shown[0],
            "proposals-1-accept": "y", "proposals-1-number": "2", "proposals-1-scope": "local",
            "proposals-1-text": "Northshire Police should assign a named officer to every repeat caller "
                                "by March 2027.", "proposals-1-lead_agency_id": str(police.id),
            "proposals-1-intended_outcome": "Stalking is recognised at the first call",
            "proposals-1-outcome_measure": "Monthly audit of 40 calls", "proposals-1-shown_flags": shown[1]}
    pages.post(url, data=form, expected_status=302)
    saved = db.session.scalars(select(Recommendation).where(Recommendation.review_id == review.id)
                               .order_by(Recommendation.position)).all()
    assert [(r.quality_flags, r.quality_kept) for r in saved] == [
        ("no_measurable_outcome,no_date,vague_verb", True), ("", False)]
    assert saved[1].outcome_measure == "Monthly audit of 40 calls"


def test_the_review_page_tells_the_chair_of_advice_not_yet_answered(sign_in):
    pages, review, _ = _world(sign_in)
    pages.post(f"/reviews/{review.id}/recommendations/new", data=_form(), expected_status=302)
    plan = pages.get(f"/reviews/{review.id}").select_one("#recommendations").find_next("table")
    assert ("Quality advice: No measurable outcome; No date; A vague verb without a concrete change – see the advice"
            in plan.get_text(" ", strip=True).replace("  ", " "))
    assert "Intended outcome: Control is recognised" in plan.get_text(" ", strip=True)
