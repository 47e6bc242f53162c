"""Two quality checks at once (two requests in one process, or two workers on one host) each
score in an in-memory index of their own, without writing into the other's temporary files."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from dhr.data.recommendation_quality import Earlier
from search.quality_repeats import worded_alike

EARLIER = [Earlier(id=f"E{n}", review=f"DHR-2019-0{n}", text=text) for n, text in enumerate([
    "Police should complete a DASH risk assessment at every domestic abuse incident.",
    "Housing should ask every tenant reporting anti-social behaviour about domestic abuse.",
    "GP practices should record domestic abuse disclosures in the patient's record.",
])]


def test_many_checks_at_once_each_find_the_repeat():
    draft = "Police must complete the DASH risk assessment at every domestic abuse incident they attend."
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(lambda _: worded_alike(draft, EARLIER), range(48)))
    assert all([position for position, _ in result] == [0] for result in found)
