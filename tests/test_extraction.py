"""Report uploads: text extraction from PDF, DOCX and text reports the tests build themselves,
and the draft recommendations proposed from each numbering style."""
from __future__ import annotations

import html
import io

import pytest

from dhr.data import documents, extraction, proposals, uploads
from dhr.data.models import Document, Recommendation
from dhr.data.uploads import CheckedUpload, UploadRefused
from dhr.extensions import db

from . import factories as make
from .helpers import error_summary

STYLES = {
    "integer": ["1. Northshire Police should review its stalking training.",
                "2. GPs should ask routinely about domestic abuse."],
    "decimal": ["5.1 Northshire Police should review its stalking training.",
                "5.2 GPs should ask routinely about domestic abuse."],
    "deep": ["21.10.1 Northshire Police should review its stalking training.",
             "21.10.2 GPs should ask routinely about domestic abuse."],
    "r": ["R1 Northshire Police should review its stalking training.",
          "R2 GPs should ask routinely about domestic abuse."],
    "rec": ["Rec 3 Northshire Police should review its stalking training.",
            "Rec 4 GPs should ask routinely about domestic abuse."],
    "letter": ["a) Northshire Police should review its stalking training.",
               "b) GPs should ask routinely about domestic abuse."],
}
EXPECTED_NUMBERS = {
    "integer": ["1", "2"], "decimal": ["5.1", "5.2"], "deep": ["21.10.1", "21.10.2"],
    "r": ["R1", "R2"], "rec": ["Rec 3", "Rec 4"], "letter": ["a", "b"],
}
INTRO = [
    "Overview report",
    "1.1 This review concerns Adult A. The police attended on 12 March 2019.",
    "1.2 The panel met six times.",
    "Recommendations",
]


def report_lines(style: str) -> list[str]:
    return [*INTRO, *STYLES[style], "It is recommended that the Home Office publishes guidance on coercive control."]


def build_pdf(lines: list[str], table: list[list[str]] | None = None) -> bytes:
    from weasyprint import HTML

    body = "".join(
        f"<h2>{html.escape(line)}</h2>" if line in ("Overview report", "Recommendations")
        else f"<p>{html.escape(line)}</p>"
        for line in lines
    )
    if table:
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table)
        body += f"<table>{rows}</table>"
    style = "body{font-family: sans-serif} td{border:1px solid black; padding:2px} table{border-collapse:collapse}"
    page = f"<html><head><style>{style}</style></head><body>{body}</body></html>"
    return HTML(string=page).write_pdf()


def build_docx(lines: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        if line in ("Overview report", "Recommendations"):
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_text(lines: list[str], table=None) -> bytes:
    text = "\n\n".join(lines)
    if table:
        text += "\n\n" + "\n".join(" | ".join(row) for row in table)
    return text.encode()


BUILDERS = {"pdf": build_pdf, "docx": build_docx, "text": build_text}


@pytest.fixture
def police_and_icb(app):
    police = make.agency("Northshire Police", "police")
    icb = make.agency("Birmingham and Solihull ICB", "primary_care")
    home_office = make.agency("Home Office", "national")
    return police, icb, home_office


@pytest.mark.parametrize("kind", ["pdf", "docx", "text"])
@pytest.mark.parametrize("style", list(STYLES))
def test_proposals_in_each_numbering_style_and_format(police_and_icb, kind, style):
    police, icb, home_office = police_and_icb
    content = BUILDERS[kind](report_lines(style))
    upload = uploads.check(f"report.{kind}", content, allowed=documents.REPORT_TYPES)
    assert upload.kind == kind
    text = extraction.extract_text(upload).text
    assert "stalking training" in text
    found = proposals.propose(text)
    assert [p.number for p in found] == [*EXPECTED_NUMBERS[style], "P1"]
    assert [p.lead_agency for p in found] == [police, icb, home_office]
    assert found[0].text == "Northshire Police should review its stalking training."
    assert found[2].text.startswith("It is recommended that the Home Office")
    assert found[2].scope == "national"


ACTION_PLAN = [
    ["Recommendation", "Scope", "Action to take", "Lead agency", "Key milestones", "Target date"],
    ["1 Police should audit stalking referrals", "Local", "Audit 50 cases", "Northshire Police",
     "Audit complete", "31/03/2026"],
    ["2 Primary care should adopt routine enquiry", "Regional", "Train GPs", "ICB", "Training delivered",
     "30/09/2026"],
]


@pytest.mark.parametrize("kind", ["pdf", "docx", "text"])
def test_action_plan_table_rows_become_proposals(police_and_icb, kind):
    police, icb, _ = police_and_icb
    content = BUILDERS[kind](["Action plan"], ACTION_PLAN)
    text = extraction.extract_text(uploads.check(f"plan.{kind}", content, allowed=documents.REPORT_TYPES)).text
    found = [p for p in proposals.propose(text) if p.source == "table"]
    assert [(p.number, p.lead_agency, p.scope, p.action_to_take) for p in found] == [
        ("1", police, "local", "Audit 50 cases"), ("2", icb, "regional", "Train GPs")]
    assert str(found[0].target_date) == "2026-03-31"


def test_a_numbered_chronology_is_not_proposed(app):
    text = "Chronology\n\n3.1 On 12 March 2019 police attended.\n\n3.2 The GP saw Adult A in April."
    assert proposals.propose(text, []) == []


def test_corrupt_pdf_and_docx_are_refused():
    with pytest.raises(UploadRefused, match="PDF is damaged"):
        extraction.extract_text(CheckedUpload("x.pdf", "pdf", b"%PDF-1.7\nthis is not really a pdf"))
    with pytest.raises(UploadRefused, match="damaged"):
        extraction.extract_text(CheckedUpload("x.docx", "docx", b"PK\x03\x04 nonsense"))


# --- the upload and proposals pages ---------------------------------------------------------

def upload(pages, review, content, filename="report.pdf", kind="overview_report", expected_status=302):
    data = {"kind": kind, "file": (io.BytesIO(content), filename)}
    return pages.client.post(f"/reviews/{review.id}/documents/new", data=data, content_type="multipart/form-data")


def continue_from_reading(pages, response) -> tuple[str, object]:
    """Follow an upload to the progress page of the job reading it (done, the queue being
    immediate in tests) and return where its Continue leads, and the progress page."""
    assert response.status_code == 302 and response.headers["Location"].startswith("/downloads/")
    soup = pages.get(response.headers["Location"])
    assert soup.select_one(".govuk-panel__title").get_text(strip=True) == "Done"
    return soup.find("a", string="Continue")["href"], soup


def test_upload_extracts_text_then_chair_accepts_edits_and_discards_proposals(sign_in, police_and_icb):
    police, icb, _ = police_and_icb
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    response = upload(pages, review, build_docx(report_lines("decimal")), "overview.docx")
    proposals_url, _ = continue_from_reading(pages, response)
    document = db.session.scalar(db.select(Document))
    assert proposals_url == f"/reviews/{review.id}/documents/{document.id}/proposals"
    assert "stalking training" in document.extracted_text and document.content_type.endswith("document")
    assert uploads.path_of(document.storage_key).exists()
    soup = pages.get(proposals_url)
    assert soup.select_one("#proposals-0-number")["value"] == "5.1"
    assert soup.select_one("#proposals-0-lead_agency_id option[selected]").get_text() == "Northshire Police"
    assert db.session.scalar(db.select(db.func.count(Recommendation.id))) == 0  # nothing saved yet
    form = {
        "proposals-0-accept": "y", "proposals-0-number": "5.1",
        "proposals-0-text": "Police should review stalking training.",
        "proposals-0-lead_agency_id": str(police.id), "proposals-0-scope": "local",
        "proposals-1-number": "5.2", "proposals-1-text": "GPs should ask.", "proposals-1-lead_agency_id": str(icb.id),
        "proposals-1-scope": "local",
        "proposals-2-accept": "y", "proposals-2-number": "5.1", "proposals-2-text": "Home Office guidance",
        "proposals-2-lead_agency_id": "", "proposals-2-scope": "national",
    }
    # A clash between two accepted numbers: nothing is saved and the typing is kept.
    soup = pages.post(proposals_url, data=form)
    assert error_summary(soup) == ["Two accepted recommendations share the number 5.1"]
    assert soup.select_one("#proposals-0-text").get_text() == "Police should review stalking training."
    assert db.session.scalar(db.select(db.func.count(Recommendation.id))) == 0
    # Missing text on an accepted one.
    soup = pages.post(proposals_url, data={**form, "proposals-2-text": " ", "proposals-2-number": "5.3"})
    assert error_summary(soup) == ["Enter the text of the recommendation you are saving"]
    form["proposals-2-number"] = "5.3"
    result = pages.client.post(proposals_url, data=form)
    assert result.status_code == 302
    saved = db.session.scalars(db.select(Recommendation).order_by(Recommendation.position)).all()
    assert [(r.number, r.text, r.lead_agency, r.scope) for r in saved] == [
        ("5.1", "Police should review stalking training.", police, "local"),
        ("5.3", "Home Office guidance", None, "national"),
    ]


def test_corrupt_upload_is_refused_and_nothing_is_stored(sign_in, app):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    response = upload(pages, review, b"%PDF-1.4\n%garbage that is not a pdf", "report.pdf")
    assert response.status_code == 200
    soup = __import__("tests.helpers", fromlist=["check_page"]).check_page(response.get_data(as_text=True))
    assert error_summary(soup) == ["The PDF is damaged and cannot be opened"]  # refused before it is stored
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0
    upload_dir = uploads.upload_dir()
    assert not upload_dir.exists() or list(upload_dir.iterdir()) == []


@pytest.mark.parametrize("content, filename, message", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "report.pdf", "The selected file must be a"),
    (b"", "empty.txt", "The selected file is empty"),
])
def test_wrong_type_by_content_or_empty_is_refused(sign_in, content, filename, message):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    response = upload(pages, review, content, filename)
    from .helpers import check_page

    soup = check_page(response.get_data(as_text=True))
    assert error_summary(soup)[0].startswith(message)
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0


def test_oversized_upload_is_refused(sign_in, app):
    app.config["DHR_REPORT_MAX_BYTES"] = 1024 * 1024
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    response = upload(pages, review, b"a" * (1024 * 1024 + 1), "big.txt")
    from .helpers import check_page

    soup = check_page(response.get_data(as_text=True))
    assert error_summary(soup) == ["The selected file must be smaller than 1 MB"]
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0


def test_missing_file_or_kind_is_named(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    soup = pages.post(f"/reviews/{review.id}/documents/new", data={})
    assert error_summary(soup) == ["Choose what kind of document this is", "Select a file to upload"]


def test_trainer_cannot_download_documents_of_unpublished_reviews(sign_in, make_user, app):
    chair = make_user("chair")
    review = make.review(chair=chair)
    with app.test_request_context():
        doc = documents.add_report(review, "overview_report", "r.txt", b"Overview text", chair)
        db.session.commit()
    pages, _ = sign_in("trainer")
    pages.get(f"/reviews/{review.id}/documents/{doc.id}", expected_status=404)
    review.published = True
    db.session.commit()
    response = pages.client.get(f"/reviews/{review.id}/documents/{doc.id}")
    assert response.status_code == 200 and response.data == b"Overview text"
