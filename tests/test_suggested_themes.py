"""The chair gives a review's untagged learning themes from suggestions, for every item at once."""
from __future__ import annotations

import datetime as dt

from dhr.data.models import Finding, Recommendation
from dhr.extensions import db
from search import indexing

from . import factories as make


def _world(chair):
    indexing.rebuild()
    stalking = make.theme("Stalking", synonyms="fixated behaviour")
    housing = make.theme("Housing and homelessness", kind="practice")
    for n in range(1, 4):
        make.finding(make.review(f"DHR-2021-0{n}", published=True, published_on=dt.date(2022, 1, 10)),
                     f"He waited outside her workplace every evening (account {n}).", themes=[stalking])
    review = make.review("DHR-2024-01", chair=chair)
    waited = make.finding(review, "He waited outside her workplace every evening.")
    tagged = make.finding(review, "The council closed her homeless application.", themes=[housing])
    nothing = make.recommendation(review, 1, text="Agree a protocol.")
    return review, stalking, waited, tagged, nothing


def test_the_review_page_says_how_much_learning_has_no_themes(sign_in):
    pages, chair = sign_in("chair")
    review, *_ = _world(chair)
    text = pages.get(f"/reviews/{review.id}").get_text(" ", strip=True)
    assert "2 findings and recommendations of this review have no themes yet" in text


def test_suggestions_are_ticked_and_saved_for_every_item_at_once(sign_in):
    pages, chair = sign_in("chair")
    review, stalking, waited, tagged, nothing = _world(chair)
    url = f"/reviews/{review.id}/suggested-themes"
    soup = pages.get(url)
    assert [legend.get_text(strip=True) for legend in soup.select("legend")] == ["Finding 1", "Recommendation 1"]
    box = soup.select_one(f"input[name=finding-{waited.id}]")
    assert box["value"] == str(stalking.id) and box.has_attr("checked")
    assert soup.find(id=f"finding-{waited.id}-{stalking.id}-hint").get_text(strip=True) == "Tagged on similar learning"
    assert "No theme to suggest" in soup.get_text()  # "Agree a protocol." is like nothing tagged
    response = pages.client.post(url, data={f"finding-{waited.id}": str(stalking.id)})
    assert response.status_code == 302
    db.session.expire_all()
    assert [t.name for t in db.session.get(Finding, waited.id).themes] == ["Stalking"]
    assert [t.name for t in db.session.get(Finding, tagged.id).themes] == ["Housing and homelessness"]
    assert db.session.get(Recommendation, nothing.id).themes == []


def test_a_theme_that_is_not_for_tagging_is_refused_and_nothing_saved(sign_in):
    pages, chair = sign_in("chair")
    review, stalking, waited, *_ = _world(chair)
    category = make.theme("Intimate partner homicide", kind="death_category")
    soup = pages.post(f"/reviews/{review.id}/suggested-themes",
                      data={f"finding-{waited.id}": [str(stalking.id), str(category.id)]})
    assert "not a theme learning is tagged with" in soup.select_one(".govuk-error-summary").get_text()
    assert soup.select_one(f"input[value='{stalking.id}']").has_attr("checked")  # what was chosen is kept
    db.session.expire_all()
    assert db.session.get(Finding, waited.id).themes == []


def test_only_the_reviews_chair_or_the_coordinator_may_use_it(sign_in):
    pages, _ = sign_in("chair")
    review, *_ = _world(make.chair())
    assert pages.client.get(f"/reviews/{review.id}/suggested-themes").status_code == 403
