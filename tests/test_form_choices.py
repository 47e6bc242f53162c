"""Radios that reveal the questions going with an option, the assessment's choices worded as
what the coordinator does, and a way back from every confirm page."""
from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from dhr.data.models import RecommendationUpdate, Review, TargetDateChange
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import PageClient, date_fields, error_summary


def _signed_in(app, user) -> PageClient:
    client = app.test_client(use_cookies=True)
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    return PageClient(client)


def _revealed_by(soup, name: str, value: str):
    """The conditional container the radio (name, value) controls, or None."""
    radio = soup.select_one(f"input[type=radio][name={name}][value={value}]")
    assert radio is not None, f"no {name}={value} radio"
    controls = radio.get("data-aria-controls")
    if not controls:
        return None
    container = soup.find(id=controls)
    assert container is not None and "govuk-radios__conditional" in container["class"]
    return container


def test_not_commissioning_reveals_the_reason_and_the_reason_is_still_required(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    soup = pages.get(f"/reviews/{review.id}/stage")
    container = _revealed_by(soup, "outcome", "not_commissioned")
    assert container.select_one("textarea[name=reason]") is not None
    assert "govuk-radios__conditional--hidden" in container["class"]  # hidden until chosen (with script)
    assert _revealed_by(soup, "outcome", "commission") is None
    decided = dt.date(2023, 2, 20)
    data = MultiDict([("outcome", "not_commissioned"), *date_fields("on", decided), ("reason", "  ")])
    soup = pages.post(f"/reviews/{review.id}/stage", data=data)
    assert error_summary(soup) == ["Enter the reason the review was not commissioned"]
    container = _revealed_by(soup, "outcome", "not_commissioned")
    assert "govuk-radios__conditional--hidden" not in container["class"]  # the chosen option shows its question
    assert [i["value"] for i in soup.select("input[name=on]")] == ["20", "2", "2023"]
    data = MultiDict([("outcome", "not_commissioned"), *date_fields("on", decided),
                      ("reason", "The death did not meet the criteria.")])
    assert pages.client.post(f"/reviews/{review.id}/stage", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Review, review.id).stage == "not_commissioned"


def test_assessment_choices_say_what_the_coordinator_does_and_accepting_reveals_completion(app, route_world):
    w = route_world
    pages = _signed_in(app, w.users["admin"])
    url = f"/recommendations/updates/{w.update.id}/assess"
    soup = pages.get(url)
    radios = soup.select("input[type=radio][name=decision]")
    labels = [soup.select_one(f"label[for={r['id']}]").get_text(strip=True) for r in radios]
    assert list(zip([r["value"] for r in radios], labels, strict=True)) == [
        ("accepted", "Accept the update"), ("more_evidence", "Ask for more evidence"),
        ("challenged", "Challenge the update")]
    container = _revealed_by(soup, "decision", "accepted")
    assert container.select_one("input[name=completed_on]") is not None
    assert container.select_one("textarea[name=outcome]") is not None
    soup = pages.post(url, data={"decision": "more_evidence", "message": ""})
    assert error_summary(soup) == ["Enter a message telling the agency what is needed"]
    assert soup.select_one("input[name=decision][value=more_evidence]").has_attr("checked")
    sent = {"decision": "more_evidence", "message": "Send the course list."}
    assert pages.client.post(url, data=sent).status_code == 302
    db.session.expire_all()
    assert db.session.get(RecommendationUpdate, w.update.id).assessment == "more_evidence"  # the value is unchanged


def test_keeping_the_agreed_date_reveals_the_message_which_it_needs(app, route_world):
    w = route_world
    pages = _signed_in(app, w.users["admin"])
    url = f"/recommendations/date-changes/{w.date_change.id}"
    soup = pages.get(url)
    assert _revealed_by(soup, "decision", "refused").select_one("textarea[name=message]") is not None
    soup = pages.post(url, data={"decision": "refused", "message": ""})
    assert len(error_summary(soup)) == 1
    assert "govuk-radios__conditional--hidden" not in _revealed_by(soup, "decision", "refused")["class"]
    assert pages.client.post(url, data={"decision": "refused", "message": "Training must go ahead."}).status_code == 302
    db.session.expire_all()
    assert db.session.get(TargetDateChange, w.date_change.id).decision == "refused"


@pytest.mark.parametrize("what", ["finding", "recommendation", "document", "action"])
def test_every_confirm_page_has_a_cancel_link_back_to_where_the_person_was(app, route_world, what):
    w = route_world
    pages = _signed_in(app, w.users["chair"])
    base = f"/reviews/{w.review.id}"
    action = w.recommendation.actions[0]
    url, back = {
        "finding": (f"{base}/findings/{w.finding.id}/delete", f"{base}#findings"),
        "recommendation": (f"{base}/recommendations/{w.recommendation.id}/delete", f"{base}#recommendations"),
        "document": (f"{base}/documents/{w.document.id}/delete", f"{base}#documents"),
        "action": (f"{base}/actions/{action.id}/remove", f"{base}/actions/{action.id}/edit"),
    }[what]
    soup = pages.get(url)
    cancel = [a for a in soup.select("form .govuk-button-group a") if a.get_text(strip=True).startswith("Cancel")]
    assert [a["href"] for a in cancel] == [back]
    assert soup.select_one(".govuk-back-link")["href"] == back
    start = soup.select_one("#main-content") or soup
    linked_from = pages.get(back.split("#")[0])
    assert linked_from.find("a", href=url) is not None, f"{back} does not link to {url}"
    assert start.find("a", href=back) is not None


def test_the_import_preview_has_a_cancel_link_back_to_the_action_plan(tracker_world, sign_in):
    import csv
    import io

    page, _ = sign_in("admin")
    review = tracker_world.published
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["Recommendation", "Action to take", "Lead agency", "Target date"],
                                  ["Ask about abuse at every visit", "Update the checklist", "City Housing",
                                   "30/06/2026"]])
    soup = page.post(f"/recommendations/reviews/{review.id}/import",
                     data={"spreadsheet": (io.BytesIO(buffer.getvalue().encode()), "plan.csv")},
                     content_type="multipart/form-data")
    confirm = soup.select_one("form[action$='/import/confirm']")
    cancel = [a["href"] for a in confirm.select(".govuk-button-group a") if a.get_text(strip=True).startswith("Cancel")]
    plan_page = f"/recommendations/reviews/{review.id}"
    assert cancel == [plan_page]
    assert page.get(plan_page).find("a", href=f"{plan_page}/import") is not None  # where the import began
