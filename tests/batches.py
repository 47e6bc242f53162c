"""Making the files of a bulk import for tests: action plans as small XLSX files (openpyxl's
write-only mode, fast enough for dozens), Word reports, and ZIP files of them, hostile ones too."""
from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

from dhr.data.plan_columns import TEMPLATE_HEADERS


def plan_rows(reference: str, count: int, lead: str, *, first: int = 1) -> list[list[object]]:
    """`count` recommendations in the template's columns, an action each, worded after the review."""
    return [[str(n), f"Agencies in {reference} should ask about coercive control at every contact ({n}).", "Local",
             f"Brief every team on recommendation {n} of {reference}.", lead, "", f"31/03/{2026 + n % 3}", "",
             "Not started", ""] for n in range(first, first + count)]


def xlsx(rows: list[list[object]], title: str = "", headers=TEMPLATE_HEADERS) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    if title:
        sheet.append([title])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zipped(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
