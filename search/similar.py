"""Similar learning and the repeat-recommendations report (Whoosh more-like-this)."""
from __future__ import annotations

from dataclasses import dataclass

from whoosh.query import Or, Query, Term

from .access import access_query, allowed_docs
from .results import Hit
from .state import _cached, _docset, _ready, _State, facet_sets


def _docnum(state: _State, key: str) -> int | None:
    return state.searcher.document_number(key=key)


def _like_query(state: _State, docnum: int, numterms: int = 12) -> Query | None:
    searcher = state.searcher
    fields = searcher.stored_fields(docnum)
    terms = searcher.key_terms_from_text("text", fields.get("text") or "", numterms=numterms)
    parts: list[Query] = [Term("text", word, boost=max(weight, 0.05)) for word, weight in terms]
    parts += [Term("themes", t, boost=0.5) for t in (fields.get("themes") or "").split(",") if t]
    return Or(parts) if parts else None


def similar(user, key: str, top: int = 5, kinds: tuple[str, ...] = ("finding", "recommendation")) -> list[Hit]:
    """The most similar findings and recommendations from other reviews that `user` may see."""
    state = _ready()
    searcher = state.searcher
    docnum = _docnum(state, key)
    if docnum is None:
        return []
    like = _like_query(state, docnum)
    if like is None:
        return []
    review_id = searcher.stored_fields(docnum)["review_id"]
    allow = set()
    for kind in kinds:
        allow |= facet_sets(state, "kind").get(kind, set())
    allowed = allowed_docs(state, user)
    if allowed is not None:
        allow &= allowed
    allow -= _docset(state, Term("review_id", review_id))
    if not allow:  # NB: Whoosh treats an empty filter set as no filter at all
        return []
    results = searcher.search(like, filter=allow, limit=top)
    out = []
    for h in results:
        fields = h.fields()
        text = fields.get("text") or ""
        out.append(Hit.from_fields(fields, text[:240] + ("…" if len(text) > 240 else ""), h.score))
    return out


@dataclass
class RepeatGroup:
    keys: list[str]
    review_ids: set[int]
    years: list[int]
    themes: list[str]


def repeat_recommendations(user, threshold: float = 0.35, min_reviews: int = 2) -> list[RepeatGroup]:
    """Recommendations whose words and themes recur in other reviews: clusters of mutually
    similar recommendations (Whoosh more-like-this, score relative to each one's own match)
    that span at least `min_reviews` reviews. Cached until the index changes."""
    state = _ready()
    q = access_query(user)
    return _cached(state, ("repeat", repr(q), threshold, min_reviews),
                   lambda: _compute_repeats(state, user, threshold, min_reviews))


def _compute_repeats(state: _State, user, threshold: float, min_reviews: int) -> list[RepeatGroup]:
    searcher = state.searcher
    recs = set(facet_sets(state, "kind").get("recommendation", set()))
    allowed = allowed_docs(state, user)
    if allowed is not None:
        recs &= allowed
    if not recs:  # an empty filter set would mean no filter to Whoosh
        return []
    review_of = {d: searcher.stored_fields(d)["review_id"] for d in recs}
    clusters = _clusters(state, recs, review_of, threshold)
    groups = []
    for members in clusters:
        reviews = {int(review_of[d]) for d in members}
        if len(reviews) >= min_reviews:
            groups.append(_group(searcher, members, reviews))
    groups.sort(key=lambda g: (-len(g.review_ids), -len(g.keys)))
    return groups


def _clusters(state: _State, recs: set[int], review_of: dict, threshold: float) -> list[list[int]]:
    """Recommendations joined (union-find) with those of other reviews that score at least
    `threshold` of their own match against their more-like-this query."""
    searcher = state.searcher
    parent = {d: d for d in recs}

    def find(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for docnum in sorted(recs):
        like = _like_query(state, docnum, numterms=10)
        if like is None:
            continue
        results = searcher.search(like, filter=recs, limit=6)
        own = next((h.score for h in results if h.docnum == docnum), None) or (results[0].score if results else 0)
        if not own:
            continue
        for h in results:
            if h.docnum != docnum and review_of[h.docnum] != review_of[docnum] and h.score / own >= threshold:
                parent[find(h.docnum)] = find(docnum)
    clusters: dict[int, list[int]] = {}
    for d in recs:
        clusters.setdefault(find(d), []).append(d)
    return list(clusters.values())


def _group(searcher, members: list[int], reviews: set[int]) -> RepeatGroup:
    """A cluster as a report row: its keys by date, years, and the themes more than one member shares."""
    fields = [searcher.stored_fields(d) for d in members]
    theme_counts: dict[str, int] = {}
    for f in fields:
        for t in set((f.get("themes") or "").split(",")) - {""}:
            theme_counts[t] = theme_counts.get(t, 0) + 1
    return RepeatGroup(
        keys=[f["key"] for f in sorted(fields, key=lambda f: (f.get("date"), f["key"]))],
        review_ids=reviews,
        years=sorted({int(f["year"]) for f in fields}),
        themes=[t for t, n in sorted(theme_counts.items(), key=lambda tn: -tn[1]) if n > 1],
    )
