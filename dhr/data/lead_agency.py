"""Which agency a proposed recommendation is for, and how sure the reading is, so that the chair
sees what to check: from the table's lead column when there is one (a name known exactly or by a
remembered spelling is sure; one recognised in other words is likely), else from the words of
the recommendation (agency_matching.mention: by its full name, by a word only its name has, or
guessed from the kind of agency named). A recommendation addressed to all agencies ("All
agencies should…", a lead column saying "All partners") is the partnership's to lead."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import agency_matching, report_agencies
from .vocab import AgencyKind

SURE, LIKELY, GUESS = "sure", "likely", "guess"
LEAD_AFTER = re.compile(r"\s*[(\[]?\b(?:lead agency|lead|addressed to|owner|responsible(?: agency)?|agency)\s*[:–—-]\s*"
                        r"([^()\[\]:]{2,120}?)[)\]]?\.?\s*$", re.IGNORECASE)
LEAD_BEFORE = re.compile(r"^[(\[]([^()\[\]]{2,80})[)\]]\s*[:.–—-]?\s+(?=\S)")  # "(Northshire Police): …"
# after the last full stop: "… every call. (Police)", "… every call. – Police"
LEAD_LAST = re.compile(r"(?<=[.!?])\s+(?:[(\[]([^()\[\]]{2,80})[)\]]|[–—-]\s+([^–—.()]{2,80}?))\.?\s*$")


RANK = {GUESS: 1, LIKELY: 2, SURE: 3}


def firmer(sureness: str, than: str) -> bool:
    """Whether a lead read with `sureness` is surer than one read with `than` ("" for no lead)."""
    return RANK.get(sureness, 0) > RANK.get(than, 0)


@dataclass(frozen=True)
class Lead:
    agency: object
    how: str  # in plain words, for the chair
    sureness: str = GUESS


def remembered() -> dict[str, int]:
    """The remembered spellings of agency names (agency_aliases), read once for a whole report."""
    from . import agency_aliases

    try:
        return agency_aliases.known()
    except Exception:  # no database to ask (the reader run on its own): no remembered spellings
        return {}


def from_column(cell: str, agencies: list, aliases: dict[str, int] | None = None,
                defined: dict[str, object] | None = None) -> Lead | None:
    """The agency a table's lead-agency cell names (`aliases`: remembered spellings; `defined`:
    the report's own abbreviations)."""
    if not cell.strip():
        return None
    found = agency_matching.exact(cell, agencies, aliases) or (defined or {}).get(
        re.sub(r"^the\s+", "", cell.strip(" .;"), flags=re.IGNORECASE))
    if found is not None:
        return Lead(found, "from the report's lead agency column", SURE)
    if report_agencies.NO_ONE.match(cell) and len(cell.split()) <= 4:
        return _partnership(agencies, f"the report's lead agency column says “{cell[:40]}”")
    named = agency_matching.mention(cell, agencies)
    suggested = agency_matching.suggest(cell, [a.name for a in agencies])
    found = named[0] if named else next((a for a in agencies if a.name == suggested), None)
    if found is None:
        return None
    return Lead(found, f"matched from the report's lead agency column, which says “{cell[:80]}”: check it", LIKELY)


def under_heading(heading, text: str = "", agencies: list = (), defined: dict | None = None) -> Lead:
    """The lead of a recommendation under an agency heading; under a heading naming only a kind
    of agency, the agency its words name, if they name one; under one naming several agencies,
    the one of them its sentence's subject names, else the first."""
    if isinstance(heading, report_agencies.JointHeading):
        return _one_of(heading.agencies, text, agencies, defined)
    if isinstance(heading, report_agencies.KindHeading):
        named = from_text(text, list(agencies), defined) if text else None
        if named is not None and named.sureness != GUESS:
            return named
        return Lead(heading.agency, "from the heading the recommendation is under: check it", LIKELY)
    return Lead(heading, "from the agency heading the recommendation is under", SURE)


def _one_of(joint: tuple, text: str, agencies, defined: dict | None) -> Lead:
    among = report_agencies.acting(text, list(joint), defined or {}, subject_only=True) if text else None
    if among:
        return Lead(among[0], "named in the recommendation, one of the agencies its heading names: check it", LIKELY)
    named = from_text(text, list(agencies), defined) if text else None
    if named is not None and named.sureness == SURE:
        return named
    return Lead(joint[0], "the first of the agencies the heading the recommendation is under names: check it", LIKELY)


def from_text(text: str, agencies: list, defined: dict[str, object] | None = None) -> Lead | None:
    """The agency the recommendation's words say is to act (`defined`: the report's abbreviations)."""
    found = report_agencies.acting(text, agencies, defined or {})
    if found is False:
        return _partnership(agencies, "the recommendation is addressed to all agencies")
    if not found:
        return None
    agency, how = found
    if how == 3:
        return Lead(agency, "named in the recommendation", SURE)
    if how == 2:
        return Lead(agency, "recognised from a word of its name in the recommendation: check it", LIKELY)
    return Lead(agency, "guessed from the kind of agency the recommendation names: check it", GUESS)


def _partnership(agencies: list, why: str) -> Lead | None:
    """The partnership, lead of a recommendation addressed to all its agencies (if there is one partnership)."""
    partnerships = [a for a in agencies if a.kind == AgencyKind.PARTNERSHIP]
    if len(partnerships) != 1:
        return None
    return Lead(partnerships[0], f"{why}, so the partnership leads it: check it", GUESS)


def named_around(body: str, agencies: list, defined: dict) -> tuple[str, str]:
    """A recommendation's words without the agency written around them — in brackets before them,
    labelled after them ("Lead agency: …", "(Owner: …)"), or after their last full stop in brackets
    or after a dash, if that names an agency — and the agency's name as written ("" if none)."""
    before = LEAD_BEFORE.match(body)
    cell = before and report_agencies.LEAD_LABEL.sub("", before.group(1)).strip()  # "(Lead: Westmoor Police)"
    if before and from_column(cell, agencies, defined=defined):
        return body[before.end():], cell
    found = LEAD_AFTER.search(body)
    if found and found.start() >= 15:
        return body[:found.start()].rstrip(), found.group(1).strip()
    last = LEAD_LAST.search(body)
    cell = last and (last.group(1) or last.group(2)).strip()
    if last and last.start() >= 15 and from_column(cell, agencies, defined=defined):
        return body[:last.start()].rstrip(), cell
    return body, ""
