"""The publication check: each kind of personal data, and the look-alikes it must not flag."""
from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from dhr.data import publication
from dhr.data.models import Review
from dhr.data.personal.numbers import nhs_number_is_valid
from dhr.data.publication import scan_text
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary


def kinds(text, terms=None):
    return [(f.kind, f.value) for f in scan_text(text, "Summary", terms)]


@pytest.mark.parametrize("text, expected", [
    ("She moved to B15 2TT in 2019.", [("postcode", "B15 2TT")]),
    ("The flat in EC1A 1BB was let.", [("postcode", "EC1A 1BB")]),
    ("Letters went to W1A1AA.", [("postcode", "W1A1AA")]),
    ("Call 0121 303 2000 for help.", [("phone", "0121 303 2000")]),
    ("Her mobile was 07700 900123.", [("phone", "07700 900123")]),
    ("or +44 7700 900123 abroad", [("phone", "+44 7700 900123")]),
    ("Email jane.doe@example.org now.", [("email", "jane.doe@example.org")]),
    ("NHS number 943 476 5919 was on file.", [("nhs_number", "943 476 5919")]),
    ("NHS no. 9434765919.", [("nhs_number", "9434765919")]),
    ("She was born on 12 March 1985 in Leeds.", [("date_of_birth", "12 March 1985")]),
    ("DOB: 03/04/1979.", [("date_of_birth", "03/04/1979")]),
    ("Date of birth 1st June 1990", [("date_of_birth", "1st June 1990")]),
    ("Jane Smith told the GP.", [("never_publish", "Jane Smith")]),
    ("jane smith told the GP.", [("never_publish", "jane smith")]),
])
def test_flags_each_kind_of_personal_data(text, expected):
    assert kinds(text, ["Jane Smith"]) == expected


@pytest.mark.parametrize("text", [
    "This is review BDHR2016/17-03, following BDHR2015/16-01.",
    "On 12 March 2019 police attended. On 14/03/2019 the GP saw Adult A.",
    "Chronology: 3 April 2018 – referral to MARAC; 21.10.2018 IDVA contact.",
    "Recommendation 21.10.1 and paragraph 5.1 refer to 2019 guidance.",
    "The number 943 476 5918 fails the check digit.",
    "In 2019 there were 1,234 calls and 120 000 contacts.",
    "She was born in 1985 and moved in 2001.",
    "Adult A (pseudonym) and her son Child B.",
    "Section 9 of the Domestic Violence, Crime and Victims Act 2004.",
    "Flats 10 to 12, reference 2016/0123456.",
])
def test_does_not_flag_look_alikes(text):
    assert kinds(text, ["Jane Smith"]) == []


def test_nhs_check_digit():
    assert nhs_number_is_valid("943 476 5919")
    assert not nhs_number_is_valid("943 476 5918")
    assert not nhs_number_is_valid("123")


def test_scan_covers_everything_published_but_not_restricted_notes(app):
    review = make.review(summary="Contact 0121 303 2000.", restricted_notes="Real name Jane Smith, B15 2TT",
                         never_publish_terms="Jane Smith\nJ. Smith")
    make.finding(review, "Jane Smith's GP did not ask.")
    flags = publication.scan(review)
    assert [(f.kind, f.where) for f in flags] == [("phone", "Summary"), ("never_publish", "Finding 1")]
    result = publication.check(review)
    assert not result.passes
    with pytest.raises(ValueError, match="Enter why"):
        publication.accept(review, [flags[0].key], "")
    publication.accept(review, [flags[0].key], "The partnership's public switchboard")
    db.session.commit()
    result = publication.check(review)
    assert [f.kind for f in result.outstanding] == ["never_publish"]


def _everything_else_before_publishing(review) -> None:
    make.document(review=review, kind="overview_report", content=b"The overview report.")
    make.document(review=review, kind="executive_summary", content=b"The executive summary.")
    make.finding(review)
    make.recommendation(review, 1, lead=make.agency("Police"), target_date=dt.date(2025, 3, 31),
                        action_to_take="Brief every response officer.")
    review.family_saw_draft_on = dt.date(2024, 5, 1)
    make.family_contact(review)


def test_publishing_is_blocked_until_items_are_fixed_or_accepted(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair, stage="approved", notified_on=dt.date(2024, 1, 5),
                         decision_on=dt.date(2024, 1, 10), approved_on=dt.date(2024, 6, 1),
                         summary="Adult A lived at B15 2TT. Call jane@example.org.")
    _everything_else_before_publishing(review)
    tasks_url, publish_url = f"/reviews/{review.id}/before-publishing", f"/reviews/{review.id}/publish"
    item = next(li for li in pages.get(tasks_url).select(".govuk-task-list__item")
                if "Clear the publication check" in li.get_text())
    assert "Items to fix or accept" in item.get_text() and "Incomplete" in item.get_text()
    response = pages.client.post(publish_url, data=MultiDict(date_fields("on", dt.date(2024, 7, 1))))
    assert response.headers["Location"].endswith(tasks_url)
    check_url = f"/reviews/{review.id}/publication-check"
    soup = pages.get(check_url)
    assert "B15 2TT" in soup.get_text() and "jane@example.org" in soup.get_text()
    # Accepting needs a selection and a reason.
    soup = pages.post(check_url, data={"reason": "fine"})
    assert error_summary(soup) == ["Select the items you accept for publication"]
    soup = pages.post(check_url, data={"keys": "postcode:b15 2tt"})
    assert error_summary(soup) == ["Enter why these items are safe to publish"]
    accepted = {"keys": "postcode:b15 2tt", "reason": "The police station's public postcode"}
    assert pages.client.post(check_url, data=accepted).status_code == 302
    # Fix the other by editing the text.
    review = db.session.get(Review, review.id)
    review.summary = "Adult A lived at B15 2TT."
    db.session.commit()
    soup = pages.get(check_url)
    assert "Every flagged item has been accepted" in soup.get_text()
    assert pages.client.post(publish_url, data=MultiDict(date_fields("on", dt.date(2024, 7, 1)))).status_code == 302
    db.session.expire_all()
    review = db.session.get(Review, review.id)
    assert review.published and review.stage == "published"
    history = __import__("dhr.data.history", fromlist=["of_review"])
    assert any(e.action == "publication_item_accepted" for e in history.of_review(review))


def test_each_part_of_a_recommendation_starts_its_own_sentence(app):
    review = make.review(summary="Adult A was supported.")
    make.recommendation(review, "1", "Police should train officers on coercive control", lead=make.agency("Police"),
                        action_to_take="Run a practice workshop with the teams most involved",
                        milestones="Will be reviewed in the spring")
    assert publication.scan(review) == []
    make.finding(review, "The officers told Dean she was safe.")
    assert [(f.kind, f.value) for f in publication.scan(review)] == [("person_name", "Dean")]
