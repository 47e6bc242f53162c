"""Property-based tests: whatever text or bytes arrive, the search, the action-plan importer,
the publication check and the recommendation extractor answer with a result or a plain
refusal, never an unhandled error (which would be a 500 for the person using the service)."""
from __future__ import annotations

import csv
import datetime as dt
import io
from types import SimpleNamespace

import pytest
import xlsxwriter
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dhr.data import action_plans, publication
from dhr.data import proposals as report_proposals
from dhr.data.models import Agency, Review
from search import query
from search.schema import build_schema

from .factories import TEST_PASSWORD

FAST = settings(max_examples=300, deadline=None)
WITH_APP = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text as people (and attackers) type it: any unicode, with the characters that have meaning
# to the query parser, CSV, HTML and regular expressions made likely.
SPECIAL = list('"\'()*?:^~[]{}<>\\=|!&+-@,;\t\r\n\x00\x1b\u200b\u202e\ufeff') + [
    "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", " ", "Recommendation", "should", "1.", "R2", "5.1", "|",
    "police", "SW1A 1AA", "07700 900123", "born on 3 March 1980", "943 476 5919", "a@b.co", "%PDF-", "PK\x03\x04",
]
hostile_text = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(SPECIAL)), max_size=40).map("".join)
long_text = st.one_of(hostile_text, st.text(min_size=1500, max_size=5000), hostile_text.map(lambda t: t * 50))
cell = st.one_of(st.none(), hostile_text, st.integers(), st.floats(allow_nan=True), st.booleans(),
                 st.dates(), st.datetimes())
HEADER_WORDS = ["Recommendation", "Lead agency", "Scope", "Action to take", "Target date", "Status", "Number",
                "Key milestones achieved", "Date of completion and outcome", "#", ""]
header_cell = st.one_of(st.sampled_from(HEADER_WORDS), hostile_text)


# --- search query handling -------------------------------------------------------------------

SCHEMA = build_schema()


@FAST
@given(long_text)
@example("")
@example('"unbalanced')
@example("((((((((((")
@example("NOT NOT NOT")
@example("AND OR")
@example("a" * 5000)
@example("*" * 300)
@example("\x00\x01\x02")
def test_query_correction_and_parsing_never_fail(raw):
    fixed = query.correct(raw)
    assert len(fixed) <= query.MAX_QUERY_CHARS * 2
    assert fixed.count('"') % 2 == 0
    if len(fixed) <= query.MAX_QUERY_CHARS:
        assert query.correct(fixed) == fixed  # a corrected query needs no more correcting
    parsed = query.parse(raw, SCHEMA)
    assert isinstance(parsed.text, str)
    assert not set("\x00\n\r\x1b\u202e") & set(query.printable(raw))


@pytest.fixture
def search_client(app, client, route_world):
    user = route_world.users["trainer"]
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    return client


@WITH_APP
@given(q=long_text, sort=st.sampled_from(["relevance", "date", "x"]), page=st.one_of(hostile_text, st.integers()))
@example(q="coercive control", sort="relevance", page="1")
@example(q='"coercive', sort="date", page="-1")
@example(q="\ud800", sort="relevance", page="99999999999999999999")
def test_search_page_never_fails(search_client, q, sort, page):
    try:
        q.encode("utf-8")
    except UnicodeEncodeError:
        q = q.encode("utf-8", "replace").decode("utf-8")  # a URL cannot carry a lone surrogate
    response = search_client.get("/search", query_string={"q": q, "sort": sort, "page": str(page),
                                                          "themes": q[:50], "year": q[:10]})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]


@pytest.mark.parametrize("raw", ["%FF%FE", "%C0%AF", "%00", "%E2%80%AE%3Cscript%3E", "%25%25%25", "&q=x&q=y",
                                 "a" * 5000])
def test_search_page_with_raw_bytes_in_the_address(search_client, raw):
    assert search_client.get(f"/search?q={raw}&page={raw}&sort={raw}").status_code == 200


# --- the action-plan importer ----------------------------------------------------------------

def _review() -> Review:
    return Review(reference="X", review_type="dhr", death_category="intimate_partner", pseudonym="A",
                  notified_on=dt.date(2024, 1, 1), stage="monitoring")


def _parse(content: bytes, kind: str):
    try:
        plan = action_plans.parse(content, kind, _review())
    except action_plans.ImportRefused as refusal:
        assert str(refusal)
        return None
    assert isinstance(plan, action_plans.ParsedPlan)
    for row in plan.rows:
        assert all(isinstance(e, str) and e for e in row.errors)
        assert len(row.number) <= 20 or row.errors
    assert plan.valid == (plan.error_count == 0 and bool(plan.rows))
    return plan


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["" if v is None else str(v) for v in row] for row in rows])
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def _xlsx(rows) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "nan_inf_to_errors": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, (dt.date, dt.datetime)):
                sheet.write_datetime(r, c, value, book.add_format({"num_format": "dd/mm/yyyy"}))
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            elif value is not None:
                sheet.write_string(r, c, value.encode("utf-8", "replace").decode("utf-8")[:32000])
    book.close()
    return buffer.getvalue()


plan_rows = st.tuples(st.lists(header_cell, min_size=1, max_size=9),
                      st.lists(st.lists(cell, max_size=9), max_size=8),
                      st.lists(st.lists(cell, max_size=4), max_size=3))


@pytest.fixture
def agencies(app):
    from dhr.data import agencies as agency_data
    from dhr.data import commit

    agency_data.create("Northshire Police", "police")
    agency_data.create("Northshire Housing", "housing")
    commit()


@WITH_APP
@given(plan_rows)
def test_importer_handles_any_csv_cells(agencies, rows):
    header, body, above = rows
    _parse(_csv([*above, header, *body]), "csv")


@WITH_APP
@given(plan_rows)
def test_importer_handles_any_xlsx_cells(agencies, rows):
    header, body, above = rows
    try:
        content = _xlsx([*above, header, *body])
    except (OverflowError, ValueError):  # a date xlsxwriter cannot write: not a file anyone could send
        return
    _parse(content, "xlsx")


@WITH_APP
@given(st.binary(max_size=3000), st.sampled_from(["csv", "xlsx"]))
@example(b"\xef\xbb\xbfRecommendation,Lead agency\n", "csv")
@example(b"PK\x03\x04garbage", "xlsx")
@example(b"Recommendation;Lead agency\n\x00\x00;\xff\n", "csv")
@example(b"\r\x00", "csv")
@example(b'Recommendation,Lead agency\n"' + b"x" * 200_000 + b'",Police\n', "csv")  # over csv's field limit
def test_importer_handles_any_bytes(agencies, content, kind):
    _parse(content, kind)


@FAST
@given(cell)
def test_cell_readers_raise_only_value_error(value):
    action_plans.match_header(value)
    action_plans.parse_completion(value)
    try:
        parsed = action_plans.parse_date(value)
    except ValueError:
        return
    assert parsed is None or isinstance(parsed, dt.date)


# --- the publication check and the recommendation extractor ------------------------------------

@FAST
@given(long_text, st.lists(hostile_text, max_size=5))
@example("Born on 31/02/1980, SW1A 1AA, 07700 900123", ["SW1A"])
@example("(" * 2000, ["("])
def test_publication_check_scans_any_text(text, terms):
    flags = publication.scan_text(text, "Summary", terms)
    for flag in flags:
        assert flag.value and flag.value in text and flag.kind in publication.KIND_LABELS
        assert flag.key and flag.label


@WITH_APP
@given(long_text)
def test_publication_check_of_a_whole_review(app, text):
    review = SimpleNamespace(pseudonym=text[:100], summary=text, findings=[], recommendations=[], documents=[],
                             never_publish_terms=text[:200], chair=None, panel_agencies=[])
    publication.scan(review)


AGENCIES = [Agency(id=1, name="Northshire Police", kind="police"),
            Agency(id=2, name="Northshire Housing", kind="housing"),
            Agency(id=3, name="Home Office", kind="national"),
            Agency(id=4, name="(unusual) [name] *", kind="other")]


@FAST
@given(long_text)
@example("Recommendations\n1. Police should train officers in coercive control.\n2. It is recommended that...")
@example("No. | Recommendation | Lead agency | Action\n1 | Housing should ask | Housing | Visit\n")
@example("|" * 3000)
@example("A" * 90 + " should" * 50)
def test_extractor_proposes_from_any_text(text):
    proposals = report_proposals.propose(text, AGENCIES)
    numbers = [p.number.lower() for p in proposals]
    assert len(numbers) == len(set(numbers))
    for proposal in proposals:
        assert 0 < len(proposal.number) <= 20 and proposal.text.strip()
        assert proposal.lead_agency is None or proposal.lead_agency in AGENCIES
