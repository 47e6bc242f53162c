"""Who sees what in search: hits, facet counts, snippets, similar learning and the repeat report."""
from __future__ import annotations

import pytest

from dhr.data import learning
from search import query


def _run(user, text, **selected):
    return query.run(user, text, selected, synonyms=query.synonym_map(learning.active_themes()))


def _keys(results):
    return {h.key for h in results.hits}


def test_trainer_sees_only_published_and_never_restricted_text(learning_world, make_user):
    trainer = make_user("trainer")
    assert _run(trainer, "zanzibar").total == 0
    assert _run(trainer, "quagga").total == 0
    assert _run(trainer, "giraffe").total == 0  # restricted notes of a published review
    everything = _run(trainer, "")
    assert not any(h.review_id == learning_world.r3.id for h in everything.hits)
    # facet counts never count the unpublished review
    years = dict(_run(trainer, "DASH").facets["year"])
    assert "2023" not in years and "2019" in years
    kinds = dict(everything.facets["kind"])
    assert "notes" not in kinds


def test_agency_on_the_panel_sees_the_unpublished_review_and_its_notes(learning_world, make_user):
    housing = make_user("agency", agency_name="City Housing")
    found = _run(housing, "zanzibar")
    assert {f"finding:{learning_world.r3.findings[0].id}", f"review:{learning_world.r3.id}"} <= _keys(found)
    assert _run(housing, "quagga").total == 1
    assert _run(housing, "giraffe").total == 0  # not on that review
    assert dict(_run(housing, "DASH").facets["year"])["2023"] == 2


def test_agency_leading_a_recommendation_sees_the_review(learning_world, make_user):
    gp = make_user("agency", agency_name="Northfield GP")
    assert f"recommendation:{learning_world.r3.recommendations[0].id}" in _keys(_run(gp, "zanzibar"))
    police = make_user("agency", agency_name="West Midlands Police")
    assert _run(police, "zanzibar").total == 0
    assert _run(police, "giraffe").total == 1  # on the panel of the published review


@pytest.mark.parametrize("role", ["chair", "admin"])
def test_chairs_and_admins_see_everything(learning_world, make_user, role):
    user = make_user(role)
    assert _run(user, "zanzibar").total == 3
    assert _run(user, "quagga OR giraffe").total == 2


def test_publishing_and_unpublishing_flow_through_the_outbox(learning_world, make_user):
    from dhr.data import commit

    trainer = make_user("trainer")
    learning_world.r3.published = True
    commit()
    assert _run(trainer, "zanzibar").total == 3
    assert _run(trainer, "quagga").total == 0  # notes stay restricted
    learning_world.r3.published = False
    commit()
    assert _run(trainer, "zanzibar").total == 0


def test_similar_learning_and_repeats_respect_access(learning_world, make_user):
    trainer, chair = make_user("trainer"), make_user("chair")
    key = f"finding:{learning_world.r1.findings[0].id}"  # DASH form: the unpublished review has one too
    assert not any(h.review_id == learning_world.r3.id for h in query.similar(trainer, key))
    assert any(h.review_id == learning_world.r3.id for h in query.similar(chair, key))
    for group in query.repeat_recommendations(trainer):
        assert learning_world.r3.id not in group.review_ids


def test_rows_are_rechecked_when_they_load(learning_world, make_user):
    trainer = make_user("trainer")
    keys = [f"finding:{learning_world.r3.findings[0].id}", f"finding:{learning_world.r1.findings[0].id}",
            f"notes:{learning_world.r4.id}", f"review:{learning_world.r3.id}"]
    assert set(learning.visible_rows(trainer, keys)) == {f"finding:{learning_world.r1.findings[0].id}"}
    police = make_user("agency", agency_name="West Midlands Police")
    assert f"notes:{learning_world.r4.id}" in learning.visible_rows(police, keys)


def test_search_page_as_trainer_shows_no_unpublished_counts(learning_world, sign_in):
    pages, _ = sign_in("trainer")
    soup = pages.get("/search?q=DASH+OR+zanzibar")
    text = " ".join(t.get_text(" ") for t in soup.select(".app-learning-hit, .app-learning-facets label"))
    assert "zanzibar" not in text.lower() and "2023" not in text and "DHR-2023" not in soup.get_text()


def test_similar_learning_with_nothing_else_visible_is_empty(learning_world, make_user):
    """Whoosh reads an empty filter set as no filter: make sure that never opens everything."""
    from dhr.data import commit

    for review in (learning_world.r1, learning_world.r2, learning_world.r4):
        review.published = False
    commit()
    trainer = make_user("trainer")
    assert query.similar(trainer, f"finding:{learning_world.r3.findings[0].id}") == []
    assert query.repeat_recommendations(trainer) == []
    assert query.run(trainer, "DASH").total == 0
