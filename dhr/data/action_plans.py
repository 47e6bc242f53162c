"""Action plans in the Home Office template columns: importing a spreadsheet into a review
(header variants matched, every row checked, nothing saved unless the whole file is valid)
and exporting rows for a review, an agency or everything."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sqlalchemy import select

from dhr import dates
from dhr.extensions import db

from . import agency_matching, recommendations
from .errors import DataError
from .models import Action, Agency, Recommendation, Review, User
from .plan_columns import EXPORT_HEADERS, HOME_OFFICE_COLUMNS, match_header  # noqa: F401 (the column lists are part of this module's API)
from .plan_columns import normalise as _normalise
from .vocab import SCOPE_LABELS, STATUS_LABELS, Scope, Status

REQUIRED_FIELDS = ("text", "lead")
FIELD_NAMES = {
    "text": "Recommendation",
    "lead": "Lead agency",
}
MAX_ROWS = 2000
MAX_COLUMNS = 50  # the Home Office template has 7; a row is read no further than this


class ImportRefused(DataError):
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
            rows.append(row[:MAX_COLUMNS])
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
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
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


def parse(content: bytes, kind: str, review: Review, user: User | None = None) -> ParsedPlan:
    """Read and check every row (by the same rules as the recommendation form, for `user`);
    saves nothing."""
    table = read_table(content, kind)
    header_index = _header_row(table)
    if header_index < 0:
        raise ImportRefused(
            "The file has no header row naming the Recommendation and Lead agency columns. "
            "Use the Home Office action plan template column headings"
        )
    columns, written, ignored = _columns(table[header_index])
    data_rows = table[header_index + 1:]
    if len(data_rows) > MAX_ROWS:
        raise ImportRefused(f"The file has more than {MAX_ROWS} rows; split it into smaller files")
    checker = _RowChecker(review, list(db.session.scalars(select(Agency).where(Agency.active))), user)
    rows: list[ParsedRow] = []
    for offset, raw in enumerate(data_rows):
        row_number = header_index + 2 + offset  # as the spreadsheet numbers rows
        values = {name: (raw[index] if index < len(raw) else None) for name, index in columns.items()}
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
        rows.append(checker.row(row_number, values))

    problems = [] if rows else ["The file has a header row but no recommendations under it"]
    return ParsedPlan(columns=written, ignored_headers=ignored, rows=rows, problems=problems)


def _columns(header_row: list[object]) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """field -> position, field -> header as written, and the headers that name no field."""
    columns: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    for position, header in enumerate(header_row):
        name = match_header(header)
        if name and name not in columns:
            columns[name] = position
            written[name] = _text(header)
        elif _text(header):
            ignored.append(_text(header))
    return columns, written, ignored


class _RowChecker:
    """Checks each row of one file against the review (numbers taken) and the active agencies."""

    def __init__(self, review: Review, agencies: list[Agency], user: User | None = None):
        self.review = review
        self.agencies = agencies
        self.user = user
        self.existing_numbers = {r.number.lower() for r in review.recommendations}
        self.next_number = len(review.recommendations) + 1
        self.seen_numbers: dict[str, int] = {}

    def row(self, row_number: int, values: dict[str, object]) -> ParsedRow:
        parsed = ParsedRow(row_number=row_number, text=_text(values.get("text")), action=_text(values.get("action")))
        self._number(parsed, _text(values.get("number")).rstrip("."))
        self._scope(parsed, values.get("scope"))
        self._lead(parsed, _text(values.get("lead")))
        parsed.milestones = _text(values.get("milestones"))
        try:
            parsed.target_date = parse_date(values.get("target"))
        except ValueError:
            parsed.errors.append(f"Target date ‘{_text(values.get('target'))}’ is not a date: use day/month/year, "
                                 "for example 31/03/2026")
        parsed.completed_on, parsed.outcome = parse_completion(values.get("completion"))
        self._status(parsed, values.get("status"))
        self._check_as_the_form_does(parsed)
        return parsed

    def _check_as_the_form_does(self, parsed: ParsedRow) -> None:
        """The recommendation form's own checks (number, text, status and outcome), in its order:
        the row's own problems first, then those of its status."""
        found = recommendations.problems(self.review, recommendations.Details(
            number=parsed.number, text=parsed.text, scope=parsed.scope, status=parsed.status,
            outcome=parsed.outcome), user=self.user)
        first = [message for message, field_name in found if field_name not in ("status", "outcome")]
        parsed.errors[:0] = first
        parsed.errors.extend(message for message, field_name in found if field_name in ("status", "outcome"))

    def _number(self, parsed: ParsedRow, number: str) -> None:
        """The row's number, or the next one free; an error if an earlier row has it (the
        form's checks say whether the review already has it)."""
        if not number:
            while str(self.next_number) in self.existing_numbers or str(self.next_number) in self.seen_numbers:
                self.next_number += 1
            number = str(self.next_number)
            self.next_number += 1
        if number.lower() in self.seen_numbers and number.lower() not in self.existing_numbers:
            parsed.errors.append(f"Recommendation {number} is also on row {self.seen_numbers[number.lower()]}")
        self.seen_numbers.setdefault(number.lower(), parsed.row_number)
        parsed.number = number

    @staticmethod
    def _scope(parsed: ParsedRow, value: object) -> None:
        scope_text = _normalise(value)
        if scope_text:
            scope = next((s for s in Scope if scope_text.startswith(s.value)), None)
            if scope is None:
                parsed.errors.append(f"Scope ‘{_text(value)}’ must be local, regional or national")
            else:
                parsed.scope = scope

    def _lead(self, parsed: ParsedRow, lead: str) -> None:
        """The lead agency named exactly (as agency_matching matches names), or an error with a suggestion."""
        parsed.lead_name = lead
        if not lead:
            parsed.errors.append("Enter the lead agency")
            return
        agency = agency_matching.exact(lead, self.agencies)
        if agency is not None:
            parsed.lead_agency_id = agency.id
            parsed.lead_name = agency.name
            return
        suggestion = agency_matching.suggest(lead, [a.name for a in self.agencies])
        message = f"Unknown lead agency ‘{lead}’"
        parsed.errors.append(f"{message}: did you mean ‘{suggestion}’?" if suggestion else
                             f"{message}: ask the partnership coordinator to add it first")

    @staticmethod
    def _status(parsed: ParsedRow, value: object) -> None:
        status_text = _normalise(value)
        if status_text:
            status = _STATUS_LOOKUP.get(status_text)
            if status is None:
                parsed.errors.append(f"Status ‘{_text(value)}’ is not one of the statuses used here")
            else:
                parsed.status = status
        elif parsed.completed_on or parsed.outcome:
            parsed.status = Status.AWAITING_EVIDENCE  # the partnership verifies it deliberately


def save(review: Review, plan: ParsedPlan, user: User | None = None) -> list[Recommendation]:
    """Add every row to the review, through the same checks as the recommendation form.
    Refuses unless the whole plan is valid; the caller commits once."""
    if not plan.valid:
        raise ImportRefused("The file has errors; nothing was saved")
    agencies = {a.id: a for a in db.session.scalars(select(Agency).where(
        Agency.id.in_({r.lead_agency_id for r in plan.rows if r.lead_agency_id})))}
    return recommendations.create_many(review, [recommendations.Details(
        number=row.number, text=row.text, scope=row.scope, action_to_take=row.action,
        lead_agency=agencies.get(row.lead_agency_id), milestones=row.milestones, target_date=row.target_date,
        status=row.status, completed_on=row.completed_on, outcome=row.outcome,
    ) for row in plan.rows], user, agreed=True)


# --- Export ---------------------------------------------------------------------------------

def completion_text(action: Action) -> str:
    parts = []
    if action.completed_on:
        parts.append(dates.numeric_date(action.completed_on))
    if action.outcome:
        parts.append(action.outcome)
    return " – ".join(parts)


def export_rows(recs: Iterable[Recommendation], on: dt.date) -> list[list[object]]:
    """A row per action, as the Home Office template has them: a recommendation with several
    actions fills several rows, each carrying the recommendation's number and text."""
    rows = []
    for rec in recs:
        for action in rec.actions:
            rows.append(
                [
                    rec.review.reference,
                    rec.number,
                    rec.text,
                    SCOPE_LABELS.get(rec.scope, rec.scope),
                    action.text,
                    action.lead_agency.name if action.lead_agency else "",
                    action.milestones,
                    dates.numeric_date(action.target_date),
                    completion_text(action),
                    ", ".join(a.name for a in rec.supporting_agencies),
                    STATUS_LABELS.get(action.status, action.status),
                    "Yes" if action.is_overdue(on) else "No",
                ]
            )
    return rows
