"""Stages, pauses and the statutory deadlines, computed directly."""
from __future__ import annotations

import datetime as dt

import pytest

from dhr.data import lifecycle, timeline
from dhr.data.lifecycle import LifecycleError, add_months
from dhr.data.models import Review
from dhr.extensions import db

from . import factories as make

D = dt.date


@pytest.mark.parametrize("start, months, expected", [
    (D(2023, 1, 31), 1, D(2023, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 8, 31), 6, D(2025, 2, 28)),
    (D(2023, 8, 31), 6, D(2024, 2, 29)),
    (D(2024, 7, 15), 6, D(2025, 1, 15)),
    (D(2024, 12, 31), 1, D(2025, 1, 31)),
    (D(2024, 3, 31), 1, D(2024, 4, 30)),
])
def test_add_months_uses_calendar_months(start, months, expected):
    assert add_months(start, months) == expected


def review_at(**values) -> Review:
    defaults = dict(reference="T-1", review_type="dhr", death_category="other", pseudonym="A",
                    notified_on=D(2024, 1, 31), stage="notified")
    defaults.update(values)
    return Review(**defaults)


def test_decision_deadline_is_one_month_after_notification_in_a_leap_year():
    review = review_at()
    deadline = lifecycle.decision_deadline(review, today=D(2024, 2, 20))
    assert deadline.due == D(2024, 2, 29)
    assert deadline.status == "due" and deadline.plain == "Due in 9 days, on 29 February 2024"
    late = lifecycle.decision_deadline(review, today=D(2024, 3, 10))
    assert late.days_late == 10 and late.status == "overdue"
    assert late.plain == "10 days late: it was due on 29 February 2024"


def test_decision_met_late_says_how_late():
    review = review_at(decision_on=D(2024, 4, 4), stage="decision")
    deadline = lifecycle.decision_deadline(review, today=D(2024, 6, 1))
    assert deadline.status == "met late" and deadline.days_late == 35
    assert deadline.plain == "Met 5 weeks late, on 4 April 2024"


def test_completion_is_six_months_after_decision_extended_by_pauses():
    from dhr.data.models import Pause

    review = review_at(decision_on=D(2023, 8, 31), stage="information_gathering")
    assert lifecycle.completion_deadline(review, today=D(2023, 9, 1)).due == D(2024, 2, 29)
    review.pauses = [Pause(started_on=D(2023, 10, 1), ended_on=D(2023, 10, 11), reason="inquest"),
                     Pause(started_on=D(2024, 1, 1), ended_on=None, reason="criminal_trial")]
    # 10 closed days + an open pause counted up to today (20 days)
    deadline = lifecycle.completion_deadline(review, today=D(2024, 1, 21))
    assert deadline.extended_by == 30
    assert deadline.due == D(2024, 2, 29) + dt.timedelta(days=30)
    assert not deadline.is_late


def test_completion_met_when_submitted_and_absent_when_not_commissioned():
    review = review_at(decision_on=D(2024, 1, 15), signed_off_on=D(2024, 7, 1), submitted_on=D(2024, 9, 1),
                       stage="submitted")
    deadline = lifecycle.completion_deadline(review, today=D(2025, 1, 1))
    assert deadline.due == D(2024, 7, 15) and deadline.status == "met late" and deadline.days_late == 48
    assert lifecycle.is_late(review, today=D(2025, 1, 1))
    refused = review_at(decision_on=D(2024, 2, 1), stage="not_commissioned")
    assert lifecycle.completion_deadline(refused) is None
    assert [d.name for d in lifecycle.deadlines(refused)] == ["Decision whether to commission"]


def test_stages_move_one_at_a_time_in_date_order(app):
    review = make.review(notified_on=D(2024, 1, 10))
    today = D(2024, 12, 1)
    with pytest.raises(LifecycleError, match="The next stage is decision made"):
        lifecycle.advance(review, "set_up", D(2024, 1, 20), today=today)
    with pytest.raises(LifecycleError, match="on or after the date of the current stage"):
        lifecycle.advance(review, "decision", D(2024, 1, 9), today=today)
    with pytest.raises(LifecycleError, match="must be today or in the past"):
        lifecycle.advance(review, "decision", D(2024, 12, 2), today=today)
    with pytest.raises(LifecycleError, match="Enter the date"):
        lifecycle.advance(review, "decision", None, today=today)
    lifecycle.advance(review, "decision", D(2024, 1, 10), today=today)  # same day is allowed
    for stage, day in [("set_up", D(2024, 2, 1)), ("information_gathering", D(2024, 3, 1)),
                       ("drafting", D(2024, 5, 1)), ("sign_off", D(2024, 6, 1)), ("submitted", D(2024, 6, 2)),
                       ("approved", D(2024, 8, 1))]:
        lifecycle.advance(review, stage, day, today=today)
    assert review.stage == "approved" and review.approved_on == D(2024, 8, 1)
    with pytest.raises(LifecycleError, match="Before publishing: upload the overview report"):
        lifecycle.advance(review, "published", D(2024, 9, 1), today=today)
    _do_everything_before_publishing(review)
    lifecycle.advance(review, "published", D(2024, 9, 1), today=today)
    assert review.published and review.published_on == D(2024, 9, 1)
    db.session.commit()


def _do_everything_before_publishing(review) -> None:
    make.document(review=review, kind="overview_report", content=b"The overview report.")
    make.document(review=review, kind="executive_summary", content=b"The executive summary.")
    make.finding(review)
    make.recommendation(review, 1, lead=make.agency("Police"), target_date=D(2025, 3, 31),
                        action_to_take="Brief every response officer.")
    review.family_saw_draft_on = D(2024, 7, 1)
    make.family_contact(review, commit=False)


def test_pauses_are_checked(app):
    review = make.review(notified_on=D(2024, 1, 10))
    today = D(2024, 12, 1)
    with pytest.raises(LifecycleError, match="Only a commissioned review"):
        lifecycle.start_pause(review, D(2024, 2, 1), "inquest", today=today)
    lifecycle.advance(review, "decision", D(2024, 1, 20), today=today)
    with pytest.raises(LifecycleError, match="Choose why"):
        lifecycle.start_pause(review, D(2024, 2, 1), "holiday", today=today)
    lifecycle.start_pause(review, D(2024, 2, 1), "inquest", today=today)
    with pytest.raises(LifecycleError, match="already paused"):
        lifecycle.start_pause(review, D(2024, 2, 2), "inquest", today=today)
    with pytest.raises(LifecycleError, match="paused"):
        lifecycle.advance(review, "set_up", D(2024, 2, 3), today=today)
    lifecycle.end_pause(review, D(2024, 3, 2), today=today)
    assert lifecycle.paused_days(review, today) == 30
    with pytest.raises(LifecycleError, match="after the end of the previous pause"):
        lifecycle.start_pause(review, D(2024, 3, 1), "inquest", today=today)
    with pytest.raises(LifecycleError, match="not paused"):
        lifecycle.end_pause(review, D(2024, 3, 3), today=today)
    entries = [e.title for e in timeline.of_review(review, today)]
    assert entries == ["Notified", "Decision made", "Paused", "Pause ended"]
    db.session.commit()


def test_not_commissioned_ends_the_lifecycle(app):
    review = make.review(notified_on=D(2024, 1, 10))
    with pytest.raises(LifecycleError, match="Enter the reason"):
        lifecycle.not_commissioned(review, D(2024, 1, 15), " ", today=D(2024, 2, 1))
    lifecycle.not_commissioned(review, D(2024, 1, 15), "Not a domestic abuse death", today=D(2024, 2, 1))
    assert lifecycle.next_stage(review) is None
    with pytest.raises(LifecycleError, match="no further stage"):
        lifecycle.advance(review, "set_up", D(2024, 1, 16), today=D(2024, 2, 1))
    db.session.commit()
