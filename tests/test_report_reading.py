"""An uploaded report is read in the background: the upload stores it and leads to the progress of
the job that reads it (as the chair who uploaded it), whose Continue opens the draft
recommendations; until then the review lists the document as being read, and a report that
cannot be read fails in plain words, stays downloadable and can be tried again."""
from __future__ import annotations

import io

from dhr import background
from dhr.data import jobs, reading, uploads
from dhr.data.job_models import Job
from dhr.data.models import Document, Review
from dhr.extensions import db
from search import indexing, query

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import PageClient, check_page, error_summary
from .test_extraction import build_pdf, continue_from_reading, report_lines, upload


def _signed_in(app, user) -> PageClient:
    client = app.test_client()
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    return PageClient(client)


def _fresh(model, row_id: int):
    db.session.expire_all()
    return db.session.get(model, row_id)


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _queued_reading(chair, review, filename="overview.pdf", content=make.PDF) -> tuple[Document, Job]:
    """A report stored but not yet read: its job waits for a worker that never comes."""
    document = make.document(review=review, content=content, filename=filename, uploaded_by=chair)
    job = make.job(chair, reading.KIND, state="queued", title=f"Reading {document.filename}",
                   params={"review_id": review.id, "document_id": document.id})
    return document, job


def test_a_pdf_is_read_by_a_job_and_continue_leads_to_its_proposals(sign_in):
    make.agency("Northshire Police", "police")
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    response = upload(pages, review, build_pdf(report_lines("decimal")), "overview.pdf")
    job = db.session.scalar(db.select(Job))
    assert response.headers["Location"] == f"/downloads/{job.id}"
    assert (job.kind, job.user_id, job.state) == (reading.KIND, chair.id, jobs.DONE)
    proposals_url, progress_page = continue_from_reading(pages, response)
    assert "Read 1 page" in progress_page.select_one("main [role=status]").get_text()
    assert "3 draft recommendations found" in progress_page.get_text()
    document = db.session.scalar(db.select(Document))
    assert "stalking training" in document.extracted_text
    soup = pages.get(proposals_url)
    assert [i["value"] for i in soup.select("input[id$=-number]")] == ["5.1", "5.2", "P1"]
    review_page = pages.get(f"/reviews/{review.id}")
    assert "Being read" not in review_page.get_text() and "Could not be read" not in review_page.get_text()


def test_a_report_with_no_text_says_so_and_leads_to_adding_recommendations_by_hand(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    proposals_url, progress_page = continue_from_reading(pages, upload(pages, review, make.PDF, "scan.pdf"))
    assert "No text could be found in the file (a scanned image?)" in progress_page.get_text()
    soup = pages.get(proposals_url)
    assert "No recommendations were recognised" in soup.get_text()
    assert soup.find("a", string="add recommendations by hand")


def test_the_text_read_is_searchable(app):
    chair = make.chair()
    review = make.review(chair=chair, published=True)
    indexing.rebuild()
    pages = _signed_in(app, chair)
    continue_from_reading(pages, upload(pages, review, build_pdf(["Overview report", "The okapi lesson."])))
    document = db.session.scalar(db.select(Document))
    assert [h.key for h in query.run(make.trainer(), "okapi").hits] == [f"document:{document.id}"]


def test_the_text_read_is_seen_by_the_publication_check(app):
    chair = make.chair()
    review = make.review(chair=chair, published=True)
    report = build_pdf(["Overview report", "Adult A was born on 12 March 1985 in Leeds."])
    _, job = _queued_reading(chair, review, content=report)
    assert not _fresh(Review, review.id).publication_held  # stored, but its text not read yet
    background.run(job.id)
    assert _fresh(Job, job.id).state == jobs.DONE
    assert _fresh(Review, review.id).publication_held  # the date of birth is flagged once the text is read


def test_a_report_that_cannot_be_read_fails_plainly_stays_and_can_be_tried_again(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    locked = _encrypted_pdf()
    response = upload(pages, review, locked, "locked.pdf")
    job = db.session.scalar(db.select(Job))
    assert response.headers["Location"] == f"/downloads/{job.id}"
    soup = pages.get(f"/downloads/{job.id}")
    assert "The PDF is password-protected: upload a copy without a password" in soup.get_text()
    assert soup.select_one(f"form[action='/downloads/{job.id}/retry'] button").get_text(strip=True) == "Try again"
    document = db.session.scalar(db.select(Document))
    download = pages.client.get(f"/reviews/{review.id}/documents/{document.id}")
    assert download.status_code == 200 and download.data == locked  # the document stays
    review_page = pages.get(f"/reviews/{review.id}")
    assert "Could not be read" in review_page.get_text()
    assert review_page.find("a", href=f"/downloads/{job.id}").get_text(" ", strip=True).startswith(
        "See why and try again")
    proposals = pages.get(f"/reviews/{review.id}/documents/{document.id}/proposals")
    assert "could not be read" in proposals.get_text() and "password-protected" in proposals.get_text()
    assert not proposals.select("input[id$=-number]")
    assert pages.client.post(f"/downloads/{job.id}/retry").status_code == 302
    retried = _fresh(Job, job.id)
    assert retried.state == jobs.FAILED and retried.attempts == 1  # handed over at once, and failed again


def test_a_job_left_waiting_shows_the_document_as_being_read(app):
    chair = make.chair()
    review = make.review(chair=chair)
    document, job = _queued_reading(chair, review)
    pages = _signed_in(app, chair)
    soup = pages.get(f"/reviews/{review.id}")
    item = soup.find("a", string="overview.pdf").find_parent("li")
    assert "Being read" in item.get_text()
    assert item.find("a", href=f"/downloads/{job.id}").get_text(" ", strip=True).startswith("See progress")
    proposals = pages.get(f"/reviews/{review.id}/documents/{document.id}/proposals")
    assert "This document is still being read" in proposals.get_text()
    assert proposals.find("a", href=f"/downloads/{job.id}")
    # The coordinator sees that it is being read, but the job is the chair's own.
    coordinator_pages = _signed_in(app, make.user("admin"))
    item = coordinator_pages.get(f"/reviews/{review.id}").find("a", string="overview.pdf").find_parent("li")
    assert "Being read" in item.get_text() and not item.find("a", href=f"/downloads/{job.id}")
    background.run(job.id)
    assert _fresh(Job, job.id).state == jobs.DONE
    assert "Being read" not in pages.get(f"/reviews/{review.id}").get_text()


def test_another_chair_cannot_see_or_continue_the_job(app):
    chair, other = make.chair(), make.chair()
    review = make.review(chair=chair)
    document, job = _queued_reading(chair, review)
    other_pages = _signed_in(app, other)
    other_pages.get(f"/downloads/{job.id}", expected_status=404)
    other_pages.get(f"/downloads/{job.id}/progress.json", expected_status=404)
    assert other_pages.client.post(f"/downloads/{job.id}/retry").status_code == 404
    assert other_pages.client.get(f"/reviews/{review.id}/documents/{document.id}/proposals").status_code in (403, 404)


def test_the_job_asks_the_access_policy_again_as_the_chair(app):
    chair = make.chair()
    review = make.review(chair=chair)
    _, job = _queued_reading(chair, review)
    review.chair = make.chair()  # the review passed to another chair before the worker got to it
    db.session.commit()
    background.run(job.id)
    failed = _fresh(Job, job.id)
    assert failed.state == jobs.FAILED
    assert failed.error == "You may no longer change this review, so its report was not read"


def test_a_document_deleted_before_it_was_read_fails_plainly(app):
    chair = make.chair()
    review = make.review(chair=chair)
    document, job = _queued_reading(chair, review)
    db.session.delete(document)
    db.session.commit()
    background.run(job.id)
    assert _fresh(Job, job.id).error == "The document was deleted before its text could be read"


def test_an_upload_while_the_chair_has_too_much_waiting_is_refused_and_nothing_is_stored(app):
    chair = make.chair()
    review = make.review(chair=chair)
    for _ in range(jobs.MAX_WAITING_PER_USER):
        make.job(chair, state="queued")
    pages = _signed_in(app, chair)
    response = upload(pages, review, build_pdf(report_lines("decimal")), "overview.pdf")
    soup = check_page(response.get_data(as_text=True))
    assert response.status_code == 200
    assert error_summary(soup) == ["You already have several reports or downloads being prepared. Wait for one "
                                   "to finish, then upload this report again."]
    assert soup.select_one("#file-error")
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0
    assert not uploads.upload_dir().exists() or list(uploads.upload_dir().iterdir()) == []
