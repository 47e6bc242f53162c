"""One rule for "on time": 6 months from the decision to submission to the Home Office, not counting
pauses. The review page, the reviews list, the dashboard and the board report all agree."""
from __future__ import annotations

import datetime as dt

from dhr.data import lifecycle
from dhr.data.models import Pause

from .factories import review as make_review
from .pdf_helpers import get_pdf

TODAY = dt.date.today()


def _signed_off_on_time_submitted_late(chair=None):
    """Signed off 5 months after the decision (before the target), submitted 8 months after (after it)."""
    decided = TODAY - dt.timedelta(days=800)
    return make_review("R-SUBMITTED-LATE", notified_on=decided - dt.timedelta(days=10), chair=chair,
                       stage="submitted", decision_on=decided,
                       signed_off_on=decided + dt.timedelta(days=150),
                       submitted_on=decided + dt.timedelta(days=250))


def _listed(pages, query=""):
    soup = pages.get("/reviews/?" + query)
    return {a.get_text() for a in soup.select("tbody a.govuk-link")}


def test_a_review_submitted_after_the_target_is_late_everywhere(sign_in):
    pages, chair = sign_in("admin")
    review = _signed_off_on_time_submitted_late(chair)
    days_late = lifecycle.completion_deadline(review, TODAY).days_late
    assert days_late > 0 and lifecycle.completion_status(review, TODAY) == "late_submitted"

    # The review page: the completion deadline is met late, not met on time at sign-off.
    soup = pages.get(f"/reviews/{review.id}")
    rows = {row.th.get_text(strip=True): row.get_text(" ", strip=True)
            for row in soup.select_one("#deadlines").find_next("table").tbody.select("tr")}
    completion = rows["Completion (submission to the Home Office)"]
    assert "Met late" in completion and "on time" not in completion.lower()
    rule = soup.select_one("#deadline-rule").get_text(" ", strip=True)
    assert "6 months after the decision to hold it, to submission to the Home Office" in rule

    # The reviews list: found by the lateness filter, not by the on-time one.
    assert _listed(pages, "lateness=late") == {"R-SUBMITTED-LATE"}
    assert _listed(pages, "lateness=on-time") == set()

    # The dashboard and the board report count it late against the target.
    soup = pages.get("/dashboard")
    at_a_glance = {row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
                   for row in soup.table.tbody.select("tr")}
    assert at_a_glance["Reviews late against the 6-month target"] == "1 of 1 (100%)"
    pdf = get_pdf(pages.client, "/reports/board.pdf")
    assert "Of 1 review judged, 1 was late (100%)." in pdf.text


def test_paused_days_move_the_target_and_the_page_says_so(sign_in):
    pages, chair = sign_in("chair")
    decided = TODAY - dt.timedelta(days=400)
    review = make_review("R-PAUSED", notified_on=decided - dt.timedelta(days=5), chair=chair, stage="submitted",
                         decision_on=decided, submitted_on=decided + dt.timedelta(days=200))
    review.pauses.append(Pause(started_on=decided + dt.timedelta(days=10),
                               ended_on=decided + dt.timedelta(days=50), reason="criminal_trial"))
    from dhr.data import commit

    commit()
    assert lifecycle.completion_status(review, TODAY) == "on_time"
    soup = pages.get(f"/reviews/{review.id}")
    assert "not counting the 40 days it was paused" in soup.select_one("#deadline-rule").get_text(" ", strip=True)
    assert _listed(pages, "lateness=on-time") == {"R-PAUSED"}


def test_a_closed_review_from_years_ago_has_no_red_late_tag(sign_in):
    pages, chair = sign_in("chair")
    make_review("R-OLD", notified_on=dt.date(2015, 1, 5), chair=chair, stage="closed",
                decision_on=dt.date(2015, 1, 20), signed_off_on=dt.date(2015, 6, 1),
                submitted_on=dt.date(2015, 8, 30), approved_on=dt.date(2015, 10, 1),
                published_on=dt.date(2015, 11, 1), monitoring_on=dt.date(2015, 11, 2),
                closed_on=dt.date(2016, 3, 1))
    make_review("R-OPEN", notified_on=dt.date(2020, 1, 5), chair=chair, stage="drafting",
                decision_on=dt.date(2020, 1, 20))
    soup = pages.get("/reviews/")
    cells = {row.a.get_text(): row.select("td")[-1] for row in soup.select("tbody tr")}
    old = cells["R-OLD"]
    # Target 20 July 2015; submitted 30 August 2015.
    assert old.get_text(strip=True) == "Submitted 41 days after the target date"
    assert not old.select(".govuk-tag--red")
    assert cells["R-OPEN"].select_one(".govuk-tag--red").get_text(strip=True) == "Late"
    assert _listed(pages, "lateness=late") == {"R-OLD", "R-OPEN"}
