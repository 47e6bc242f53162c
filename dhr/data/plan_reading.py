"""Reading an action-plan spreadsheet's cells: the file as a table (CSV or XLSX, no further
than MAX_ROWS rows and MAX_COLUMNS columns), its header row, and the text, dates, completion
and status written in its cells.

A cell the service's own export neutralised against formula injection (an apostrophe before
=, +, -, @) reads back as the text it was, so an exported plan imports as it was exported."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Optional

from dhr import dates

from .errors import DataError
from .plan_columns import match_header
from .plan_columns import normalise as _normalise
from .vocab import STATUS_LABELS, Status

REQUIRED_FIELDS = ("text", "lead")
MAX_ROWS = 2000
MAX_COLUMNS = 50  # the Home Office template has 7; a row is read no further than this
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


class ImportRefused(DataError):
    """The file as a whole cannot be read as an action plan."""


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
        if not workbook.worksheets:
            raise ImportRefused("The spreadsheet has no sheets")
        rows = []
        for values in workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + 50:
                break
        return rows
    except ImportRefused:
        raise
    except Exception as error:  # a damaged sheet inside a readable archive
        raise ImportRefused("The spreadsheet could not be read. Save it again as XLSX and retry") from error
    finally:
        workbook.close()


def read_table(content: bytes, kind: str) -> list[list[object]]:
    if kind == "xlsx":
        return _read_xlsx(content)
    return _read_csv(content)


def header_row(table: list[list[object]]) -> int:
    """The first row (of the first 15) naming the required columns: templates often have a title above."""
    for index, row in enumerate(table[:15]):
        found = {match_header(cell) for cell in row}
        if all(name in found for name in REQUIRED_FIELDS):
            return index
    return -1


def columns(header: list[object]) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """field -> position, field -> header as written, and the headers that name no field."""
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    for position, cell in enumerate(header):
        name = match_header(cell)
        if name and name not in positions:
            positions[name] = position
            written[name] = text_of(cell)
        elif text_of(cell):
            ignored.append(text_of(cell))
    return positions, written, ignored


def text_of(value: object) -> str:
    """A cell's text, stripped, with Windows line ends made plain and the export's
    formula-neutralising apostrophe taken off."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _NEUTRALISED.sub("", str(value).replace("\r\n", "\n").strip())


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
    text = text_of(value)
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


def status_of(value: object) -> Optional[str]:
    """The status a cell names (its label, its value, or a common wording); None if none."""
    return _STATUS_LOOKUP.get(_normalise(value))
