"""Text from an uploaded report: PDF (with its tables), DOCX (with its tables) or plain text.

Table rows come out as their cells joined by CELL, after the body text, so the proposals
reader can find the rows of an action-plan table.

What reading may cost is bounded whatever the file: the text kept stops at a number of
characters, and a PDF is read to a number of pages and only while a time budget lasts (checked
between pages). A report cut short says so in `Extracted.cut_short`."""
from __future__ import annotations

import io
import logging
import re
import time
from dataclasses import dataclass

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


def _pdf_pages(content: bytes, limits: Limits, budget: _Budget) -> tuple[list[str], str]:
    """Each page's text, up to the page limit, the budget or the character limit; and why it stopped early."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    pages: list[str] = []
    chars = 0
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadRefused("The PDF is password-protected: upload a copy without a password")
        for number, page in enumerate(reader.pages, start=1):
            if number > limits.pdf_pages:
                return pages, f"only the first {limits.pdf_pages} pages of the PDF were read"
            if pages and budget.spent():
                return pages, f"reading the PDF took too long, so only its {_first(len(pages))} could be read"
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars >= limits.max_chars:
                break
    except UploadRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise UploadRefused("The PDF is damaged and its text cannot be read") from error
    except Exception as error:  # pypdf raises assorted errors on broken files
        log.info("PDF could not be read: %r", error)
        raise UploadRefused("The PDF is damaged and its text cannot be read") from error
    return pages, ""


def _pdf_table_rows(content: bytes, pages: int, max_chars: int, budget: _Budget) -> tuple[list[str], bool]:
    """The rows of the tables on the first `pages` pages, and whether the budget ran out first.
    Pages are opened one at a time (pdfplumber's own page list would open every page first)."""
    import pdfplumber
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    rows: list[str] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            for number, page_object in enumerate(PDFPage.create_pages(pdf.doc), start=1):
                if number > pages or chars >= max_chars:
                    break
                if budget.spent():
                    return rows, True
                page = Page(pdf, page_object, page_number=number)
                try:
                    tables = page.extract_tables()
                finally:
                    page.close()
                for row in (row for table in tables for row in table):
                    cells = [re.sub(r"\s+", " ", c or "").strip() for c in row]
                    if any(cells):
                        rows.append(CELL.join(cells))
                        chars += len(rows[-1])
    except Exception as error:  # tables are a bonus: the text above is what matters
        log.info("PDF tables could not be read: %r", error)
    return rows, False


def _pdf_text(content: bytes, limits: Limits) -> tuple[str, list[str], int]:
    budget = _Budget(limits.seconds)
    pages, stopped = _pdf_pages(content, limits, budget)
    rows, out_of_time = _pdf_table_rows(content, len(pages), limits.max_chars, budget)
    notes = [stopped] if stopped else []
    if out_of_time and "too long" not in stopped:
        notes.append("reading the PDF's tables took too long, so some of them were left out")
    text = "\n".join(pages)
    if rows:
        text += "\n\n[Tables]\n" + "\n".join(rows)
    return text, notes, len(pages)


def _docx_text(content: bytes, limits: Limits) -> tuple[str, list[str]]:
    try:
        text, _ = docx_text(content, limits.max_chars, CELL)
    except (DocxUnreadable, KeyError, ValueError, OSError, EOFError) as error:
        raise UploadRefused("The Word document is damaged and its text cannot be read") from error
    except Exception as error:  # zipfile and lxml raise assorted errors on broken files
        log.info("DOCX could not be read: %r", error)
        raise UploadRefused("The Word document is damaged and its text cannot be read") from error
    return text, []


def extract_text(upload: CheckedUpload, limits: Limits = Limits()) -> Extracted:
    """The text of a checked PDF, DOCX or text file, within `limits`; UploadRefused if it cannot be read."""
    pages = 0
    if upload.kind == "pdf":
        text, notes, pages = _pdf_text(upload.content, limits)
    elif upload.kind == "docx":
        text, notes = _docx_text(upload.content, limits)
    elif upload.kind == "text":
        text, notes = upload.content.decode("utf-8"), []
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
