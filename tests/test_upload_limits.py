"""What reading an uploaded report may cost: its stored text is cut at a number of characters,
a PDF is read to a number of pages and within a time budget, a DOCX is read in one pass that
stops at the character limit, and the search index keeps only a window of a long document's
text for snippets. Whoever uploads a report whose text was cut is told so."""
from __future__ import annotations

import html
import io

import pytest

from dhr.data import documents, extraction, uploads
from dhr.data.models import Document
from dhr.extensions import db
from search import query
from search import state as search_state
from search.schema import STORED_TEXT_CHARS

from . import factories as make
from .test_extraction import build_docx, continue_from_reading


def banner(soup) -> str:
    """What the progress page of the job that read the report says about it."""
    return soup.select_one("main [role=status]").get_text(" ", strip=True)


def upload_report(page, review, content: bytes, filename: str):
    response = page.client.post(f"/reviews/{review.id}/documents/new",
                                data={"kind": "overview_report", "file": (io.BytesIO(content), filename)},
                                content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    _, progress_page = continue_from_reading(page, response)
    return progress_page, db.session.scalar(db.select(Document))


def pdf_of_pages(words: list[str]) -> bytes:
    from weasyprint import HTML

    pages = "".join(f'<p style="page-break-after: always">Page about {html.escape(w)}.</p>' for w in words)
    return HTML(string=f"<html><body>{pages}</body></html>").write_pdf()


@pytest.fixture
def chair_and_review(sign_in):
    page, chair = sign_in("chair")
    return page, make.review(chair=chair)


def test_stored_text_stops_at_the_character_limit_and_the_chair_is_told(chair_and_review):
    page, review = chair_and_review
    line = "The panel met and agreed the terms of reference.\n"
    content = (line * (extraction.MAX_TEXT_CHARS // len(line) + 1000) + "zebrafinch").encode()
    soup, document = upload_report(page, review, content, "long.txt")
    assert len(document.extracted_text) <= extraction.MAX_TEXT_CHARS
    assert "zebrafinch" not in document.extracted_text
    assert "first 500,000 characters" in banner(soup)


def test_a_pdf_is_read_only_to_its_page_limit(app, chair_and_review):
    app.config["DHR_PDF_MAX_PAGES"] = 2
    page, review = chair_and_review
    soup, document = upload_report(page, review, pdf_of_pages(["alpaca", "bison", "camel"]), "report.pdf")
    assert "alpaca" in document.extracted_text and "bison" in document.extracted_text
    assert "camel" not in document.extracted_text
    assert "first 2 pages" in banner(soup)


def test_a_pdf_is_read_only_while_its_time_budget_lasts(app, chair_and_review):
    app.config["DHR_EXTRACTION_SECONDS"] = 0  # spent once the first page is read
    page, review = chair_and_review
    soup, document = upload_report(page, review, pdf_of_pages(["alpaca", "bison", "camel"]), "report.pdf")
    assert "alpaca" in document.extracted_text and "bison" not in document.extracted_text
    assert "took too long" in banner(soup) and "first page" in banner(soup)


def test_a_docx_is_read_only_to_the_character_limit(app):
    lines = [f"Paragraph {n} about the review." for n in range(5000)]
    upload = uploads.check("report.docx", build_docx(lines), documents.REPORT_TYPES)
    read = extraction.extract_text(upload, extraction.Limits(max_chars=1000))
    assert 900 < len(read.text) <= 1000 and read.text.startswith("Paragraph 0 ")
    assert "first 1,000 characters" in read.cut_short


def test_a_docx_is_read_as_python_docx_reads_it(app):
    import docx

    content = build_docx(["Overview report", "1.1 First\tparagraph.", "Recommendations", "1. Police should act."],
                         [["Recommendation", "Lead agency"], ["1 Audit referrals", "Northshire Police"],
                          ["2 Train staff", "ICB"]])
    document = docx.Document(io.BytesIO(content))
    merged = document.tables[0]
    merged.cell(1, 1).merge(merged.cell(2, 1))  # a vertical merge
    wide = document.add_table(rows=2, cols=3)
    wide.cell(0, 0).merge(wide.cell(0, 2)).text = "Spanning heading"  # a horizontal merge
    wide.cell(1, 0).text, wide.cell(1, 2).text = "left", "right"
    inner = wide.cell(1, 1).add_table(rows=1, cols=2)  # a table in a cell: python-docx leaves it out
    inner.cell(0, 0).text = "nested"
    document.add_paragraph("Line one").add_run().add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    again = docx.Document(io.BytesIO(buffer.getvalue()))
    expected = [p.text for p in again.paragraphs]
    for table in again.tables:
        expected.append("")
        expected += [extraction.CELL.join(" ".join(c.text.split()) for c in row.cells) for row in table.rows]
    upload = uploads.check("report.docx", buffer.getvalue(), documents.REPORT_TYPES)
    assert extraction.extract_text(upload).text == "\n".join(expected).strip()


def long_document(learning_world):
    filler = "The agencies shared what they knew at the panel meeting. " * 2000
    text = "Opening words. The walrus was mentioned early. " + filler + " The zebrafinch came last."
    assert text.index("zebrafinch") > STORED_TEXT_CHARS
    document = make.document(review=learning_world.r1, content=text.encode(), filename="long.txt")
    from search import indexing

    indexing.rebuild()
    return document


def test_the_index_keeps_only_a_window_of_a_long_document(learning_world, make_user):
    document = long_document(learning_world)
    trainer = make_user("trainer")
    late = [h for h in query.run(trainer, "zebrafinch").hits if h.key == f"document:{document.id}"]
    assert late, "a word past the window is still found"
    assert "<mark" not in late[0].snippet and late[0].snippet.startswith("Opening words.")
    state = search_state._state()
    stored = state.searcher.stored_fields(state.searcher.document_number(key=f"document:{document.id}"))
    assert len(stored["text"]) == STORED_TEXT_CHARS


def test_snippets_of_a_long_document_are_whooshs_over_its_window(learning_world, make_user):
    from whoosh import highlight

    document = long_document(learning_world)
    trainer = make_user("trainer")
    hit = next(h for h in query.run(trainer, "walrus").hits if h.key == f"document:{document.id}")
    state = search_state._state()
    parsed = query.parse("walrus", state.searcher.schema)
    results = state.searcher.search(search_state._scoring_query(parsed.query), limit=5, terms=True)
    results.fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=70, autotrim=True)
    results.formatter = highlight.HtmlFormatter(tagname="mark", classname="app-learning-match",
                                                termclass="app-learning-term", between=" … ")
    whooshs = next(h for h in results if h["key"] == hit.key).highlights("text", top=2)
    assert "<mark" in hit.snippet and hit.snippet == whooshs
