"""The board paper: its first two pages read back from the PDF (key messages, the period against
the previous one and a year before, each agency's rating, overdue actions by age), its bounded
appendices, and its path through the background queue. The expected numbers are worked out here
from the rows the test makes, not by the code under test."""
from __future__ import annotations

import datetime as dt

from dhr.data import commit
from dhr.data.job_models import Job
from dhr.data.models import AuditEvent
from dhr.dates import long_date
from dhr.extensions import db

from . import factories as make
from .factories import TODAY, days
from .pdf_helpers import get_pdf

LONG_AGO = dt.datetime(2020, 1, 1)


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


QUARTER_START = _quarter_start(TODAY)
PREVIOUS_END = QUARTER_START - dt.timedelta(days=1)
PREVIOUS_START = _quarter_start(PREVIOUS_END)


def _action(review, lead, target, *, status="on_track", completed_on=None, recorded=LONG_AGO):
    text = f"Recommendation led by {lead.name} due {target}"
    rec = make.recommendation(review, None, text, lead=lead, action_to_take=text, status=status, target_date=target,
                              completed_on=completed_on, commit=False)
    rec.created_at = recorded
    rec.actions[0].created_at = LONG_AGO
    db.session.flush()
    return rec.actions[0]


def _paper_world():
    """Three agencies: the police with four overdue actions (one in each age band) and one on
    time; the hospital with one overdue of five; the council with none overdue, one action
    verified in this period and one verified in the previous period."""
    police, health, council = (make.agency(n, k) for n, k in [("Northshire Police", "police"),
                                                               ("City Hospital Trust", "health"),
                                                               ("Northshire Council", "council")])
    review = make.review("DHR-PAPER-01", notified_on=QUARTER_START, published=True, published_on=TODAY)
    make.review("DHR-PAPER-02", notified_on=PREVIOUS_START, published=True,
                published_on=PREVIOUS_END - dt.timedelta(days=3))
    make.review("DHR-PAPER-03", notified_on=PREVIOUS_START - dt.timedelta(days=400))
    police_targets = [days(-10), days(-120), days(-250), days(-500), days(40)]
    for target in police_targets:
        _action(review, police, target)
    health_targets = [days(-20), days(30), days(60), days(90), days(120)]
    for target in health_targets:
        _action(review, health, target)
    _action(review, council, days(50))
    done_now = _action(review, council, PREVIOUS_END - dt.timedelta(days=30), status="verified",
                       completed_on=TODAY, recorded=dt.datetime.combine(TODAY, dt.time()))
    done_before = _action(review, council, PREVIOUS_END - dt.timedelta(days=60), status="verified",
                          completed_on=PREVIOUS_END - dt.timedelta(days=5))
    commit()
    # the earlier verification happened in the previous period: its audit record says when
    for event in db.session.scalars(db.select(AuditEvent).where(AuditEvent.entity_type == "action",
                                                                AuditEvent.entity_id == done_before.id)):
        event.at = dt.datetime.combine(PREVIOUS_END - dt.timedelta(days=5), dt.time(12))
    db.session.commit()
    return police_targets, health_targets, done_now, done_before


def _overdue_on(targets, day):
    return sum(1 for t in targets if t < day)


def test_the_first_two_pages_give_key_messages_comparisons_ratings_and_age_bands(sign_in):
    police_targets, health_targets, done_now, done_before = _paper_world()
    pages, _ = sign_in("chair")
    pdf = get_pdf(pages.client, "/reports/board.pdf")
    pdf.assert_accessible("Board paper: reviews and recommendations")
    first, second = pdf.pages[0], pdf.pages[1]

    overdue_now = _overdue_on(police_targets, TODAY) + _overdue_on(health_targets, TODAY)
    # at the end of the previous period the council's action verified today was still open and overdue
    overdue_before = (_overdue_on(police_targets, PREVIOUS_END) + _overdue_on(health_targets, PREVIOUS_END)
                      + (done_now.target_date < PREVIOUS_END))
    assert overdue_now == 5
    difference = overdue_now - overdue_before
    change = ("the same number as" if not difference
              else f"{abs(difference)} {'more' if difference > 0 else 'fewer'} than")
    assert (f"{overdue_now} actions are overdue, {change} at the end of the previous period "
            f"({long_date(PREVIOUS_END)}).") in first
    assert "1 action has been overdue for over 12 months." in first
    assert "1 agency is rated red: Northshire Police." in first
    assert ("In the period 1 recommendation was made, 1 action completed and 1 verified, and 1 review was "
            "published.") in first
    assert ("1 review was notified in the period, against 1 in the previous period and 0 in the same period "
            "last year.") in first

    open_now = len(police_targets) + len(health_targets) + 1
    open_before = open_now + 1  # the council's action verified today
    assert "Reviews notified 1 1 0" in first
    assert "Reviews published 1 1 0" in first
    assert "Actions completed 1 1 0" in first
    assert "Actions verified 1 1 0" in first
    assert f"Open actions at the end of the period {open_now} {open_before}" in first
    assert f"Overdue actions at the end of the period {overdue_now} {overdue_before}" in first

    # ratings: the police have actions overdue by more than 3 months; the hospital has 1 of 5 overdue
    assert "Red: an action overdue by more than 3 months, or more than a quarter" in second
    long_overdue = sum(1 for t in police_targets if t < TODAY - dt.timedelta(days=92))  # 3 months at most
    assert long_overdue == 3
    assert f"Northshire Police Red {len(police_targets)} 4 {long_overdue}" in second
    assert f"City Hospital Trust Amber {len(health_targets)} 1 0" in second
    assert "Northshire Council Green 1 0 0" in second
    assert second.index("Northshire Police Red") < second.index("City Hospital Trust Amber") < second.index(
        "Northshire Council Green")
    for band in ["Up to 3 months 2", "3 to 6 months 1", "6 to 12 months 1", "Over 12 months 1",
                 f"All overdue actions {overdue_now}"]:
        assert band in second, band

    # the appendices: the overdue list grouped by agency, the oldest first
    rest = " ".join(pdf.pages[2:])
    assert "Appendix B: overdue actions by lead agency" in rest
    assert "Northshire Police: 4 overdue actions" in rest and "City Hospital Trust: 1 overdue action" in rest
    police_list = rest[rest.index("Northshire Police: 4 overdue actions"):rest.index("City Hospital Trust: 1 overdue")]
    shown = [t for t in sorted(police_targets[:4])]
    positions = [police_list.index(f"due {t}") for t in shown]
    assert positions == sorted(positions)


def test_the_overdue_list_is_bounded_with_counts_of_what_it_leaves_out(sign_in):
    police = make.agency("Northshire Police", "police")
    review = make.review("DHR-MANY-01", notified_on=days(-900))
    for n in range(12):
        _action(review, police, days(-30 - 40 * n))
    commit()
    pages, _ = sign_in("admin")
    pdf = get_pdf(pages.client, "/reports/board.pdf")
    rest = " ".join(pdf.pages[2:])
    assert "Northshire Police: 12 overdue actions" in rest
    assert "And 7 more overdue actions led by Northshire Police, not listed here." in rest
    oldest = days(-30 - 40 * 11)
    assert f"due {oldest}" in rest and f"due {days(-30)}" not in rest
    assert len(pdf.pages) < 8


def test_the_board_paper_is_prepared_in_the_background_with_its_steps(sign_in):
    _paper_world()
    pages, user = sign_in("admin")
    response = pages.client.get("/reports/board.pdf?start=2020-04-01")
    assert response.status_code == 302 and "/downloads/" in response.headers["Location"]
    job = db.session.scalar(db.select(Job).where(Job.user_id == user.id))
    assert job.kind == "board_report" and job.title.startswith("Board paper: notified on or after 1 April 2020")
    assert job.state == "done" and job.steps_total == 4, (job.state, job.steps_total, job.step_label)
    page = pages.get(response.headers["Location"])
    assert "Your download is ready" in page.get_text()
    pdf = get_pdf(pages.client, "/reports/board.pdf?start=2020-04-01")
    assert f"Period: {long_date(dt.date(2020, 4, 1))} to {long_date(TODAY)}" in pdf.pages[0].replace(" (", " ")


def test_an_agency_filter_rates_and_counts_only_the_actions_it_leads(sign_in):
    _paper_world()
    health = make.agency("City Hospital Trust", "health")
    pages, _ = sign_in("chair")
    pdf = get_pdf(pages.client, f"/reports/board.pdf?agency={health.id}")
    first, second = pdf.pages[0], pdf.pages[1]
    assert "Board paper: City Hospital Trust" in first
    assert "1 action is overdue" in first
    assert "City Hospital Trust Amber 5 1 0" in second
    assert "Northshire Police" not in second


def test_a_trainer_or_an_agency_never_gets_the_board_paper(sign_in, client):
    _paper_world()
    for role in ("trainer", "agency"):
        pages, _ = sign_in(role, agency_name="Northshire Police")
        response = pages.client.get("/reports/board.pdf")
        assert response.status_code == 403
        assert "Northshire Police Red" not in response.get_data(as_text=True)
        client.post("/sign-out")
    assert not db.session.scalar(db.select(Job))


def test_zero_years_stay_on_the_axis(sign_in):
    make.review("DHR-Y-1", notified_on=dt.date(2021, 5, 1))
    make.review("DHR-Y-2", notified_on=dt.date(2023, 6, 1))
    pages, _ = sign_in("admin")
    soup = pages.get("/dashboard?start=1/4/2021&end=31/3/2024")
    section = soup.select_one("section[aria-labelledby=figure-year]")
    rows = [(tr.th.get_text(strip=True), tr.td.get_text(" ", strip=True).split(" ")[0])
            for tr in section.select("tbody tr")]
    assert rows == [("2021/22", "1"), ("2022/23", "0"), ("2023/24", "1")]
    summary = section.select_one(".app-reports-summary").get_text(strip=True)
    assert summary == "2 reviews from 2021/22 to 2023/24: the most, 1, in 2021/22; 1 financial year with none."
    img = section.select_one("img.app-reports-chart")
    assert summary in img["alt"]
    svg = pages.client.get(img["src"]).get_data(as_text=True)
    assert "2022/23" in svg and f"<desc id=\"chart-desc\">{summary}</desc>" in svg
    assert "<title id=\"chart-title\">Reviews by year notified" in svg


def test_the_appendices_list_the_agencies_most_overdue_and_count_the_rest(sign_in, monkeypatch):
    from dhr.data import board_paper

    monkeypatch.setattr(board_paper, "RATINGS_LISTED", 2)
    monkeypatch.setattr(board_paper, "AGENCIES_LISTED", 2)
    review = make.review("DHR-AGENCIES-01", notified_on=days(-900))
    overdue = {"Agency A": 4, "Agency B": 3, "Agency C": 2, "Agency D": 0}
    for name, count in overdue.items():
        agency = make.agency(name, "other")
        for n in range(count):
            _action(review, agency, days(-10 - n))
        _action(review, agency, days(100))
    commit()
    pages, _ = sign_in("admin")
    rest = " ".join(get_pdf(pages.client, "/reports/board.pdf").pages[2:])
    appendix_a = rest[rest.index("Appendix A"):rest.index("Appendix B")]
    appendix_b = rest[rest.index("Appendix B"):rest.index("Appendix C")]
    # A: red first (over a quarter of open actions overdue), the most overdue first; the rest counted
    assert "(the first 2 of 4)" in appendix_a
    assert "Agency A Red 5 4 0" in appendix_a and "Agency B Red 4 3 0" in appendix_a
    assert "Agency C" not in appendix_a and "Agency D" not in appendix_a
    assert "2 more agencies not listed: 1 red, 0 amber, 1 green." in appendix_a
    # B: the two with most overdue listed, the third counted
    assert "Agency A: 4 overdue actions" in appendix_b and "Agency B: 3 overdue actions" in appendix_b
    assert "Agency C:" not in appendix_b
    assert "1 more agency has overdue actions not listed here (2 actions)" in appendix_b


def test_the_rules_the_paper_states():
    from dhr.data import board_paper as paper
    from dhr.data.figure_data import Filters

    day = dt.date(2026, 12, 4)
    # without dates: the financial quarter so far; with them, never past today
    assert paper.paper_period(Filters(), day) == paper.Period(dt.date(2026, 10, 1), day)
    assert paper.paper_period(Filters(), day).label == "Q3 2026/27 to 4 Dec 2026"
    assert paper.Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30)).label == "Q2 2026/27"
    assert paper.paper_period(Filters(start=dt.date(2026, 4, 1), end=dt.date(2027, 3, 31)), day).label == (
        "1 April 2026 to 4 December 2026")
    assert paper.paper_period(Filters(end=dt.date(2026, 2, 10)), day).label == "Q4 2025/26 to 10 Feb 2026"
    # age bands by calendar months past the target date
    assert paper.age_band(dt.date(2026, 9, 4), day) == "Up to 3 months"
    assert paper.age_band(dt.date(2026, 9, 3), day) == "3 to 6 months"
    assert paper.age_band(dt.date(2026, 6, 3), day) == "6 to 12 months"
    assert paper.age_band(dt.date(2025, 12, 3), day) == "Over 12 months"
    # red: anything over 3 months overdue, or over a quarter of open actions overdue
    assert paper.rating(4, 1, 0) == "amber" and paper.rating(5, 2, 0) == "red" and paper.rating(40, 1, 1) == "red"
    assert paper.rating(3, 0, 0) == "green"
