"""Stored files: a stored file's name is generated and its extension comes from the detected
content, never from the name it was uploaded with (the name shown and downloaded keeps the
person's words but takes the content's extension)."""
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
