"""Reading an uploaded report's text, which a background job does after the upload: which
documents are still being read (their job not done), and the document a job is to read."""
from __future__ import annotations

from sqlalchemy import select

from dhr.extensions import db

from . import jobs, policy
from .errors import DataError
from .job_models import Job
from .models import Document, Review, User

KIND = "read_report"
NOT_DONE = (*jobs.WAITING_STATES, jobs.FAILED)


def submit(document: Document, user: User) -> Job:
    """Ask a worker to read the document's text, as the person who uploaded it."""
    try:
        return jobs.submit(user, KIND, f"Reading {document.filename}",
                           {"review_id": document.review_id, "document_id": document.id})
    except jobs.JobError as refusal:
        raise jobs.JobError("You already have several reports or downloads being prepared. Wait for one "
                            "to finish, then upload this report again.", field="file") from refusal


def being_read(review: Review) -> dict[int, Job]:
    """The review's documents whose text is not read yet, each with its (waiting or failed) job."""
    found = db.session.scalars(select(Job).where(Job.kind == KIND, Job.state.in_(NOT_DONE)).order_by(Job.id))
    return {job.params["document_id"]: job for job in found
            if job.params.get("review_id") == review.id and "document_id" in job.params}


def job_for(document: Document) -> Job | None:
    return being_read(document.review).get(document.id) if document.review else None


def document_to_read(user: User, params: dict) -> Document:
    """The document a job reads, if it is still there and the person may still change its review."""
    document = db.session.get(Document, params.get("document_id"))
    if document is None or document.review_id != params.get("review_id") or document.review is None:
        raise DataError("The document was deleted before its text could be read")
    if not policy.may_change_review(user, document.review):
        raise DataError("You may no longer change this review, so its report was not read")
    return document
