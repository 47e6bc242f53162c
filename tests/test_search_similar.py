"""Similar learning: words find the candidates, within a bounded read of the index, and shared
themes lift those that share them."""
from __future__ import annotations

import datetime as dt

from search import indexing, similar

from . import factories as make


def _review(reference: str):
    return make.review(reference, published=True, notified_on=dt.date(2021, 3, 1), published_on=dt.date(2022, 1, 10))


def _similar_keys(pages, finding) -> list[str]:
    soup = pages.get(f"/learning/findings/{finding.id}/similar")
    return [a.get_text(strip=True) for a in soup.select(".app-similar-results .app-learning-hit a.govuk-link")]


def test_of_two_findings_alike_in_words_the_one_sharing_themes_comes_first(app, sign_in):
    indexing.rebuild()
    separation = make.theme("Separation risk")
    here = make.finding(_review("DHR-2021-01"), "The GP did not ask about stalking after the separation.",
                        themes=[separation])
    make.finding(_review("DHR-2021-02"), "The GP did not ask about stalking after the separation.")
    make.finding(_review("DHR-2021-03"), "The GP did not ask about stalking after the separation.",
                 themes=[separation])
    pages, _ = sign_in("admin")
    assert _similar_keys(pages, here)[:2] == ["DHR-2021-03 finding 1", "DHR-2021-02 finding 1"]


def test_a_word_too_common_for_the_budget_is_passed_over_and_the_rarer_words_still_match(app, sign_in, monkeypatch):
    indexing.rebuild()
    here = make.finding(_review("DHR-2021-01"), "Neighbours heard shouting; nobody phoned the helpline about "
                        "strangulation.")
    common = _review("DHR-2021-02")
    for n in range(6):
        make.finding(common, f"Neighbours heard shouting on visit {n}.")
    make.finding(_review("DHR-2021-03"), "Non-fatal strangulation was disclosed to the helpline.")
    monkeypatch.setattr(similar, "POSTINGS_BUDGET", 6)  # "heard", "shouting" are in 7
    pages, _ = sign_in("admin")
    assert _similar_keys(pages, here) == ["DHR-2021-03 finding 1"]
    monkeypatch.setattr(similar, "POSTINGS_BUDGET", 10_000)
    assert "DHR-2021-02 finding 1" in _similar_keys(pages, here)
