"""The data layer: models and the functions views call. Views never commit: the request
pipeline (dhr.pipeline) commits once at the end of a request, and command-line work calls
`commit()` here."""
from dhr.extensions import db

from . import (
    accounts,
    jobs,
    notifications,
    publication,  # noqa: F401  (registers the check of changes to published reviews)
    tracking,  # noqa: F401  (registers the audit and outbox hook)
)
from .errors import DataError  # noqa: F401  (the data layer's one refusal type)


def has_changes() -> bool:
    """Whether the session holds anything to commit: unflushed rows or flushed writes."""
    session = db.session
    return bool(session.new or session.dirty or session.deleted or session.info.get(tracking.WROTE))


AFTER_SEARCH_CHANGES = "dhr.after_search_changes"


AFTER_JOBS_SUBMITTED = "dhr.after_jobs_submitted"


AFTER_NOTIFICATIONS_WRITTEN = "dhr.after_notifications_written"


AFTER_ACCOUNT_LINKS_MADE = "dhr.after_account_links_made"


def commit() -> None:
    """Commit the transaction; then, only if it queued changes for search, call what the app
    registered under AFTER_SEARCH_CHANGES (the search index's catch-up on this host), and only
    if it submitted jobs, hand their ids to AFTER_JOBS_SUBMITTED (the background queue): a
    worker must never look for a job before it is committed. Likewise the ids of notifications
    to be emailed at once go to AFTER_NOTIFICATIONS_WRITTEN, and the account links it made (to
    set a password) to AFTER_ACCOUNT_LINKS_MADE, which emails them."""
    from flask import current_app

    db.session.flush()  # so that the outbox rows of unflushed changes are queued first
    queued = db.session.info.get(tracking.QUEUED_FOR_SEARCH, False)
    submitted = db.session.info.pop(jobs.SUBMITTED, [])
    written = db.session.info.pop(notifications.WRITTEN, [])
    links = db.session.info.pop(accounts.TO_SEND, [])
    db.session.commit()
    if queued:
        catch_up = current_app.extensions.get(AFTER_SEARCH_CHANGES)
        if catch_up is not None:
            catch_up()
    for key, ids in ((AFTER_JOBS_SUBMITTED, submitted), (AFTER_NOTIFICATIONS_WRITTEN, written),
                     (AFTER_ACCOUNT_LINKS_MADE, links)):
        hand_over = current_app.extensions.get(key)
        if ids and hand_over is not None:
            hand_over(ids)


def discard() -> None:
    """Undo everything the request changed."""
    db.session.rollback()


def database_reachable() -> bool:
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        db.session.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        db.session.rollback()
        return False
