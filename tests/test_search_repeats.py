"""The repeat-recommendations report is computed in the background after the index changes and
stored beside the index (ids and scores only, with the index position); the page shows the last
one at once, says when a newer one is on its way or none is ready yet, and filters it for each
person through the access policy. Real index directories, real threads, bounded waits."""
from __future__ import annotations

import fcntl
import json
import re
from contextlib import contextmanager

from search import host, indexing, repeats

from . import factories as make

URL = "/learning/repeat-recommendations"


@contextmanager
def computing_elsewhere():
    """Hold the report's lock as another process on this host computing it would."""
    with open(indexing.index_root() / repeats.LOCK_FILE, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _headings(soup) -> list[str]:
    return [h.get_text(" ", strip=True) for h in soup.select(".app-learning-group h2")]


def _group_text(soup) -> str:
    return " ".join(g.get_text(" ", strip=True) for g in soup.select(".app-learning-group"))


def test_the_page_shows_the_stored_report_and_refreshes_it_after_a_change(app, learning_world, sign_in):
    pages, _ = sign_in("trainer")
    assert host.wait(app, timeout=60)
    soup = pages.get(URL)
    assert _headings(soup)[0].startswith("Made in 2 reviews, 2019 to 2021")
    assert not soup.select(".app-repeat-updating")
    with computing_elsewhere():
        make.recommendation(learning_world.r4, "1", "Officers to complete risk assessment training every year.",
                            lead=learning_world.police, themes=[learning_world.risk])
        soup = pages.get(URL)  # at once: the last report, and word that a newer one is coming
        assert soup.select(".app-repeat-updating")
        assert _headings(soup)[0].startswith("Made in 2 reviews, 2019 to 2021")
    soup = pages.get(URL)  # still out of date: this view starts the computation again
    assert host.wait(app, timeout=60)
    soup = pages.get(URL)
    assert _headings(soup)[0].startswith("Made in 3 reviews, 2019 to 2022")
    assert not soup.select(".app-repeat-updating")


def test_before_any_report_is_ready_the_page_says_it_is_being_prepared(app, learning_world, sign_in):
    pages, _ = sign_in("trainer")
    assert host.wait(app, timeout=60)
    (indexing.index_root() / repeats.RESULT_FILE).unlink()
    with computing_elsewhere():
        soup = pages.get(URL)
        assert "This report is being prepared. Try again in a minute." in soup.get_text()
        assert not soup.select(".app-learning-group")
    pages.get(URL)
    assert host.wait(app, timeout=60)
    assert _headings(pages.get(URL))


def test_the_stored_report_holds_only_ids_and_scores_at_an_index_position(app, learning_world):
    assert host.wait(app, timeout=60)
    stored = json.loads((indexing.index_root() / repeats.RESULT_FILE).read_text())
    assert set(stored) == {"position", "reviews", "pairs"}
    assert stored["position"] == indexing.position_key()
    assert stored["pairs"]
    for a, b, score in stored["pairs"]:
        assert re.fullmatch(r"recommendation:\d+", a) and re.fullmatch(r"recommendation:\d+", b)
        assert isinstance(score, float)
    assert all(isinstance(review_id, int) for review_id in stored["reviews"].values())


def test_each_person_sees_only_the_recommendations_they_may_see(app, learning_world, sign_in, client):
    hidden = make.recommendation(learning_world.r3, "2", "All officers to complete risk assessment training yearly.",
                                 lead=learning_world.gp, themes=[learning_world.risk])
    assert host.wait(app, timeout=60)
    assert hidden.id in {int(k.split(":")[1]) for k in json.loads(
        (indexing.index_root() / repeats.RESULT_FILE).read_text())["reviews"]}  # the report knows of it
    pages, _ = sign_in("chair")
    assert "DHR-2023-03" in _group_text(pages.get(URL))  # (the chair may see unpublished reviews)
    for role, agency in (("trainer", None), ("agency", "West Midlands Police")):
        client.post("/sign-out")
        pages, _ = sign_in(role, **({"agency_name": agency} if agency else {}))
        soup = pages.get(URL)
        assert _headings(soup)[0].startswith("Made in 2 reviews, 2019 to 2021")
        assert "DHR-2023-03" not in soup.get_text() and "yearly" not in soup.get_text()
