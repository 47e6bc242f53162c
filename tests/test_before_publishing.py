"""Before a review is published: a task list of what must be done first (the report and
executive summary, findings, recommendations with complete actions, a clear publication check,
the family's sight of the report, the Home Office approval); publishing is refused until each is
done and then asks for confirmation on a page of its own."""
from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from dhr.data import lifecycle, publishing
from dhr.data.lifecycle import LifecycleError
from dhr.data.models import Review
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary

APPROVED = dict(stage="approved", notified_on=dt.date(2024, 1, 5), decision_on=dt.date(2024, 1, 10),
                drafting_on=dt.date(2024, 3, 1), approved_on=dt.date(2024, 6, 1))
PUBLISHED_ON = MultiDict(date_fields("on", dt.date(2024, 7, 1)))


def _ready_but(review, *, leave_out: str = "") -> Review:
    """Make every task done except `leave_out`."""
    police = make.agency("Police")
    if leave_out != "overview":
        make.document(review=review, kind="overview_report", filename="overview.txt", content=b"Adult A's review.")
    if leave_out != "summary":
        make.document(review=review, kind="executive_summary", filename="summary.txt", content=b"In summary.")
    if leave_out != "findings":
        make.finding(review, "Agencies did not ask about coercive control.")
    if leave_out != "recommendations":
        make.recommendation(review, 1, lead=police, target_date=dt.date(2025, 3, 31),
                            action_to_take="Brief every response officer.")
    if leave_out != "involvement":
        make.family_contact(review, commit=False)
    if leave_out != "family":
        review.family_saw_draft_on = dt.date(2024, 5, 20)
    db.session.commit()
    return review


def _link(soup, text: str):
    return next((a for a in soup.find_all("a") if a.get_text(strip=True) == text), None)


def _statuses(soup) -> dict[str, str]:
    return {item.select_one(".govuk-task-list__link").get_text(strip=True):
            item.select_one(".govuk-task-list__status").get_text(strip=True)
            for item in soup.select(".govuk-task-list__item")}


def test_a_review_with_nothing_lists_every_task_to_do_and_cannot_be_published(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair, **APPROVED)
    soup = pages.get(f"/reviews/{review.id}/before-publishing")
    statuses = _statuses(soup)
    assert statuses == {
        "Upload the overview report": "Incomplete",
        "Upload the executive summary": "Incomplete",
        "Record the review's findings": "Incomplete",
        "Give every recommendation an action with a lead agency and a target date": "Incomplete",
        "Clear the publication check": "Completed",
        "Record the family's involvement": "Incomplete",
        "Share the report with the family": "Incomplete",
        "Record the Home Office Quality Assurance Panel's approval": "Completed",
    }
    assert "2 of 8 tasks done" in soup.get_text()
    assert _link(soup, "Record the family's involvement")["href"] == f"/reviews/{review.id}/family"
    assert _link(soup, "Continue to publish") is None
    # The publish page sends the person back to the list, and nothing is published.
    response = pages.client.post(f"/reviews/{review.id}/publish", data=PUBLISHED_ON)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/reviews/{review.id}/before-publishing")
    db.session.expire_all()
    assert not db.session.get(Review, review.id).published


@pytest.mark.parametrize("left_out", ["overview", "summary", "findings", "recommendations", "involvement", "family"])
def test_publishing_is_refused_while_any_one_task_is_outstanding(app, left_out):
    review = _ready_but(make.review(**APPROVED), leave_out=left_out)
    assert [task.key for task in publishing.outstanding(review)] == [left_out]
    with pytest.raises(LifecycleError, match="Before publishing"):
        lifecycle.advance(review, "published", dt.date(2024, 7, 1))
    assert not review.published


def test_a_recommendation_without_a_complete_action_is_named(app):
    review = _ready_but(make.review(**APPROVED))
    make.recommendation(review, 2, lead=None, target_date=None)
    task = next(t for t in publishing.tasks(review) if t.key == "recommendations")
    assert not task.done and task.hint == "Not yet done for recommendation 2"
    make.recommendation(review, 3, lead=make.agency("Housing", "housing"), target_date=dt.date(2025, 1, 1),
                        action_to_take=" ")
    task = next(t for t in publishing.tasks(review) if t.key == "recommendations")
    assert task.hint == "Not yet done for recommendations 2, 3"


def test_an_outstanding_publication_check_item_blocks_publishing(app):
    review = _ready_but(make.review(summary="Call Adult A's sister on 07700 900123.", **APPROVED))
    assert [task.key for task in publishing.outstanding(review)] == ["check"]


def test_the_family_date_is_checked_and_kept_when_wrong(sign_in):
    pages, chair = sign_in("chair")
    review = _ready_but(make.review(chair=chair, **APPROVED), leave_out="family")
    url = f"/reviews/{review.id}/family-saw-report"
    soup = pages.post(url, data=MultiDict(date_fields("on", dt.date(2024, 2, 1))))
    assert error_summary(soup) == [
        "The date the family saw the report must be on or after the start of drafting (1 March 2024)"]
    assert soup.select_one("#on-month")["value"] == "2"
    soup = pages.post(url, data=MultiDict(date_fields("on", dt.date.today() + dt.timedelta(days=1))))
    assert error_summary(soup) == ["The date the family saw the report must be today or in the past"]
    assert pages.client.post(url, data=MultiDict(date_fields("on", dt.date(2024, 5, 2)))).status_code == 302
    db.session.expire_all()
    assert db.session.get(Review, review.id).family_saw_draft_on == dt.date(2024, 5, 2)


def test_when_every_task_is_done_publishing_asks_for_confirmation_on_its_own_page(sign_in):
    pages, chair = sign_in("chair")
    review = _ready_but(make.review(chair=chair, **APPROVED))
    # The stage page does not publish: it sends the chair to the task list.
    response = pages.client.get(f"/reviews/{review.id}/stage")
    assert response.headers["Location"].endswith(f"/reviews/{review.id}/before-publishing")
    soup = pages.get(f"/reviews/{review.id}/before-publishing")
    assert set(_statuses(soup).values()) == {"Completed"}
    assert _link(soup, "Continue to publish")["href"] == f"/reviews/{review.id}/publish"
    soup = pages.get(f"/reviews/{review.id}/publish")
    assert soup.h1.get_text(strip=True) == f"Publish {review.reference}"
    assert _link(soup, "Cancel")["href"] == f"/reviews/{review.id}/before-publishing"
    soup = pages.post(f"/reviews/{review.id}/publish", data=MultiDict(date_fields("on", dt.date(2024, 5, 1))))
    assert error_summary(soup) == [
        "The date of publication must be on or after the date of the current stage "
        "(approved by the quality assurance panel, 1 June 2024)"]
    response = pages.client.post(f"/reviews/{review.id}/publish", data=PUBLISHED_ON)
    assert response.status_code == 302
    db.session.expire_all()
    review = db.session.get(Review, review.id)
    assert review.published and review.stage == "published" and review.published_on == dt.date(2024, 7, 1)


@pytest.mark.parametrize("role", ["trainer", "agency"])
def test_only_the_reviews_editors_see_the_task_list(sign_in, role):
    pages, _user = sign_in(role)
    review = make.review(**APPROVED)
    for path in ("before-publishing", "family-saw-report", "publish"):
        assert pages.client.get(f"/reviews/{review.id}/{path}").status_code == 403


def test_another_chair_may_not_publish_a_review_they_do_not_chair(sign_in):
    pages, _chair = sign_in("chair")
    review = _ready_but(make.review(chair=make.chair(), **APPROVED))
    response = pages.client.post(f"/reviews/{review.id}/publish", data=PUBLISHED_ON)
    assert response.status_code == 403
    db.session.expire_all()
    assert not db.session.get(Review, review.id).published
