"""One access policy, one request pipeline: each hole the copies of a rule left, closed.

Every test here failed before the rules were decided once in dhr.data.policy."""
from __future__ import annotations

import io

from sqlalchemy import select

from dhr.data import commit, learning
from dhr.data.models import Recommendation, User
from dhr.extensions import db
from search import indexing
from search.access import allowed_docs
from search.state import _state

from . import factories as make
from .helpers import error_summary
from .pdf_helpers import get_pdf

NOTES = "Restricted: the panel discussed the perpetrator's probation record."


def _unpublished_review_with_two_agencies():
    police, housing, health = make.agency("Northshire Police"), make.agency("City Housing", "housing"), \
        make.agency("City Hospital Trust", "health")
    review = make.review("DHR-2024-01", panel_agencies=[health], restricted_notes=NOTES,
                         summary="An unpublished review.")
    police_rec = make.recommendation(review, text="Police to flag repeat callers within 24 hours.", lead=police)
    housing_rec = make.recommendation(review, text="Housing to ask about abuse at every tenancy visit.",
                                      lead=housing, outcome="Checklist changed", status="on_track")
    indexing.rebuild()
    return review, police, housing, police_rec, housing_rec


def _snippets(soup) -> str:
    return " ".join(s.get_text(" ", strip=True) for s in soup.select(".app-learning-snippet"))


def test_restricted_notes_reach_panel_agencies_only_in_search(app, sign_in, client):
    review, *_ = _unpublished_review_with_two_agencies()
    page, _ = sign_in("agency", agency_name="Northshire Police")  # leads a recommendation, not on the panel
    notes = page.get("/search?q=&kind=notes")  # the filter chosen shows as a tag; no result of it does
    assert notes.select_one("#results-heading").get_text(strip=True) == "0 results"
    assert not notes.select(".app-learning-hit")
    assert "probation" not in _snippets(page.get("/search?q=probation"))
    assert "probation record" not in page.get(f"/reviews/{review.id}").get_text()
    client.post("/sign-out")
    page, _ = sign_in("agency", agency_name="City Hospital Trust")  # sat on the panel
    assert "probation" in _snippets(page.get("/search?q=probation"))
    assert "probation record" in page.get(f"/reviews/{review.id}").get_text()


def test_an_agency_sees_only_its_own_part_of_an_unpublished_action_plan(app, sign_in):
    review, police, housing, police_rec, housing_rec = _unpublished_review_with_two_agencies()
    page, _ = sign_in("agency", agency_name="Northshire Police")
    assert page.client.get(f"/learning/recommendations/{housing_rec.id}").status_code == 404
    assert page.client.get(f"/learning/recommendations/{police_rec.id}").status_code == 200
    text = page.get(f"/reviews/{review.id}").get_text()
    assert "repeat callers" in text and "tenancy visit" not in text
    pdf = get_pdf(page.client, f"/reports/reviews/{review.id}/action-plan.pdf")
    assert "repeat callers" in pdf.text and "tenancy visit" not in pdf.text
    export = page.client.get("/reports/exports/recommendations.csv").data.decode("utf-8-sig")
    assert "repeat callers" in export and "tenancy visit" not in export and "Checklist changed" not in export
    hits = page.get("/search?q=tenancy").get_text()
    assert "tenancy visit" not in hits


def test_a_chair_changes_only_the_reviews_they_chair_on_every_route(app, sign_in):
    owner = make.chair(email="owner@example.org")
    review, police, housing, police_rec, _ = _unpublished_review_with_two_agencies()
    review.chair = owner
    commit()
    agency_user = make.agency_user(police, email="police@example.org")
    update = make.update(police_rec, author=agency_user, agency=police)
    page, _ = sign_in("chair")  # another chair
    edit = f"/reviews/{review.id}/recommendations/{police_rec.id}/edit"
    assert page.client.get(edit).status_code == 403
    assert page.client.post(edit, data={"number": "1", "text": "x", "scope": "local",
                                        "version": str(police_rec.version)}).status_code == 403
    assert page.client.post(f"/recommendations/updates/{update.id}/assess",
                            data={"decision": "accepted", "outcome": "x"}).status_code == 403
    assert page.client.get(f"/recommendations/reviews/{review.id}/import").status_code == 403
    db.session.expire_all()
    assert police_rec.text.startswith("Police to flag") and update.assessment == "pending"


def test_only_the_coordinator_assesses_updates_even_the_reviews_own_chair(app, sign_in):
    review, police, _, police_rec, _ = _unpublished_review_with_two_agencies()
    page, chair = sign_in("chair")
    review.chair = chair
    commit()
    update = make.update(police_rec, author=make.agency_user(police), agency=police,
                         proposed_status="awaiting_evidence")
    response = page.client.post(f"/recommendations/updates/{update.id}/assess",
                                data={"decision": "accepted", "outcome": "Done"})
    assert response.status_code == 403
    # nor can the chair verify completion by editing the recommendation
    action = police_rec.actions[0]
    soup = page.post(f"/reviews/{review.id}/actions/{action.id}/edit", data={
        "text": "Flag repeat callers", "lead_agency_id": str(police.id),
        "status": "verified", "outcome": "Done", "version": str(action.version)})
    assert error_summary(soup) == ["Only the partnership coordinator records an action as ‘complete, "
                                   "verified’, by accepting the agency's evidence"]
    db.session.expire_all()
    assert police_rec.status == "not_started"


def test_import_refuses_a_verified_recommendation_without_its_outcome(app, sign_in):
    make.agency("Northshire Police")
    page, _ = sign_in("admin")
    review = make.review()
    content = ("Recommendation,Lead agency,Status,Date of completion and outcome\n"
               "Train call handlers,Northshire Police,\"Complete, verified\",\n").encode()
    soup = page.post(f"/recommendations/reviews/{review.id}/import",
                     data={"spreadsheet": (io.BytesIO(content), "plan.csv")}, content_type="multipart/form-data")
    assert "Enter the outcome achieved before recording the action as ‘Complete, verified’" \
        in soup.get_text()
    assert soup.select_one("form[action$='/import/confirm']") is None  # nothing can be saved
    assert db.session.scalar(select(Recommendation).where(Recommendation.review_id == review.id)) is None


def test_a_stale_form_on_the_review_page_gets_the_conflict_page(app, sign_in):
    review, police, _, police_rec, _ = _unpublished_review_with_two_agencies()
    page, _ = sign_in("admin")
    url = f"/reviews/{review.id}/recommendations/{police_rec.id}/edit"
    read_at = str(police_rec.version)
    form = {"number": "1", "scope": "local", "lead_agency_id": str(police.id), "status": "on_track",
            "version": read_at}
    page.post(url, data={**form, "text": "First save"}, expected_status=302)
    soup = page.post(url, data={**form, "text": "Stale save"}, expected_status=409)
    assert "First save" in soup.select_one(".app-tracker-conflict").get_text()
    assert soup.select_one("textarea[name=text]").get_text().strip() == "Stale save"  # nothing typed is lost
    db.session.expire_all()
    assert police_rec.text == "First save"


def test_search_audience_equals_the_policy_for_every_document_and_every_demo_user(app):
    from dhr.demo import load_demo

    load_demo()
    commit()
    indexing.rebuild()
    state = _state()
    keys = {docnum: fields["key"] for docnum, fields in state.searcher.iter_docs()}
    users = list(db.session.scalars(select(User)))
    assert len(keys) > 500 and {u.role for u in users} == {"admin", "chair", "agency", "trainer"}
    seen: dict[str, list[int]] = {"admin": [], "chair": [], "agency": [], "trainer": []}
    for user in users:
        docnums = allowed_docs(state, user)
        in_search = set(keys.values()) if docnums is None else {keys[d] for d in docnums}
        by_policy = set(learning.visible_rows(user, list(keys.values())))  # the policy's queries, row by row
        assert in_search == by_policy, (user.email, sorted(in_search ^ by_policy)[:5])
        seen[user.role].append(len(in_search))
    assert min(seen["trainer"]) < len(keys) and min(seen["admin"]) == len(keys)  # the filters do filter
