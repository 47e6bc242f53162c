"""How the service words a count: "1 item", "8 items", never "8 item(s)"."""
from __future__ import annotations


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """`number` with the noun in the form that agrees with it (the plural adds an s unless given)."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"
