"""Matching agency names: the one rule for when a written name is a known agency, which known
name a mistyped one probably means, and which agency a passage of text is addressed to.

A name matches an agency when the two are equal ignoring case and runs of white space, or when
it is a spelling remembered for that agency (dhr.data.agency_aliases).
A suggestion is the closest known name (difflib, ratio at least 0.5), or else the one known
name that contains the written one or is contained in it. A passage names an agency where it
has the agency's full name, a distinctive word of it, or a word for the agency's kind; the
earliest mention wins, and at the same place the more specific mention."""
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
    """The known name a written one probably means; None if none is close."""
    names = list(agency_names)
    by_key = {name_key(n): n for n in names}
    close = difflib.get_close_matches(name_key(name), list(by_key), n=1, cutoff=0.5)
    if close:
        return by_key[close[0]]
    # "Police" for "Northshire Police": a name contained in a known one
    key = name_key(name)
    contained = [n for n in names if key in name_key(n) or name_key(n) in key]
    return contained[0] if len(contained) == 1 else None


def _position(text: str, keyword: str) -> int | None:
    match = re.search(rf"(?<![\w']){re.escape(keyword)}(?![\w])", text, re.IGNORECASE)
    return match.start() if match else None


def _mentions(text: str, agency) -> list[tuple[int, int]]:
    """(position, -specificity) of each mention of the agency: its name, a distinctive word, a kind word."""
    found: list[tuple[int, int]] = []
    position = _position(text, agency.name)
    if position is not None:
        found.append((position, -3))
    distinctive = [w for w in re.findall(r"[\w']+", agency.name.lower()) if w not in _NAME_STOPWORDS and len(w) > 2]
    for word in distinctive:
        position = _position(text, word)
        if position is not None:
            found.append((position, -2))
    for keyword in KIND_KEYWORDS.get(agency.kind, []):
        position = _position(text, keyword)
        if position is not None:
            found.append((position, -1 - (len(keyword) > 12)))
    return found


def mentioned(text: str, agencies: Iterable[A]) -> A | None:
    """The agency the text is addressed to: the earliest one named, by name or by its kind's words
    (ties: the more specific mention, then the name in alphabetical order)."""
    best: tuple[int, int, str, A] | None = None
    for agency in agencies:
        for position, specificity in _mentions(text, agency):
            if best is None or (position, specificity, agency.name) < best[:3]:
                best = (position, specificity, agency.name, agency)
    return best[3] if best else None
