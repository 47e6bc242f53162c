"""Parallel processes: a criminal trial, an inquest (with any Prevention of Future Deaths report),
a Safeguarding Adults Review, a Child Safeguarding Practice Review or an IOPC investigation beside
a review. Recording one under way offers (never makes) a pause for its reason from its start;
recording its end offers the end of that pause; both go through the lifecycle's pause rules."""
from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from dhr.data import audit_words, history, lifecycle, panel, parallel
from dhr.data.parallel import ParallelError
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary
from .test_spreadsheets import read_csv

DECIDED = dict(notified_on=dt.date(2024, 1, 10), decision_on=dt.date(2024, 1, 30), stage="decision")


def _form(kind="criminal_trial", reference="T2024-0117", started_on=dt.date(2024, 3, 4), ended_on=None,
          pfd_report_on=None, linked="", outcome="") -> MultiDict:
    return MultiDict([("kind", kind), ("reference", reference), ("linked_reference", linked), ("outcome", outcome),
                      *date_fields("started_on", started_on), *date_fields("ended_on", ended_on),
                      *date_fields("pfd_report_on", pfd_report_on)])


def test_what_cannot_be_recorded_is_refused_plainly(app):
    review = make.review("DHR-PAR-01", **DECIDED)
    other = make.review("SAR-PAR-01", notified_on=dt.date(2024, 1, 12))
    with pytest.raises(ParallelError, match="Only an inquest has a Prevention of Future Deaths report"):
        parallel.save(review, parallel.Written("criminal_trial", "", dt.date(2024, 3, 1),
                                               pfd_report_on=dt.date(2024, 6, 1)))
    with pytest.raises(ParallelError, match=r"on or after the date it started \(1 March 2024\)"):
        parallel.save(review, parallel.Written("inquest", "", dt.date(2024, 3, 1), ended_on=dt.date(2024, 2, 1)))
    with pytest.raises(ParallelError, match="Only a Safeguarding Adults Review or a Child"):
        parallel.save(review, parallel.Written("iopc", "", dt.date(2024, 3, 1), linked_reference="SAR-PAR-01"))
    with pytest.raises(ParallelError, match="No review in this service has the reference SAR-NONE"):
        parallel.save(review, parallel.Written("sar", "", dt.date(2024, 3, 1), linked_reference="SAR-NONE"))
    with pytest.raises(ParallelError, match="Link another review, not this one"):
        parallel.save(review, parallel.Written("sar", "", dt.date(2024, 3, 1), linked_reference="dhr-par-01"))
    linked = parallel.save(review, parallel.Written("sar", "SAR 7", dt.date(2024, 3, 1),
                                                    linked_reference="sar-par-01"))
    assert linked.linked_review == other


def test_a_trial_offers_a_pause_from_its_start_and_its_end_offers_the_end(sign_in):
    pages, chair = sign_in("chair")
    review = make.review("DHR-PAR-02", chair=chair, **DECIDED)
    url = f"/reviews/{review.id}/processes/new"
    soup = pages.post(url, data=_form(kind="", started_on=None, reference="T2024-0117"))
    assert error_summary(soup) == ["Choose which process it is", "Enter the date it started"]
    assert soup.select_one("#reference")["value"] == "T2024-0117"
    answer = pages.client.post(url, data=_form())
    process = review.parallel_processes[0]
    offer = f"/reviews/{review.id}/processes/{process.id}/pause"
    assert answer.status_code == 302 and answer.headers["Location"] == offer
    db.session.expire_all()
    assert not review.is_paused  # only offered
    page = pages.get(offer).get_text(" ", strip=True)
    assert "Pause the review from 4 March 2024?" in page
    assert "The criminal trial (T2024-0117) started on 4 March 2024" in page
    assert pages.client.post(offer).status_code == 302
    db.session.expire_all()
    pause = review.open_pause
    assert (pause.reason, pause.started_on, pause.note) == ("criminal_trial", dt.date(2024, 3, 4),
                                                            "Criminal trial T2024-0117")
    ended = pages.client.post(f"/reviews/{review.id}/processes/{process.id}",
                              data=_form(ended_on=dt.date(2024, 9, 20), outcome="Convicted of murder."))
    end_offer = f"/reviews/{review.id}/processes/{process.id}/end-pause"
    assert ended.headers["Location"] == end_offer
    assert "End the review’s pause on 20 September 2024?" in pages.get(end_offer).get_text(" ", strip=True)
    assert pages.client.post(end_offer).status_code == 302
    db.session.expire_all()
    assert not review.is_paused and review.pauses[0].ended_on == dt.date(2024, 9, 20)
    assert lifecycle.paused_days(review, dt.date(2025, 1, 1)) == (dt.date(2024, 9, 20) - dt.date(2024, 3, 4)).days


def test_no_pause_is_offered_when_the_review_is_already_paused_and_a_refusal_reads_plainly(sign_in):
    pages, chair = sign_in("chair")
    review = make.review("DHR-PAR-03", chair=chair, **DECIDED)
    lifecycle.start_pause(review, dt.date(2024, 2, 1), "inquest")
    db.session.commit()
    answer = pages.client.post(f"/reviews/{review.id}/processes/new", data=_form())
    assert answer.headers["Location"] == f"/reviews/{review.id}/processes"
    trial = review.parallel_processes[0]
    # the inquest's pause is not the trial's to end
    answer = pages.client.post(f"/reviews/{review.id}/processes/{trial.id}", data=_form(ended_on=dt.date(2024, 5, 1)))
    assert answer.headers["Location"] == f"/reviews/{review.id}/processes"
    soup = pages.post(f"/reviews/{review.id}/processes/{trial.id}/pause", data={})
    assert error_summary(soup) == ["The review is already paused: end that pause first"]
    db.session.expire_all()
    assert len(review.pauses) == 1


def test_an_inquest_with_its_pfd_report_and_a_linked_sar_show_and_are_told_in_plain_words(sign_in):
    pages, chair = sign_in("chair")
    review = make.review("DHR-PAR-04", chair=chair, **DECIDED)
    make.review("SAR-PAR-04", notified_on=dt.date(2024, 1, 12))
    assert pages.client.post(f"/reviews/{review.id}/processes/new", data=_form(
        kind="inquest", reference="COR-88", started_on=dt.date(2024, 2, 5), ended_on=dt.date(2024, 6, 1),
        pfd_report_on=dt.date(2024, 6, 14))).status_code == 302
    assert pages.client.post(f"/reviews/{review.id}/processes/new", data=_form(
        kind="sar", reference="", started_on=dt.date(2024, 2, 6), linked="SAR-PAR-04")).status_code == 302
    page = pages.get(f"/reviews/{review.id}/processes").get_text(" ", strip=True)
    assert "Prevention of Future Deaths report, 14 June 2024" in page and "kept here as SAR-PAR-04" in page
    words = [t.words for t in audit_words.in_words(history.of_review(review))]
    assert "Recorded the inquest COR-88 beside DHR-PAR-04" in words
    assert "Recorded the Safeguarding Adults Review beside DHR-PAR-04" in words
    shown = pages.get(f"/reviews/{review.id}").get_text(" ", strip=True)
    assert "Parallel processes Inquest, Safeguarding Adults Review" in shown


def test_only_the_reviews_editors_see_or_record_its_processes(sign_in):
    police = make.agency("Police", "police")
    review = make.review("DHR-PAR-05", chair=make.chair(), published=True, panel_agencies=[police])
    process = parallel.save(review, parallel.Written("iopc", "IOPC-2023-55", dt.date(2023, 3, 1)))
    db.session.commit()
    for role in ("trainer", "agency", "chair"):
        pages, _ = sign_in(role)
        pages.get(f"/reviews/{review.id}/processes", expected_status=403)
        pages.get(f"/reviews/{review.id}/processes/{process.id}/pause", expected_status=403)
        assert pages.client.post(f"/reviews/{review.id}/processes/{process.id}/remove").status_code == 403
        shown = pages.client.get(f"/reviews/{review.id}").get_data(as_text=True)
        assert f"/reviews/{review.id}/processes" not in shown
        # another chair reads the partnership's history of every review, which names the process
        assert ("IOPC-2023-55" in shown) == (role == "chair")
        pages.client.post("/sign-out")
    db.session.expire_all()
    assert [p.reference for p in review.parallel_processes] == ["IOPC-2023-55"]


def test_the_reviews_export_holds_the_panel_the_set_up_dates_and_the_processes(sign_in):
    pages, _ = sign_in("trainer")
    police = make.agency("Northshire Police", "police")
    review = make.review("DHR-PAR-06", published=True, **{**DECIDED, "stage": None})
    panel.save_member(review, police, "Detective Inspector", "Sam Okafor")
    panel.agree_terms(review, dt.date(2024, 2, 20))
    panel.declare_independence(review, dt.date(2024, 2, 21), "Independent of every agency on the panel.")
    parallel.save(review, parallel.Written("inquest", "COR-88", dt.date(2024, 2, 5), ended_on=dt.date(2024, 6, 1),
                                           pfd_report_on=dt.date(2024, 6, 14)))
    parallel.save(review, parallel.Written("criminal_trial", "", dt.date(2024, 3, 1), outcome="Restricted detail"))
    db.session.commit()
    rows = read_csv(pages.client.get("/reports/exports/reviews.csv").data)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Panel members"] == "Northshire Police: Detective Inspector"  # never the member's name
    assert (row["Terms of reference agreed"], row["Chair's declaration of independence"]) == ("2024-02-20",
                                                                                               "2024-02-21")
    assert row["Parallel processes"] == ("Inquest COR-88, 2024-02-05 to 2024-06-01, PFD report 2024-06-14; "
                                         "Criminal trial, 2024-03-01 to now")
    assert "Restricted detail" not in str(rows) and "Independent of every" not in str(rows)
