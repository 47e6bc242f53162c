"""Reading an uploaded report in the background: its text (within the extraction limits) is
stored on the document, where search and the publication check find it, and the draft
recommendations in it are counted; the job then leads on to the proposals page."""
from __future__ import annotations

from flask import url_for

from dhr.background import Prepared, job_kind
from dhr.data import documents, reading
from dhr.data.extraction import NO_TEXT, Extracted, no_text_found
from dhr.data.proposals import propose
from dhr.wording import counted

STEPS = 3


def _what_was_read(extracted: Extracted) -> str:
    pages = f"{counted(extracted.pages, 'page')}, " if extracted.pages else ""
    return f"{pages}{counted(len(extracted.text), 'character')}"


def _note(extracted: Extracted, found: int) -> str:
    if no_text_found(extracted):
        return NO_TEXT
    summary = f"Read {_what_was_read(extracted)}: {counted(found, 'draft recommendation')} found."
    if extracted.notes:
        summary += f" Only part of it was read: {' and '.join(extracted.notes)}."
    return summary


@job_kind(reading.KIND)
def read_report_job(user, params: dict, progress) -> Prepared:
    """Runs as the chair who uploaded the report, who must still be allowed to change the review."""
    document = reading.document_to_read(user, params)
    progress(1, STEPS, f"Reading the text of {document.filename}")
    extracted = documents.read_text(document)
    progress(2, STEPS, f"Finding draft recommendations in {_what_was_read(extracted)} of text")
    found = len(propose(extracted.text)) if extracted.text else 0
    return Prepared(None, result_url=url_for("reviews.proposals", review_id=document.review_id,
                                             document_id=document.id), note=_note(extracted, found))
