"""Every API error as a JSON problem object (RFC 9457): a title, the status, a plain detail and,
for data refused, the message for each field."""
from __future__ import annotations

from typing import Optional

from flask import current_app, jsonify, request

PROBLEM_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request", 401: "Not signed in", 403: "Not allowed", 404: "Not found", 405: "Method not allowed",
    413: "Request too large", 415: "Unsupported media type", 422: "Unprocessable content",
    429: "Too many requests", 500: "Server error", 503: "Service unavailable",
}
DETAILS = {
    400: "The request could not be understood.",
    401: "Send a working API token in the Authorization header: 'Bearer <token>'.",
    403: "The token's user may not do this.",
    404: "There is no such record for this token, or no such address.",
    405: "This address does not take that method.",
    429: "This token has made too many requests: wait a minute and try again.",
    500: "Something went wrong; nothing was saved.",
    503: "The service is temporarily unavailable; nothing was saved.",
}


class Problem(Exception):
    """Raised by an API view to answer with a problem object."""

    def __init__(self, status: int, detail: Optional[str] = None, errors: Optional[dict[str, str]] = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors


def response(status: int, detail: Optional[str] = None, errors: Optional[dict[str, str]] = None):
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status,
            "detail": detail or DETAILS.get(status, TITLES.get(status, "Error"))}
    if errors:
        body["errors"] = errors
    answer = jsonify(body)
    answer.status_code = status
    answer.mimetype = PROBLEM_TYPE
    if status == 401:
        answer.headers["WWW-Authenticate"] = 'Bearer realm="dhr-api"'
    if status == 405:
        adapter = current_app.url_map.bind_to_environ(request.environ)
        answer.headers["Allow"] = ", ".join(sorted(adapter.allowed_methods(request.path)))
    return answer
