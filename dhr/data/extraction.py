"""Text from an uploaded report: PDF (with its tables), DOCX (with its tables) or plain text.

Table rows come out as their cells joined by CELL, after the body text, so the proposals
reader can find the rows of an action-plan table.

What reading may cost is bounded whatever the file: the text kept stops at a number of
characters, and a PDF is read to a number of pages and only while a time budget lasts (checked
between pages). A report cut short says so in `Extracted.cut_short`."""
from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass

from . import pdf_columns, report_layout
from .docx_text import DocxUnreadable, docx_text
from .uploads import CheckedUpload, UploadRefused

log = logging.getLogger(__name__)

CELL = " | "  # how table cells are joined in the extracted text
MAX_TEXT_CHARS = 500_000
MAX_PDF_PAGES = 300
EXTRACTION_SECONDS = 10.0


@dataclass(frozen=True)
class Limits:
    max_chars: int = MAX_TEXT_CHARS
    pdf_pages: int = MAX_PDF_PAGES
    seconds: float = EXTRACTION_SECONDS


@dataclass(frozen=True)
class Extracted:
    text: str
    cut_short: str = ""  # for the person who uploaded it: what was left out, or ""
    pages: int = 0  # of a PDF, the pages read
    notes: tuple[str, ...] = ()  # the parts of cut_short: each thing left out


class _Budget:
    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds

    def spent(self) -> bool:
        return time.monotonic() >= self.deadline


def _first(pages: int) -> str:
    return "first page" if pages == 1 else f"first {pages} pages"


def _pdf_opened(content: bytes):
    """The PDF's pypdf reader (for its page count), UploadRefused if it is locked or damaged."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadRefused("The PDF is password-protected: upload a copy without a password")
        len(reader.pages)
        return reader
    except UploadRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise UploadRefused("The PDF is damaged and its text cannot be read") from error
    except Exception as error:  # pypdf raises assorted errors on broken files
        log.info("PDF could not be read: %r", error)
        raise UploadRefused("The PDF is damaged and its text cannot be read") from error


def _page_content(page) -> tuple[str, list[list[str]]]:
    """A pdfplumber page's text outside its tables, and its tables' rows (cells on one line each)."""
    from .report_tables import header_columns

    upright = [edge for edge in page.edges if edge["orientation"] == "v"]
    # A row cut by the page's end has no bottom rule: close the table where its column rules end.
    closing = ({"explicit_horizontal_lines": [min(e["top"] for e in upright), max(e["bottom"] for e in upright)]}
               if upright else None)
    tables = page.find_tables(closing)
    rows: list[list[str] | None] = []
    for table in tables:
        rows.append(None)
        rows += [[report_layout.cell_text(cell) for cell in row] for row in table.extract() if any(row)]
    boxes = [table.bbox for table in tables]
    unruled = None if tables else pdf_columns.find(page, header_columns)
    if unruled:
        rows += [None, *unruled[0]]
        boxes.append(unruled[1])
    outside = page
    for box in boxes:
        outside = outside.outside_bbox(box, strict=False)
    return outside.extract_text() or "", rows


def _pdf_pages(content: bytes, limits: Limits, budget: _Budget) -> tuple[list[str], list[list[list[str]]], str]:
    """Each page's text and tables, up to the page limit, the budget or the character limit; and
    why it stopped early. Pages are opened one at a time (pdfplumber's page list opens them all)."""
    import pdfplumber
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    reader = _pdf_opened(content)
    texts: list[str] = []
    tables: list[list[list[str]]] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            for number, page_object in enumerate(PDFPage.create_pages(pdf.doc), start=1):
                if number > limits.pdf_pages:
                    return texts, tables, f"only the first {limits.pdf_pages} pages of the PDF were read"
                if texts and budget.spent():
                    return texts, tables, (f"reading the PDF took too long, so only its {_first(len(texts))} "
                                           "could be read")
                page = Page(pdf, page_object, page_number=number)
                try:
                    text, rows = _page_content(page)
                finally:
                    page.close()
                texts.append(text)
                tables.append(rows)
                chars += len(text) + sum(len(c) for row in rows if row for c in row)
                if chars >= limits.max_chars:
                    break
    except Exception as error:  # pdfminer raises assorted errors: fall back on pypdf's plain text
        log.info("PDF layout could not be read: %r", error)
        return _plain_pages(reader, limits), [], ""
    return texts, tables, ""


def _plain_pages(reader, limits: Limits) -> list[str]:
    try:
        return [page.extract_text() or "" for page in reader.pages[:limits.pdf_pages]]
    except Exception as error:
        log.info("PDF could not be read: %r", error)
        raise UploadRefused("The PDF is damaged and its text cannot be read") from error


def _table_lines(rows: list[list[str] | None]) -> list[str]:
    """Rows as lines of cells joined by CELL; each table (a None before it) set off by a blank line."""
    return ["" if row is None else CELL.join(row) for row in rows]


def _pdf_text(content: bytes, limits: Limits) -> tuple[str, list[str], int]:
    budget = _Budget(limits.seconds)
    texts, tables, stopped = _pdf_pages(content, limits, budget)
    notes = [stopped] if stopped else []
    pages = report_layout.strip_page_furniture(texts)
    parts = []
    for text, rows in zip(pages, tables + [[]] * (len(pages) - len(tables)), strict=False):
        parts.append(report_layout.rejoin_hyphenated(text))
        if rows:
            parts += _table_lines(rows) + [""]
    return "\n".join(parts), notes, len(pages)


def _docx_text(content: bytes, limits: Limits) -> tuple[str, list[str]]:
    try:
        text, _ = docx_text(content, limits.max_chars, CELL)
    except (DocxUnreadable, KeyError, ValueError, OSError, EOFError) as error:
        raise UploadRefused("The Word document is damaged and its text cannot be read") from error
    except Exception as error:  # zipfile and lxml raise assorted errors on broken files
        log.info("DOCX could not be read: %r", error)
        raise UploadRefused("The Word document is damaged and its text cannot be read") from error
    return text, []


def _plain_text(text: str) -> str:
    """A text file's text, without the page furniture of a report saved as text (report_layout.
    text_pages), with words broken at line ends joined again and tables typed as columns read as rows."""
    pages = report_layout.strip_page_furniture(report_layout.text_pages(text.replace("\r\n", "\n")))
    return report_layout.aligned_tables(report_layout.rejoin_hyphenated(report_layout.join_pages(pages)), CELL)


def extract_text(upload: CheckedUpload, limits: Limits = Limits()) -> Extracted:
    """The text of a checked PDF, DOCX or text file, within `limits`; UploadRefused if it cannot be read."""
    pages = 0
    if upload.kind == "pdf":
        text, notes, pages = _pdf_text(upload.content, limits)
    elif upload.kind == "docx":
        text, notes = _docx_text(upload.content, limits)
    elif upload.kind == "text":
        text, notes = _plain_text(upload.content.decode("utf-8-sig")), []  # without a byte-order mark
    else:
        raise UploadRefused("The selected file must be a PDF, a Word document (DOCX) or plain text")
    text = text.replace("\x00", "").replace("\r\n", "\n").strip()
    if len(text) > limits.max_chars:
        text = text[:limits.max_chars]
        notes.append(f"only the first {limits.max_chars:,} characters of its text were kept")
    if not notes:
        return Extracted(text, pages=pages)
    return Extracted(text, f"The report was saved, but {' and '.join(notes)}: search and the recommendations "
                           "proposed from it cover only that part.", pages, tuple(notes))


NO_TEXT = "No text could be found in the file (a scanned image?), so no draft recommendations were found."


def no_text_found(extracted: Extracted) -> bool:
    """Whether the file gave no text to read (a scan without a text layer, say): then NO_TEXT is said."""
    return not extracted.text.strip()
