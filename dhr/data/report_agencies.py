"""The agencies a report names in its own ways: the abbreviations its glossary defines ("WP –
Westmoor Police", "Westmoor Police (WP)"), the agency headings it sets recommendations under,
and the agency a recommendation's words say is to act.

The agency to act is the one named in the subject of the sentence's "should" or "must" (the words
before it, after the last comma: "When the hospital discharges…, the ICB should…" is the ICB's;
"Westmoor Police should write to the Home Office…" is the police's); else the first one the
words name. A recommendation to "All agencies" or "Partners" is no one agency's (the partnership
leads it: lead_agency)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import agency_matching

ABBREVIATION = r"(?:the\s+)?([A-Z][A-Za-z&]{0,2}[A-Z][A-Za-z&]{0,5})"  # "WP", "ICB", "BSol", "DHFT"
DEFINED_LINE = re.compile(rf"^\s*\|?\s*{ABBREVIATION}\s*(?:\s[–—=-]|:|\||\s{{2,}}|\t)\s*(.+?)\s*\|?\s*$")
SUBJECT_VERB = re.compile(r"\b(?:should|must|needs? to|is to|are to|will)\b")
NO_ONE = re.compile(r"^\s*(?:the\s+)?(?:all|each|every|other)?\s*(?:partner|relevant|statutory)?\s*"
                    r"(?:agencies|agency|partners|organisations|services|professionals)\b", re.IGNORECASE)
LEAD_LABEL = re.compile(r"^\s*(?:lead agency|lead|agency|owner|responsible(?: agency)?|addressed to)\s*[:–—-]\s*",
                        re.IGNORECASE)
HEADING_WORDS = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:single[- ]agency\s+)?recommendations?\s+(?:for|to)\s+)?"
                           r"(.*?)(?:\s*[–—:-]?\s+(?:single[- ]agency\s+)?recommendations?)?\s*"
                           r"(?:\((?:the\s+)?[A-Z][A-Za-z&]{1,7}\))?\s*:?\s*$", re.IGNORECASE)


def abbreviations(text: str, agencies: list) -> dict[str, object]:
    """The abbreviations the text defines for known agencies: {"WP": agency}."""
    found: dict[str, object] = {}
    for line in text.splitlines():
        for piece in _definitions(line):
            match = DEFINED_LINE.match(piece)
            if match and match.group(1) not in found:
                agency = _named_exactly(match.group(2).strip(" |.;"), agencies)
                if agency is not None:
                    found[match.group(1)] = agency
    for agency in agencies:
        pattern = rf"{re.escape(agency.name)}\s*\(\s*{ABBREVIATION}\s*\)"
        for match in re.finditer(pattern, text):
            found.setdefault(match.group(1), agency)
    return found


def _definitions(line: str) -> list[str]:
    """The line as a glossary's entry, or its entries when several share it ("Owners: FP = Fenmarsh
    Police; PS = Probation Service"), each without the line's label."""
    pieces = [line] if len(line) <= 160 else []
    if ";" not in line or len(line) > 1000:
        return pieces
    return pieces + [re.sub(r"^[^:=–—]{1,30}:\s*(?=\S+\s*[=–—:-])", "", piece) for piece in line.split(";")]


def _named_exactly(name: str, agencies: list):
    """The agency a glossary's words name: exactly, or as agency_matching grounds a suggestion
    ("Integrated Care Board" for the one ICB)."""
    found = agency_matching.exact(name, agencies)
    if found is None and len(name.split()) <= 10:
        suggested = agency_matching.suggest(name, [a.name for a in agencies])
        found = next((a for a in agencies if a.name == suggested), None)
    return found


def in_words(abbreviation_map: dict[str, object], text: str) -> tuple[object, int] | None:
    """The first agency the text names by a defined abbreviation, and where."""
    best = None
    for short, agency in abbreviation_map.items():
        match = re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text)
        if match and (best is None or match.start() < best[1]):
            best = (agency, match.start())
    return best


def heading_agency(line: str, agencies: list, defined: dict[str, object]):
    """The agency a heading line names and nothing else ("Westmoor Police", "Westmoor Police (WP):",
    "Recommendations for the ICB"), or the agencies it names together ("Police / CSC"); None if
    it is not such a heading."""
    stripped = line.strip()
    if not stripped or len(stripped) > 90 or stripped.endswith((".", ";", ",")):
        return None
    name = HEADING_WORDS.match(LEAD_LABEL.sub("", stripped)).group(1).strip()
    if not name or len(name.split()) > 10:
        return None
    return _heading_name(name, agencies, defined) or _joint(name, agencies, defined)


def _heading_name(name: str, agencies: list, defined: dict[str, object]):
    found = agency_matching.exact(name, agencies) or defined.get(re.sub(r"^the\s+", "", name, flags=re.I))
    if found is None and name[:1].isupper():
        suggested = agency_matching.suggest(name, [a.name for a in agencies])
        found = next((a for a in agencies if a.name == suggested), None)
        if found is not None and agency_matching.only_a_kind(name):
            return KindHeading(found)  # "Police", or "Housing" as a theme: the words may name another
        if found is None and agency_matching.only_a_kind(name):
            of_kind = [a for a in agencies if a.kind in agency_matching.kinds_of(name)]
            found = KindHeading(of_kind[0]) if len(of_kind) == 1 else None  # its name need not say its kind
    return found


JOINED = re.compile(r"\s*(?:/|&|,|\band\b)\s*", re.IGNORECASE)


def _joint(name: str, agencies: list, defined: dict[str, object]):
    """The agencies a heading names together ("Northshire Police / CSC", "Police and Children's
    Social Care"), in the heading's order, if each part names a different one."""
    parts = [part for part in JOINED.split(name) if part.strip()]
    if len(parts) < 2:
        return None
    named = [_heading_name(re.sub(r"^the\s+", "", part.strip(), flags=re.I), agencies, defined) for part in parts]
    named = [found.agency if isinstance(found, KindHeading) else found for found in named]
    if None in named or len({id(found) for found in named}) < len(named):
        return None
    return JointHeading(tuple(named))


@dataclass(frozen=True)
class KindHeading:
    """A heading naming only a kind of agency, which one agency is: the lead unless the
    recommendation's words name their own."""
    agency: object


@dataclass(frozen=True)
class JointHeading:
    """A heading naming two or more agencies: the lead is the one the recommendation's words
    name among them, else the first."""
    agencies: tuple


def acting(text: str, agencies: list, defined: dict[str, object],
           subject_only: bool = False) -> tuple[object, int] | None | bool:
    """The agency the words say is to act and how it is named (3 full name … 1 kind, as
    agency_matching.mention); False when they address everyone ("All agencies should…");
    `subject_only`: only an agency the sentence's subject names."""
    verb = SUBJECT_VERB.search(text)
    subject = text[:verb.start()].rsplit(",", 1)[-1] if verb else ""
    if subject and NO_ONE.match(subject):
        return False
    for words in ([subject] if subject.strip() else []) + ([] if subject_only else [text]):
        found = _first(words, agencies, defined)
        if found:
            return found
    return None


def _first(words: str, agencies: list, defined: dict[str, object]) -> tuple[object, int] | None:
    named = agency_matching.first_mention(words, agencies)
    short = in_words(defined, words) if defined else None
    if short and (named is None or short[1] <= named[2]):
        return short[0], 3
    return named[:2] if named else None
