"""Whole numbers read from what people send: ids in URLs, filters in query strings, numbers in
forms. Bounded, so that no database is asked about a number its integer columns cannot hold
(PostgreSQL's integer stops at 2**31 - 1, SQLite's at 2**63 - 1); anything else reads as None,
and an id in a URL that is not one is a page not found."""
from __future__ import annotations

from werkzeug.routing import IntegerConverter, ValidationError

MAX_INT = 2**31 - 1


def parse_whole(text: object, low: int = 1, high: int = MAX_INT) -> int | None:
    """The whole number written in `text` (ASCII digits only) if it is between low and high."""
    text = str(text if text is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)):
        return None
    value = int(text)
    return value if low <= value <= high else None


class IdConverter(IntegerConverter):
    """`<int:name>` in every route: a row id, 1 to MAX_INT."""

    def to_python(self, value: str) -> int:
        number = parse_whole(value)
        if number is None:
            raise ValidationError()
        return number
