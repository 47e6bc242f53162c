"""Who may see which documents, applied inside the query as a filter set."""
from __future__ import annotations

from whoosh.query import Or, Query, Term

from dhr.data.vocab import Role

from .documents import PUBLIC, agency_audience
from .state import _State, _cached, _docset


def access_query(user) -> Query | None:
    """The Whoosh filter for a user: None means everything (chairs and admins)."""
    if user.role in (Role.ADMIN, Role.CHAIR):
        return None
    if user.role == Role.AGENCY and user.agency_id:
        return Or([Term("audience", PUBLIC), Term("audience", agency_audience(user.agency_id))])
    return Term("audience", PUBLIC)


def allowed_docs(state: _State, user) -> set[int] | None:
    q = access_query(user)
    if q is None:
        return None
    return _cached(state, ("access", repr(q)), lambda: _docset(state, q))
