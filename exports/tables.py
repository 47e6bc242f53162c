"""Writing rows as CSV or XLSX, safe to open in a spreadsheet program.

A cell that starts with =, +, -, @ (or a tab or carriage return) would be run as a formula;
such text is prefixed with an apostrophe so that it is shown, not executed."""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, Iterable, Sequence

import xlsxwriter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return neutralise(value) if isinstance(value, str) else value


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def to_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet_name: str = "Sheet1") -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    for column, header in enumerate(headers):
        sheet.write_string(0, column, str(header), bold)
        sheet.set_column(column, column, 30 if column else 16)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            value = _cell(value)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(row_number, column, value, wrap)
            else:
                sheet.write_string(row_number, column, str(value), wrap)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()
