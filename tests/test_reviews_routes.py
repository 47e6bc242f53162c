"""The chair's review pages: create/edit, stages, pauses, access rules."""
from __future__ import annotations

import datetime as dt

from werkzeug.datastructures import MultiDict

from dhr.data import reviews
from dhr.data.models import AuditEvent, Review
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary


def review_form(**overrides) -> MultiDict:
    values = {
        "reference": "BDHR2024/25-01", "review_type": "dhr", "death_category": "intimate_partner",
        "pseudonym": "Adult B", "summary": "A summary.", "restricted_notes": "Only for the panel",
        "never_publish_terms": "",
    }
    values.update({k: v for k, v in overrides.items() if k != "notified_on"})
    data = MultiDict([(k, v) for k, v in values.items() if v is not None])
    for key, value in date_fields("notified_on", overrides.get("notified_on", dt.date(2024, 5, 2))):
        data.add(key, value)
    return data


def test_chair_creates_a_review_and_becomes_its_chair(sign_in):
    pages, chair = sign_in("chair")
    theme = make.theme()
    agency = make.agency()
    data = review_form()
    data.add("own_themes", str(theme.id))
    data.add("panel_agencies", str(agency.id))
    response = pages.client.post("/reviews/new", data=data)
    assert response.status_code == 302
    review = reviews.by_reference("BDHR2024/25-01")
    assert review.chair_id == chair.id
    assert review.notified_on == dt.date(2024, 5, 2)
    assert [t.name for t in review.own_themes] == ["Coercive control"]
    soup = pages.get(response.headers["Location"])
    assert "Only for the panel" in soup.get_text()
    assert "Due" in soup.select_one("#deadlines").find_next("table").get_text() or "late" in soup.get_text()


def test_new_review_form_page_is_valid(sign_in):
    pages, _ = sign_in("admin")
    soup = pages.get("/reviews/new")
    assert soup.select_one("#reference") is not None


def test_missing_fields_are_named_and_typing_is_kept(sign_in):
    pages, _ = sign_in("chair")
    soup = pages.post("/reviews/new", data=review_form(reference="", pseudonym="Kept pseudonym", notified_on=None))
    errors = error_summary(soup)
    assert "Enter the review reference" in errors
    assert "Enter the date of notification" in errors
    assert soup.select_one("#pseudonym")["value"] == "Kept pseudonym"
    assert reviews.count_all() == 0


def test_date_field_missing_from_the_post_is_an_error_not_a_500(sign_in):
    pages, _ = sign_in("chair")
    data = review_form()
    del data["notified_on"]
    soup = pages.post("/reviews/new", data=data)
    assert "Enter the date of notification" in error_summary(soup)


def test_impossible_and_future_dates_are_refused(sign_in):
    pages, _ = sign_in("chair")
    data = review_form()
    data.setlist("notified_on", ["31", "2", "2024"])
    soup = pages.post("/reviews/new", data=data)
    assert "Date of notification must be a real date" in error_summary(soup)
    assert soup.select_one("#notified_on-day")["value"] == "31"
    soup = pages.post("/reviews/new", data=review_form(notified_on=dt.date.today() + dt.timedelta(days=3)))
    assert "Date of notification must be today or in the past" in error_summary(soup)
    data.setlist("notified_on", ["3", "", "2024"])
    soup = pages.post("/reviews/new", data=data)
    assert "Date of notification must include a month" in error_summary(soup)


def test_duplicate_reference_is_refused(sign_in):
    pages, _ = sign_in("admin")
    make.review("BDHR2024/25-01")
    soup = pages.post("/reviews/new", data=review_form(reference="bdhr2024/25-01"))
    assert error_summary(soup) == ["A review with the reference bdhr2024/25-01 already exists"]
    assert reviews.count_all() == 1


def test_chair_cannot_edit_another_chairs_review_and_it_is_audited(sign_in, make_user):
    other = make_user("chair")
    review = make.review(chair=other)
    pages, _ = sign_in("chair")
    pages.get(f"/reviews/{review.id}/edit", expected_status=403)
    pages.post(f"/reviews/{review.id}/findings/new", data={"text": "x"}, expected_status=403)
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "access_denied")) is not None
    soup = pages.get(f"/reviews/{review.id}")
    assert soup.find(string="Add a finding") is None


def test_admin_edits_any_review_and_reassigns_chair(sign_in, make_user):
    chair = make_user("chair")
    review = make.review()
    pages, _ = sign_in("admin")
    response = pages.client.post(f"/reviews/{review.id}/edit",
                                 data=review_form(reference=review.reference, chair_id=str(chair.id)))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Review, review.id).chair_id == chair.id


def test_trainer_sees_only_published_reviews_without_restricted_notes(sign_in):
    make.review("BDHR-UNPUB", restricted_notes="secret panel note")
    published = make.review("BDHR-PUB", published=True, stage="published", restricted_notes="secret panel note",
                            decision_on=dt.date(2023, 2, 10), published_on=dt.date(2024, 1, 5))
    pages, _ = sign_in("trainer")
    soup = pages.get("/reviews/")
    text = soup.get_text()
    assert "BDHR-PUB" in text and "BDHR-UNPUB" not in text
    unpublished = reviews.by_reference("BDHR-UNPUB")
    pages.get(f"/reviews/{unpublished.id}", expected_status=404)
    soup = pages.get(f"/reviews/{published.id}")
    assert "secret panel note" not in soup.get_text()
    assert soup.find(string="Edit details") is None
    assert soup.select_one("#history") is None
    pages.get(f"/reviews/{published.id}/edit", expected_status=403)


def test_agency_reads_a_review_it_sat_on_the_panel_of(sign_in):
    pages, user = sign_in("agency", agency_name="Northshire Police")
    review = make.review("BDHR-PANEL")
    review.panel_agencies = [user.agency]
    db.session.commit()
    soup = pages.get(f"/reviews/{review.id}")
    assert "BDHR-PANEL" in soup.h1.get_text()
    assert soup.find(string="Add a finding") is None
    other = make.review("BDHR-OTHER")
    pages.get(f"/reviews/{other.id}", expected_status=404)


def test_list_filters_by_stage_type_year_lateness_and_chair(sign_in, make_user):
    pages, chair = sign_in("chair")
    today = dt.date.today()
    make.review("R-LATE", notified_on=dt.date(2022, 3, 1), chair=chair)  # no decision after a month: late
    make.review("R-FRESH", notified_on=today, review_type="suicide")
    make.review("R-DECIDED", notified_on=today - dt.timedelta(days=3), stage="decision",
                decision_on=today - dt.timedelta(days=1))

    def listed(query):
        soup = pages.get("/reviews/?" + query)
        return {a.get_text() for a in soup.select("tbody a.govuk-link")}

    assert listed("") == {"R-LATE", "R-FRESH", "R-DECIDED"}
    assert listed("stage=decision") == {"R-DECIDED"}
    assert listed("type=suicide") == {"R-FRESH"}
    assert listed("year=2022") == {"R-LATE"}
    assert listed("lateness=late") == {"R-LATE"}
    assert listed("lateness=on-time") == {"R-FRESH", "R-DECIDED"}
    assert listed(f"chair={chair.id}") == {"R-LATE"}
    soup = pages.get("/reviews/?sort=reference")
    assert [a.get_text() for a in soup.select("tbody a.govuk-link")] == ["R-DECIDED", "R-FRESH", "R-LATE"]
    assert listed("stage=nonsense&year=abc") == {"R-LATE", "R-FRESH", "R-DECIDED"}


def test_stage_moves_forward_with_dates_in_order(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair, notified_on=dt.date(2024, 1, 10))
    url = f"/reviews/{review.id}/stage"
    pages.get(url)
    # Decision before notification is refused with a specific message.
    data = MultiDict([("outcome", "commission"), *date_fields("on", dt.date(2024, 1, 9))])
    soup = pages.post(url, data=data)
    assert error_summary(soup) == [
        "The date of the decision must be on or after the date of the current stage (notified, 10 January 2024)"]
    assert soup.select_one("#on-day")["value"] == "9"
    data = MultiDict([("outcome", "commission"), *date_fields("on", dt.date(2024, 2, 1)),
                      *date_fields("home_office_notified_on", dt.date(2024, 2, 2))])
    assert pages.client.post(url, data=data).status_code == 302
    db.session.expire_all()
    review = db.session.get(Review, review.id)
    assert review.stage == "decision" and review.decision_on == dt.date(2024, 2, 1)
    assert review.home_office_notified_on == dt.date(2024, 2, 2)
    # Next: set-up; a date in the future is refused.
    soup = pages.post(url, data=MultiDict(date_fields("on", dt.date.today() + dt.timedelta(days=1))))
    assert error_summary(soup) == ["The date of set-up must be today or in the past"]
    soup = pages.post(url, data=MultiDict(date_fields("on", None)))
    assert error_summary(soup) == ["Enter the date the stage was reached"]
    assert pages.client.post(url, data=MultiDict(date_fields("on", dt.date(2024, 3, 1)))).status_code == 302
    db.session.expire_all()
    assert db.session.get(Review, review.id).set_up_on == dt.date(2024, 3, 1)
    soup = pages.get(f"/reviews/{review.id}")
    timeline = soup.select_one("#timeline").find_next("ol").get_text()
    assert "10 January 2024" in timeline and "1 March 2024" in timeline and "Home Office" in timeline


def test_not_commissioned_needs_a_reason(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair, notified_on=dt.date(2024, 1, 10))
    url = f"/reviews/{review.id}/stage"
    data = MultiDict([("outcome", "not_commissioned"), *date_fields("on", dt.date(2024, 1, 20))])
    soup = pages.post(url, data=data)
    assert error_summary(soup) == ["Enter the reason the review was not commissioned"]
    data.add("reason", "Criteria not met: no domestic abuse context")
    assert pages.client.post(url, data=data).status_code == 302
    db.session.expire_all()
    review = db.session.get(Review, review.id)
    assert review.stage == "not_commissioned" and review.decision_reason.startswith("Criteria")
    response = pages.client.get(url)
    assert response.status_code == 302


def test_pause_and_its_end_extend_the_deadline(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair, notified_on=dt.date(2024, 1, 10), stage="information_gathering",
                         decision_on=dt.date(2024, 1, 31), set_up_on=dt.date(2024, 2, 10),
                         information_gathering_on=dt.date(2024, 3, 1))
    url = f"/reviews/{review.id}/pause"
    soup = pages.post(url, data=MultiDict([("reason", "criminal_trial"),
                                           *date_fields("started_on", dt.date(2024, 1, 1))]))
    assert error_summary(soup) == ["The pause must start on or after the decision date"]
    soup = pages.post(url, data=MultiDict(date_fields("started_on", dt.date(2024, 4, 1))))
    assert "Choose why the review is paused" in error_summary(soup)
    data = MultiDict([("reason", "criminal_trial"), ("note", "Trial listed"),
                      *date_fields("started_on", dt.date(2024, 4, 1))])
    assert pages.client.post(url, data=data).status_code == 302
    # While paused the review cannot move on.
    soup = pages.post(f"/reviews/{review.id}/stage", data=MultiDict(date_fields("on", dt.date(2024, 4, 5))))
    assert "paused" in error_summary(soup)[0]
    end = f"/reviews/{review.id}/pause/end"
    soup = pages.post(end, data=MultiDict(date_fields("ended_on", dt.date(2024, 3, 31))))
    assert error_summary(soup) == ["The date the pause ended must be on or after the date it started"]
    assert pages.client.post(end, data=MultiDict(date_fields("ended_on", dt.date(2024, 5, 1)))).status_code == 302
    soup = pages.get(f"/reviews/{review.id}")
    deadlines = soup.select_one("#deadlines").find_next("table").get_text()
    # 31 July 2024 + 30 days paused = 30 August 2024
    assert "30 August 2024" in deadlines and "extended by 30 days" in deadlines
    assert "Paused" in soup.select_one("#timeline").find_next("ol").get_text()


def test_pause_notes_are_for_the_panel_not_for_trainers(sign_in):
    review = make.review(reference="BDHR2015/16-02", published=True, stage="published",
                         decision_on=dt.date(2023, 2, 20))
    make.pause(review, dt.date(2023, 3, 1), dt.date(2023, 6, 1), reason="criminal_trial",
               note="Trial of the suspect at the Crown Court")
    trainer, _ = sign_in("trainer")
    text = trainer.get(f"/reviews/{review.id}").get_text(" ")
    assert "Paused" in text and "Criminal trial" in text
    assert "Crown Court" not in text
    trainer.client.post("/sign-out")
    chair, _ = sign_in("admin")
    assert "Crown Court" in chair.get(f"/reviews/{review.id}").get_text(" ")
