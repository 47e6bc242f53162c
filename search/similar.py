"""Similar learning (Whoosh more-like-this); search.repeats uses the same likeness."""
from __future__ import annotations

from whoosh.query import Or, Query, Term

from .access import allowed_docs
from .results import Hit
from .state import _docset, _ready, _State, facet_sets


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
