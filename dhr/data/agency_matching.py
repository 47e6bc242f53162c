"""Matching agency names: the one rule for when a written name is a known agency, which known
name a mistyped one probably means, and which agency a passage of text is addressed to.

A name matches an agency when the two are equal ignoring case and runs of white space, or when
it is a spelling remembered for that agency (dhr.data.agency_aliases).
A suggestion must be grounded: the written name and the known one are the same name written
differently (each word of either is in the other, the same, mistyped, shortened, or the initials
of a run of its words: "WMP", "BSol ICB", "Northshire Polce"), or else the written name says what
kind of agency it is ("ICB", "Women's Aid", "Northshire Constab.") and one known name is of that
kind, naming no other place or body (not West Mercia Police for West Midlands Police). A name of
another kind is never suggested (an ICB is a health body, not the police), and a shared word or
place alone is no ground. A passage names an agency where it has the agency's full name, a
distinctive word of it, or a word for the agency's kind; the earliest mention wins, and at the
same place the more specific mention."""
from __future__ import annotations

import difflib
import re
from typing import Iterable, Mapping, TypeVar

from .vocab import AgencyKind

A = TypeVar("A")

KIND_KEYWORDS: dict[str, list[str]] = {
    AgencyKind.POLICE: ["police", "constabulary", "force"],
    AgencyKind.PRIMARY_CARE: ["gp", "gps", "general practice", "general practitioner", "primary care", "icb",
                              "integrated care board", "clinical commissioning group", "ccg"],
    AgencyKind.MENTAL_HEALTH: ["mental health", "psychiatric", "crisis team"],
    AgencyKind.HEALTH: ["hospital", "nhs trust", "health trust", "health visiting", "health visitor",
                        "midwifery", "emergency department", "ambulance"],
    AgencyKind.CHILDRENS_SOCIAL_CARE: ["children's social care", "childrens social care", "children's services",
                                       "children’s social care", "children’s services", "children's trust"],
    AgencyKind.ADULT_SOCIAL_CARE: ["adult social care", "adult services", "adults' services"],
    AgencyKind.HOUSING: ["housing", "homeless", "landlord"],
    AgencyKind.PROBATION: ["probation"],
    AgencyKind.SPECIALIST_DA: ["idva", "women's aid", "women’s aid", "domestic abuse service",
                               "specialist domestic abuse", "refuge"],
    AgencyKind.SUBSTANCE_MISUSE: ["substance misuse", "drug and alcohol", "drug service", "alcohol service"],
    AgencyKind.EDUCATION: ["school", "schools", "education", "college"],
    AgencyKind.PARTNERSHIP: ["community safety partnership", "csp", "the partnership"],
    AgencyKind.NATIONAL: ["home office", "nhs england", "department of health", "ministry of justice",
                          "department for education", "government", "domestic abuse commissioner"],
}
_NAME_STOPWORDS = {"the", "of", "and", "for", "nhs", "trust", "city", "council", "service", "services",
                   "foundation", "west", "midlands", "birmingham", "&"}


def name_key(name: str) -> str:
    """The form in which two agency names are compared: case and runs of white space ignored."""
    return " ".join((name or "").split()).casefold()


def exact(name: str, agencies: Iterable[A], aliases: Mapping[str, int] | None = None) -> A | None:
    """The agency whose name is `name`, by `name_key`, or else the one a remembered spelling of
    that key maps to (`aliases`: name key -> agency id); None if there is none."""
    key = name_key(name)
    if not key:
        return None
    agencies = list(agencies)
    found = next((a for a in agencies if name_key(a.name) == key), None)
    if found is None and aliases and key in aliases:
        found = next((a for a in agencies if a.id == aliases[key]), None)
    return found


def suggest(name: str, agency_names: Iterable[str]) -> str | None:
    """The known name a written one probably means, by the grounds above; None if none is grounded."""
    written = _words(name)
    if not written:
        return None
    kinds = kinds_of(name)
    names = [n for n in agency_names if not (kinds and kinds_of(n) and not kinds & kinds_of(n))]
    same = [n for n in names if _same_name(written, _words(n))]
    if same:
        return max(same, key=lambda n: difflib.SequenceMatcher(None, name_key(name), name_key(n)).ratio())
    # Of that kind, and naming no other place or body: each word of the written name that is not
    # its kind's is in the known name ("Northshire Constab.": Northshire Police, not West Mercia
    # Police), unless the known name is its kind alone ("Police", "Probation Service").
    own = [w for w in written if not _kind_word(w)]
    of_kind = [n for n in names if kinds & kinds_of(n)
               and (not [w for w in _words(n) if not _kind_word(w)] or len(_accounted(own, _words(n))[0]) == len(own))]
    return of_kind[0] if len(of_kind) == 1 else None


# Words that tell no agency from another, left out when two names are compared word by word.
_FILLER = {"the", "of", "and", "for", "&", "nhs", "trust", "foundation", "service", "services", "council",
           "ltd", "limited", "team"}


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’&]+", name_key(name)) if w not in _FILLER]


def kinds_of(name: str) -> set[str]:
    """The kinds of agency a name says it is, by their words or a word shortened from one
    ("Constab." for constabulary; a word of four letters only with its full stop)."""
    key = name_key(name)
    found = {kind for kind, words in KIND_KEYWORDS.items() if any(_position(key, w) is not None for w in words)}
    for word, dot in re.findall(r"([\w'’]+)(\.?)", key):
        if len(word) >= 5 or len(word) == 4 and dot:  # "Constab.", "Hosp." ("home" is not "homeless")
            found |= {kind for kind, words in KIND_KEYWORDS.items()
                      if any(" " not in w and w != word and w.startswith(word) for w in words)}
    return found


def only_a_kind(name: str) -> bool:
    """Whether a name says only what kind of agency it is ("Mental health", "the Police"), no
    agency's own name."""
    words = _words(name)
    return bool(words) and all(_kind_word(w) for w in words)


def _kind_word(word: str) -> bool:
    """A word of a kind's keywords ("women's", "aid", "police"), its plural ("practices"), or one
    shortened from one."""
    stem, single = word.rstrip("."), word[:-1] if word.endswith("s") else word
    return any(word in keyword.split() or single in keyword.split()
               or (len(stem) >= 4 and " " not in keyword and keyword.startswith(stem))
               for keywords in KIND_KEYWORDS.values() for keyword in keywords)


def _close(a: str, b: str) -> bool:
    """The same word, or one with a single typo (a letter wrong, missing, extra or swapped with
    the next), in words long enough for a typo to be told from another word ("Polise": police;
    "Southshire" is not Northshire)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        wrong = [i for i in range(len(a)) if a[i] != b[i]]
        return len(wrong) == 1 or (len(wrong) == 2 and wrong[1] == wrong[0] + 1
                                   and (a[wrong[0]], a[wrong[1]]) == (b[wrong[1]], b[wrong[0]]))
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _abbreviates(short: str, words: list[str]) -> list[int] | None:
    """The indices of the run of two or more words `short` is made from, each piece the start of
    one word in turn ("bsol": birmingham solihull; "wmp": west midlands police); else None."""
    for first in range(len(words)):
        run = _pieces(short, words, first)
        if run and len(run) >= 2:
            return run
    return None


def _pieces(short: str, words: list[str], at: int) -> list[int] | None:
    if not short:
        return []
    if at >= len(words):
        return None
    for size in range(min(len(short), len(words[at])), 0, -1):
        if words[at].startswith(short[:size]):
            rest = _pieces(short[size:], words, at + 1)
            if rest is not None:
                return [at, *rest]
    return None


def _accounted(these: list[str], others: list[str]) -> tuple[set[int], set[int]]:
    """Which words of `these` are in `others` (the same, mistyped, shortened, or the initials of a
    run of them), and which words of `others` they account for."""
    found: set[int] = set()
    marked: set[int] = set()
    for i, word in enumerate(these):
        stem = word.rstrip(".")
        same = [j for j, other in enumerate(others) if _close(word, other)
                or (len(stem) >= 3 and stem != other and other.startswith(stem))]
        run = same or _abbreviates(stem, others)
        if run:
            found.add(i)
            marked |= set(run)
    return found, marked


def _same_name(written: list[str], known: list[str]) -> bool:
    """Each word of either name is in the other, so the two are one name written differently."""
    if not known:
        return False
    written_found, known_marked = _accounted(written, known)
    known_found, written_marked = _accounted(known, written)
    return (len(written_found | written_marked) == len(written)
            and len(known_found | known_marked) == len(known))


def _position(text: str, keyword: str) -> int | None:
    match = re.search(rf"(?<![\w']){re.escape(keyword)}s?(?![\w])", text, re.IGNORECASE)  # "hospitals" too
    return match.start() if match else None


# Words that name no one agency: said of many ("national guidance", "domestic abuse training").
GENERIC_WORDS = {"national", "domestic", "abuse", "regional", "local", "county", "community", "safety", "university",
                 "hospitals", "health", "mental", "care", "social", "adult", "adults", "children's", "children’s",
                 "children", "partnership", "board", "centre", "support", "team", "unit", "public", "specialist",
                 "integrated", "general", "royal", "district", "borough", "metropolitan", "united", "eastern",
                 "western", "northern", "southern", "north", "south", "east", "central"}


# How English place names end ("Northshire", "Eastvale", "Solihull", "Wolverhampton"): a word of
# an agency's name that is a place says where it works, not which agency it is.
PLACE_ENDINGS = ("shire", "vale", "ham", "ton", "ford", "ley", "field", "bury", "wick", "port", "mouth", "borough",
                 "chester", "cester", "pool", "hull", "by", "sea", "bridge", "minster", "dale", "land", "wood")


def _place_like(word: str) -> bool:
    return len(word) > 5 and word.endswith(PLACE_ENDINGS)


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’]+", name.lower()) if w not in _NAME_STOPWORDS and len(w) > 2]


def _mentions(text: str, agency, shared: set[str] = frozenset(), kind_shared: bool = False) -> list[tuple[int, int]]:
    """(position, -specificity) of each mention of the agency: its name, a word of its name that no
    other agency's name has and that is not a generic word or a shared place name, a kind word."""
    found: list[tuple[int, int]] = []
    position = _position(text, agency.name)
    if position is not None:
        found.append((position, -3))
    for word in _name_words(agency.name):
        if word in GENERIC_WORDS or word in shared or _place_like(word):
            continue
        position = _position(text, word)
        if position is not None and text[position].isupper():  # a name, not a word ("in the home")
            found.append((position, -2))
    for keyword in [] if kind_shared else KIND_KEYWORDS.get(agency.kind, []):
        position = _position(text, keyword)
        if position is not None:
            found.append((position, -1 - (len(keyword) > 12)))
    return found


def mention(text: str, agencies: Iterable[A]) -> tuple[A, int] | None:
    """The agency the text is addressed to and how it is named: 3 by its full name, 2 by a word of
    its own name, 1 by its kind's words (when it is the only agency of its kind); the earliest
    mention wins (ties: the more specific mention, then the name in alphabetical order)."""
    found = first_mention(text, agencies)
    return found[:2] if found else None


def first_mention(text: str, agencies: Iterable[A]) -> tuple[A, int, int] | None:
    """As `mention`, with where in the text the mention is."""
    agencies = list(agencies)
    seen: dict[str, int] = {}
    for agency in agencies:
        for word in set(_name_words(agency.name)):
            seen[word] = seen.get(word, 0) + 1
    shared = {word for word, count in seen.items() if count > 1}
    kinds = [agency.kind for agency in agencies]
    best: tuple[int, int, str, A] | None = None
    for agency in agencies:
        # "the police" names no one force where the partnership works with two
        for position, specificity in _mentions(text, agency, shared, kinds.count(agency.kind) > 1):
            if best is None or (position, specificity, agency.name) < best[:3]:
                best = (position, specificity, agency.name, agency)
    return (best[3], min(3, -best[1]), best[0]) if best else None


def mentioned(text: str, agencies: Iterable[A]) -> A | None:
    """The agency the text is addressed to (see `mention`), or None."""
    found = mention(text, agencies)
    return found[0] if found else None
