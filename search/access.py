"""The access policy (dhr.data.policy) applied inside the query, as a filter set."""
from __future__ import annotations

from whoosh.query import Or, Query, Term

from dhr.data import policy

from .state import _cached, _docset, _State


def access_query(user) -> Query | None:
    """The Whoosh filter for a user, from the access policy's tokens: None means everything."""
    tokens = policy.tokens(user)
    if tokens is None:
        return None
    return Or([Term("audience", token) for token in sorted(tokens)])


def allowed_docs(state: _State, user) -> set[int] | None:
    q = access_query(user)
    if q is None:
        return None
    return _cached(state, ("access", repr(q)), lambda: _docset(state, q))
