"""Similar learning (Whoosh more-like-this); search.repeats uses the same likeness.

Reading a term's postings is what a like-this query costs, and a common word's run to tens of
thousands at national scale, so the query for similar learning reads a bounded number of them:
it takes the document's key terms by weight, passing over any term that would take it past the
budget. Shared themes then lift the best candidates found by the words."""
from __future__ import annotations

from whoosh.query import Or, Query, Term

from .access import allowed_docs
from .results import Hit
from .state import _docset, _ready, _State, facet_sets

POSTINGS_BUDGET = 10_000
CANDIDATES = 30
SHARED_THEME_LIFT = 0.15


def _docnum(state: _State, key: str) -> int | None:
    return state.searcher.document_number(key=key)


def _themes(fields: dict) -> set[str]:
    return {t for t in (fields.get("themes") or "").split(",") if t}


def _like_query(state: _State, docnum: int, numterms: int = 12) -> Query | None:
    searcher = state.searcher
    fields = searcher.stored_fields(docnum)
    terms = searcher.key_terms_from_text("text", fields.get("text") or "", numterms=numterms)
    parts: list[Query] = [Term("text", word, boost=max(weight, 0.05)) for word, weight in terms]
    parts += [Term("themes", t, boost=0.5) for t in sorted(_themes(fields))]
    return Or(parts) if parts else None


def _budgeted_words_query(state: _State, fields: dict) -> Query | None:
    searcher = state.searcher
    parts: list[Query] = []
    postings = 0
    for word, weight in searcher.key_terms_from_text("text", fields.get("text") or "", numterms=12):
        cost = searcher.doc_frequency("text", word)
        if postings + cost <= POSTINGS_BUDGET:
            postings += cost
            parts.append(Term("text", word, boost=max(weight, 0.05)))
    return Or(parts) if parts else None


def _allowed_others(state: _State, user, review_id, kinds: tuple[str, ...]) -> set[int]:
    allow: set[int] = set()
    for kind in kinds:
        allow |= facet_sets(state, "kind").get(kind, set())
    allowed = allowed_docs(state, user)
    if allowed is not None:
        allow &= allowed
    return allow - _docset(state, Term("review_id", review_id))


LEARNING_KINDS = ("finding", "recommendation", "external_finding", "external_recommendation")


def similar(user, key: str, top: int = 5, kinds: tuple[str, ...] = LEARNING_KINDS) -> list[Hit]:
    """The most similar findings and recommendations from other reviews (ours, and other
    partnerships' external learning) that `user` may see."""
    state = _ready()
    docnum = _docnum(state, key)
    if docnum is None:
        return []
    fields = state.searcher.stored_fields(docnum)
    like = _budgeted_words_query(state, fields)
    allow = _allowed_others(state, user, fields["review_id"], kinds)
    if like is None or not allow:  # NB: Whoosh treats an empty filter set as no filter at all
        return []
    mine = _themes(fields)
    results = state.searcher.search(like, filter=allow, limit=CANDIDATES)
    # Not sorted(results) or list(results): they ask its length, which counts every match.
    candidates = [results[n] for n in range(results.scored_length())]
    ranked = sorted(candidates, key=lambda h: -h.score * (1 + SHARED_THEME_LIFT * len(mine & _themes(h.fields()))))
    out = []
    for h in ranked[:top]:
        found = h.fields()
        text = found.get("text") or ""
        out.append(Hit.from_fields(found, text[:240] + ("…" if len(text) > 240 else ""), h.score))
    return out
