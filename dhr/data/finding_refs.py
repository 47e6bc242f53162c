"""Which findings a recommendation says it answers, read only from numbers written down: an
action plan's "Finding(s)" cell ("2, 4", "Findings 2 and 4", "F2; F4", "2-4"), a report's
recommendation that names them ("(Finding 3)", "see findings 2 and 4") and the "Finding 3"
heading a report sets recommendations under. Nothing is guessed from wording."""
from __future__ import annotations

import re

MAX_FINDING = 999
MAX_RANGE = 50

_CELL_WORDS = re.compile(r"\bfinding(?:\(s\)|s)?|\bnos?\b\.?|\bf(?=\d|\s|$)", re.IGNORECASE)
_CELL_SEPARATORS = re.compile(r"\s*(?:,|;|/|&|\+|\band\b)\s*|\s+", re.IGNORECASE)
_RANGE = re.compile(r"^(\d{1,3})[-–](\d{1,3})$")
_NAMED = re.compile(r"\bfindings?\s*(?:no\.?|number|nos\.?)?\s*"
                    r"(\d{1,3}(?:\s*(?:,|&|\band\b|\bor\b)\s*\d{1,3})*)(?![.\d]*\d)", re.IGNORECASE)
_HEADING = re.compile(r"^\s*finding\s+(\d{1,3})\b(?!\.\d)", re.IGNORECASE)


def _once(numbers: list[int]) -> list[int]:
    return list(dict.fromkeys(n for n in numbers if 1 <= n <= MAX_FINDING))


def cell_numbers(text: object) -> list[int] | None:
    """The finding numbers a cell gives, each once in the order written; [] for a blank cell and
    None for a cell that says anything but finding numbers."""
    text = _CELL_WORDS.sub(" ", str(text if text is not None else "")).replace("–", "-")
    text = re.sub(r"\s*-\s*", "-", text).strip()
    numbers: list[int] = []
    for part in (p for p in _CELL_SEPARATORS.split(text) if p):
        span = _RANGE.match(part)
        if span and 0 < int(span.group(2)) - int(span.group(1)) <= MAX_RANGE:
            numbers += range(int(span.group(1)), int(span.group(2)) + 1)
        elif part.isascii() and part.isdigit() and len(part) <= 3:
            numbers.append(int(part))
        else:
            return None
    return _once(numbers)


def named_in(text: str) -> list[int]:
    """The findings a recommendation's own words name ("(Finding 3)", "see findings 2 and 4")."""
    numbers: list[int] = []
    for match in _NAMED.finditer(text or ""):
        numbers += [int(n) for n in re.findall(r"\d+", match.group(1))]
    return _once(numbers)


def heading_number(line: str) -> int | None:
    """The finding a heading line such as "Finding 3: Risk assessment" begins, if it is one."""
    match = _HEADING.match(line or "")
    return int(match.group(1)) if match else None


def written(numbers: list[int]) -> str:
    """Finding numbers as a cell writes them: "2, 4"."""
    return ", ".join(str(n) for n in numbers)
