"""A searcher reused until the index changes, and the document sets derived from it.

A process keeps one searcher per thread and reuses it until the index changes
(checked with `Searcher.up_to_date()`), with the document sets it derives (who may see what, which documents
carry each facet value) cached beside it. Before any search answers, the outbox is drained."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from whoosh import index as whoosh_index
from whoosh.query import And, AndNot, Not, NullQuery, Or, Query, Term

from . import indexing


@dataclass
class _State:
    directory: Path
    ix: object
    searcher: object
    cache: dict = field(default_factory=dict)


_local = threading.local()


def _directory() -> str:
    """The directory the index's `current` link points at now (one readlink)."""
    return os.path.realpath(os.path.join(current_app.config["DHR_INDEX_DIR"], "current"))


def _state(directory: str | None = None) -> _State:
    """This thread's searcher, refreshed if the index has changed or been swapped by a rebuild."""
    if directory is None:
        directory = _directory()
    states: dict = getattr(_local, "states", None) or {}
    _local.states = states
    state = states.get(directory)
    try:
        if state is None:
            from . import host  # imported here: host's work reads the index through this module

            host.require_index()
            for old in states.values():  # a rebuild swapped the directory: let the old one go
                old.searcher.close()
            states.clear()
            ix = whoosh_index.open_dir(directory)
            state = _State(Path(directory), ix, ix.searcher())
            states[directory] = state
        else:
            # Not Searcher.refresh(): it reuses segment readers whose cached set of deleted
            # documents predates the new commit, so deleted (e.g. unpublished) documents would
            # still match. Reopening costs a few milliseconds, once per index change.
            if not state.searcher.up_to_date():
                old = state.searcher
                state.searcher = state.ix.searcher()
                state.cache.clear()
                old.close()
    except indexing.IndexUnavailable:
        raise
    except Exception as error:  # a damaged index: search says so, the app carries on
        states.clear()
        raise indexing.IndexUnavailable(f"The search index cannot be read: {error}") from error
    return state


def _ready() -> _State:
    """Catch up with the outbox (a cheap check first), then this thread's current searcher."""
    directory = _directory()
    indexing.catch_up_if_needed(directory)
    return _state(directory)


def _cached(state: _State, key, compute):
    if key not in state.cache:
        state.cache[key] = compute()
    return state.cache[key]


def _docset(state: _State, q: Query) -> set[int]:
    return set(state.searcher.docs_for_query(q))


def _match_set(state: _State, q: Query) -> set[int]:
    """The documents matching q, combining per-leaf sets in C (set operations) rather than
    walking Whoosh's boolean matchers in Python, which is slow for NOT and wide ANDs."""
    if isinstance(q, AndNot):
        return _match_set(state, q.a) - _match_set(state, q.b)
    if isinstance(q, And):
        positive = [c for c in q.subqueries if not isinstance(c, Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, Not)]
        if not positive:
            return _docset(state, q)
        sets = sorted((_match_set(state, c) for c in positive), key=len)
        out = set(sets[0])
        for other in sets[1:]:
            out &= other
        for c in negative:
            out -= _match_set(state, c)
        return out
    if isinstance(q, Or) and not isinstance(q, NullQuery.__class__):
        out: set[int] = set()
        for c in q.subqueries:
            if isinstance(c, Not):
                return _docset(state, q)
            out |= _match_set(state, c)
        return out
    return _docset(state, q)


def _scoring_query(q: Query) -> Query:
    """The query without its NOT parts (they never add to a score; the filter set already
    excludes what they exclude), so ranking walks only the positive postings."""
    if isinstance(q, AndNot):
        return _scoring_query(q.a)
    if isinstance(q, And):
        kept = [_scoring_query(c) for c in q.subqueries if not isinstance(c, Not)]
        if kept and len(kept) < len(q.subqueries):
            return kept[0] if len(kept) == 1 else And(kept, boost=q.boost)
    return q


def facet_sets(state: _State, fieldname: str) -> dict[str, set[int]]:
    """Every value of a facet field and the (live) documents that carry it."""
    def compute():
        reader = state.searcher.reader()
        out = {}
        for value in reader.field_terms(fieldname):
            if value:
                out[value] = _docset(state, Term(fieldname, value))
        return out

    return _cached(state, ("facet", fieldname), compute)
