"""The Home Office Quality Assurance Panel: the chair records the submission, the panel's letter
(uploaded) and its outcome, each area for final development as a task through to done, the
resubmission (refused while an area is open) and the approval, which the review's lifecycle
records; the letter reaches trainers only when it is published with the report; every change
reads plainly in the history."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select
from werkzeug.datastructures import MultiDict

from dhr import create_app
from dhr.data import audit_words, history, policy, publishing, qa_panel, reporting
from dhr.data.models import Document
from dhr.data.qa_panel import QaPanelError
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary, scratch_database_url
from .pdf_helpers import get_pdf

D = dt.date
SIGNED_OFF = dict(stage="sign_off", decision_on=D(2023, 3, 1), set_up_on=D(2023, 3, 10),
                  information_gathering_on=D(2023, 4, 1), drafting_on=D(2023, 9, 1), signed_off_on=D(2024, 1, 15))
LETTER = b"Home Office Quality Assurance Panel. The panel asks for two areas for final development."


def _signed_off(reference: str, **kwargs):
    return make.review(reference, notified_on=D(2023, 2, 1), **SIGNED_OFF, **kwargs)


PANEL_ON = dt.date(2024, 3, 20)


def _letter_form(panel_on=PANEL_ON, outcome="final_development", publish=False, content=LETTER) -> dict:
    data = MultiDict([("outcome", outcome), *date_fields("panel_on", panel_on)])
    if publish:
        data.add("publish_letter", "y")
    if content:
        data.add("letter", (io.BytesIO(content), "qa-panel-letter.txt"))
    return data


def _area_form(text="Say more about the family's view of services", owner="The chair", agency="",
               state="to_do", done_on=None, note="") -> MultiDict:
    return MultiDict([("text", text), ("owner_person", owner), ("owner_agency_id", agency), ("state", state),
                      ("note", note), *date_fields("done_on", done_on)])


def test_submission_letter_areas_resubmission_and_approval(sign_in):
    pages, chair = sign_in("chair")
    police = make.agency("Police")
    review = _signed_off("DHR-QA-01", chair=chair)
    base = f"/reviews/{review.id}/qa-panel"
    soup = pages.post(f"{base}/submission", data=MultiDict(date_fields("on", D(2024, 1, 10))))
    assert error_summary(soup) == ["The date of submission to the Home Office must be on or after the date of the "
                                   "current stage (partnership sign-off, 15 January 2024)"]
    assert pages.client.post(f"{base}/submission", data=MultiDict(date_fields("on", D(2024, 2, 1)))).status_code == 302
    db.session.expire_all()
    assert review.stage == "submitted" and review.submitted_on == D(2024, 2, 1)
    first = review.qa_rounds[0]
    soup = pages.post(f"{base}/{first.id}/letter", data=_letter_form(panel_on=D(2024, 1, 20), outcome=""),
                      content_type="multipart/form-data")
    assert error_summary(soup) == ["Choose what the panel's letter says"]
    soup = pages.post(f"{base}/{first.id}/letter", data=_letter_form(panel_on=D(2024, 1, 20)),
                      content_type="multipart/form-data")
    assert error_summary(soup) == ["The date of the panel's letter must be on or after the submission "
                                   "(1 February 2024)"]
    assert soup.select_one("#outcome-2").has_attr("checked")  # what was chosen is kept
    response = pages.client.post(f"{base}/{first.id}/letter", data=_letter_form(), content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    assert review.resubmission_requested_on == D(2024, 3, 20) and first.letter.kind == "home_office_letter"
    soup = pages.post(f"{base}/{first.id}/areas/new", data=_area_form(owner=""))
    assert error_summary(soup) == ["Enter the person who owns this area, or choose an agency (one, not both)"]
    assert "family's view of services" in soup.select_one("#text").get_text()
    assert pages.client.post(f"{base}/{first.id}/areas/new", data=_area_form()).status_code == 302
    assert pages.client.post(f"{base}/{first.id}/areas/new", data=_area_form(
        text="Explore economic abuse in the analysis", owner="", agency=str(police.id))).status_code == 302
    db.session.expire_all()
    family_area, economic = first.areas
    assert economic.owner == "Police" and [a.state for a in first.areas] == ["to_do", "to_do"]

    soup = pages.post(f"{base}/submission", data=MultiDict(date_fields("on", D(2024, 5, 1))))
    assert error_summary(soup) == ["2 areas for final development are still open: mark each one done before "
                                   "recording the resubmission"]
    soup = pages.post(f"{base}/areas/{family_area.id}", data=_area_form(state="done"))
    assert error_summary(soup) == ["Enter the date the area was done"]
    assert pages.client.post(f"{base}/areas/{family_area.id}",
                             data=_area_form(state="done", done_on=D(2024, 4, 10))).status_code == 302
    assert pages.client.post(f"{base}/areas/{economic.id}", data=_area_form(
        text="Explore economic abuse in the analysis", owner="", agency=str(police.id),
        state="in_progress")).status_code == 302
    soup = pages.post(f"{base}/submission", data=MultiDict(date_fields("on", D(2024, 5, 1))))
    assert error_summary(soup) == ["1 area for final development is still open: mark each one done before "
                                   "recording the resubmission"]
    assert pages.client.post(f"{base}/areas/{economic.id}", data=_area_form(
        text="Explore economic abuse in the analysis", owner="", agency=str(police.id), state="done",
        done_on=D(2024, 4, 20))).status_code == 302
    assert pages.client.post(f"{base}/submission", data=MultiDict(date_fields("on", D(2024, 5, 1)))).status_code == 302
    db.session.expire_all()
    second = review.qa_rounds[1]
    assert second.number == 2 and review.submitted_on == D(2024, 2, 1)  # the deadline is met by the first
    approval = _letter_form(panel_on=D(2024, 6, 5), outcome="approved", publish=True)
    assert pages.client.post(f"{base}/{second.id}/letter", data=approval,
                             content_type="multipart/form-data").status_code == 302
    db.session.expire_all()
    assert review.stage == "approved" and review.approved_on == D(2024, 6, 5)
    page = pages.get(base).get_text(" ", strip=True)
    assert "Approved by the Home Office on 5 June 2024" in page and "2 of 2 areas done" in page
    approval = next(t for t in publishing.tasks(review) if t.key == "approval")
    assert approval.done and approval.hint == "Recorded: 5 June 2024; the letter is published with the report"


def test_once_the_panel_is_recorded_approval_comes_from_its_letter(sign_in):
    pages, chair = sign_in("chair")
    review = _signed_off("DHR-QA-12", chair=chair)
    qa_panel.record_submission(review, D(2024, 2, 1))
    db.session.commit()
    response = pages.client.post(f"/reviews/{review.id}/stage", data=MultiDict(date_fields("on", D(2024, 3, 1))))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/reviews/{review.id}/qa-panel")
    db.session.expire_all()
    assert review.approved_on is None and review.stage == "submitted"


def test_approval_keeps_the_lifecycle_rules(app):
    review = make.review("DHR-QA-02", notified_on=D(2023, 2, 1), **{**SIGNED_OFF, "stage": "drafting",
                                                                    "signed_off_on": None})
    with pytest.raises(QaPanelError, match="The next stage is partnership sign-off"):
        qa_panel.record_submission(review, D(2024, 2, 1))
    review = _signed_off("DHR-QA-03")
    first = qa_panel.record_submission(review, D(2024, 2, 1), today=D(2024, 6, 1))
    with pytest.raises(QaPanelError, match="today or in the past"):
        qa_panel.record_letter(first, qa_panel.Letter(D(2024, 6, 2), "approved"), None, today=D(2024, 6, 1))
    with pytest.raises(QaPanelError, match="Upload the letter to publish it"):
        qa_panel.record_letter(first, qa_panel.Letter(D(2024, 3, 1), "approved", publish_letter=True), None,
                               today=D(2024, 6, 1))
    with pytest.raises(QaPanelError, match="Record the panel's letter on the last submission"):
        qa_panel.record_submission(review, D(2024, 3, 1), today=D(2024, 6, 1))
    qa_panel.record_letter(first, qa_panel.Letter(D(2024, 3, 1), "approved"), None, today=D(2024, 6, 1))
    assert review.approved_on == D(2024, 3, 1) and review.stage == "approved"
    with pytest.raises(QaPanelError, match="approval is recorded"):
        qa_panel.record_letter(first, qa_panel.Letter(D(2024, 3, 1), "not_approved"), None, today=D(2024, 6, 1))
    with pytest.raises(QaPanelError, match="nothing to resubmit"):
        qa_panel.record_submission(review, D(2024, 4, 1), today=D(2024, 6, 1))
    with pytest.raises(QaPanelError, match="belong to a letter that asks for them"):
        qa_panel.save_area(first, qa_panel.Area("Anything", "to_do", owner_person="The chair"))


def _published_with_letter(reference: str, publish: bool):
    review = _signed_off(reference, panel_agencies=[make.agency("Police")])
    first = qa_panel.record_submission(review, D(2024, 2, 1))
    qa_panel.record_letter(first, qa_panel.Letter(D(2024, 3, 1), "approved", publish, "letter.txt", LETTER), None)
    review.published, review.stage, review.published_on = True, "published", D(2024, 4, 1)
    db.session.commit()
    return review, first.letter


@pytest.mark.parametrize("publish", [True, False])
def test_trainers_see_the_letter_only_when_it_is_published(sign_in, publish):
    review, letter = _published_with_letter(f"DHR-QA-P{int(publish)}", publish)
    pages, trainer = sign_in("trainer")
    assert policy.may_see_document(trainer, letter) is publish
    listed = db.session.scalars(policy.documents_visible_to(trainer, select(Document.id))).all()
    assert (letter.id in listed) is publish
    response = pages.client.get(f"/reviews/{review.id}/documents/{letter.id}")
    assert response.status_code == (200 if publish else 403)
    if publish:
        assert response.get_data() == LETTER
    pages.get(f"/reviews/{review.id}/qa-panel", expected_status=403)
    summary = " ".join(" ".join(get_pdf(pages.client, f"/reports/reviews/{review.id}/summary.pdf").pages).split())
    assert ("The Home Office Quality Assurance Panel’s letter of 1 March 2024 is published with the report"
            in summary) is publish


def test_the_reviews_export_tells_the_panel_and_its_open_areas_only_to_the_partnership(app):
    review = _signed_off("DHR-QA-11", published=True, published_on=D(2024, 9, 1))
    review.stage = "sign_off"
    first = qa_panel.record_submission(review, D(2024, 2, 1))
    qa_panel.record_letter(first, qa_panel.Letter(D(2024, 3, 1), "final_development"), None)
    qa_panel.save_area(first, qa_panel.Area("Add a family tribute", "to_do", owner_person="The chair"))
    db.session.commit()
    columns = reporting.REVIEW_HEADERS
    for role, open_areas in (("admin", 1), ("trainer", None)):
        row = next(r for r in reporting.review_rows(make.user(role), reporting.ListFilters())
                   if r[0] == "DHR-QA-11")
        assert row[columns.index("Home Office asked for resubmission")] == D(2024, 3, 1)
        assert row[columns.index("Areas for final development open")] == open_areas


def test_only_the_reviews_chair_and_the_coordinator_record_the_panel(sign_in):
    review = _signed_off("DHR-QA-04", chair=make.chair(name="Chair Own"))
    for role in ("chair", "agency", "trainer"):
        pages, _ = sign_in(role)
        pages.get(f"/reviews/{review.id}/qa-panel", expected_status=403)
        pages.client.post("/sign-out")
    pages, _ = sign_in("admin")
    assert "No submission to the panel is recorded yet" in pages.get(f"/reviews/{review.id}/qa-panel").get_text()


def test_the_history_tells_the_panel_in_plain_words(sign_in):
    pages, chair = sign_in("chair")
    review = _signed_off("DHR-QA-05", chair=chair)
    base = f"/reviews/{review.id}/qa-panel"
    pages.client.post(f"{base}/submission", data=MultiDict(date_fields("on", D(2024, 2, 1))))
    db.session.expire_all()
    first = review.qa_rounds[0]
    pages.client.post(f"{base}/{first.id}/letter", data=_letter_form(), content_type="multipart/form-data")
    pages.client.post(f"{base}/{first.id}/areas/new", data=_area_form())
    db.session.expire_all()
    pages.client.post(f"{base}/areas/{first.areas[0].id}", data=_area_form(state="done", done_on=D(2024, 4, 1)))
    db.session.expire_all()
    told = [t.words for t in audit_words.in_words(history.of_review(review))]
    assert told[0].startswith("An area for final development of DHR-QA-05: State changed from To do to Done")
    assert set(told) >= {
        "An area for final development of DHR-QA-05: State changed from To do to Done; date done set to 1 April 2024",
        "Added an area for final development of DHR-QA-05",
        "Submission 1 of DHR-QA-05 to the Home Office Quality Assurance Panel: Letter set to the Home Office Quality "
        "Assurance Panel letter ‘qa-panel-letter.txt’ of DHR-QA-05; date of the panel's letter set to 20 March 2024; "
        "what the panel's letter says set to Areas for final development"}
    assert "DHR-QA-05: Resubmission asked for set to 20 March 2024" in told
    assert "Added submission 1 of DHR-QA-05 to the Home Office Quality Assurance Panel" in told
    assert not [t for t in told if "final_development" in t or "to_do" in t or " qa " in t.lower()]


def test_the_board_counts_reviews_with_areas_outstanding(app):
    counted_before = qa_panel.outstanding_count()
    open_review, done_review = _signed_off("DHR-QA-06"), _signed_off("DHR-QA-07")
    for review, state in ((open_review, "in_progress"), (done_review, "done")):
        first = qa_panel.record_submission(review, D(2024, 2, 1))
        qa_panel.record_letter(first, qa_panel.Letter(D(2024, 3, 1), "final_development"), None)
        qa_panel.save_area(first, qa_panel.Area("Add a family tribute", state, owner_person="The chair",
                                                done_on=D(2024, 3, 5) if state == "done" else None))
    assert qa_panel.outstanding_count() == counted_before + 1


def test_migration_0025_adds_and_removes_the_qa_panel(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0025")
        tables = inspect(db.engine).get_table_names()
        assert {"qa_panel_round", "final_development_area"} <= set(tables)
        columns = {c["name"] for c in inspect(db.engine).get_columns("qa_panel_round")}
        assert {"submitted_on", "panel_on", "panel_outcome", "letter_document_id", "publish_letter"} <= columns
        downgrade(revision="0021")
        assert "qa_panel_round" not in inspect(db.engine).get_table_names()
        db.engine.dispose()


def test_the_board_paper_counts_reviews_with_areas_outstanding(sign_in):
    pages, _ = sign_in("chair")
    for reference, state in (("DHR-QA-08", "to_do"), ("DHR-QA-09", "in_progress"), ("DHR-QA-10", "done")):
        first = qa_panel.record_submission(_signed_off(reference), D(2024, 2, 1))
        qa_panel.record_letter(first, qa_panel.Letter(D(2024, 3, 1), "final_development"), None)
        qa_panel.save_area(first, qa_panel.Area("Add a family tribute", state, owner_person="The chair",
                                                done_on=D(2024, 3, 5) if state == "done" else None))
    db.session.commit()
    text = " ".join(get_pdf(pages.client, "/reports/board.pdf").pages)
    assert ("Home Office Quality Assurance Panel 2 reviews have areas for final development outstanding"
            in " ".join(text.split()))
