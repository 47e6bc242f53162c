"""A host whose index is missing or of an older format builds it in the background, on this
host, and answers at once: search says it is being rebuilt, /healthz says degraded, and when the
build is done search works. Real index directories and real threads; waits are bounded."""
from __future__ import annotations

import threading

from dhr import background
from search import host, indexing

from . import factories as make


def _world():
    review = make.review("DHR-2020-05", published=True, summary="A published review.")
    make.finding(review, "Police did not complete a DASH form after the separation.")
    return review


def _build_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "dhr-index-build"]


def test_an_empty_index_directory_is_built_in_the_background_while_search_says_so(app, sign_in):
    _world()
    assert not indexing.exists()
    pages, _ = sign_in("trainer")
    response = pages.client.get("/search?q=DASH")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "Search is being rebuilt on this server. Try again in a few minutes." in response.get_data(as_text=True)
    assert host.wait(app, timeout=60)
    soup = pages.get("/search?q=DASH")
    assert "DHR-2020-05" in " ".join(h.get_text(" ") for h in soup.select(".app-learning-hit"))


def test_healthz_says_degraded_while_the_index_is_built_and_ok_after(app, client, sign_in):
    _world()
    answer = client.get("/healthz")
    assert (answer.status_code, answer.json) == (200, {"status": "degraded"})  # the host still serves the rest
    assert host.wait(app, timeout=60)
    answer = client.get("/healthz")
    assert (answer.status_code, answer.json) == (200, {"status": "ok"})


def test_an_index_of_an_older_format_is_rebuilt_in_the_background(app, client, sign_in):
    _world()
    indexing.rebuild()
    (indexing.current_dir() / indexing.FORMAT_FILE).write_text("older")
    sign_in("admin")
    answer = client.get("/healthz")
    assert answer.status_code == 200 and answer.json["status"] == "degraded"
    assert answer.json["checks"]["index"] == "degraded"
    assert answer.json["checks"]["index_detail"] == "being built on this server"
    assert host.wait(app, timeout=60)
    assert indexing.exists() and indexing.count_documents() >= 2


def test_similar_learning_and_repeats_say_search_is_being_rebuilt(app, sign_in):
    review = _world()
    pages, _ = sign_in("trainer")
    pages.get(f"/learning/findings/{review.findings[0].id}")  # the item's page still works
    soup = pages.get(f"/learning/findings/{review.findings[0].id}/similar")
    assert "Search is being rebuilt on this server" in soup.get_text()
    host.wait(app, timeout=60)
    indexing.rebuild()
    (indexing.current_dir() / indexing.FORMAT_FILE).write_text("older")
    response = pages.client.get("/learning/repeat-recommendations")
    assert response.status_code == 503 and "being rebuilt on this server" in response.get_data(as_text=True)
    assert host.wait(app, timeout=60)


def test_only_one_build_runs_and_a_build_finished_elsewhere_is_not_repeated(app, sign_in):
    """While another process holds the index lock (building, as it might be), requests start one
    thread in this process, which waits for the lock and then finds the index built."""
    _world()
    pages, _ = sign_in("trainer")
    with indexing.exclusive_lock():
        for _ in range(3):
            assert pages.client.get("/search?q=DASH").status_code == 503
            assert len(_build_threads()) == 1
        indexing._build_locked()  # the other process's build
        built = indexing.current_dir()
    assert host.wait(app, timeout=60)
    assert indexing.current_dir() == built  # found built, not built again
    assert pages.get("/search?q=DASH").select(".app-learning-hit")


def test_a_worker_builds_its_hosts_index_when_it_starts(app):
    _world()
    background.start_worker(app, workers=1)  # not run: starting is enough
    assert host.wait(app, timeout=60)
    assert indexing.exists() and indexing.count_documents() >= 2


def test_suggested_themes_come_from_theme_names_while_the_index_is_built(app, sign_in):
    make.theme("Coercive control", synonyms="controlling behaviour")
    review = make.review("DHR-2021-09")
    make.recommendation(review, 1, text="Train staff to recognise controlling behaviour in relationships.")
    assert not indexing.exists()
    pages, _ = sign_in("admin")
    soup = pages.get(f"/reviews/{review.id}/suggested-themes")
    assert "The search index of this server is being built" in soup.get_text()
    assert [box.find_next("label").get_text(strip=True) for box in soup.select("input[type=checkbox]:checked")] == [
        "Coercive control"]
    assert host.wait(app, timeout=60)
    assert "being built" not in pages.get(f"/reviews/{review.id}/suggested-themes").get_text()
