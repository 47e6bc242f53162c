"""Action plans in the Home Office template columns: importing a spreadsheet into a review
(header variants matched, every row checked, nothing saved unless the whole file is valid)
and exporting rows for a review, an agency or everything."""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sqlalchemy import func, select

from dhr import dates
from dhr.extensions import db

from .models import Agency, Recommendation, Review
from .vocab import SCOPE_LABELS, STATUS_LABELS, Scope, Status

# The Home Office action plan template columns, in order.
HOME_OFFICE_COLUMNS = [
    "Recommendation",
    "Scope (local / regional / national)",
    "Action to take",
    "Lead agency",
    "Key milestones achieved",
    "Target date",
    "Date of completion and outcome",
]
EXPORT_HEADERS = ["Review", "Number", *HOME_OFFICE_COLUMNS, "Supporting agencies", "Status", "Overdue"]

# field -> header variants (compared after normalising: lower case, letters and digits only)
HEADER_VARIANTS = {
    "number": ["number", "no", "ref", "reference", "recommendation number", "rec no", "recommendation no", "#"],
    "text": ["recommendation", "recommendations", "recommendation text", "recommendation made"],
    "scope": ["scope", "scope local regional national", "local regional national", "level", "local or national"],
    "action": ["action to take", "action", "actions", "actions to take", "action required", "actions required"],
    "lead": ["lead agency", "lead", "agency", "lead organisation", "lead organization", "responsible agency",
             "lead agency responsible", "owner"],
    "milestones": ["key milestones achieved", "key milestones", "milestones", "milestones achieved", "progress"],
    "target": ["target date", "target date for completion", "target completion date", "deadline", "by when",
               "due date", "timescale"],
    "completion": ["date of completion and outcome", "completion date and outcome", "date of completion",
                   "completion date", "outcome", "date completed and outcome"],
    "status": ["status", "rag", "rag status", "current status"],
}
REQUIRED_FIELDS = ("text", "lead")
FIELD_NAMES = {
    "text": "Recommendation",
    "lead": "Lead agency",
}
MAX_ROWS = 2000


def _normalise(text: object) -> str:
    return re.sub(r"[^a-z0-9#]+", " ", str(text or "").lower()).strip()


_VARIANT_LOOKUP = {_normalise(v): name for name, variants in HEADER_VARIANTS.items() for v in variants}


def match_header(header: object) -> Optional[str]:
    """The field a header names, allowing case, punctuation and common wording differences."""
    key = _normalise(header)
    if not key:
        return None
    if key in _VARIANT_LOOKUP:
        return _VARIANT_LOOKUP[key]
    # "Target date (dd/mm/yyyy)", "Lead agency *": a known variant followed by extra words
    for variant in sorted(_VARIANT_LOOKUP, key=len, reverse=True):
        if len(variant) > 3 and key.startswith(variant + " "):
            return _VARIANT_LOOKUP[variant]
    return None


class ImportRefused(ValueError):
    """The file as a whole cannot be read as an action plan."""


@dataclass
class ParsedRow:
    row_number: int
    number: str = ""
    text: str = ""
    scope: str = Scope.LOCAL
    action: str = ""
    lead_name: str = ""
    lead_agency_id: Optional[int] = None
    milestones: str = ""
    target_date: Optional[dt.date] = None
    completed_on: Optional[dt.date] = None
    outcome: str = ""
    status: str = Status.NOT_STARTED
    errors: list[str] = field(default_factory=list)
    extra_actions: list[int] = field(default_factory=list)  # continuation rows merged into this one


@dataclass
class ParsedPlan:
    columns: dict[str, str]  # field -> header as written in the file
    ignored_headers: list[str]
    rows: list[ParsedRow]
    problems: list[str]  # file-level problems

    @property
    def error_count(self) -> int:
        return len(self.problems) + sum(len(r.errors) for r in self.rows)

    @property
    def valid(self) -> bool:
        return self.error_count == 0 and bool(self.rows)


# --- Reading the file -----------------------------------------------------------------------

def _read_csv(content: bytes) -> list[list[object]]:
    text = content.decode("utf-8-sig", errors="replace").replace("\x00", "")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            rows.append(row)
            if len(rows) > MAX_ROWS + 50:
                break
    except csv.Error as error:
        raise ImportRefused("The file could not be read as CSV. Save it again as CSV (comma separated) "
                            "or XLSX and retry") from error
    return rows


def _read_xlsx(content: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise ImportRefused("The spreadsheet could not be opened. Save it again as XLSX and retry") from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + 50:
                break
        return rows
    finally:
        workbook.close()


def read_table(content: bytes, kind: str) -> list[list[object]]:
    if kind == "xlsx":
        return _read_xlsx(content)
    return _read_csv(content)


def _header_row(table: list[list[object]]) -> int:
    """The first row (of the first 15) naming the required columns: templates often have a title above."""
    for index, row in enumerate(table[:15]):
        found = {match_header(cell) for cell in row}
        if all(name in found for name in REQUIRED_FIELDS):
            return index
    return -1


def parse_date(value: object) -> Optional[dt.date]:
    """A date from a cell (see `dates.parse_date`); None for blank; ValueError if not a date.
    Month-only dates ("March 2026") mean the last day of that month; years 2000 to 2100."""
    return dates.parse_date(value, month_only="last", years=(2000, 2100))


_LEADING_DATE = re.compile(
    r"^\s*(?:completed?(?: on)?\s*:?\s*)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}(?:st|nd|rd|th)? [A-Za-z]+ \d{4})\s*[-–—:,;]?\s*",
    re.IGNORECASE,
)


def parse_completion(value: object) -> tuple[Optional[dt.date], str]:
    """'12/03/2025 – training delivered' -> (date, 'training delivered'); the date is optional."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, (dt.date, dt.datetime)):
        return parse_date(value), ""
    text = str(value).strip()
    match = _LEADING_DATE.match(text)
    if match:
        try:
            return parse_date(match.group(1)), text[match.end():].strip()
        except ValueError:
            pass
    return None, text


_STATUS_LOOKUP = {_normalise(label): status for status, label in STATUS_LABELS.items()}
_STATUS_LOOKUP.update({_normalise(s.value.replace("_", " ")): s for s in Status})
_STATUS_LOOKUP.update({"complete": Status.AWAITING_EVIDENCE, "completed": Status.AWAITING_EVIDENCE,
                       "in progress": Status.ON_TRACK, "on track": Status.ON_TRACK, "at risk": Status.AT_RISK,
                       "verified": Status.VERIFIED, "partial": Status.PARTIAL})


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def suggest_agency(name: str, agency_names: Iterable[str]) -> Optional[str]:
    names = list(agency_names)
    lowered = {n.lower(): n for n in names}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.5)
    if close:
        return lowered[close[0]]
    # "Police" for "Northshire Police": a name contained in a known one
    contained = [n for n in names if name.lower() in n.lower() or n.lower() in name.lower()]
    return contained[0] if len(contained) == 1 else None


def parse(content: bytes, kind: str, review: Review) -> ParsedPlan:
    """Read and check every row; saves nothing."""
    table = read_table(content, kind)
    header_index = _header_row(table)
    if header_index < 0:
        raise ImportRefused(
            "The file has no header row naming the Recommendation and Lead agency columns. "
            "Use the Home Office action plan template column headings"
        )
    columns: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    for position, header in enumerate(table[header_index]):
        name = match_header(header)
        if name and name not in columns:
            columns[name] = position
            written[name] = _text(header)
        elif _text(header):
            ignored.append(_text(header))

    agencies = list(db.session.scalars(select(Agency).where(Agency.active)))
    by_lower = {a.name.lower(): a for a in agencies}
    existing_numbers = {r.number.lower() for r in review.recommendations}
    next_number = len(review.recommendations) + 1
    seen_numbers: dict[str, int] = {}

    def cell(row: list[object], name: str) -> object:
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else None

    rows: list[ParsedRow] = []
    problems: list[str] = []
    data_rows = table[header_index + 1:]
    if len(data_rows) > MAX_ROWS:
        raise ImportRefused(f"The file has more than {MAX_ROWS} rows; split it into smaller files")
    for offset, raw in enumerate(data_rows):
        row_number = header_index + 2 + offset  # as the spreadsheet numbers rows
        values = {name: cell(raw, name) for name in columns}
        if all(_text(v) == "" for v in values.values()):
            continue
        text = _text(values.get("text"))
        action = _text(values.get("action"))
        if not text and action and rows and not any(_text(values.get(n)) for n in ("number", "lead")):
            # a further action for the recommendation above (one recommendation, several actions)
            previous = rows[-1]
            previous.action = f"{previous.action}\n{action}".strip()
            previous.extra_actions.append(row_number)
            continue
        parsed = ParsedRow(row_number=row_number, text=text, action=action)
        if not text:
            parsed.errors.append("Enter the recommendation text")

        number = _text(values.get("number")).rstrip(".")
        if not number:
            while str(next_number) in existing_numbers or str(next_number) in seen_numbers:
                next_number += 1
            number = str(next_number)
            next_number += 1
        if len(number) > 20:
            parsed.errors.append("Recommendation number must be 20 characters or fewer")
        elif number.lower() in existing_numbers:
            parsed.errors.append(f"Recommendation {number} already exists in this review")
        elif number.lower() in seen_numbers:
            parsed.errors.append(f"Recommendation {number} is also on row {seen_numbers[number.lower()]}")
        seen_numbers.setdefault(number.lower(), row_number)
        parsed.number = number

        scope_text = _normalise(values.get("scope"))
        if scope_text:
            scope = next((s for s in Scope if scope_text.startswith(s.value)), None)
            if scope is None:
                parsed.errors.append(f"Scope ‘{_text(values.get('scope'))}’ must be local, regional or national")
            else:
                parsed.scope = scope

        lead = _text(values.get("lead"))
        parsed.lead_name = lead
        if not lead:
            parsed.errors.append("Enter the lead agency")
        elif lead.lower() in by_lower:
            parsed.lead_agency_id = by_lower[lead.lower()].id
            parsed.lead_name = by_lower[lead.lower()].name
        else:
            suggestion = suggest_agency(lead, [a.name for a in agencies])
            message = f"Unknown lead agency ‘{lead}’"
            parsed.errors.append(f"{message}: did you mean ‘{suggestion}’?" if suggestion else
                                 f"{message}: ask the partnership coordinator to add it first")

        parsed.milestones = _text(values.get("milestones"))
        try:
            parsed.target_date = parse_date(values.get("target"))
        except ValueError:
            parsed.errors.append(f"Target date ‘{_text(values.get('target'))}’ is not a date: use day/month/year, "
                                 "for example 31/03/2026")
        parsed.completed_on, parsed.outcome = parse_completion(values.get("completion"))

        status_text = _normalise(values.get("status"))
        if status_text:
            status = _STATUS_LOOKUP.get(status_text)
            if status is None:
                parsed.errors.append(f"Status ‘{_text(values.get('status'))}’ is not one of the statuses used here")
            else:
                parsed.status = status
        elif parsed.completed_on or parsed.outcome:
            parsed.status = Status.AWAITING_EVIDENCE  # the partnership verifies it deliberately
        rows.append(parsed)

    if not rows:
        problems.append("The file has a header row but no recommendations under it")
    return ParsedPlan(columns=written, ignored_headers=ignored, rows=rows, problems=problems)


def save(review: Review, plan: ParsedPlan) -> list[Recommendation]:
    """Add every row to the review. Refuses unless the whole plan is valid; the caller commits once."""
    if not plan.valid:
        raise ImportRefused("The file has errors; nothing was saved")
    position = max((r.position for r in review.recommendations), default=0)
    created = []
    for row in plan.rows:
        position += 1
        rec = Recommendation(
            review=review,
            number=row.number,
            position=position,
            text=row.text,
            scope=row.scope,
            action_to_take=row.action,
            lead_agency_id=row.lead_agency_id,
            milestones=row.milestones,
            target_date=row.target_date,
            status=row.status,
            completed_on=row.completed_on,
            outcome=row.outcome,
        )
        db.session.add(rec)
        created.append(rec)
    db.session.flush()
    return created


# --- Export ---------------------------------------------------------------------------------

def completion_text(rec: Recommendation) -> str:
    parts = []
    if rec.completed_on:
        parts.append(dates.numeric_date(rec.completed_on))
    if rec.outcome:
        parts.append(rec.outcome)
    return " – ".join(parts)


def export_rows(recs: Iterable[Recommendation], on: dt.date) -> list[list[object]]:
    rows = []
    for rec in recs:
        rows.append(
            [
                rec.review.reference,
                rec.number,
                rec.text,
                SCOPE_LABELS.get(rec.scope, rec.scope),
                rec.action_to_take,
                rec.lead_agency.name if rec.lead_agency else "",
                rec.milestones,
                dates.numeric_date(rec.target_date),
                completion_text(rec),
                ", ".join(a.name for a in rec.supporting_agencies),
                STATUS_LABELS.get(rec.status, rec.status),
                "Yes" if rec.is_overdue(on) else "No",
            ]
        )
    return rows


def review_for_import(review_id: int) -> Optional[Review]:
    return db.session.get(Review, review_id)


def count_for_review(review_id: int) -> int:
    return db.session.scalar(select(func.count(Recommendation.id)).where(Recommendation.review_id == review_id)) or 0
