"""Hostile files sent to every upload route: a lying extension, a zip bomb dressed as an Office
file, an Office file of a few hundred kilobytes holding tens of megabytes of XML, an Office file
with macros or a Word document attached to an outside template, a damaged PDF, an empty file, an
oversized file. Each is refused with a GOV.UK error message (never a 500), nothing is stored (no
row, no file left behind), and the form keeps what the person typed."""
from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dhr.data import commit
from dhr.data.models import Document, Recommendation, RecommendationUpdate
from dhr.extensions import db

from . import factories as make
from .factories import PDF
from .helpers import check_page, error_summary

AGENCY = "Northshire Police"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program cannot be run in DOS mode."
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script><img src=x onerror=alert(2)></body></html>"
TRUNCATED_PDF = PDF[: len(PDF) // 2]
MALFORMED_PDF = b"%PDF-1.7\n" + b"\x00\xffnot really a pdf\n" * 50


def zip_bomb(member: str) -> bytes:
    """20 MB of zeros in a few kilobytes, with the part that makes it look like DOCX or XLSX."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, b"0" * (20 * 1024 * 1024))
    return buffer.getvalue()


def rewritten(content: bytes, parts: dict[str, bytes]) -> bytes:
    """An Office file with `parts` added or replaced."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename not in parts:
                out.writestr(info.filename, source.read(info))
        for name, data in parts.items():
            out.writestr(name, data)
    return buffer.getvalue()


def word_document() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Training was delivered to 40 officers.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def spreadsheet() -> bytes:
    from exports import tables

    return tables.to_xlsx(["Recommendation", "Lead agency"], [["Train officers", AGENCY]])


def xml_flood(content: bytes, member: str, element: bytes) -> bytes:
    """A valid Office file with 22 MB of XML in under 300 KB: `element` repeated at the start of
    the member's body compresses 200 to 1, and an incompressible picture brings the whole file to
    under 100 to 1 (the file that took a worker 14.6 s)."""
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        xml = source.read(member)
    body = re.search(rb"<w:body>|<sst[^>]*>", xml).end()
    flooded = xml[:body] + element * (22_000_000 // len(element)) + xml[body:]
    picture = f"{member.split('/')[0]}/media/image1.png"
    return rewritten(content, {member: flooded, picture: random.Random(0).randbytes(180_000)})


WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_ENABLED_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
EXTERNAL_TEMPLATE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'attachedTemplate" Target="https://templates.example.invalid/letter.dotm" TargetMode="External"/>'
    b"</Relationships>")


def with_macros() -> bytes:
    return rewritten(word_document(), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 a VBA project"})


def macro_enabled() -> bytes:
    with zipfile.ZipFile(io.BytesIO(word_document())) as source:
        types = source.read("[Content_Types].xml").replace(WORD_MAIN, MACRO_ENABLED_MAIN)
    return rewritten(word_document(), {"[Content_Types].xml": types})


def with_external_template() -> bytes:
    return rewritten(word_document(), {"word/_rels/settings.xml.rels": EXTERNAL_TEMPLATE})


def truncated_xlsx() -> bytes:
    from exports import tables

    content = tables.to_xlsx(["Recommendation", "Lead agency"], [["Train officers", AGENCY]])
    return content[: len(content) // 2]


# name, content, words the error message must contain
REPORT_FILES = {
    "executable named .pdf": ("report.pdf", EXE, "must be a"),
    "HTML named .pdf": ("report.pdf", HTML, "named as a PDF"),
    "HTML named .docx": ("report.docx", HTML, "named as a Word document"),
    "zip bomb named .docx": ("report.docx", zip_bomb("word/document.xml"), "expands"),
    "22 MB of XML in a small DOCX": ("report.docx", xml_flood(word_document(), "word/document.xml",
                                                              b"<w:p><w:r><w:t>police</w:t></w:r></w:p>"), "expands"),
    "DOCX with macros": ("report.docx", with_macros(), "macros"),
    "macro-enabled DOCX": ("report.docx", macro_enabled(), "macros"),
    "DOCX with an outside template": ("report.docx", with_external_template(), "template"),
    "truncated PDF": ("report.pdf", TRUNCATED_PDF, "damaged"),
    "malformed PDF": ("report.pdf", MALFORMED_PDF, "damaged"),
    "empty file": ("report.pdf", b"", "empty"),
    "oversized file": ("report.txt", b"words " * 100_000, "smaller than"),
}
EVIDENCE_FILES = {
    "executable named .pdf": ("evidence.pdf", EXE, "must be a"),
    "HTML named .docx": ("evidence.docx", HTML, "must be a"),
    "zip bomb named .docx": ("evidence.docx", zip_bomb("word/document.xml"), "expands"),
    "22 MB of XML in a small DOCX": ("evidence.docx", xml_flood(word_document(), "word/document.xml",
                                                                b"<w:p><w:r><w:t>police</w:t></w:r></w:p>"), "expands"),
    "DOCX with macros": ("evidence.docx", with_macros(), "macros"),
    "macro-enabled DOCX": ("evidence.docx", macro_enabled(), "macros"),
    "DOCX with an outside template": ("evidence.docx", with_external_template(), "template"),
    "truncated PDF": ("evidence.pdf", TRUNCATED_PDF, "damaged"),
    "malformed PDF": ("evidence.pdf", MALFORMED_PDF, "damaged"),
    "empty file": ("evidence.pdf", b"", "empty"),
    "oversized file": ("evidence.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "smaller than 10 MB"),
}
IMPORT_FILES = {
    "executable named .xlsx": ("plan.xlsx", EXE, "must be a"),
    "HTML named .xlsx": ("plan.xlsx", HTML, "named as an Excel spreadsheet"),
    "zip bomb named .xlsx": ("plan.xlsx", zip_bomb("xl/workbook.xml"), "expands"),
    "22 MB of XML in a small XLSX": ("plan.xlsx", xml_flood(spreadsheet(), "xl/sharedStrings.xml",
                                                            b"<si><t>Northshire Police</t></si>"), "expands"),
    "XLSX with macros": ("plan.xlsx", rewritten(spreadsheet(), {"xl/vbaProject.bin": b"VBA"}), "macros"),
    "truncated XLSX": ("plan.xlsx", truncated_xlsx(), "damaged"),
    "PDF named .csv": ("plan.csv", PDF, "must be a"),
    "empty file": ("plan.csv", b"", "empty"),
    "HTML named .csv": ("plan.csv", HTML, "no header row"),
    "CSV with a cell over the CSV reader's limit": (
        "plan.csv", b'Recommendation,Lead agency\n"' + b"x" * 200_000 + b'",Northshire Police\n', "could not be read"),
}


def stored_files(app) -> list[Path]:
    directory = Path(app.config["DHR_UPLOAD_DIR"])
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def nothing_stored(app) -> None:
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0
    assert stored_files(app) == []


@pytest.fixture
def chair_review(app, sign_in):
    app.config["DHR_REPORT_MAX_BYTES"] = 512 * 1024
    page, chair = sign_in("chair")
    make.agency(AGENCY)
    review = make.review(chair=chair)
    return page, review


@pytest.fixture
def agency_rec(app, sign_in):
    agency = make.agency(AGENCY)
    review = make.review(panel_agencies=[agency])
    rec = make.recommendation(review, "1", "Train officers on coercive control.", lead=agency)
    page, _ = sign_in("agency", agency_name=AGENCY)
    return page, rec


@pytest.mark.parametrize("case", REPORT_FILES)
def test_review_report_upload_refuses_hostile_files(app, chair_review, case):
    page, review = chair_review
    name, content, message = REPORT_FILES[case]
    soup = page.post(f"/reviews/{review.id}/documents/new",
                     data={"kind": "executive_summary", "file": (io.BytesIO(content), name)},
                     content_type="multipart/form-data")
    messages = error_summary(soup)
    assert len(messages) == 1 and message in messages[0], messages
    assert soup.select_one(".govuk-error-summary a")["href"] == "#file"
    assert soup.select_one("input[name=kind][value=executive_summary]").has_attr("checked")  # kept
    nothing_stored(app)


@pytest.mark.parametrize("case", EVIDENCE_FILES)
def test_agency_evidence_upload_refuses_hostile_files(app, agency_rec, case):
    page, rec = agency_rec
    name, content, message = EVIDENCE_FILES[case]
    soup = page.post(f"/our-recommendations/{rec.id}",
                     data={"narrative": "Training delivered to 40 officers.", "proposed_status": "at_risk",
                           "evidence": [(io.BytesIO(PDF), "register.pdf"), (io.BytesIO(content), name)]},
                     content_type="multipart/form-data")
    messages = error_summary(soup)
    assert len(messages) == 1 and message in messages[0], messages
    assert soup.select_one("textarea[name=narrative]").get_text() == "Training delivered to 40 officers."
    assert soup.select_one("input[name=proposed_status][value=at_risk]").has_attr("checked")
    assert db.session.scalar(select(func.count()).select_from(RecommendationUpdate)) == 0
    nothing_stored(app)  # not even the good file sent with it


def test_evidence_upload_still_works(app, agency_rec):
    page, rec = agency_rec
    page.post(f"/our-recommendations/{rec.id}",
              data={"narrative": "Done.", "proposed_status": "on_track", "evidence": [(io.BytesIO(PDF), "r.pdf")]},
              content_type="multipart/form-data", expected_status=302)
    assert len(stored_files(app)) == 1


@pytest.mark.parametrize("case", IMPORT_FILES)
def test_action_plan_import_refuses_hostile_files(app, sign_in, case):
    page, chair = sign_in("chair")
    make.agency(AGENCY)
    review = make.review(chair=chair)  # a chair imports into the reviews they chair
    name, content, message = IMPORT_FILES[case]
    soup = page.post(f"/recommendations/reviews/{review.id}/import",
                     data={"spreadsheet": (io.BytesIO(content), name)}, content_type="multipart/form-data")
    messages = error_summary(soup)
    assert len(messages) == 1 and message in messages[0], messages
    assert soup.select_one("input[type=file][name=spreadsheet]") is not None  # the form, ready to try again
    assert db.session.scalar(select(func.count()).select_from(Recommendation)) == 0
    nothing_stored(app)
    # And nothing is waiting to be confirmed.
    response = page.client.post(f"/recommendations/reviews/{review.id}/import/confirm", data={})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Recommendation)) == 0


@pytest.mark.parametrize("route", ["report", "evidence", "import"])
def test_a_request_over_the_size_limit_gets_a_plain_page(app, sign_in, route):
    app.config["MAX_CONTENT_LENGTH"] = 256 * 1024
    agency = make.agency(AGENCY)
    review = make.review(panel_agencies=[agency])
    rec = make.recommendation(review, "1", "Train officers.", lead=agency)
    big = (io.BytesIO(b"%PDF-1.4\n" + b"0" * (300 * 1024)), "big.pdf")
    if route == "report":
        page, user = sign_in("chair")
        review.chair = user
        commit()
        url, data = f"/reviews/{review.id}/documents/new", {"kind": "other", "file": big}
    elif route == "evidence":
        page, _ = sign_in("agency", agency_name=AGENCY)
        url, data = f"/our-recommendations/{rec.id}", {"narrative": "x", "proposed_status": "on_track",
                                                        "evidence": [big]}
    else:
        page, user = sign_in("chair")
        review.chair = user
        commit()
        url, data = f"/recommendations/reviews/{review.id}/import", {"spreadsheet": big}
    response = page.client.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    soup = check_page(response.get_data(as_text=True))
    assert soup.h1.get_text(strip=True) == "The file is too large"
    nothing_stored(app)
    assert db.session.scalar(select(func.count()).select_from(RecommendationUpdate)) == 0
