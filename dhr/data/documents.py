"""A review's reports: checking an upload (type by content) and storing it as a Document row,
and reading its text afterwards (in a background job: dhr.data.reading)."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from dhr.extensions import db

from . import uploads
from .errors import DataError
from .extraction import EXTRACTION_SECONDS, MAX_PDF_PAGES, Extracted, Limits, extract_text
from .models import Document, Review, User
from .uploads import UploadRefused
from .vocab import DocumentKind

REPORT_TYPES = {"pdf", "docx", "text"}
DEFAULT_REPORT_MAX_BYTES = 10 * 1024 * 1024
REPORT_KINDS = [DocumentKind.OVERVIEW_REPORT, DocumentKind.EXECUTIVE_SUMMARY, DocumentKind.ACTION_PLAN,
                DocumentKind.TERMS_OF_REFERENCE, DocumentKind.OTHER]


def report_max_bytes() -> int:
    return int(current_app.config.get("DHR_REPORT_MAX_BYTES", DEFAULT_REPORT_MAX_BYTES))


def extraction_limits() -> Limits:
    config = current_app.config
    return Limits(pdf_pages=int(config.get("DHR_PDF_MAX_PAGES", MAX_PDF_PAGES)),
                  seconds=float(config.get("DHR_EXTRACTION_SECONDS", EXTRACTION_SECONDS)))


def add_report(review: Review, kind: str, filename: str, content: bytes, user: User | None,
               kinds: tuple[str, ...] = tuple(REPORT_KINDS)) -> Document:
    """Check and store an uploaded report, its text not yet read (see `read_text`). Nothing is
    stored if a check fails; the file is removed again if the transaction is rolled back.

    The checks are the cheap ones (size, type by content, an Office file's expansion and active
    content, a PDF that cannot even be opened), so that a bad file is refused before it is kept."""
    if kind not in set(kinds):
        raise UploadRefused("Choose what kind of document this is")
    upload = uploads.check(filename, content, allowed=REPORT_TYPES, max_bytes=report_max_bytes())
    uploads.ensure_readable(upload)
    key = uploads.store_in_transaction(upload)
    document = Document(
        review=review, kind=kind, filename=upload.filename, content_type=upload.content_type,
        size_bytes=len(upload.content), sha256=upload.sha256, storage_key=key, extracted_text="",
        uploaded_by=user,
    )
    db.session.add(document)
    db.session.flush()
    return document


def read_text(document: Document) -> Extracted:
    """Read the stored file's text (within the configured limits) onto the document, where search
    and the publication check find it; UploadRefused in plain words if it cannot be read."""
    kind = uploads.kind_of_content_type(document.content_type)
    try:
        content = uploads.path_of(document.storage_key).read_bytes()
    except FileNotFoundError as error:
        raise DataError("The stored file is missing: delete this document and upload it again") from error
    extracted = extract_text(uploads.CheckedUpload(document.filename, kind or "", content), extraction_limits())
    document.extracted_text = extracted.text
    db.session.flush()
    return extracted


def get_for_review(review: Review, document_id: int) -> Document | None:
    return db.session.scalar(
        select(Document).where(Document.id == document_id, Document.review_id == review.id)
    )


def delete(document: Document) -> None:
    """Delete the row; its file goes once the deletion is committed."""
    uploads.remove_after_commit(document.storage_key)
    db.session.delete(document)
    db.session.flush()
