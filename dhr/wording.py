"""How the service words a count ("1 item", "8 items", never "8 item(s)") and the start of a long text."""
from __future__ import annotations


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """`number` with the noun in the form that agrees with it (the plural adds an s unless given)."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


def shortened(text: str, limit: int) -> str:
    """`text` on one line, cut at a word before `limit` characters with an ellipsis if it is longer."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"
