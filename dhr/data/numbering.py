"""The order of a review's recommendations: by their numbers as people read them, so "2" comes
before "10", "2a" after "2" and "4.1" after "4" ("1", "2", "2a", "4", "4.1", "10", "R2", "R10").

Every list, page, PDF and export of recommendations shows them in this order. It is stored with
each recommendation (`Recommendation.number_key`, set whenever its number is) so that queries
can order by it; Python code sorts with `order_key`."""
from __future__ import annotations

import re

_RUNS = re.compile(r"(\d+)")
# A run of digits is padded to this many places, so that the keys compare as the numbers do:
# a recommendation number is at most 20 characters, so no run is longer.
DIGITS = 20
KEY_LENGTH = 400


def number_key(number: str) -> str:
    """A text that sorts (byte by byte) as `number` is read: its digit runs padded, its words lower case."""
    parts = _RUNS.split((number or "").strip().lower())
    padded = [part.lstrip("0").rjust(DIGITS, "0")[-DIGITS:] if index % 2 else part
              for index, part in enumerate(parts)]
    return "".join(padded)[:KEY_LENGTH]


def order_key(rec) -> tuple[str, int]:
    """How to sort recommendations already loaded: by number, then as they were entered."""
    return number_key(rec.number), rec.position or 0


def in_number_order(recs) -> list:
    return sorted(recs, key=order_key)
