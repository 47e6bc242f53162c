"""A review's reports: checking an upload (type by content), reading its text, and the
Document rows that store them."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from dhr.extensions import db

from . import uploads
from .extraction import EXTRACTION_SECONDS, MAX_PDF_PAGES, Limits, extract_text
from .models import Document, Review, User
from .uploads import UploadRefused
from .vocab import DocumentKind

REPORT_TYPES = {"pdf", "docx", "text"}
DEFAULT_REPORT_MAX_BYTES = 10 * 1024 * 1024
REPORT_KINDS = [DocumentKind.OVERVIEW_REPORT, DocumentKind.EXECUTIVE_SUMMARY, DocumentKind.ACTION_PLAN,
                DocumentKind.OTHER]


def report_max_bytes() -> int:
    return int(current_app.config.get("DHR_REPORT_MAX_BYTES", DEFAULT_REPORT_MAX_BYTES))


def extraction_limits() -> Limits:
    config = current_app.config
    return Limits(pdf_pages=int(config.get("DHR_PDF_MAX_PAGES", MAX_PDF_PAGES)),
                  seconds=float(config.get("DHR_EXTRACTION_SECONDS", EXTRACTION_SECONDS)))


@dataclass(frozen=True)
class AddedReport:
    document: Document
    cut_short: str  # what of its text was left out, for the person who uploaded it; or ""


def add_report(review: Review, kind: str, filename: str, content: bytes, user: User | None) -> AddedReport:
    """Check, read and store an uploaded report. Nothing is stored if any step fails.

    The file follows the transaction: it is removed again if the transaction is rolled back."""
    if kind not in set(REPORT_KINDS):
        raise UploadRefused("Choose what kind of document this is")
    upload = uploads.check(filename, content, allowed=REPORT_TYPES, max_bytes=report_max_bytes())
    extracted = extract_text(upload, extraction_limits())
    key = uploads.store_in_transaction(upload)
    document = Document(
        review=review, kind=kind, filename=upload.filename, content_type=upload.content_type,
        size_bytes=len(upload.content), sha256=upload.sha256, storage_key=key,
        extracted_text=extracted.text, uploaded_by=user,
    )
    db.session.add(document)
    db.session.flush()
    return AddedReport(document, extracted.cut_short)


def get_for_review(review: Review, document_id: int) -> Document | None:
    return db.session.scalar(
        select(Document).where(Document.id == document_id, Document.review_id == review.id)
    )


def delete(document: Document) -> None:
    """Delete the row; its file goes once the deletion is committed."""
    uploads.remove_after_commit(document.storage_key)
    db.session.delete(document)
    db.session.flush()
