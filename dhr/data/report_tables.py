"""Recommendations read from the tables in a report's text, as extraction writes them: a row a
line, its cells joined by " | " (CELL), each table set off by a blank line; or a text table as
people type one, markdown's `| a | b |` rows and `|---|` rules included.

A table's heading row names its columns by the action plan's wordings (plan_columns), the lead
column written "Lead agency", "Addressed to", "Owner", "Responsible", "Organisation" or "Agency".
A table with a recommendation column is read, whether it has a lead or action column or only a
number column beside it. A table without a heading row continues the one before with as many
columns (a table running on to the next page). A row with no number of its own continues the
recommendation above (a row split by a page break, or cells merged down)."""
from __future__ import annotations

import re

from . import finding_refs, lead_agency, plan_columns, report_agencies
from .extraction import CELL
from .vocab import Scope

HEADING_ROWS = 3  # a table's heading row may come under a title row or two
RULE = re.compile(r"^[\s|:\-–—+=]+$")
TABLE_NUMBER = re.compile(r"^\s*(?:Recommendation\s+(?:No\.?\s*)?)?((?:R\s?|Rec\.?\s*)?\d{1,3}(?:\.\d{1,3})*[a-z]?)"
                          r"[.):]?\s+(.*)$", re.IGNORECASE)


def is_row(line: str) -> bool:
    """Whether a line of extracted text is a table row."""
    stripped = line.strip()
    return CELL in line or stripped.count("|") >= 2


def _cells(line: str, markdown: bool) -> list[str]:
    stripped = line.strip()
    if markdown and stripped.startswith("|"):
        stripped = stripped[1:]
        stripped = stripped[:-1] if stripped.endswith("|") else stripped
        return [c.strip() for c in stripped.split("|")]
    return [c.strip() for c in line.split(CELL.strip())]


def _table(lines: list[str]) -> list[list[str]]:
    """A block of row lines as rows of cells: a markdown table's outer bars are not cells. A
    markdown table's rows start at a bar (indented, with a `|---|` rule); a row as extraction
    writes it with an empty first cell starts " | " instead, in a table whose heading row does not."""
    markdown = lines[0].startswith("|") or (lines[0].lstrip().startswith("|")
                                            and any(RULE.match(line) and "-" in line for line in lines))
    return [_cells(line, markdown) for line in lines if not RULE.match(line)]


def tables(text: str) -> list[list[list[str]]]:
    """The tables in the text, each a list of rows of cells (rules left out)."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if is_row(line):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [rows for rows in (_table(block) for block in blocks if block) if rows]


def header_columns(row: list[str]) -> dict[str, int] | None:
    """The columns a heading row names; None if the row is not a heading row of a recommendations table."""
    columns = plan_columns.columns_of(row)
    if "text" not in columns and {"number", "action", "lead"} <= set(columns):
        columns["text"] = columns.pop("action")  # "Ref | Action | Owner": the actions are the recommendations
    if "text" not in columns or not {"lead", "action", "number"} & set(columns):
        return None
    if any(TABLE_NUMBER.match(cell) for cell in row):
        return None
    return columns


def from_tables(text: str, agencies: list, proposal_type, defined: dict | None = None) -> list:
    """A proposal for each recommendation in the text's tables, in order (`defined`: the report's
    abbreviations of agency names). A row naming only an agency heads the rows below it."""
    proposals: list = []
    found = tables(text)
    known = {"agencies": agencies, "aliases": lead_agency.remembered() if found else {}, "defined": defined or {},
             "group": None}
    columns: dict[str, int] | None = None
    width = 0
    last = None  # the recommendation being read, which a row on the next page may continue
    for table in found:
        start = next((i for i, row in enumerate(table[:HEADING_ROWS]) if header_columns(row)), None)
        if start is not None:
            columns, width, start = header_columns(table[start]), len(table[start]), start + 1
        elif columns is None or len(table[0]) != width:
            columns, last = None, None
            continue
        else:
            start = 0
        if start:
            known["group"] = None
        for place, row in enumerate(table[start:]):
            if header_columns(row):
                continue  # a heading row repeated on a later page
            group = _group_agency(row, known)
            if group is not None:
                known["group"], last = group, None
                continue
            last = _row(row, columns, known, proposal_type, last, proposals, page_top=place == 0)
    return [p for p in proposals if p.text]


def _group_agency(row: list[str], known: dict):
    """The agency a row names in its only filled cell (a heading row of an agency-grouped table)."""
    filled = [cell for cell in row if cell.strip()]
    if len(set(filled)) != 1:
        return None
    return report_agencies.heading_agency(filled[0], known["agencies"], known["defined"])


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index] if index is not None and index < len(row) else ""


def _row(row, columns, known, proposal_type, last, proposals, page_top: bool = False):
    """Read one row into `proposals`; the proposal it belongs to (new, or the one it continues).
    A row at the top of a table running on from the page before continues every cell of it."""
    body, number = _cell(row, columns, "text"), _cell(row, columns, "number").rstrip(".)").strip()
    if not number:
        found = TABLE_NUMBER.match(body)
        if found:
            number, body = re.sub(r"\s+", " ", found.group(1)), found.group(2).strip()
    if not number and "number" not in columns and _starts_recommendation(body, last, page_top):
        number = str(len(proposals) + 1)  # a table without numbers: each row its own, counted in order
    if last is not None and (not number or number == last.number):
        if body and body != last.text and not last.text.endswith(body):
            last.text = f"{last.text} {body}".strip()
        known["written"] = f"{known.get('written', '')} {_cell(row, columns, 'lead')}".strip()
        if last.lead_agency is None:
            _lead_again(last, known["written"], known)  # "Hospital" / "Trust" wrapped in the lead cell
        for name, field in (("action", "action_to_take"), ("milestones", "milestones")):
            more = _cell(row, columns, name) if page_top and not number else ""
            if more:
                setattr(last, field, f"{getattr(last, field)} {more}".strip())
        return last
    if not number:
        return last
    # a number whose words are on the next page (its row cut by the page's end) is kept for them
    proposal = _proposal(row, columns, known, proposal_type, number, body)
    known["written"] = _cell(row, columns, "lead")
    proposals.append(proposal)
    return proposal


def _starts_recommendation(body: str, last, page_top: bool) -> bool:
    """Whether a row of a table without a number column starts a recommendation: it has words,
    not those of the row above (cells merged down), nor their end carried over to the next page."""
    if not body or last is None:
        return bool(body)
    if body == last.text or last.text.endswith(body):
        return False
    return not (page_top and (body[:1].islower() or not last.text.rstrip().endswith((".", ";", ":", "?", "!", ")"))))


def _lead_again(proposal, written: str, known) -> None:
    """The lead of a recommendation whose row went on to the next page, from the rest of it."""
    lead = _lead(written, proposal.text, known)
    if lead:
        proposal.lead_agency, proposal.lead_how, proposal.lead_sureness = lead.agency, lead.how, lead.sureness


def _proposal(row, columns, known, proposal_type, number: str, body: str):
    from .proposals import parse_date

    scope_text = _cell(row, columns, "scope").lower()
    scope = next((s.value for s in Scope if s.value in scope_text), Scope.LOCAL)
    written = _cell(row, columns, "lead")  # a lead column's word is final, even naming no known agency
    lead = _lead(written, body, known)
    return proposal_type(
        number=number[:20], text=body, lead_agency=lead.agency if lead else None, lead_how=lead.how if lead else "",
        lead_sureness=lead.sureness if lead else "",
        scope=scope, action_to_take=_cell(row, columns, "action"), milestones=_cell(row, columns, "milestones"),
        target_date=parse_date(_cell(row, columns, "target")), source="table",
        findings=finding_refs.cell_numbers(_cell(row, columns, "findings")) or finding_refs.named_in(body),
    )


def _lead(written: str, body: str, known: dict):
    """From the lead column if the table has one, else the agency heading the rows, else the words."""
    if written:
        return lead_agency.from_column(written, known["agencies"], known["aliases"], known["defined"])
    if known["group"] is not None:
        return lead_agency.under_heading(known["group"], body, known["agencies"], known["defined"])
    return lead_agency.from_text(body, known["agencies"], known["defined"])
