"""Text from an uploaded report: PDF (with its tables), DOCX (with its tables) or plain text.

Table rows come out as their cells joined by CELL, after the body text, so the proposals
reader can find the rows of an action-plan table."""
from __future__ import annotations

import io
import logging
import re

from .uploads import CheckedUpload, UploadRefused

log = logging.getLogger(__name__)

CELL = " | "  # how table cells are joined in the extracted text


def _pdf_text(content: bytes) -> str:
    import pdfplumber
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadRefused("The PDF is password-protected: upload a copy without a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UploadRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise UploadRefused("The PDF is damaged and its text cannot be read") from error
    except Exception as error:  # pypdf raises assorted errors on broken files
        log.info("PDF could not be read: %r", error)
        raise UploadRefused("The PDF is damaged and its text cannot be read") from error
    rows: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            for page in pdf.pages:
                for table in page.extract_tables():
                    for row in table:
                        cells = [re.sub(r"\s+", " ", c or "").strip() for c in row]
                        if any(cells):
                            rows.append(CELL.join(cells))
    except Exception as error:  # tables are a bonus: the text above is what matters
        log.info("PDF tables could not be read: %r", error)
    text = "\n".join(pages)
    if rows:
        text += "\n\n[Tables]\n" + "\n".join(rows)
    return text


def _docx_text(content: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise UploadRefused("The Word document is damaged and its text cannot be read") from error
    except Exception as error:
        log.info("DOCX could not be read: %r", error)
        raise UploadRefused("The Word document is damaged and its text cannot be read") from error
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.append("")
        for row in table.rows:
            cells = [re.sub(r"\s+", " ", cell.text).strip() for cell in row.cells]
            lines.append(CELL.join(cells))
    return "\n".join(lines)


def extract_text(upload: CheckedUpload) -> str:
    """The text of a checked PDF, DOCX or text file; UploadRefused if it cannot be read."""
    if upload.kind == "pdf":
        text = _pdf_text(upload.content)
    elif upload.kind == "docx":
        text = _docx_text(upload.content)
    elif upload.kind == "text":
        text = upload.content.decode("utf-8")
    else:
        raise UploadRefused("The selected file must be a PDF, a Word document (DOCX) or plain text")
    return text.replace("\x00", "").replace("\r\n", "\n").strip()
