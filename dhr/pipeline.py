"""The request pipeline: one commit per request, made here and nowhere in the views.

A view changes rows through the data layer and returns. If the answer is a success (below
400) the request's transaction is committed once, and the search index caught up only if
the transaction queued changes for it. Anything else (an error page, a refusal, a conflict,
a form shown again with the data layer's refusal) is rolled back. `saving(form)` is how a
view turns the data layer's refusal into a message on the form's field, with nothing saved."""
from __future__ import annotations

import logging
from contextlib import contextmanager

from flask import Flask, flash, g
from sqlalchemy.exc import OperationalError

from dhr import data
from dhr.data import theme_tagging
from dhr.data.errors import DataError

log = logging.getLogger(__name__)


@contextmanager
def saving(form, place=None):
    """Run data-layer changes; on DataError undo them and show the reason on the form (or
    where `place(error)` puts it, for a form of several entries)."""
    try:
        yield
    except DataError as error:
        data.discard()
        g.changes_discarded = True
        if place is not None:
            place(error)
        else:
            add_error(form, error.field, str(error))


def add_error(form, field_name: str | None, message: str) -> None:
    """Put a message on the named field, or on the form's first input if it names none."""
    field = getattr(form, field_name, None) if field_name else None
    if field is None or not hasattr(field, "errors"):
        field = next(f for f in form if f.type not in ("CSRFTokenField", "SubmitField", "HiddenField"))
    field.errors = [*field.errors, message]


def init_pipeline(app: Flask) -> None:
    @app.after_request
    def commit_the_request(response):
        if response.status_code >= 400 or g.get("changes_discarded"):
            if data.has_changes():
                data.discard()
            return response
        if not data.has_changes():
            return response
        try:
            data.commit()
        except OperationalError:
            log.exception("the request's changes could not be saved")
            data.discard()
            from .errors import render_error

            return render_error(503)
        return response


# A flash message of this category leads on to a review's suggested themes: it is the review's
# id and how many of its findings and recommendations have no theme (the page template words it).
THEMES_OFFERED = "suggest_themes"


def offer_suggested_themes(review) -> None:
    """At the end of an import, lead on to the suggested themes of a review whose learning has none."""
    count = len(theme_tagging.untagged(review))
    if count:
        flash(f"{review.id} {count}", THEMES_OFFERED)
