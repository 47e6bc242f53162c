"""Draft recommendations proposed from a report's text, for the chair to accept, edit or discard.

The report's paragraphs (report_paragraphs, which knows its numbering: `1.`, `5.1`, `21.10.1`,
`R1`, `Rec 3`, `Recommendation 3`, `a)`) are recommendations when numbered so within a
recommendations section or worded as one ("It is recommended that…", "[Agency] should…"); the
rows of the Home Office action-plan table are read as the spreadsheet import reads them.

The findings a proposal answers are those the report numbers for it (dhr.data.finding_refs):
named in its words ("(Finding 3)"), in a table's finding column, or by the "Finding 3" heading
it is set under."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import select

from dhr import dates
from dhr.extensions import db

from . import finding_refs, lead_agency, report_agencies, report_paragraphs, report_tables
from .models import Agency
from .report_paragraphs import AGENCY_SHOULD, RECOMMENDING, UNNUMBERED_START, numbered
from .vocab import Scope


@dataclass
class Proposal:
    number: str
    text: str
    lead_agency: Agency | None = None
    scope: str = Scope.LOCAL
    action_to_take: str = ""
    milestones: str = ""
    target_date: dt.date | None = None
    source: str = "text"
    notes: list[str] = field(default_factory=list)
    findings: list[int] = field(default_factory=list)  # the numbers of the findings the report says it answers
    lead_how: str = ""  # how the lead agency was read, in plain words ("named in the recommendation")
    lead_sureness: str = ""  # lead_agency.SURE, LIKELY or GUESS ("" with no lead)



# What was missed ("should have asked"), not advice ("should have a policy").
HINDSIGHT = re.compile(r"\b(?:should|could|would|must) have (?:been|known|seen|taken|done|made|told|sought|\w+ed)\b",
                       re.IGNORECASE)


def parse_date(value: str) -> dt.date | None:
    """A date from a table cell (see `dates.parse_date`); None if it is not one."""
    try:
        return dates.parse_date(value, month_only="first")
    except ValueError:
        return None


def propose(text: str, agencies: list[Agency] | None = None) -> list[Proposal]:
    """Draft recommendations found in a report's text, in order, without duplicate numbers."""
    if agencies is None:
        agencies = list(db.session.scalars(select(Agency).where(Agency.active).order_by(Agency.name)))
    defined = report_agencies.abbreviations(text, agencies)
    proposals = report_tables.from_tables(text, agencies, Proposal, defined)
    seen_numbers = {p.number.lower() for p in proposals}
    seen_texts = {_key(p.text) for p in proposals}
    unnumbered = 0
    blocks = _without_section_paragraphs(_numbering_runs_on(report_paragraphs.paragraphs(text, agencies, defined)))
    # Where the report sets its recommendations apart (a section or a table), numbered paragraphs
    # elsewhere are its analysis ("4.12 The GP should have asked…"), not recommendations.
    set_apart = bool(proposals) or any(block[1] for block in blocks)
    for paragraph, in_section, under_finding, under_agency, _ in blocks:
        found = _paragraph_recommendation(paragraph, in_section, anywhere=not set_apart)
        if found is None:
            continue
        number, body = found
        if number is None:
            unnumbered += 1
            number = f"P{unnumbered}"
        body, named_lead = lead_agency.named_around(body.strip(), agencies, defined)
        if len(body) < 15:
            continue
        lead = (lead_agency.from_column(named_lead, agencies, defined=defined) if named_lead
                else lead_agency.under_heading(under_agency, body, agencies, defined) if under_agency
                else lead_agency.from_text(body, agencies, defined))
        if _key(body) in seen_texts:
            _fill_lead(proposals, body, lead)  # a summary's repeat: its lead may be given only here
            continue
        number = _unique_number(number, seen_numbers)
        seen_numbers.add(number.lower())
        seen_texts.add(_key(body))
        national = re.search(r"\b(?:home office|nhs england|national|government)\b", body, re.I)
        scope = Scope.NATIONAL if national else Scope.LOCAL
        named = finding_refs.named_in(body) or ([under_finding] if under_finding else [])
        proposals.append(Proposal(number=number[:20], text=body, findings=named, scope=scope,
                                  lead_agency=lead.agency if lead else None, lead_how=lead.how if lead else "",
                                  lead_sureness=lead.sureness if lead else ""))
    return proposals


def _numbering_runs_on(blocks: list[tuple]) -> list[tuple]:
    """The blocks, those after a sub-heading within the recommendations ("Training") kept in
    them while their numbering runs on from the recommendation before (3 after 2, 7.4 after 7.3)."""
    out, last = [], None
    for block in blocks:
        found = numbered(block[0])
        if found and not block[1] and last and _follows(last, found[1]) and RECOMMENDING.search(found[2]):
            block = (block[0], True, *block[2:])
        if found and block[1]:
            last = found[1]
        out.append(block)
    return out


def _without_section_paragraphs(blocks: list[tuple]) -> list[tuple]:
    """The blocks without the report's own paragraph numbers around a list of recommendations
    numbered otherwise: "9.1 The panel concluded…", "9.2 The panel makes these recommendations."
    about "1. …", "2. …" (or "R1. …") in the section numbered 9."""
    listed = {block[4] for block in blocks if block[1] and block[4] and (found := numbered(block[0]))
              and found[0] != "decimal" and RECOMMENDING.search(found[2])}
    return [block for block in blocks if not (block[4] in listed and (found := numbered(block[0]))
                                               and found[0] == "decimal" and found[1].startswith(f"{block[4][0]}."))]


def _follows(before: str, number: str) -> bool:
    """Whether `number` is the one after `before`: the same but for its last part, one more."""
    first, then = re.match(r"^(.*?)(\d+)$", before), re.match(r"^(.*?)(\d+)$", number)
    return bool(first and then and first.group(1) == then.group(1) and int(then.group(2)) == int(first.group(2)) + 1)


def _fill_lead(proposals: list[Proposal], body: str, lead) -> None:
    """The lead of a recommendation read again (a summary's copy, then the full list): the surer reading wins."""
    earlier = next((p for p in proposals if _key(p.text) == _key(body)), None)
    if earlier is not None and lead and lead_agency.firmer(lead.sureness, earlier.lead_sureness):
        earlier.lead_agency, earlier.lead_how, earlier.lead_sureness = lead.agency, lead.how, lead.sureness


def _paragraph_recommendation(paragraph: str, in_section: bool,
                              anywhere: bool = True) -> tuple[str | None, str] | None:
    """(number, text) if the paragraph reads as a recommendation (number None when it has none);
    outside a recommendations section only if `anywhere` or it says it is one ("Recommendation 3")."""
    found = numbered(paragraph)
    if found:
        style, number, body = found
        if style == "bare" and not (in_section and RECOMMENDING.search(body)):
            return None
        if not in_section and HINDSIGHT.search(body):
            return None
        strong = style in ("rec", "r")
        if not (strong or in_section and (RECOMMENDING.search(body) or len(body) > 20)
                or anywhere and RECOMMENDING.search(body) and _recommendation_wording(body)):
            return None
        return number, body
    if paragraph.rstrip().endswith(":"):
        return None  # "The panel recommends:" introduces the list below it
    if UNNUMBERED_START.match(paragraph) or in_section and AGENCY_SHOULD.match(paragraph):
        return None, paragraph
    return None


def _unique_number(number: str, seen_numbers: set[str]) -> str:
    """The number, or number-2, number-3… if it is already taken."""
    original = number
    suffix = 2
    while number.lower() in seen_numbers:
        number = f"{original}-{suffix}"
        suffix += 1
    return number


def _recommendation_wording(body: str) -> bool:
    return bool(UNNUMBERED_START.match(body) or AGENCY_SHOULD.match(body)
                or re.search(r"\b(?:it is recommended|we recommend|recommends)\b", body, re.I))


def _key(text: str) -> str:
    """The words as compared for repeats: spacing, punctuation and hyphens ignored."""
    return re.sub(r"\W+", "", text.lower())[:200]
