"""The search page, similar learning, the repeat report and collections, through the browser's eyes."""
from __future__ import annotations

from dhr.data import commit
from dhr.data.models import Collection
from dhr.extensions import db
from search import host

from . import factories as make


def _keys(soup):
    return [a.get_text(strip=True) for a in soup.select(".app-learning-hit a.govuk-link")]


def test_trainer_searches_with_highlights_grouped_by_review(learning_world, sign_in):
    pages, _ = sign_in("trainer")
    soup = pages.get("/search?q=coercive+control")
    assert soup.select_one("#results-heading").get_text(strip=True) == "3 results"
    groups = [h.get_text(" ", strip=True) for h in soup.select(".app-learning-group h3")]
    assert any("DHR-2019-01" in g for g in groups) and any("DHR-2022-04" in g for g in groups)
    marks = [m.get_text() for m in soup.select("mark.app-learning-match")]
    assert "coercive" in [m.lower() for m in marks]


def test_facets_narrow_and_stay_in_the_url(learning_world, sign_in):
    pages, _ = sign_in("trainer")
    soup = pages.get("/search?q=risk+assessment")
    labels = [lab.get_text(" ", strip=True) for lab in soup.select(".app-learning-facets label")]
    assert any(lab.startswith("Suspected victim suicide (1") for lab in labels), labels
    soup = pages.get("/search?q=risk+assessment&death_category=suspected_suicide")
    assert soup.select_one("#results-heading").get_text(strip=True) == "1 result"
    checked = soup.select_one('input.govuk-checkboxes__input[name="death_category"][value="suspected_suicide"]')
    assert checked.has_attr("checked")


def test_sort_by_date_and_pagination(learning_world, sign_in, app):
    for i in range(25):
        make.finding(learning_world.r1, f"Pagination finding number {i} about mopeds.", commit=False)
    commit()
    pages, _ = sign_in("trainer")
    soup = pages.get("/search?q=mopeds&sort=date")
    assert soup.select_one("#results-heading").get_text(strip=True) == "25 results, page 1 of 2"
    nxt = soup.select_one(".govuk-pagination__next a")["href"]
    assert "page=2" in nxt and "q=mopeds" in nxt and "sort=date" in nxt
    soup = pages.get(nxt)
    assert len(soup.select(".app-learning-hit")) == 5


def test_bad_queries_get_a_plain_message_never_a_500(learning_world, sign_in):
    pages, _ = sign_in("trainer")
    for bad in ['"unbalanced quote', "AND OR NOT", "risk AND", "((((", "*", "\x00\x07DASH\x1b",
                "a" * 5000, "word " * 400, "title:secret", "risk^5 ~2 [a TO z]", ")))risk((("]:
        soup = pages.get("/search", query_string={"q": bad})
        assert soup.h1.get_text(strip=True) == "Search the learning"
    soup = pages.get("/search", query_string={"q": '"separation'})
    inset = soup.select_one(".govuk-inset-text").get_text(" ", strip=True)
    assert "We changed your search to separation" in inset
    assert soup.select_one("#results-heading").get_text(strip=True) != "0 results"


def test_snippets_escape_the_text(learning_world, sign_in):
    make.finding(learning_world.r1, 'Officers saw <script>alert("x")</script> hedgehogs.')
    pages, _ = sign_in("trainer")
    response = pages.client.get("/search?q=hedgehogs")
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_similar_learning_on_a_recommendation(learning_world, sign_in):
    pages, _ = sign_in("trainer")
    rec = learning_world.r1.recommendations[0]
    item = pages.get(f"/learning/recommendations/{rec.id}")
    section = item.select_one("[data-module=app-similar]")
    assert section["data-similar-url"] == f"/learning/recommendations/{rec.id}/similar"
    assert section.select_one("a.govuk-link")["href"] == section["data-similar-url"]  # without script, a link
    assert _keys(item) == []  # the item's page never waits for the search
    soup = pages.get(section["data-similar-url"])
    assert "DHR-2021-02 recommendation 1" in _keys(soup.select_one(".app-similar-results"))
    assert not any("DHR-2019-01" in k for k in _keys(soup))  # never the same review


def test_similar_learning_on_a_finding_and_an_unseen_items_is_not_found(learning_world, sign_in):
    pages, _ = sign_in("trainer")
    finding = learning_world.r1.findings[0]
    soup = pages.get(f"/learning/findings/{finding.id}/similar")
    assert soup.h1.get_text(strip=True) == "Similar learning from other reviews"
    assert _keys(soup) and not any("DHR-2019-01" in k for k in _keys(soup))
    hidden = learning_world.r3
    for url in (f"/learning/findings/{hidden.findings[0].id}/similar",
                f"/learning/recommendations/{hidden.recommendations[0].id}/similar"):
        assert pages.client.get(url).status_code == 404, url


def test_repeat_recommendations_report(app, learning_world, sign_in):
    pages, _ = sign_in("trainer")
    assert host.wait(app, timeout=60)  # computed in the background after the index changed
    soup = pages.get("/learning/repeat-recommendations")
    heading = soup.select_one(".app-learning-group h2").get_text(" ", strip=True)
    assert heading.startswith("Made in 2 reviews, 2019 to 2021") and "Risk assessment" in heading


def test_trainer_builds_a_collection(learning_world, sign_in):
    pages, user = sign_in("trainer")
    soup = pages.post("/collections", {"name": ""})
    assert soup.select(".govuk-error-summary")
    pages.post("/collections", {"name": "Separation case studies"}, expected_status=302)
    collection = db.session.scalar(db.select(Collection).where(Collection.owner_id == user.id))
    finding = learning_world.r1.findings[0]
    soup = pages.get("/search?q=DASH")
    assert soup.select(f'select#collection-for-{finding.id}')
    pages.post("/collections/add", {"collection_id": collection.id, "finding_id": finding.id, "next": "/search?q=DASH"},
               expected_status=302)
    soup = pages.get(f"/collections/{collection.id}")
    assert "Police did not complete a DASH form" in soup.get_text()
    # not a finding of an unpublished review
    hidden = learning_world.r3.findings[0]
    pages.post("/collections/add", {"collection_id": collection.id, "finding_id": hidden.id}, expected_status=404)
    pages.post(f"/collections/{collection.id}/findings/{finding.id}/remove", expected_status=302)
    soup = pages.get(f"/collections/{collection.id}")
    assert "This collection is empty" in soup.get_text()


def test_collections_are_private(learning_world, sign_in, client):
    pages, owner = sign_in("trainer")
    pages.post("/collections", {"name": "Mine"}, expected_status=302)
    collection = db.session.scalar(db.select(Collection).where(Collection.owner_id == owner.id))
    client.post("/sign-out")
    other, _ = sign_in("trainer")
    other.get(f"/collections/{collection.id}", expected_status=404)
    other.post(f"/collections/{collection.id}/delete", expected_status=404)
    from dhr.data.models import AuditEvent
    refusals = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "access_denied",
                                                              AuditEvent.entity_type == "collection")).all()
    assert len(refusals) == 2
    other.post("/collections/add", {"collection_id": collection.id, "finding_id": learning_world.r1.findings[0].id},
               expected_status=302)  # not one of theirs: refused by the form's choices
    assert db.session.get(Collection, collection.id).findings == []


def test_a_collection_holds_at_most_its_limit_and_says_so(learning_world, sign_in):
    from dhr.data.collections import MAX_FINDINGS

    pages, user = sign_in("trainer")
    review = make.review(published=True)
    many = [make.finding(review, f"Finding {n}.", commit=False) for n in range(MAX_FINDINGS)]
    db.session.commit()
    collection = make.collection(user, many, "Everything")
    one_more = learning_world.r1.findings[0]
    pages.post("/collections/add", {"collection_id": collection.id, "finding_id": one_more.id, "next": ""},
               expected_status=302)
    soup = pages.get(f"/collections/{collection.id}")
    assert f"A collection holds at most {MAX_FINDINGS} findings" in soup.get_text()
    db.session.expire_all()
    assert len(db.session.get(Collection, collection.id).findings) == MAX_FINDINGS
