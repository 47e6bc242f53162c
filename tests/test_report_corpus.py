"""The held-out report-import corpus is well formed, so that measuring the report reader against it is honest.

Every report file has its truth and every truth its file; lead agencies are names from the corpus's agency
list; the corpus holds PDF, DOCX and text reports and at least one scanned PDF with no text layer; and each
recommendation's words are in its file in order, as pdfplumber (or python-docx, or a plain read) sees them,
once line breaks and hyphenation are set aside. The reader itself is not imported here."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest

CORPUS = Path(__file__).resolve().parent / "corpus" / "reports"
KINDS = {"police", "health", "primary_care", "mental_health", "childrens_social_care", "adult_social_care", "housing",
         "probation", "specialist_da", "substance_misuse", "education", "partnership", "national", "other"}
FORMATS = {"pdf", "docx", "txt"}
FILE_NAME = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$")
HYPHEN_AT_LINE_END = re.compile(r"[-\u2010\u00ad]\s*\n\s*")
HYPHEN = re.compile(r"[-\u2010\u2011\u00ad]")
PART_LABEL = re.compile(r"(?:^|(?<=\s))\(?(?:[a-h]|[ivx]{1,4})[.)](?=\s)")
MAX_CORPUS_BYTES = 6_000_000

AGENCIES = json.loads((CORPUS / "agencies.json").read_text(encoding="utf-8"))
TRUTHS = [(path, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(CORPUS.glob("*.truth.json"))]
WITH_TEXT = [(path, truth) for path, truth in TRUTHS if not truth["no_text"]]


def _ids(entries):
    return [path.name.removesuffix(".truth.json") for path, _truth in entries]


def _words(text):
    joined = HYPHEN.sub("", HYPHEN_AT_LINE_END.sub("", text))
    return re.findall(r"\w+", joined.lower())


def _in_order_nearby(needle, haystack):
    """needle's words occur in haystack in order, with room between them for a running header and footer at a
    page break or a neighbouring cell's words on the same printed line, but not spread across the document."""
    allowed = 3 * len(needle) + 40
    for start, found in enumerate(haystack):
        if found != needle[0]:
            continue
        at = start
        for wanted in needle[1:]:
            try:
                at = haystack.index(wanted, at + 1, start + allowed)
            except ValueError:
                break
        else:
            return True
    return False


def _file_text(path):
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if path.suffix == ".docx":
        import docx

        document = docx.Document(path)
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)
    return path.read_text(encoding="utf-8")


def test_the_agency_list_is_a_fictional_partnership_with_national_bodies():
    names = [agency["name"] for agency in AGENCIES]
    assert 18 <= len(AGENCIES) <= 22
    assert len(set(names)) == len(names)
    assert {agency["kind"] for agency in AGENCIES} <= KINDS
    assert sum(agency["kind"] == "national" for agency in AGENCIES) >= 2
    assert sum(name.startswith("Westmoor ") for name in names) >= 5


def test_there_are_enough_reports_in_every_format():
    assert len(TRUTHS) >= 25
    assert {truth["format"] for _path, truth in TRUTHS} == FORMATS
    no_text = [truth for _path, truth in TRUTHS if truth["no_text"]]
    assert no_text and all(truth["format"] == "pdf" and truth["recommendations"] == [] for truth in no_text)


def test_every_file_has_a_truth_and_every_truth_a_file():
    reports = {path.name for path in CORPUS.iterdir() if path.suffix.lstrip(".") in FORMATS}
    named = {truth["file"] for _path, truth in TRUTHS}
    assert reports == named
    for path, truth in TRUTHS:
        stem = path.name.removesuffix(".truth.json")
        assert FILE_NAME.match(stem)
        assert truth["file"] == f"{stem}.{truth['format']}"


def test_the_corpus_stays_small():
    assert sum(path.stat().st_size for path in CORPUS.iterdir()) < MAX_CORPUS_BYTES


@pytest.mark.parametrize(("path", "truth"), WITH_TEXT, ids=_ids(WITH_TEXT))
def test_each_truth_is_well_formed(path, truth):
    names = {agency["name"] for agency in AGENCIES}
    recommendations = truth["recommendations"]
    assert 3 <= len(recommendations) <= 20
    assert truth["shape"].strip()
    for recommendation in recommendations:
        assert set(recommendation) == {"number", "text", "lead_agency"}
        assert recommendation["number"].strip() == recommendation["number"] != ""
        assert recommendation["text"] == " ".join(recommendation["text"].split()) != ""
        assert recommendation["lead_agency"] is None or recommendation["lead_agency"] in names
    texts = [recommendation["text"] for recommendation in recommendations]
    assert len(set(texts)) == len(texts), "a recommendation is counted once"


def _as_written(text, file_format):
    """In a DOCX, Word's list numbering may show the sub-part labels ("(a)", "ii.") that the text lacks."""
    return PART_LABEL.sub(" ", text) if file_format == "docx" else text


@pytest.mark.parametrize(("path", "truth"), WITH_TEXT, ids=_ids(WITH_TEXT))
def test_each_recommendation_is_in_its_file(path, truth):
    words = _words(_file_text(CORPUS / truth["file"]))
    missing = [recommendation["number"] for recommendation in truth["recommendations"]
               if not _in_order_nearby(_words(_as_written(recommendation["text"], truth["format"])), words)]
    assert missing == []


def test_a_recommendation_missing_from_its_file_would_be_noticed():
    path, truth = next((path, truth) for path, truth in WITH_TEXT if truth["format"] == "pdf")
    words = _words(_file_text(CORPUS / truth["file"]))
    altered = _words(truth["recommendations"][0]["text"] + " within eleven fortnights")
    assert not _in_order_nearby(altered, words)


def test_the_scanned_reports_have_no_text_layer():
    scans = [truth["file"] for _path, truth in TRUTHS if truth["no_text"]]
    for name in scans:
        with pdfplumber.open(CORPUS / name) as pdf:
            assert pdf.pages and all(not page.chars for page in pdf.pages)
            assert all(page.images for page in pdf.pages)
