"""What an API request sends, read strictly: a JSON object body, whole page numbers, text fields.
Anything else is the client's mistake, answered 400 (unreadable) or 422 (refused), never a server error."""
from __future__ import annotations

from typing import Optional

from flask import request

from dhr.data import paging

from .problems import Problem

MAX_PAGE = 1_000_000
# The query parameters of a list.
PAGING = ("page", "per_page")


def body() -> dict:
    if not request.is_json:
        raise Problem(400, "Send the body as JSON, with Content-Type: application/json.")
    sent = request.get_json(silent=True)
    if not isinstance(sent, dict):
        raise Problem(400, "The body must be a JSON object.")
    return sent


def _whole(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 7 or not low <= int(raw) <= high:
        raise Problem(400, f"{name} must be a whole number from {low} to {high}.")
    return int(raw)


def page_number() -> int:
    return _whole("page", 1, 1, MAX_PAGE)


def per_page() -> int:
    return _whole("per_page", paging.DEFAULT_SIZE, 1, paging.MAX_SIZE)


def text_field(sent: dict, name: str, errors: dict, *, missing: Optional[str] = None, limit: Optional[int] = None,
               too_long: str = "") -> str:
    """The field's text, stripped; its problem (missing, not text, too long) goes into `errors`."""
    value = sent.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if missing:
            errors[name] = missing
        elif value is None and name in sent:
            errors[name] = f"{name} must be text, or left out"
        return ""
    if not isinstance(value, str):
        errors[name] = f"{name} must be text"
        return ""
    if limit is not None and len(value.strip()) > limit:
        errors[name] = too_long
    if "\x00" in value:
        errors[name] = f"{name} must not hold a null character"
    return value.strip()
