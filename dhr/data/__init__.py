"""The data layer: models and the functions views call. One commit per request, via commit()."""
from dhr.extensions import db

from . import tracking  # noqa: F401  (registers the audit and outbox hook)


def commit() -> None:
    """Commit the request's transaction, then bring the search index up to date."""
    db.session.commit()
    from search import indexing

    indexing.catch_up_quietly()
