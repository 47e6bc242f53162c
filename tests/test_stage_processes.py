"""Stages as configuration: the 2016 guidance and the 2024 draft (with its scoping review), each
rule with pauses and leap years, switching process, and the scoping review's early learning and
immediate actions, tracked by the agency like any other action."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from dhr.data import audit_words, commit, deadlines, homes, lifecycle, processes, scoping, settings
from dhr.data.lifecycle import LifecycleError
from dhr.data.models import AuditEvent, Pause, Review
from dhr.data.processes import DRAFT_2024, GUIDANCE_2016
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary
from .pdf_helpers import get_pdf

D = dt.date
TODAY = dt.date.today()


def review_at(pauses=(), **values) -> Review:
    defaults = dict(reference="T-1", review_type="dhr", death_category="other", pseudonym="A",
                    notified_on=D(2024, 1, 31), stage="notified")
    defaults.update(values)
    review = Review(**defaults)
    review.pauses = [Pause(started_on=s, ended_on=e, reason="criminal_trial") for s, e in pauses]
    return review


def by_name(review: Review, process, today: dt.date) -> dict:
    return {d.name: d for d in deadlines.deadlines(review, today, process)}


DECISION = "Decision whether to commission"
SCOPING = "Scoping review (early learning and immediate actions)"
COMPLETION = "Completion (submission to the Home Office)"


# --- each rule of each process --------------------------------------------------------------

@pytest.mark.parametrize("process", [GUIDANCE_2016, DRAFT_2024])
def test_the_decision_is_due_a_month_after_notification_and_pauses_never_move_it(process):
    review = review_at(notified_on=D(2024, 1, 31))  # a leap year: 29 February
    found = by_name(review, process, D(2024, 2, 20))
    assert found[DECISION].due == D(2024, 2, 29) and found[DECISION].status == "due"
    assert set(found) == {DECISION}  # nothing else runs before the decision
    late = by_name(review_at(notified_on=D(2023, 1, 31)), process, D(2023, 3, 3))[DECISION]
    assert late.due == D(2023, 2, 28) and late.days_late == 3


@pytest.mark.parametrize("process", [GUIDANCE_2016, DRAFT_2024])
def test_completion_is_six_months_after_the_decision_plus_pauses_before_submission(process):
    pauses = [(D(2023, 10, 1), D(2023, 10, 11)),  # 10 days before submission: counted
              (D(2024, 3, 15), D(2024, 4, 14))]  # after submission: not counted
    review = review_at(notified_on=D(2023, 8, 1), decision_on=D(2023, 8, 31), submitted_on=D(2024, 3, 10),
                       stage="submitted", pauses=pauses)
    found = by_name(review, process, D(2024, 6, 1))[COMPLETION]
    assert found.due == D(2024, 2, 29) + dt.timedelta(days=10) == D(2024, 3, 10)
    assert found.extended_by == 10 and found.status == "met"
    assert lifecycle.completion_deadline(review, D(2024, 6, 1)).due == found.due  # the list's rule agrees
    open_pause = review_at(notified_on=D(2023, 8, 1), decision_on=D(2023, 8, 31), stage="information_gathering",
                           pauses=[(D(2024, 2, 1), None)])
    assert by_name(open_pause, process, D(2024, 2, 11))[COMPLETION].due == D(2024, 3, 10)  # open: up to today


def test_only_the_2024_process_has_a_scoping_deadline_a_month_after_the_decision():
    review = review_at(notified_on=D(2024, 1, 2), decision_on=D(2024, 1, 29), scoping_on=D(2024, 2, 1),
                       stage="scoping")
    assert SCOPING not in by_name(review, GUIDANCE_2016, D(2024, 2, 10))
    scoping_deadline = by_name(review, DRAFT_2024, D(2024, 2, 10))[SCOPING]
    assert scoping_deadline.due == D(2024, 2, 29) and scoping_deadline.status == "due"
    assert by_name(review, DRAFT_2024, D(2024, 3, 2))[SCOPING].status == "overdue"


def test_scoping_is_extended_only_by_days_paused_before_set_up():
    pauses = [(D(2024, 2, 10), D(2024, 2, 15)),  # during scoping: 5 days
              (D(2024, 4, 1), D(2024, 6, 1))]  # in information gathering: not the scoping deadline's
    review = review_at(notified_on=D(2024, 1, 2), decision_on=D(2024, 1, 29), scoping_on=D(2024, 2, 1),
                       set_up_on=D(2024, 3, 4), information_gathering_on=D(2024, 3, 20),
                       stage="information_gathering", pauses=pauses)
    found = by_name(review, DRAFT_2024, D(2024, 7, 1))
    assert found[SCOPING].due == D(2024, 3, 5) and found[SCOPING].extended_by == 5
    assert found[SCOPING].status == "met"
    assert found[COMPLETION].extended_by == 5 + 61


def test_a_review_that_never_had_a_scoping_review_has_no_scoping_deadline():
    review = review_at(decision_on=D(2024, 2, 20), set_up_on=D(2024, 6, 1), stage="set_up")
    assert SCOPING not in by_name(review, DRAFT_2024, D(2024, 7, 1))
    waiting = review_at(decision_on=D(2024, 2, 20), stage="decision")  # may still have one
    assert by_name(waiting, DRAFT_2024, D(2024, 3, 1))[SCOPING].due == D(2024, 3, 20)


def test_the_stage_order_follows_the_process():
    decided = review_at(stage="decision")
    assert GUIDANCE_2016.next_stage(decided.stage) == "set_up"
    assert DRAFT_2024.next_stage(decided.stage) == "scoping"
    assert DRAFT_2024.next_stage("scoping") == "set_up"
    # A review at scoping when the partnership goes back to 2016 moves on to set-up.
    assert GUIDANCE_2016.next_stage("scoping") == "set_up"
    assert GUIDANCE_2016.next_stage("closed") is None and GUIDANCE_2016.next_stage("not_commissioned") is None


def test_every_process_shares_one_stage_order():
    for process in processes.PROCESSES.values():
        places = [processes.position(s) for s in process.stages]
        assert places == sorted(places)
        assert process.stages[0] == "notified" and process.stages[-1] == "closed"
        assert process.completion is not None


# --- choosing the process -------------------------------------------------------------------

def chosen() -> str:
    """The process chosen, as stored (each request reads it afresh)."""
    db.session.expire_all()
    return settings.get(processes.SETTING) or processes.DEFAULT.key


def _choose(pages, key):
    return pages.post("/admin/process", data={"choice": key}, expected_status=302)


def test_the_coordinator_switches_process_and_no_date_is_lost(sign_in):
    pages, admin = sign_in("admin")
    decided = TODAY - dt.timedelta(days=40)
    review = make.review("R-SWITCH", notified_on=decided - dt.timedelta(days=5), chair=admin, stage="decision",
                         decision_on=decided)
    soup = pages.get(f"/reviews/{review.id}")
    assert SCOPING not in soup.select_one("#deadlines").find_next("table").get_text()
    assert "Statutory guidance 2016" in soup.select_one("#deadline-rule").get_text()

    page = pages.get("/admin/process")
    stages_2016 = page.select_one("#process-guidance_2016").find_next("ol").get_text(" ", strip=True)
    stages_2024 = page.select_one("#process-draft_2024").find_next("ol").get_text(" ", strip=True)
    assert "Scoping review" not in stages_2016 and "Decision made Scoping review Set-up" in stages_2024
    assert page.select_one("input[name=choice][checked]")["value"] == "guidance_2016"
    soup = pages.post("/admin/process", data={"choice": "nonsense"})
    assert error_summary(soup)  # a choice not offered is refused, on the page
    assert chosen() == GUIDANCE_2016.key

    _choose(pages, "draft_2024")
    assert chosen() == DRAFT_2024.key
    db.session.expire_all()
    assert review.decision_on == decided and review.stage == "decision"
    soup = pages.get(f"/reviews/{review.id}")
    rows = {row.th.get_text(strip=True): row.get_text(" ", strip=True)
            for row in soup.select_one("#deadlines").find_next("table").tbody.select("tr")}
    assert "Overdue" in rows[SCOPING]  # a month after a decision 40 days ago
    assert "scoping review is due to finish" in soup.select_one("#deadline-rule").get_text()
    # The reviews list finds it past a deadline not yet met; under 2016 it was not.
    listed = {a.get_text() for a in pages.get("/reviews/?lateness=past-deadline").select("tbody a.govuk-link")}
    assert listed == {"R-SWITCH"}
    _choose(pages, "guidance_2016")
    listed = {a.get_text() for a in pages.get("/reviews/?lateness=past-deadline").select("tbody a.govuk-link")}
    assert listed == set()

    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "setting")
                                .order_by(AuditEvent.id)).all()
    words = [told.words for told in audit_words.in_words(events)]
    assert words == [
        "Chose the review process Draft guidance 2024 (with scoping review) (it was Statutory guidance 2016)",
        "Chose the review process Statutory guidance 2016 (it was Draft guidance 2024 (with scoping review))"]


@pytest.mark.parametrize("role", ["chair", "agency", "trainer"])
def test_only_the_coordinator_chooses_the_process(sign_in, role):
    pages, _ = sign_in(role)
    pages.post("/admin/process", data={"choice": "draft_2024"}, expected_status=403)
    assert chosen() == GUIDANCE_2016.key


# --- the stage page journey -----------------------------------------------------------------

def test_the_stage_page_moves_a_decided_review_into_scoping_keeping_what_was_typed(sign_in):
    pages, chair = sign_in("chair")
    processes.choose("draft_2024")
    decided = TODAY - dt.timedelta(days=10)
    review = make.review("R-STAGE", notified_on=decided - dt.timedelta(days=3), chair=chair, stage="decision",
                         decision_on=decided)
    soup = pages.get(f"/reviews/{review.id}/stage")
    assert soup.h1.get_text(strip=True) == "Record stage: Scoping review"
    assert "the scoping review records early learning and immediate actions" in soup.get_text(" ", strip=True)
    future = TODAY + dt.timedelta(days=3)
    soup = pages.post(f"/reviews/{review.id}/stage", data=MultiDict(date_fields("on", future)))
    assert error_summary(soup) == ["The date of the start of the scoping review must be today or in the past"]
    assert [i["value"] for i in soup.select("input[name=on]")] == [str(future.day), str(future.month),
                                                                  str(future.year)]
    too_early = decided - dt.timedelta(days=1)
    soup = pages.post(f"/reviews/{review.id}/stage", data=MultiDict(date_fields("on", too_early)))
    assert "must be on or after the date of the current stage" in error_summary(soup)[0]
    pages.post(f"/reviews/{review.id}/stage", data=MultiDict(date_fields("on", TODAY)), expected_status=302)
    db.session.expire_all()
    assert review.stage == "scoping" and review.scoping_on == TODAY
    soup = pages.get(f"/reviews/{review.id}")
    assert soup.select_one("#scoping") is not None
    assert [e.title for e in lifecycle_timeline(review)][-1] == "Scoping review"
    assert pages.get(f"/reviews/{review.id}/stage").h1.get_text(strip=True) == "Record stage: Set-up"


def lifecycle_timeline(review):
    from dhr.data import timeline

    return timeline.of_review(review, TODAY)


def test_under_2016_a_decided_review_moves_straight_to_set_up(app):
    chair = make.chair()
    review = make.review(chair=chair, notified_on=D(2024, 1, 2), stage="decision", decision_on=D(2024, 1, 20))
    with pytest.raises(LifecycleError, match="The next stage is set-up"):
        lifecycle.advance(review, "scoping", D(2024, 2, 1), today=D(2024, 3, 1))
    lifecycle.advance(review, "set_up", D(2024, 2, 1), today=D(2024, 3, 1))
    assert review.stage == "set_up" and review.scoping_on is None


# --- early learning and immediate actions ---------------------------------------------------

def _scoping_review(chair, **values):
    processes.choose("draft_2024")
    decided = TODAY - dt.timedelta(days=12)
    return make.review("R-SCOPE", notified_on=decided - dt.timedelta(days=4), chair=chair, stage="scoping",
                       decision_on=decided, scoping_on=decided + dt.timedelta(days=2), **values)


def test_the_chair_records_early_learning_and_an_immediate_action_with_errors_kept(sign_in):
    police = make.agency("Northshire Police")
    pages, chair = sign_in("chair")
    review = _scoping_review(chair)
    soup = pages.post(f"/reviews/{review.id}/scoping/learning", data={"text": "  "})
    assert error_summary(soup) == ["Enter the early learning"]
    pages.post(f"/reviews/{review.id}/scoping/learning",
               data={"text": "Nobody asked the victim about the controlling behaviour."}, expected_status=302)

    typed = "Flag the address for a senior officer's review on every call."
    soup = pages.post(f"/reviews/{review.id}/scoping/actions/new",
                      data=MultiDict([("text", typed), ("lead_agency_id", ""), *date_fields("target_date", None)]))
    assert error_summary(soup) == ["Choose the agency that leads the immediate action",
                                   "Enter the target date of the immediate action"]
    assert soup.select_one("textarea[name=text]").get_text().strip() == typed
    past = TODAY - dt.timedelta(days=1)
    soup = pages.post(f"/reviews/{review.id}/scoping/actions/new",
                      data=MultiDict([("text", typed), ("lead_agency_id", str(police.id)),
                                      *date_fields("target_date", past)]))
    assert error_summary(soup) == ["The target date of an immediate action must be today or in the future"]
    target = TODAY + dt.timedelta(days=30)
    pages.post(f"/reviews/{review.id}/scoping/actions/new",
               data=MultiDict([("text", typed), ("lead_agency_id", str(police.id)),
                               *date_fields("target_date", target)]),
               expected_status=302)

    db.session.expire_all()
    [learning] = scoping.early_learning(review)
    assert learning.position == 1 and learning.early_learning
    [action] = scoping.immediate_actions(review)
    assert action.number == "S.1" and action.lead_agency == police and action.target_date == target
    assert action.recommendation.text == "Immediate actions from scoping" and action.is_agreed
    soup = pages.get(f"/reviews/{review.id}")
    section = soup.select_one("#immediate-actions").find_next("table").get_text(" ", strip=True)
    assert typed in section and "Northshire Police" in section
    assert "Early learning" in soup.select_one("#findings").find_next("ol").get_text()

    words = [t.words for t in audit_words.in_words(db.session.scalars(select(AuditEvent)))]
    assert "Recorded early learning from the scoping review as Finding 1 (R-SCOPE)" in words
    assert "Opened Recommendation S (R-SCOPE): the immediate actions from scoping" in words
    assert (f"Added Action 1 of Recommendation S (R-SCOPE), led by Northshire Police, target date "
            f"{target.day} {target:%B %Y}") in words
    assert any("scoping review began set to" in w for w in words)


def test_nothing_is_recorded_as_scoping_once_the_review_is_past_it(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair, stage="set_up", decision_on=D(2023, 2, 10), set_up_on=D(2023, 3, 1))
    soup = pages.post(f"/reviews/{review.id}/scoping/learning", data={"text": "Too late"})
    assert error_summary(soup) == ["Early learning and immediate actions are recorded during the scoping review: "
                                   "this review is at set-up"]
    assert review.findings == []


def test_the_agency_tracks_an_immediate_action_like_any_other(sign_in, client):
    police = make.agency("Northshire Police")
    chair = make.chair(email="scoping-chair@example.org")
    review = _scoping_review(chair)
    action = scoping.add_immediate_action(review, "Brief every response team on the risk.", police,
                                          TODAY + dt.timedelta(days=20))
    commit()
    pages, officer = sign_in("agency", agency_name="Northshire Police")
    assert homes.agency(police.id)["new"] == 1  # the home page counts it as newly given to the agency
    listed = pages.get("/our-recommendations/actions?need=new").get_text(" ", strip=True)
    assert "S.1" in listed and "Brief every response team on the risk." in listed
    response = pages.client.post(f"/our-recommendations/actions/{action.id}",
                                 data={"narrative": "Every team briefed.", "proposed_status": "awaiting_evidence"})
    assert response.status_code == 302
    db.session.expire_all()
    assert len(action.updates) == 1 and action.updates[0].agency_id == police.id
    # Another agency sees nothing of it.
    client.post("/sign-out")
    other, _ = sign_in("agency", agency_name="Northshire Housing")
    other.get(f"/our-recommendations/actions/{action.id}", expected_status=403)
    # The coordinator verifies it as any other.
    client.post("/sign-out")
    coordinator, _ = sign_in("admin")
    update = action.updates[0]
    coordinator.post(f"/recommendations/updates/{update.id}/assess",
                     data={"decision": "accepted", "outcome": "Every response team briefed",
                           "evidence_grade": "shows_change",
                           "completed_on": [str(TODAY.day), str(TODAY.month), str(TODAY.year)]},
                     expected_status=302)
    db.session.expire_all()
    assert action.status == "verified" and action.recommendation.status == "verified"
    assert scoping.immediate_summary(make.admin(email="reader@example.org")).done == 1


def test_the_board_report_and_exports_show_immediate_actions(sign_in):
    police = make.agency("Northshire Police")
    pages, admin = sign_in("admin")
    review = _scoping_review(admin)
    scoping.add_early_learning(review, "Early: the GP never asked about abuse.")
    scoping.add_immediate_action(review, "Add routine enquiry to the GP template.", police,
                                 TODAY + dt.timedelta(days=14))
    overdue = scoping.add_immediate_action(review, "Share the address flag with housing.", police,
                                           TODAY + dt.timedelta(days=1))
    commit()
    overdue.target_date = TODAY - dt.timedelta(days=5)  # it has since fallen due
    commit()
    pdf = get_pdf(pages.client, "/reports/board.pdf")
    assert "2 immediate actions recorded by scoping reviews: 0 done or closed, 2 open, 1 of them overdue." in pdf.text
    assert "R-SCOPE" in pdf.text and "S.2" in pdf.text

    rows = pages.client.get("/reports/exports/recommendations.csv").get_data(as_text=True).splitlines()
    assert rows[0].endswith("Immediate action from scoping")
    assert sum(line.endswith(",Yes") for line in rows[1:]) == 2
    findings = pages.client.get("/reports/exports/findings.csv").get_data(as_text=True).splitlines()
    assert findings[0].endswith("Early learning from scoping") and findings[1].endswith(",Yes")
    header, first = csv.reader(pages.client.get("/reports/exports/reviews.csv").get_data(as_text=True).splitlines())
    assert first[header.index("Scoping review began")] == review.scoping_on.isoformat()
    summary = get_pdf(pages.client, f"/reports/reviews/{review.id}/summary.pdf")
    assert "Finding 1 (early learning from the scoping review)" in summary.text


# --- the register import --------------------------------------------------------------------

def test_a_register_row_at_scoping_is_imported_with_its_scoping_date(sign_in):
    import csv
    import io

    pages, _ = sign_in("admin")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["DHR Ref", "Review type", "Pseudonym", "Date notified", "Decision date", "Scoping review",
                     "Stage"])
    writer.writerow(["NDHR2024-01", "DHR", "Adult S", "2/1/2024", "29/1/2024", "5/2/2024", "Scoping review"])
    writer.writerow(["NDHR2024-02", "DHR", "Adult T", "2/1/2024", "29/1/2024", "28/1/2024", ""])
    soup = pages.post("/reviews/register", data={"register": (io.BytesIO(out.getvalue().encode()), "r.csv")},
                      content_type="multipart/form-data")
    text = " ".join(soup.get_text(" ").split())
    assert "Scoping review: 28 January 2024 is before decision made (29 January 2024)" in text
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["DHR Ref", "Review type", "Pseudonym", "Date notified", "Decision date", "Scoping review",
                     "Stage"])
    writer.writerow(["NDHR2024-01", "DHR", "Adult S", "2/1/2024", "29/1/2024", "5/2/2024", "Scoping review"])
    pages.post("/reviews/register", data={"register": (io.BytesIO(out.getvalue().encode()), "r.csv")},
               content_type="multipart/form-data")
    pages.post("/reviews/register/confirm", data={}, expected_status=302)
    review = db.session.scalars(select(Review).where(Review.reference == "NDHR2024-01")).one()
    assert review.stage == "scoping" and review.scoping_on == D(2024, 2, 5)
