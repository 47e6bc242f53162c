"""Stored files and their downloads: a stored file's name is generated and its extension comes
from the detected content, never from the name it was uploaded with (the name shown and
downloaded keeps the person's words but takes the content's extension); every download of a
stored or generated file tells the browser not to keep a copy."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from dhr.data.models import Document
from dhr.extensions import db

from . import factories as make
from .factories import PDF

AGENCY = "Northshire Police"


def post_evidence(page, rec, content: bytes, name: str) -> Document:
    page.post(f"/our-recommendations/{rec.id}",
              data={"narrative": "Training delivered.", "proposed_status": "on_track",
                    "evidence": [(io.BytesIO(content), name)]},
              content_type="multipart/form-data", expected_status=302)
    return db.session.scalar(select(Document).where(Document.update_id.is_not(None)))


@pytest.fixture
def agency_rec(sign_in):
    agency = make.agency(AGENCY)
    review = make.review(panel_agencies=[agency])
    rec = make.recommendation(review, "1", "Train officers on coercive control.", lead=agency)
    page, _ = sign_in("agency", agency_name=AGENCY)
    return page, rec


@pytest.mark.parametrize("name, stored_as", [
    ("register.exe", "register.pdf"),
    ("register.pdf.html", "register.pdf.pdf"),
    ("register", "register.pdf"),
    ("Register.PDF", "Register.pdf"),
])
def test_evidence_takes_its_extension_from_its_content(agency_rec, name, stored_as):
    page, rec = agency_rec
    document = post_evidence(page, rec, PDF, name)
    assert document.filename == stored_as
    assert document.storage_key.endswith(".pdf") and name.split(".")[0] not in document.storage_key
    response = page.client.get(f"/recommendations/evidence/{document.id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f"attachment; filename={stored_as}"


def test_a_report_named_as_a_web_page_is_stored_and_downloaded_as_text(sign_in):
    page, chair = sign_in("chair")
    review = make.review(chair=chair)
    page_file = (io.BytesIO(b"<script>alert(1)</script>"), "notes.html")
    response = page.client.post(f"/reviews/{review.id}/documents/new", data={"kind": "other", "file": page_file},
                                content_type="multipart/form-data")
    assert response.status_code == 302
    document = db.session.scalar(select(Document))
    assert document.filename == "notes.txt" and document.storage_key.endswith(".txt")
    download = page.client.get(f"/reviews/{review.id}/documents/{document.id}")
    assert download.headers["Content-Disposition"] == "attachment; filename=notes.txt"
    assert download.mimetype == "text/plain"


def test_a_file_stored_under_its_uploaded_name_downloads_with_its_contents_extension(route_world, client):
    route_world.evidence.filename = "register.exe"  # as files were named before their content named them
    db.session.commit()
    client.post("/sign-in", data={"email": route_world.users["admin"].email, "password": make.TEST_PASSWORD})
    response = client.get(f"/recommendations/evidence/{route_world.evidence.id}")
    assert response.headers["Content-Disposition"] == "attachment; filename=register.pdf"


def test_downloads_of_stored_files_are_not_kept_by_the_browser(route_world, client):
    client.post("/sign-in", data={"email": route_world.users["chair"].email, "password": make.TEST_PASSWORD})
    for url in (f"/reviews/{route_world.review.id}/documents/{route_world.document.id}",
                f"/recommendations/evidence/{route_world.evidence.id}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["Content-Disposition"].startswith("attachment"), url


def test_generated_pdfs_and_spreadsheets_are_not_kept_by_the_browser(route_world, client):
    client.post("/sign-in", data={"email": route_world.users["admin"].email, "password": make.TEST_PASSWORD})
    review = route_world.review.id
    for url in (f"/reports/reviews/{review}/summary.pdf", f"/reports/reviews/{review}/action-plan.pdf",
                f"/recommendations/reviews/{review}/export.csv", f"/recommendations/reviews/{review}/export.xlsx",
                "/reports/exports/reviews.csv", "/reports/exports/reviews.xlsx"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["Content-Disposition"].startswith("attachment"), url
