"""Running a search: the matching documents a user may see, facet counts, a page of hits."""
from __future__ import annotations

import heapq
import logging
from dataclasses import dataclass

from whoosh.query import Every

from .access import allowed_docs
from .highlights import _highlights, _snippet
from .parsing import Parsed, parse
from .schema import FACET_FIELDS
from .state import _match_set, _ready, _scoring_query, _State, facet_sets

log = logging.getLogger(__name__)

PER_PAGE = 20
MAX_PAGE = 50


@dataclass
class Hit:
    key: str
    kind: str
    entity_id: int
    review_id: int
    title: str
    snippet: str  # safe HTML: Whoosh escapes the text and adds <mark>
    themes: list[str]
    date: object
    score: float

    @classmethod
    def from_fields(cls, fields: dict, snippet: str, score: float | None) -> "Hit":
        """A hit from a document's stored fields."""
        return cls(
            key=fields["key"], kind=fields["kind"], entity_id=int(fields["entity_id"]),
            review_id=int(fields["review_id"]), title=fields.get("title", ""), snippet=snippet,
            themes=[t for t in (fields.get("themes") or "").split(",") if t],
            date=fields.get("date"), score=score or 0.0,
        )


@dataclass
class Results:
    parsed: Parsed
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    page: int
    pages: int


def _filter_sets(state: _State, selected: dict[str, list[str]]) -> dict[str, set[int]]:
    """For each facet with values chosen: the documents carrying any of them."""
    out = {}
    for name, values in selected.items():
        if name not in FACET_FIELDS or not values:
            continue
        sets = facet_sets(state, name)
        chosen: set[int] = set()
        for value in values:
            chosen |= sets.get(value, set())
        out[name] = chosen
    return out


def run(user, raw_query: str, selected: dict[str, list[str]] | None = None, sort: str = "relevance",
        page: int = 1, synonyms: dict | None = None, per_page: int = PER_PAGE) -> Results:
    """Search as `user`. Raises IndexUnavailable if there is no usable index."""
    state = _ready()
    selected = {k: v for k, v in (selected or {}).items() if v}
    parsed = parse(raw_query, state.searcher.schema, synonyms)
    if parsed.empty and (raw_query or "").strip():
        return Results(parsed, 0, [], {}, 1, 0)
    query = Every() if parsed.empty else parsed.query

    matched = _matched(state, user, query)
    filters = _filter_sets(state, selected)
    final = matched
    for chosen in filters.values():
        final = final & chosen
    facets = _facet_counts(state, matched, filters)

    total = len(final)
    pages = max(1, -(-total // per_page))
    page = max(1, min(page, pages, MAX_PAGE))
    hits = _page(state, query, final, sort, page, per_page) if total else []
    return Results(parsed, total, hits, facets, page, pages)


def _matched(state: _State, user, query) -> set[int]:
    """The documents matching the query that the user may see."""
    allowed = allowed_docs(state, user)
    if isinstance(query, Every):
        return set(allowed) if allowed is not None else set(state.searcher.reader().all_doc_ids())
    matched = _match_set(state, query)
    if allowed is not None:
        matched &= allowed
    return matched


def _facet_counts(state: _State, matched: set[int], filters: dict[str, set[int]]) -> dict[str, list[tuple[str, int]]]:
    """Each facet's values with how many documents carry them, under the other facets' choices."""
    facets: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_FIELDS:
        base = matched
        for other, chosen in filters.items():
            if other != name:
                base = base & chosen
        counts = []
        for value, docs in facet_sets(state, name).items():
            n = len(base & docs)
            if n:
                counts.append((value, n))
        counts.sort(key=lambda vc: (-vc[1], vc[0]))
        facets[name] = counts
    return facets


def _page(state: _State, query, final: set[int], sort: str, page: int, per_page: int) -> list[Hit]:
    """One page of hits, by date or by score, with snippets."""
    searcher = state.searcher
    wanted = page * per_page
    if sort == "date" or isinstance(query, Every):
        dates = searcher.reader().column_reader("date")
        top = heapq.nlargest(wanted, final, key=lambda d: (dates[d] or 0, d))[(page - 1) * per_page:]
        order = {d: i for i, d in enumerate(top)}
        results = searcher.search(query, filter=set(top), limit=len(top), terms=True)
        page_hits = sorted((results[i] for i in range(results.scored_length())), key=lambda h: order[h.docnum])
    else:
        results = searcher.search(_scoring_query(query), filter=final, limit=wanted, terms=True)
        # index the scored hits directly: list(results) would call len(), a full count
        page_hits = [results[i] for i in range((page - 1) * per_page, results.scored_length())]
    try:
        snippets = _highlights(searcher, results, page_hits, {})
    except Exception:  # a snippet is never worth a failed search
        log.exception("highlighting failed")
        snippets = {}
    hits = []
    for h in page_hits:
        fields = h.fields()
        hits.append(Hit.from_fields(fields, _snippet(snippets.get(h.docnum, ""), fields.get("text") or ""), h.score))
    return hits
