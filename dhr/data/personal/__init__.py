"""The scanner behind the publication check: what in a text looks like personal data.

`find(text, setting)` normalises the text (white space, line breaks, words hyphenated at a line
end), looks for every kind of personal data in it, and returns each hit with its kind and its
offsets into the original text. The setting says what is never a hit: the review's pseudonyms,
its chair and panel members, the agencies' names and the partnership's allow-list of public
contact details; and what always is: the names the chair listed as never to publish."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .births import find_births
from .lowercase import find_lowercase
from .names import find_names, name_words
from .normalise import normalise
from .numbers import find_numbers
from .places import ONE_THERE, find_places, short_names
from .words import first_names, first_names_also_words

KINDS = ("never_publish", "person_name", "street_address", "postcode", "school", "workplace", "gp_practice",
         "vehicle_registration", "ni_number", "reference_number", "bank_details", "social_media",
         "date_of_birth", "phone", "email", "nhs_number")
# Hits of these kinds inside an agency's name are the agency, not a person or a place of theirs.
NAMED_KINDS = frozenset({"person_name", "school", "workplace", "gp_practice", "street_address"})


@dataclass(frozen=True)
class Setting:
    pseudonyms: tuple[str, ...] = ()
    chair: str = ""
    panel: tuple[str, ...] = ()
    never_publish: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()

    def people(self) -> tuple[str, ...]:
        """The review's pseudonyms and the people who ran it: named in the report, never a leak."""
        return tuple(name for name in (*self.pseudonyms, self.chair, *self.panel) if name)

    def ignored_words(self) -> frozenset[str]:
        names = self.people()
        return frozenset(w.lower() for name in names for w in re.findall(r"[\w'’-]+", name or ""))


@dataclass(frozen=True)
class Hit:
    kind: str
    start: int
    end: int
    value: str


def compact(value: str) -> str:
    """A value as compared with the allow-list: letters and digits only, +44 read as 0."""
    key = re.sub(r"[^0-9a-z]", "", value.lower())
    if key.isdigit() and key.startswith("44") and len(key) >= 11:
        key = "0" + key[2:]
    return key


def _phrase(value: str) -> str | None:
    """A pattern for `value` written with any spacing or punctuation between its words."""
    tokens = re.findall(r"\w+", value)
    return r"(?<!\w)" + r"\W*".join(re.escape(t) for t in tokens) + r"(?!\w)" if tokens else None


@lru_cache(maxsize=64)
def _pattern(values: tuple[str, ...]) -> re.Pattern | None:
    phrases = sorted({p for p in (_phrase(v) for v in values if v and v.strip()) if p}, key=len, reverse=True)
    return re.compile("|".join(phrases), re.IGNORECASE) if phrases else None


def _spans(text: str, values: tuple[str, ...], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    pattern = _pattern(tuple(values))
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text, start, len(text) if end is None else end)]


def _near(text: str, values: tuple[str, ...], start: int, end: int) -> list[tuple[int, int]]:
    """Where any of `values` is written within reach of text[start:end]."""
    reach = max((len(v) for v in values), default=0) + 20
    return _spans(text, values, max(0, start - reach), min(len(text), end + reach))


class _Hits:
    """Hits that never overlap, kept in order of where they start."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.taken: list[tuple[int, int, str]] = []

    def add(self, kind: str, start: int, end: int) -> None:
        if end <= start:
            return
        at = bisect.bisect_left(self.starts, start)
        if at > 0 and self.taken[at - 1][1] > start:
            return
        if at < len(self.taken) and self.taken[at][0] < end:
            return
        self.starts.insert(at, start)
        self.taken.insert(at, (start, end, kind))


def _never_publish(text: str, terms, hits: _Hits) -> None:
    for start, end in _spans(text, terms):
        hits.add("never_publish", start, end)


def _names_again(text: str, hits: _Hits, setting: Setting, ignore: frozenset[str]) -> None:
    """Each word of a name found (or listed as never to publish), wherever it comes again alone."""
    again, listed = set(), set()
    for start, end, kind in hits.taken:
        if kind in ("person_name", "never_publish"):
            again |= name_words(text[start:end])
    for term in setting.never_publish:
        listed |= name_words(term)
    # a word of a listed name in any case ("amanda told"); one found in this text as written, or in
    # lower case if it is a first name and no ordinary word ("ashley" in a quoted message)
    lowered = {w.lower() for w in again - listed if w in first_names() and w not in first_names_also_words()}
    for found, flags in ((listed | lowered, re.IGNORECASE), (again - listed, 0)):
        found = {w for w in found if w.lower() not in ignore}
        if found:
            pattern = r"\b(?:" + "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True)) + r")\b"
            for match in re.finditer(pattern, text, flags):
                hits.add("person_name", match.start(), match.end())


def _places_again(text: str, hits: _Hits, ignore: frozenset[str]) -> None:
    """A school or practice found once, wherever its short name comes again ("the DSL at Greenfield"); a
    workplace wherever its name does."""
    short, places = {}, set()
    for start, end, kind in hits.taken:
        if kind in ("school", "gp_practice"):
            names, place = short_names(text[start:end])
            names = [n for n in names if not _all_ignored(re.sub(r"['’]s\b", "", n), ignore)]
            short.update(dict.fromkeys(names, kind))
            places.update(names if place else ())
        elif kind == "workplace" and text[start:start + 1].isupper():
            # a workplace found by the words around it, wherever its name comes again ("his foreman at Apex Access")
            named = text[start:end].removeprefix("The ")
            if len(named) >= 3 and not _all_ignored(named, ignore) and named not in first_names():
                short[named] = kind
    if short:
        pattern = r"(?<![\w'’-])(?:" + "|".join(re.escape(name) for name in sorted(short, key=len, reverse=True)) + \
            r")(?![\w'’-]|\s+[A-Z])"
        for match in re.finditer(pattern, text):
            if match.group() not in places or ONE_THERE.search(text, max(0, match.start() - 60), match.start()):
                hits.add(short[match.group()], match.start(), match.end())


def find(text: str, setting: Setting = Setting()) -> list[Hit]:
    """Every hit in `text`, in order, at its offsets in `text`."""
    if not text or not text.strip():
        return []
    return list(_find(text, setting))


# A review's texts are checked for its task list, its publish page and then as it is published: the
# same text in the same setting (both immutable, so they are the key) is scanned once.
@lru_cache(maxsize=64)
def _find(text: str, setting: Setting) -> tuple[Hit, ...]:
    normal = normalise(text)
    scanned = normal.text
    ignore = setting.ignored_words()
    hits = _Hits()
    _never_publish(scanned, setting.never_publish, hits)
    for finder in (find_births(scanned), find_numbers(scanned), find_places(scanned), find_names(scanned, ignore),
                   find_lowercase(scanned, ignore)):
        for kind, start, end in finder:
            hits.add(kind, start, end)
    _names_again(scanned, hits, setting, ignore)
    _places_again(scanned, hits, ignore)
    allowed = {compact(v) for v in setting.allow}
    found = []
    for start, end, kind in hits.taken:
        if compact(scanned[start:end]) in allowed or _within(start, end, _near(scanned, setting.allow, start, end)):
            continue
        if kind in NAMED_KINDS and (_overlaps(start, end, _near(scanned, setting.agencies, start, end))
                                    or _all_ignored(scanned[start:end], ignore)):
            continue
        # Words run on from a pseudonym ("Adult K. Agencies did not…") are not a person's name.
        if kind == "person_name" and _overlaps(start, end, _near(scanned, setting.people(), start, end)):
            continue
        first, last = normal.span(start, end)
        found.append(Hit(kind, first, last, text[first:last]))
    return tuple(found)


def forget_scans() -> None:
    """Scan every text afresh next time (a benchmark times the scanning itself)."""
    _find.cache_clear()


def _all_ignored(value: str, ignore: frozenset[str]) -> bool:
    """Every word is of a pseudonym, the chair or a panel member ("worked with Esther")."""
    tokens = [t.lower() for t in re.findall(r"[\w'’-]+", value)]
    return bool(tokens) and all(t in ignore for t in tokens)


def _within(start: int, end: int, spans) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)
