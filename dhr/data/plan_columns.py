"""The Home Office action-plan columns: their headings in the template's order, the wordings
of each heading seen in real plans, and the rule that says which column a heading names.

Used by the spreadsheet import, the export, the import page's column list and the reading of
action-plan tables inside uploaded reports. A heading names a column when, compared in lower
case with only letters, digits and # kept, it equals a known wording or begins with one (of
more than three characters) followed by other words ("Target date (dd/mm/yyyy)")."""
from __future__ import annotations

import re
from typing import Optional

RECOMMENDATION = "Recommendation"
SCOPE = "Scope (local / regional / national)"
ACTION = "Action to take"
LEAD_AGENCY = "Lead agency"
MILESTONES = "Key milestones achieved"
TARGET_DATE = "Target date"
COMPLETION = "Date of completion and outcome"

NUMBER = "Number"
STATUS = "Status"
FINDINGS = "Finding(s)"  # the numbers of the review's findings a recommendation answers: "2, 4"

# The Home Office action plan template columns, in order.
HOME_OFFICE_COLUMNS = [RECOMMENDATION, SCOPE, ACTION, LEAD_AGENCY, MILESTONES, TARGET_DATE, COMPLETION]
# The blank template to fill in: a heading for every column the import reads, as the service writes it.
TEMPLATE_HEADERS = [NUMBER, *HOME_OFFICE_COLUMNS, STATUS, FINDINGS]
# The export: the template's columns and what a reader of the plan needs besides (which the import ignores).
EXPORT_HEADERS = ["Review", NUMBER, *HOME_OFFICE_COLUMNS, "Supporting agencies", STATUS, FINDINGS, "Overdue"]

# field -> header variants (compared after normalising: lower case, letters and digits only)
HEADER_VARIANTS = {
    "number": ["number", "no", "ref", "reference", "recommendation number", "rec no", "recommendation no", "#", "rec",
               "ref no", "reference number", "rec number", "recommendation ref"],
    "text": ["recommendation", "recommendations", "recommendation text", "recommendation made"],
    "scope": ["scope", "scope local regional national", "local regional national", "level", "local or national"],
    "action": ["action to take", "action", "actions", "actions to take", "action required", "actions required"],
    "lead": ["lead agency", "lead", "agency", "lead organisation", "lead organization", "responsible agency",
             "lead agency responsible", "owner", "addressed to", "responsible", "organisation", "organization",
             "agencies", "lead agencies", "responsible organisation", "responsible organization", "agency responsible",
             "lead organisations", "owner agency", "recommendation addressed to"],
    "milestones": ["key milestones achieved", "key milestones", "milestones", "milestones achieved", "progress"],
    "target": ["target date", "target date for completion", "target completion date", "deadline", "by when",
               "due date", "timescale"],
    "completion": ["date of completion and outcome", "completion date and outcome", "date of completion",
                   "completion date", "outcome", "date completed and outcome"],
    "status": ["status", "rag", "rag status", "current status"],
    "findings": ["finding s", "finding", "findings", "related finding", "related findings", "finding number",
                 "finding numbers", "finding no", "findings answered", "findings addressed", "linked finding",
                 "linked findings", "in response to finding", "in response to findings"],
}


def normalise(text: object) -> str:
    """Lower case, with only letters, digits and # kept, single-spaced."""
    return re.sub(r"[^a-z0-9#]+", " ", str(text or "").lower()).strip()


_VARIANT_LOOKUP = {normalise(v): name for name, variants in HEADER_VARIANTS.items() for v in variants}
_BY_LENGTH = sorted(_VARIANT_LOOKUP, key=len, reverse=True)


def names_exactly(header: object) -> Optional[str]:
    """The field a header names when it is one of the known wordings exactly (case and punctuation aside)."""
    return _VARIANT_LOOKUP.get(normalise(header))


def match_header(header: object) -> Optional[str]:
    """The field a header names, allowing case, punctuation and common wording differences."""
    key = normalise(header)
    if not key:
        return None
    if key in _VARIANT_LOOKUP:
        return _VARIANT_LOOKUP[key]
    # "Target date (dd/mm/yyyy)", "Lead agency *": a known variant followed by extra words
    for variant in _BY_LENGTH:
        if len(variant) > 3 and key.startswith(variant + " "):
            return _VARIANT_LOOKUP[variant]
    return None


def columns_of(header: list[object]) -> dict[str, int]:
    """field -> position of the first heading in the row that names it."""
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = match_header(cell)
        if name and name not in columns:
            columns[name] = position
    return columns
