"""A report's text as paragraphs, in the way it sets out its recommendations: each numbered item
its own paragraph ("1.", "5.1", "R1", "Rec 3", "Recommendation 3", "a)"), with whether it is
within a recommendations section, and the finding and agency headings it is under. Which of the
paragraphs are recommendations is for the proposals reader to say."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import agency_matching, finding_refs, lead_agency, report_agencies, report_layout, report_tables

NUMBER_PATTERNS = [
    ("rec", re.compile(r"^\s*(?:Rec(?:ommendation)?\.?\s*(?:No\.?\s*)?)(\d+(?:\.\d+)*[a-z]?|"
                       r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                       r"sixteen|seventeen|eighteen|nineteen|twenty)\b)\s*[.:)\-–]?\s+(.*)$", re.IGNORECASE)),
    ("no", re.compile(r"^\s*No\.\s*(\d{1,3}(?:\.\d{1,3})*)\s*[.:)\-–]?\s+(.*)$")),
    ("r", re.compile(r"^\s*(R\s?\d+(?:\.\d+)*[a-z]?)\s*[.:)\-–]?\s+(.*)$")),
    ("code", re.compile(r"^\s*([A-Z]{2,5}\d{1,3}(?:\.\d{1,3})*[a-z]?)\s*[.:)\-–]?\s+(.*)$")),  # "WP1", an agency's own
    ("decimal", re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(.*)$")),
    ("integer", re.compile(r"^\s*\(?(\d{1,3})(?:[.):]|\s[-–—])\s+(.*)$")),
    ("letter", re.compile(r"^\s*\(?([a-z])\)\s+(.*)$")),
    ("roman", re.compile(r"^\s*\(?(?=[ivx])(x{0,3}(?:ix|iv|v?i{0,3}))[.)]\s+(.*)$")),
    ("bare", re.compile(r"^\s*(\d{1,3})\s+([A-Z(].*)$")),  # "1 Text", read only under a Recommendations heading
]

NUMBER_ALONE = re.compile(r"^\s*(?:Recommendation|Rec\.?)\s*(?:No\.?\s*)?\d{1,3}(?:\.\d{1,3})*[a-z]?\s*[.:]?\s*$",
                          re.IGNORECASE)
NUMBER_LINE = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.?|R\d{1,3}[.:]?)\s*$")  # "1." alone
NUMBER_FOR = re.compile(r"^\s*((?:Recommendation|Rec\.?)\s*(?:No\.?\s*)?\d{1,3}(?:\.\d{1,3})*[a-z]?)\s*[–—:-]\s*"
                        r"(.{3,90}?)\s*$", re.IGNORECASE)
OPENS_LIST = re.compile(r"\brecommendations\s*(?:are|were|as follows|below)?\s*:\s*$", re.IGNORECASE)
SECTION_END = re.compile(r"\b(?:conclu\w*|appendi\w*|annex\w*|glossary|references|bibliography|terms of reference|"
                         r"chronolog\w*|background|methodology|analysis|findings?|introduction|overview|summary|"
                         r"contents|dissemination|next steps|action plans?|family|acknowledge?ments?|panel|author|"
                         r"equality|statement|lessons|afterword|closing|report|review|publication|notes|endnotes)\b",
                         re.IGNORECASE)
TOP_NUMBER = re.compile(r"^\s*(?:\d{1,2}\.?|[A-Z]\.|Part\s+\w+:?|Section\s+\w+:?)\s+\D", re.IGNORECASE)
MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|\*\*|__)(.*?)(?:\*\*|__)?\s*$")  # markdown's "## Heading", "**Heading**"
BOLD = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")  # markdown's "**Rec 1** – …" within a line
UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,}|_{3,})\s*$")
BULLET = re.compile(r"^\s*[•▪●◦‣∙*]\s+")
SUB_PART = re.compile(r"^\s*\(?(?:[a-z]|[ivx]{1,4})\)\s+")
UNFINISHED = re.compile(r"\b(?:to|of|the|a|an|with|for|in|by|at|on|from|that|is|are|be)$", re.IGNORECASE)
LEADS_ON = re.compile(r"(?:[:;,]|\b(?:and|or))\s*$")
RECOMMENDING = re.compile(
    r"\b(?:it is recommended|we recommend|recommends?|recommendation|should|must|to ensure|will ensure|"
    r"ought to)\b",
    re.IGNORECASE,
)
UNNUMBERED_START = re.compile(r"^\s*(?:It is (?:therefore )?recommended that|We recommend that|The panel recommends)\b",
                              re.IGNORECASE)
AGENCY_SHOULD = re.compile(r"^\s*(?:The |That |All )?[A-Z][\w'’&,. -]{1,80}?\s+(?:should|must)\b")
HEADING_WORDS = re.compile(r"recommendations?\b", re.IGNORECASE)
SECTION_NUMBER = re.compile(r"^\s*(\d{1,2})\.?\s+[A-Za-z]")  # "9. Conclusions", "11  RECOMMENDATIONS"
TITLE_LABEL = re.compile(r"^\s*(?:title|theme|subject|topic|heading)\s*[:–—-]\s*(?=\S)", re.IGNORECASE)


def numbered(line: str) -> tuple[str, str, str] | None:
    for style, pattern in NUMBER_PATTERNS:
        match = pattern.match(line)
        if match:
            number = re.sub(r"\s+", "", match.group(1)) if style == "r" else match.group(1)
            if style == "rec":
                prefix = re.match(r"^\s*(Rec(?:ommendation)?)", line, re.IGNORECASE).group(1).lower()
                number = number if prefix == "recommendation" else f"Rec {number}"
            return style, number, match.group(2).strip()
    return None


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 70 or stripped.endswith((".", ":", ";", ",")) or ";" in stripped:
        return False
    if LEADS_ON.search(stripped) or UNFINISHED.search(stripped) or lead_agency.LEAD_AFTER.match(stripped):
        return False  # a line of a sentence that runs on, not a heading
    words = re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", stripped)
    if not words or RECOMMENDING.search(words) and not HEADING_WORDS.fullmatch(words.strip().split()[-1]):
        return False
    return len(words.split()) <= 8 and words[0].isupper()


@dataclass
class _Reading:
    """What `_paragraphs` knows as it reads down the lines."""
    agencies: list
    defined: dict
    blocks: list[tuple] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    in_section: bool = False
    under_finding: int | None = None
    under_agency: object = None
    own_agency: object = None  # the agency the title of the recommendation being read names, for it alone
    lead_line: str = ""  # its "Lead agency: …" line written above its words, read as if after them
    section: tuple | None = None  # the number of the numbered heading above ("9" of "9. Recommendations"), and where

    def flush(self) -> None:
        if self.current:
            self.blocks.append((" ".join(s.strip() for s in [*self.current, self.lead_line]).strip(), self.in_section,
                                self.under_finding, self.own_agency or self.under_agency, self.section))
            self.current.clear()
        self.own_agency, self.lead_line = None, ""


def paragraphs(text: str, agencies: list = (), defined: dict | None = None) -> list[tuple]:
    """Split text into (paragraph, in_recommendations_section, the finding heading it is under,
    the agency heading it is under, the numbered section it is in), each numbered item its own paragraph."""
    reading = _Reading(list(agencies), defined or {})
    current = reading.current
    lines = [MARKUP.sub(r"\1", BOLD.sub(r"\2", line)) for line in report_layout.dash_items(text).splitlines()
             if not UNDERLINE.match(line)]
    skip_to = 0
    for index, line in enumerate(lines):
        if index < skip_to:
            continue
        if report_tables.is_row(line):
            reading.flush()
            continue  # table rows are read separately
        numbered_above = len(current) == 1 and (NUMBER_ALONE.match(current[0]) or NUMBER_LINE.match(current[0]))
        if not line.strip():
            if not numbered_above:
                reading.flush()
            continue
        used = _heading_read(reading, lines, index)
        if used:
            skip_to = index + used
            continue
        if _sub_part(current, line):
            current.append(line)  # "(a) …; (b) …" are parts of the recommendation they follow
            continue
        if not numbered_above and _starts_paragraph(current, line):
            reading.flush()
        current.append(BULLET.sub("", line))
    reading.flush()
    return reading.blocks


def _heading_read(reading: _Reading, lines: list[str], index: int) -> int:
    """Read lines[index] if it is a heading or a number line; how many lines it took (0: neither)."""
    line = lines[index]
    for_agency = NUMBER_FOR.match(line)  # "Recommendation 3 – Westmoor Police"
    named = for_agency and report_agencies.heading_agency(for_agency.group(2), reading.agencies, reading.defined)
    below = lines[index + 1].strip() if index + 1 < len(lines) else ""
    titled = for_agency and _is_heading(for_agency.group(2)) and below[:1].isupper() and not numbered(below)
    if NUMBER_ALONE.match(line) or named or titled or NUMBER_LINE.match(line):
        reading.flush()  # "Recommendation 3" on a line of its own (or with a title) numbers the paragraph below
        reading.in_section = reading.in_section or not NUMBER_LINE.match(line)
        reading.under_agency = named or reading.under_agency
        reading.current.append(for_agency.group(1) if named or titled else line)
        return 1
    if _title_under_number(reading, lines, index):
        return 1
    runs_on = index + 1 < len(lines) and lines[index + 1][:1].islower()  # a wrapped sentence, not a heading
    if runs_on:
        return 0
    agency, used = _agency_heading(lines, index, reading.current, reading.agencies, reading.defined)
    if agency is not None:
        reading.flush()  # an agency heading within the recommendations: theirs to act on
        reading.under_agency, reading.in_section = agency, reading.in_section or bool(HEADING_WORDS.search(line))
        return used
    if OPENS_LIST.search(line) and len(line.split()) <= 12 and not numbered(line):
        reading.flush()  # "Recommendations:", "The panel makes these recommendations:"
        reading.in_section, reading.under_agency = True, None
        return 1
    if _is_heading(line) and not _numbered_recommendation_like(line):
        reading.flush()
        recommending = bool(HEADING_WORDS.search(line))
        # a sub-heading within the recommendations ("Training") leaves them going; the next part does not
        theme = reading.in_section and not SECTION_END.search(line) and not TOP_NUMBER.match(line)
        # a theme within an agency's recommendations ("Training") leaves them that agency's, unless
        # a recommendation's words name another
        kept = reading.under_agency if theme and not recommending else None
        reading.in_section = recommending or theme
        reading.under_agency = kept and (kept if isinstance(kept, (report_agencies.KindHeading,
                                                                   report_agencies.JointHeading))
                                         else report_agencies.KindHeading(kept))
        # a "Recommendations" heading within a finding's section stays under that finding
        reading.under_finding = finding_refs.heading_number(line) or (
            reading.under_finding if reading.in_section else None)
        top = SECTION_NUMBER.match(line)
        reading.section = (top.group(1), index) if top else reading.section if theme else None
        return 1
    return 0


def _title_under_number(reading: _Reading, lines: list[str], index: int) -> bool:
    """Whether lines[index] is the title of the recommendation whose number stands alone above it
    ("Recommendation 1" / "Title: Risk assessment" / its words): left out of its words, and taken
    as the lead of that recommendation alone when it names an agency; or its "Lead agency: …" line."""
    current, line = reading.current, lines[index]
    if len(current) != 1 or not (NUMBER_ALONE.match(current[0]) or NUMBER_LINE.match(current[0])):
        return False
    below = next((later.strip() for later in lines[index + 1:] if later.strip()), "")
    if not below[:1].isupper() or numbered(below):
        return False
    if report_agencies.LEAD_LABEL.match(line) and len(line) <= 120:
        reading.lead_line = line.strip()
        return True
    if not (TITLE_LABEL.match(line) or _is_heading(line)):
        return False
    reading.own_agency = report_agencies.heading_agency(TITLE_LABEL.sub("", line), reading.agencies, reading.defined)
    return True


def _agency_heading(lines: list[str], index: int, current: list[str], agencies, defined) -> tuple[object, int]:
    """The agency a heading at lines[index] names, and how many lines the heading takes (a long
    name may wrap onto a second); (None, 0) if it is no agency heading or sits inside a sentence."""
    if current and (not current[-1].rstrip().endswith((".", ":", ";", "?", "!", ")"))
                    or report_agencies.LEAD_LABEL.match(lines[index])):
        return None, 0  # inside a sentence, or the "Lead agency: …" of the recommendation above
    after = lines[index + 1] if index + 1 < len(lines) else ""
    joined = f"{lines[index].strip()} {after.strip()}"
    two_lines = bool(after.strip()) and not numbered(after) and not numbered(lines[index])
    if two_lines and agency_matching.exact(joined, agencies):
        return agency_matching.exact(joined, agencies), 2
    if two_lines and len(after.split()) <= 3 and not report_agencies.heading_agency(after, agencies, defined or {}):
        found = report_agencies.heading_agency(joined, agencies, defined or {})  # "…NHS Foundation" / "Trust"
        if found is not None:
            return found, 2
    found = report_agencies.heading_agency(lines[index], agencies, defined or {})
    if found is not None:
        return found, 1
    found = report_agencies.heading_agency(joined, agencies, defined or {}) if two_lines else None
    if found is not None and not report_agencies.heading_agency(after, agencies, defined or {}):
        return found, 2
    return None, 0


def _starts_paragraph(current: list[str], line: str) -> bool:
    """Whether the line begins a paragraph of its own: a numbered item, a bullet point, or a
    sentence such as "It is recommended that…" or "[Agency] should…" after one that ended."""
    if BULLET.match(line) or numbered(line) and not _wrapped(current, line):
        return True
    return bool(current and current[-1].rstrip().endswith((".", ";", ":"))
                and (UNNUMBERED_START.match(line) or AGENCY_SHOULD.match(line)))


def _wrapped(current: list[str], line: str) -> bool:
    """Whether a line starting with a number ("28 days", "4.2 of the policy") is a sentence wrapped onto it."""
    found = numbered(line)
    return bool(found and (found[0] == "bare" or found[0] == "decimal" and found[2][:1].islower()) and current
                and not current[-1].rstrip().endswith((".", ":", ";", "?")))


def _sub_part(current: list[str], line: str) -> bool:
    """Whether the line is a part of the numbered recommendation being read: "(a)" after a line
    that leads on ("…:", "…;", "… and"), or a list restarting at 1 after "…:" (Word's sub-lists),
    continuing while each part leads on to the next and the recommendation's own next number
    has not come."""
    if not current or not LEADS_ON.search(current[-1]):
        return False
    if SUB_PART.match(line) or BULLET.match(line) and numbered(current[0]):
        return True  # "(a)", or a bullet point, of the numbered recommendation above
    head, found = numbered(current[0]), numbered(line)
    if head is None or found is None or found[0] == "letter" and head[0] == "letter":
        return False
    in_parts = any(numbered(earlier) for earlier in current[1:])
    if not in_parts:
        return current[-1].rstrip().endswith(":") and found[1] in ("1", "a", "i")
    return not (head[1].isdigit() and found[1] == str(int(head[1]) + 1))


def _numbered_recommendation_like(line: str) -> bool:
    return bool((found := numbered(line)) and RECOMMENDING.search(found[2]))
