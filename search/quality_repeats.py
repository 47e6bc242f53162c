"""Near-duplicates of a drafted recommendation among earlier ones, by the likeness the repeat
report uses (search.repeats): a text's key terms as a more-like-this query, a match scored as a
share of the text's match with itself, here asked both ways.

`near_duplicates` scores a draft against a given set of earlier recommendations in a throwaway
in-memory index (the quality check's benchmark, and the rescoring of candidates); `for_draft`
takes the candidates from this host's index: recommendations of other reviews the person may
see, loaded back through the data layer."""
from __future__ import annotations

import uuid
from typing import Sequence

from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Or, Term

from dhr.data import learning
from dhr.data.recommendation_quality import Earlier

from .repeat_meaning import action_shared, alike, same_action, same_actor, same_kind_of_ask, widened_stems
from .schema import TEXT_ANALYZER
from .similar import _allowed_others
from .state import _ready

CANDIDATES = 40
NUMTERMS = 10
DRAFT = "\x00draft"
# A repeat is close both ways: each text scores this share of its match with itself. A little under
# the repeat report's one-way threshold (search.repeats.THRESHOLD), as the smaller of two shares.
BOTH_WAYS = 0.3
# Or a repeat in meaning: this share of their concepts in common (search.repeat_meaning), for
# another author's wording of the same change.
MEANING = 0.5
# Or somewhat close in meaning and asking for the same action.
MEANING_AND_ACTION = 0.38


def _query(searcher, text: str, widen: bool = False):
    """The text's more-like-this query, widened (for candidates) to the other names of its concepts."""
    terms = searcher.key_terms_from_text("text", text, numterms=NUMTERMS)
    if not terms:
        return None
    query = [Term("text", word, boost=max(weight, 0.05)) for word, weight in terms]
    if widen:
        query += [Term("text", stem, boost=0.05) for stem in widened_stems(text)]
    return Or(query)


def _shares(searcher, text: str, limit: int, widen: bool = False) -> dict[str, float]:
    """Each document's score under the text's more-like-this query."""
    query = _query(searcher, text, widen)
    if query is None:
        return {}
    return {h["key"]: h.score for h in searcher.search(query, limit=limit)}


def near_duplicates(text: str, earlier: Sequence[Earlier], threshold: float = BOTH_WAYS) -> list[tuple[Earlier, float]]:
    """The earlier recommendations the text closely repeats, best first, each with its likeness:
    close in wording both ways (`worded_alike`), or close in meaning (search.repeat_meaning)."""
    if not (text or "").strip() or not earlier:
        return []
    found = {n: share for n, share in worded_alike(text, earlier, threshold)
             if same_action(text, earlier[n].text or "")}
    for n, share in enumerate(alike(text, [item.text or "" for item in earlier])):
        if share >= MEANING or share >= MEANING_AND_ACTION and action_shared(text, earlier[n].text or ""):
            found[n] = max(found.get(n, 0), round(share, 4))
    found = {n: share for n, share in found.items()
             if same_actor(text, earlier[n].text or "", earlier[n].lead_agency or "")
             and same_kind_of_ask(text, earlier[n].text or "")}
    return sorted(((earlier[n], share) for n, share in found.items()), key=lambda pair: -pair[1])


def _memory_index():
    """An index held in memory. Its writer keeps temporary files in a folder of the system's
    temporary directory named after the index, so each gets a name of its own: two checks at
    once, in two processes or threads, would otherwise write into and delete the same folder."""
    schema = Schema(key=ID(stored=True, unique=True), text=TEXT(analyzer=TEXT_ANALYZER))
    return RamStorage().create_index(schema, indexname=f"quality-{uuid.uuid4().hex}")


def worded_alike(text: str, earlier: Sequence[Earlier], threshold: float = BOTH_WAYS) -> list[tuple[int, float]]:
    """The positions of the earlier recommendations close to the text in wording, with the smaller
    of the two shares: the earlier one's score under the text's like-this query as a share of the
    text's own, and the text's under the earlier one's as a share of the earlier one's own. Close
    both ways, so a short draft sharing only an agency's name with a long one is no repeat."""
    ix = _memory_index()
    by_key = {str(n): item for n, item in enumerate(earlier)}
    with ix.writer() as writer:
        for key, item in by_key.items():
            writer.add_document(key=key, text=item.text or "")
        writer.add_document(key=DRAFT, text=text)
    found = []
    with ix.searcher() as searcher:
        forward = _shares(searcher, text, len(by_key) + 1)
        own = forward.pop(DRAFT, 0)
        for key, score in forward.items() if own else ():
            if score / own < threshold:
                continue
            backward = _shares(searcher, by_key[key].text or "", len(by_key) + 1)
            back = backward.get(DRAFT, 0) / backward[key] if backward.get(key) else 0
            share = min(score / own, back)
            if share >= threshold:
                found.append((int(key), round(share, 4)))
    return found


class EarlierIndex:
    """A fixed set of earlier recommendations in an in-memory index, to take candidates from as
    `for_draft` takes them from this host's index (the benchmark's stand-in for it)."""

    def __init__(self, earlier: Sequence[Earlier]):
        self.earlier = {str(n): item for n, item in enumerate(earlier)}
        self.ix = _memory_index()
        with self.ix.writer() as writer:
            for key, item in self.earlier.items():
                writer.add_document(key=key, text=item.text or "")

    def candidates(self, text: str, limit: int = CANDIDATES) -> list[Earlier]:
        with self.ix.searcher() as searcher:
            found = _shares(searcher, text, limit, widen=True)
        return [self.earlier[key] for key in found]

    def near_duplicates(self, text: str) -> list[tuple[Earlier, float]]:
        return near_duplicates(text, self.candidates(text))


def for_draft(user, text: str, review) -> list[Earlier]:
    """Recommendations of reviews notified before `review`, visible to `user`, that the draft
    closely repeats."""
    state = _ready()
    searcher = state.searcher
    query = _query(searcher, text or "", widen=True)
    allow = _allowed_others(state, user, str(review.id), ("recommendation",))
    if query is None or not allow:
        return []
    results = searcher.search(query, filter=allow, limit=CANDIDATES)
    keys = [results[n]["key"] for n in range(results.scored_length())]
    rows = learning.visible_rows(user, keys)
    earlier = [_earlier(key, row) for key, row in rows.items() if row.review.notified_on <= review.notified_on]
    return [item for item, _share in near_duplicates(text, earlier)]


def _earlier(key: str, rec) -> Earlier:
    return Earlier(id=key, review=rec.review.reference, text=rec.text,
                   lead_agency=rec.lead_agency.name if rec.lead_agency else None, status=rec.status, number=rec.number)
