"""Plain, accessible error pages that never show a stack trace."""
from __future__ import annotations

import logging

from flask import Flask, current_app, has_request_context, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from .extensions import db

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("There is a problem with your request",
          "The page could not understand what was sent. Go back and try again."),
    403: ("You do not have permission to see this page",
          "If you think you should have access, contact the partnership coordinator."),
    404: ("Page not found",
          "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address."),
    405: ("That action is not possible here", "Go back and use the buttons on the page."),
    413: ("The file is too large",
          "Files must be smaller than the limit shown on the upload page. Go back and choose a smaller file."),
    429: ("Too many attempts", "You have tried too many times in a short time. Wait a minute and try again."),
    500: ("Sorry, there is a problem with the service",
          "Try again later. Nothing you entered on this page has been saved."),
    503: ("Sorry, the service is temporarily unavailable",
          "Try again in a few minutes. Nothing you entered on this page has been saved."),
}


# An area answering its own errors (the API's JSON problems) registers (path prefix, answer) here.
ERROR_ANSWERS = "dhr.error_answers"


def render_error(status: int, title: str | None = None, body: str | None = None):
    for prefix, answer in current_app.extensions.get(ERROR_ANSWERS, ()):
        if has_request_context() and request.path.startswith(prefix):
            return answer(status, body)
    default_title, default_body = MESSAGES.get(status, MESSAGES[500])
    return (
        render_template("errors/error.html", status=status, title=title or default_title, body=body or default_body),
        status,
    )


def _forget_database_state() -> None:
    """Draw the error page without touching the database again: the rollback expires every
    loaded row, including the signed-in user, and reloading it would fail the same way."""
    from flask import g

    from .extensions import login_manager

    try:
        db.session.rollback()
    except Exception:  # the connection itself may be gone; the page must still render
        pass
    g.database_down = True
    g._login_user = login_manager.anonymous_user()


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400,
            "Your form could not be sent",
            "The page had expired or the form was not sent from this service. Go back, reload the page and try again.",
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in MESSAGES:
            return render_error(error.code)
        for prefix, answer in app.extensions.get(ERROR_ANSWERS, ()):
            if request.path.startswith(prefix):
                return answer(error.code or 500, None)
        return error

    @app.errorhandler(OperationalError)
    def database_unavailable(error):
        log.error("database unavailable: %s", error)
        _forget_database_state()
        return render_error(503)

    @app.errorhandler(Exception)
    def unexpected(error):
        if isinstance(error, HTTPException):
            return http_error(error)
        log.exception("unhandled error")
        try:
            db.session.rollback()
        except Exception:  # the session itself may be broken; the page must still render
            pass
        return render_error(500)
