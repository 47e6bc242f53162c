"""After publication: only what is meant to be public is public, and a change to public text that
the publication check flags withdraws the review from the public until it is fixed or accepted."""
from __future__ import annotations

import pytest

from dhr.data import actions, learning, publication
from dhr.data.models import Finding, Review
from dhr.extensions import db
from search import indexing, query

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import PageClient


def _run(user, text):
    return query.run(user, text, {}, synonyms=query.synonym_map(learning.active_themes()))


def _pages_for(app, user) -> PageClient:
    client = app.test_client()
    response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return PageClient(client)


@pytest.fixture
def published(app):
    """A published review chaired by a chair, with one finding; a trainer, an agency not involved
    and the chair, each signed in on their own client."""
    chair = make.chair()
    police = make.agency("Northshire Police")
    review = make.review(chair=chair, published=True, summary="Adult A was isolated by her partner.",
                         never_publish_terms="Jane Smith", panel_agencies=[police])
    finding = make.finding(review, "The GP did not ask about coercive control.")
    indexing.rebuild()
    trainer = make.trainer()
    outsider = make.agency_user(make.agency("Elsewhere Housing", "housing"))
    return dict(review=review, finding=finding, chair=chair, trainer=trainer, outsider=outsider,
                police=police,
                chair_pages=_pages_for(app, chair), trainer_pages=_pages_for(app, trainer),
                outsider_pages=_pages_for(app, outsider))


def _review(review_id: int) -> Review:
    db.session.expire_all()
    return db.session.get(Review, review_id)


def _trainer_sees(world) -> bool:
    review = world["review"]
    return world["trainer_pages"].client.get(f"/reviews/{review.id}").status_code == 200


def test_a_flagged_edit_to_a_finding_withdraws_the_review_until_fixed(published):
    review, finding = published["review"], published["finding"]
    assert _trainer_sees(published)
    edit_url = f"/reviews/{review.id}/findings/{finding.id}/edit"
    flagged = "The GP did not ask. Her mobile was 07700 900123."
    response = published["chair_pages"].client.post(edit_url, data={"text": flagged})
    assert response.status_code == 302
    assert _review(review.id).publication_held
    # Out of the trainer's pages, search and exports; out of an uninvolved agency's too.
    assert not _trainer_sees(published)
    assert published["outsider_pages"].client.get(f"/reviews/{review.id}").status_code == 404
    assert _run(published["trainer"], "mobile").total == 0
    assert _run(published["trainer"], "coercive isolated").total == 0
    pdf = published["trainer_pages"].client.get(f"/reports/reviews/{review.id}/summary.pdf")
    assert pdf.status_code == 404
    # The panel's agency and the partnership still see it, with the reason shown to the chair.
    soup = published["chair_pages"].get(f"/reviews/{review.id}")
    assert "Withdrawn while checked" in soup.get_text()
    assert soup.find("a", string="Open the publication check")
    # Fixing the text releases it.
    fixed = "The GP did not ask about coercive control."
    assert published["chair_pages"].client.post(edit_url, data={"text": fixed}).status_code == 302
    assert not _review(review.id).publication_held
    assert _trainer_sees(published)
    assert _run(published["trainer"], "coercive").total >= 1


def test_accepting_the_flagged_item_with_a_reason_releases_the_review(published):
    review = published["review"]
    review = _review(review.id)
    review.summary = "Adult A was isolated. Support line 0121 303 2000."
    db.session.commit()
    assert _review(review.id).publication_held and not _trainer_sees(published)
    check_url = f"/reviews/{review.id}/publication-check"
    assert "withdrawn from trainers" in published["chair_pages"].get(check_url).get_text()
    accepted = {"keys": "phone:0121 303 2000", "reason": "The partnership's public support line"}
    assert published["chair_pages"].client.post(check_url, data=accepted).status_code == 302
    assert not _review(review.id).publication_held
    assert _trainer_sees(published)


def test_every_path_that_changes_public_text_is_checked(published):
    """Not only the edit pages: new rows, an action's outcome, a new action, a report, a deletion."""
    review = _review(published["review"].id)
    make.finding(review, "Jane Smith's neighbour called the police.")
    assert _review(review.id).publication_held
    finding = db.session.scalars(db.select(Finding).where(Finding.review_id == review.id)
                                 .order_by(Finding.position.desc())).first()
    db.session.delete(finding)
    db.session.commit()
    assert not _review(review.id).publication_held

    rec = make.recommendation(_review(review.id), lead=published["police"])
    assert not _review(review.id).publication_held
    action = rec.actions[0]
    details = actions.ActionDetails(
        text=action.text, lead_agency=published["police"], status="verified", completed_on=make.days(-1),
        outcome="Confirmed by email to ops@northshire.police.example.org")
    actions.change(action, details, action.version, make.admin())
    db.session.commit()
    assert _review(review.id).publication_held
    actions.change(action, actions.ActionDetails(text=action.text, lead_agency=published["police"],
                                                 status="verified", completed_on=make.days(-1),
                                                 outcome="Confirmed by the force"), action.version, make.admin())
    db.session.commit()
    assert not _review(review.id).publication_held
    make.action(_review(review.id).recommendations[-1], "Ring 0121 496 0000 for details", lead=published["police"])
    assert _review(review.id).publication_held


def test_a_report_uploaded_after_publication_is_checked(published):
    review = _review(published["review"].id)
    make.document(review=review, content=b"Adult A was born on 12 March 1985 in Leeds.", kind="overview_report")
    assert _review(review.id).publication_held


def test_what_is_checked_is_only_what_is_public(published):
    """Restricted notes and other documents never reach the public, so they never hold a review."""
    review = _review(published["review"].id)
    review.restricted_notes = "Jane Smith, B15 2TT"
    db.session.commit()
    make.document(review=review, content=b"IMR chronology: Jane Smith, 07700 900123.", kind="other")
    assert not _review(review.id).publication_held
    assert publication.check(_review(review.id)).passes


def test_other_documents_never_reach_trainers_or_uninvolved_agencies(published, app):
    review = _review(published["review"].id)
    imr = make.document(review=review, content=b"IMR chronology: the pangolin incident.", kind="other",
                        filename="imr-chronology.txt")
    report = make.document(review=review, content=b"Overview report: the okapi lesson.", kind="overview_report",
                           filename="overview.txt")
    indexing.catch_up()
    imr_url = f"/reviews/{review.id}/documents/{imr.id}"
    report_url = f"/reviews/{review.id}/documents/{report.id}"
    for role in ("trainer_pages", "outsider_pages"):
        pages = published[role]
        page = pages.get(f"/reviews/{review.id}").get_text()
        assert "overview.txt" in page and "imr-chronology.txt" not in page
        assert pages.client.get(imr_url).status_code in (403, 404)
        assert pages.client.get(report_url).status_code == 200
    assert _run(published["trainer"], "pangolin").total == 0
    assert _run(published["outsider"], "pangolin").total == 0
    assert _run(published["trainer"], "okapi").total == 1
    # The panel's agency and the partnership do see it.
    police_user = make.agency_user(published["police"])
    assert _run(police_user, "pangolin").total == 1
    assert _pages_for(app, police_user).client.get(imr_url).status_code == 200
    assert published["chair_pages"].client.get(imr_url).status_code == 200


def test_decision_reasons_are_the_partnerships_only(published):
    review = _review(published["review"].id)
    review.decision_reason = "Commissioned because the housing officer raised the okapi concern."
    db.session.commit()
    for role in ("trainer_pages", "outsider_pages"):
        assert "okapi" not in published[role].get(f"/reviews/{review.id}").get_text()
    assert "okapi" in published["chair_pages"].get(f"/reviews/{review.id}").get_text()


def test_a_review_held_before_publishing_is_not_held_while_unpublished(app):
    review = make.review(summary="Call 0121 303 2000.")
    assert not _review(review.id).publication_held
    assert not publication.check(review).passes
