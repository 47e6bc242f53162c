"""Download responses the areas share: stored uploads, generated PDFs and action-plan
spreadsheets (safe against formula injection). Every download is an attachment with a file
name of plain characters (or, for an upload, the person's name with its content's extension),
never sniffed, and never kept by the browser: what is downloaded is often restricted."""
from __future__ import annotations

import datetime as dt
import re

from flask import Response, abort, make_response, send_file

from dhr.data import action_plans, audit, uploads
from dhr.data.models import Document
from exports import tables

SPREADSHEET_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_file_name(name: str, fallback: str) -> str:
    """Only plain characters go into a Content-Disposition header (a reference may carry others)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or fallback


def _not_kept(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def attachment(content: bytes, content_type: str, name: str, extension: str) -> Response:
    """A generated file, downloaded as `name`.`extension`."""
    response = make_response(content)
    response.headers["Content-Type"] = content_type
    response.headers["Content-Disposition"] = f'attachment; filename="{safe_file_name(name, "download")}.{extension}"'
    return _not_kept(response)


def stored_file(document: Document) -> Response:
    """A stored upload (404 if its file is missing), named as uploaded but with its content's
    extension (files stored before names were given one keep theirs only if it is right)."""
    try:
        path = uploads.path_of(document.storage_key)
    except uploads.UploadRefused:
        abort(404)
    if not path.exists():
        abort(404)
    kind = uploads.kind_of_content_type(document.content_type)
    name = uploads.named_for(document.filename, kind) if kind else document.filename
    return _not_kept(send_file(path, mimetype=document.content_type, as_attachment=True, download_name=name))


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
    return attachment(content, SPREADSHEET_TYPES[fmt], f"{safe_file_name(name, 'recommendations')}-{on:%Y-%m-%d}", fmt)


def prepared_file(job) -> Response:
    """A file a worker prepared for the person who asked (see dhr.data.jobs)."""
    name, _, extension = job.filename.rpartition(".")
    return attachment(job.content or b"", job.content_type, name or job.filename, extension or "bin")


def blank_action_plan(fmt: str):
    """The blank template to fill in: a heading for every column the import reads."""
    if fmt not in SPREADSHEET_TYPES:
        abort(404)
    headers = action_plans.TEMPLATE_HEADERS
    content = tables.to_csv(headers, []) if fmt == "csv" else tables.to_xlsx(headers, [], sheet_name="Action plan")
    return attachment(content, SPREADSHEET_TYPES[fmt], "action-plan-template", fmt)
