"""The coordinator's allow-list of public contact details, the check honouring it, and the
check page showing each flag in its context."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dhr.data import allow_list, publication
from dhr.data.allow_list import AllowedContact
from dhr.data.models import AuditEvent, Review
from dhr.extensions import db

from . import factories as make
from .helpers import error_summary

PAGE = "/admin/allow-list"


def test_the_coordinator_adds_and_removes_entries_and_each_change_is_audited(sign_in):
    page, admin = sign_in("admin")
    assert "Public contact details the publication check never flags" in page.get("/admin/").get_text()
    soup = page.post(PAGE, data={"value": "  0808  2000 247 ", "note": "National Domestic Abuse Helpline"},
                     follow_redirects=True)
    assert "0808 2000 247" in soup.select_one(".app-allow-list").get_text()
    [entry] = db.session.scalars(select(AllowedContact)).all()
    assert (entry.value, entry.note) == ("0808 2000 247", "National Domestic Abuse Helpline")
    page.post(f"{PAGE}/{entry.id}/remove", expected_status=302)
    db.session.expire_all()
    assert db.session.scalars(select(AllowedContact)).all() == []
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "publication_allow_entry")
                                .order_by(AuditEvent.id)).all()
    assert [(e.action, e.user_id) for e in events] == [("create", admin.id), ("delete", admin.id)]
    assert events[0].changes["value"] == "0808 2000 247"


@pytest.mark.parametrize("data, message", [
    ({"value": "   ", "note": "Helpline"}, "Enter the contact detail that is safe to publish"),
    ({"value": "x" * 201, "note": ""}, "The contact detail must be 200 characters or fewer"),
    ({"value": "0121 303 2000", "note": "y" * 201}, "What it is must be 200 characters or fewer"),
])
def test_bad_input_is_shown_in_an_error_summary_and_kept(sign_in, data, message):
    page, _ = sign_in("admin")
    soup = page.post(PAGE, data=data)
    assert error_summary(soup) == [message]
    assert soup.select_one("input[name=note]")["value"] == data["note"]
    assert db.session.scalars(select(AllowedContact)).all() == []


def test_an_entry_already_listed_is_refused_whatever_its_case(sign_in):
    page, _ = sign_in("admin")
    make.allowed_contact("help@example.org")
    soup = page.post(PAGE, data={"value": "HELP@example.org", "note": ""})
    assert error_summary(soup) == ["‘help@example.org’ is already on the allow-list"]
    assert soup.select_one("input[name=value]")["value"] == "HELP@example.org"


@pytest.mark.parametrize("role", ["chair", "agency", "trainer"])
def test_only_the_coordinator_keeps_the_list(app, sign_in, role):
    entry_id = make.allowed_contact("0808 2000 247").id
    page, user = sign_in(role)
    assert page.client.get(PAGE).status_code == 403
    assert page.client.post(PAGE, data={"value": "0121 303 2000"}).status_code == 403
    assert page.client.post(f"{PAGE}/{entry_id}/remove").status_code == 403
    db.session.expire_all()
    assert [e.value for e in allow_list.entries()] == ["0808 2000 247"]
    with pytest.raises(PermissionError):
        allow_list.add("0121 303 2000", "", user)


def test_the_check_leaves_alone_what_the_list_holds(app):
    review = make.review(summary="Call the helpline on 0808 2000 247 or write to help@example.org. "
                                 "Her mobile was 07700 900123.")
    assert [f.value for f in publication.scan(review)] == ["0808 2000 247", "help@example.org", "07700 900123"]
    make.allowed_contact("0808 2000 247")
    make.allowed_contact("HELP@example.org")
    assert [f.value for f in publication.scan(review)] == ["07700 900123"]


def test_the_reviews_chair_panel_and_agencies_are_not_flagged(app):
    police = make.agency("West Midlands Police", "police")
    chair = make.user("chair", name="Helen Marsh")
    make.user("agency", agency=police, name="Priya Natarajan")
    review = make.review(chair=chair, panel_agencies=[police], pseudonym="Adult A",
                         summary="Helen Marsh chaired; Priya Natarajan of West Midlands Police sat on the panel. "
                                 "Adult A told Kevin Hartley she was leaving.")
    assert [(f.kind, f.value) for f in publication.scan(review)] == [("person_name", "Kevin Hartley")]


def test_the_page_shows_each_flag_in_its_context_and_where_it_is(sign_in):
    page, chair = sign_in("chair")
    review = make.review(chair=chair, summary="Adult A moved in 2019.\nHer new address was b12\n9qt, near the park.")
    make.finding(review, "The health visitor rang Mrs Doe twice.")
    soup = page.get(f"/reviews/{review.id}/publication-check")
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in soup.select("tbody tr")]
    assert [(r[0], r[2]) for r in rows] == [("UK postcode", "Summary"), ("Person's name", "Finding 1")]
    marked = soup.select(".app-flag-context")
    assert [m.select_one("mark").get_text() for m in marked] == ["b12\n9qt", "Mrs Doe"]
    # eight words either side, on one line
    assert " ".join(marked[0].get_text().split()) == "…A moved in 2019. Her new address was b12 9qt, near the park."
    assert marked[1].get_text() == "The health visitor rang Mrs Doe twice."


def test_accepting_a_name_still_releases_a_published_review(app):
    review = make.review(published=True, published_on=dt.date(2024, 2, 1), stage="published",
                         summary="Adult A was supported.")
    review.summary = "Adult A was supported by Mrs Doe."
    db.session.commit()
    review = db.session.get(Review, review.id)
    assert review.publication_held
    [flag] = publication.check(review).outstanding
    publication.accept(review, [flag.key], "Mrs Doe is the family's chosen name for the victim's mother")
    db.session.commit()
    assert not db.session.get(Review, review.id).publication_held


def test_a_real_name_typed_as_the_pseudonym_is_still_flagged_when_listed(app):
    review = make.review(pseudonym="Sarah Jones", never_publish_terms="Sarah Jones", summary="Adult A was supported.")
    assert [(f.kind, f.where) for f in publication.scan(review)] == [("never_publish", "Pseudonym")]
