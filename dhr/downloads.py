"""Download responses the areas share: action-plan spreadsheets, safe against formula
injection, with a file name of plain characters only."""
from __future__ import annotations

import datetime as dt
import re

from flask import abort, make_response

from dhr.data import action_plans, audit
from exports import tables

SPREADSHEET_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_file_name(name: str, fallback: str) -> str:
    """Only plain characters go into a Content-Disposition header (a reference may carry others)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or fallback


def action_plan_spreadsheet(recs: list, name: str, fmt: str, on: dt.date):
    """An action plan export in the Home Office columns; the export is audited."""
    if fmt not in SPREADSHEET_TYPES:
        abort(404)
    data = action_plans.export_rows(recs, on)
    if fmt == "csv":
        content = tables.to_csv(action_plans.EXPORT_HEADERS, data)
    else:
        content = tables.to_xlsx(action_plans.EXPORT_HEADERS, data, sheet_name="Action plan")
    audit.record("export", "recommendation", None, what=name, format=fmt, rows=len(data))
    response = make_response(content)
    response.headers["Content-Type"] = SPREADSHEET_TYPES[fmt]
    filename = f"{safe_file_name(name, 'recommendations')}-{on:%Y-%m-%d}.{fmt}"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
