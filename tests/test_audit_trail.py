"""The coordinator's audit trail: filters by person, kind of record and record, action and date
range (kept in the URL, bad input named in an error summary), and its CSV export (plain words,
guarded against formula injection, prepared in the background when large)."""
from __future__ import annotations

import csv
import datetime as dt
import io
from types import SimpleNamespace
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from sqlalchemy import select

from dhr.admin import trail_export
from dhr.data.job_models import Job
from dhr.data.models import AuditEvent
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import PageClient, date_fields, error_summary, fetch_download

DAY_ONE, DAY_TWO, DAY_THREE = dt.datetime(2026, 3, 2, 10), dt.datetime(2026, 4, 15, 12), dt.datetime(2026, 6, 1, 9)


def _sign_in(client, user) -> PageClient:
    client.post("/sign-out")
    response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return PageClient(client)


def _dated(events, when: dt.datetime) -> None:
    for event in events:
        event.at = when
    db.session.commit()


def _events(**where) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEvent, name) == value)
    return list(db.session.scalars(query))


@pytest.fixture
def trail(app, client) -> SimpleNamespace:
    """Two reviews with a finding and a recommendation each, an agency user who signs in, on
    three days; the coordinator signed in last."""
    police = make.agency("Northshire Police")
    chair = make.chair(name="Chair Rowan")
    first = make.review("BDHR2025/26-01", chair=chair)
    make.finding(first)
    make.recommendation(first, lead=police)
    _dated(_events(), DAY_ONE)
    second = make.review("BDHR2025/26-02", chair=chair)
    make.recommendation(second, lead=police)
    _dated([e for e in _events() if e.at != DAY_ONE], DAY_TWO)
    agency_user = make.agency_user(police, name="Officer Ash")
    _sign_in(client, agency_user)
    _dated([e for e in _events() if e.at not in (DAY_ONE, DAY_TWO)], DAY_THREE)
    admin = make.admin(name="Coordinator Fern")
    pages = _sign_in(client, admin)
    return SimpleNamespace(pages=pages, first=first, second=second, agency_user=agency_user, admin=admin,
                           police=police)


def _rows(soup) -> list[list[str]]:
    table = next(t for t in soup.select("table") if "What happened" in t.get_text())
    return [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]


def _url(**args) -> str:
    pairs = []
    for name, value in args.items():
        pairs += date_fields(name, value) if isinstance(value, dt.date) else [(name, value)]
    return "/admin/audit?" + urlencode(pairs)


def test_by_person(trail):
    rows = _rows(trail.pages.get(_url(person=trail.agency_user.id)))
    assert rows and {r[1] for r in rows} == {"Officer Ash"}
    assert [r[3] for r in rows] == ["Signed out", "Signed in"]


def test_by_kind_of_record(trail):
    rows = _rows(trail.pages.get(_url(kind="recommendation")))
    assert len(rows) == 2 and {r[2] for r in rows} == {"Recommendation"}
    assert {r[3] for r in rows} == {"Added Recommendation 1 (BDHR2025/26-01), led by Northshire Police",
                                    "Added Recommendation 1 (BDHR2025/26-02), led by Northshire Police"}


def test_by_record_and_its_kind(trail):
    everything = _rows(trail.pages.get(_url(record="bdhr2025/26-01")))
    assert {r[2] for r in everything} == {"Review", "Finding", "Recommendation", "Action"}
    assert all("BDHR2025/26-01" in r[3] for r in everything) and not any("26-02" in r[3] for r in everything)
    only = _rows(trail.pages.get(_url(record="BDHR2025/26-01", kind="recommendation")))
    assert [r[3] for r in only] == ["Added Recommendation 1 (BDHR2025/26-01), led by Northshire Police"]
    agency = _rows(trail.pages.get(_url(record="northshire police", kind="agency")))
    assert [r[3] for r in agency] == ["Added the agency Northshire Police"]


def test_by_action(trail):
    rows = _rows(trail.pages.get(_url(action="sign_in")))
    assert [r[1] for r in rows] == ["Coordinator Fern", "Officer Ash"]


def test_by_date_range(trail):
    rows = _rows(trail.pages.get(_url(start=dt.date(2026, 4, 15), end=dt.date(2026, 4, 15))))
    assert rows and all(r[0].startswith("15 April 2026") for r in rows)
    assert len(rows) == len([e for e in _events() if e.at == DAY_TWO])
    since = _rows(trail.pages.get(_url(start=dt.date(2026, 4, 16))))
    assert not any(r[0].startswith(("2 March", "15 April")) for r in since)
    until = _rows(trail.pages.get(_url(end=dt.date(2026, 3, 2))))
    assert until and all(r[0].startswith("2 March 2026") for r in until)


def test_filters_combine_and_stay_in_the_url(trail):
    url = _url(record="BDHR2025/26-01", kind="recommendation", action="create", start=dt.date(2026, 3, 1),
               end=dt.date(2026, 3, 31), size="1")
    soup = trail.pages.get(url)
    assert len(_rows(soup)) == 1
    both = _url(record="BDHR2025/26-01", action="create", start=dt.date(2026, 3, 1), size="1")
    soup = trail.pages.get(both)
    assert "Showing 1 to 1 of 4 events" in soup.get_text(" ", strip=True), soup.select_one(".app-list-count")
    following = parse_qs(urlsplit(soup.select_one(".govuk-pagination__next a")["href"]).query)
    assert following["record"] == ["BDHR2025/26-01"] and following["start"] == ["1", "3", "2026"]
    assert following["action"] == ["create"] and following["page"] == ["2"]
    nobody = _rows(trail.pages.get(_url(person=trail.agency_user.id, kind="review")))
    assert nobody == []


@pytest.mark.parametrize("args, message", [
    ({"start": [("start", "31"), ("start", "2"), ("start", "2026")]}, "From must be a real date"),
    ({"end": [("end", "1"), ("end", ""), ("end", "2026")]}, "To must include a month"),
    ({"start": date_fields("start", dt.date(2026, 5, 1)), "end": date_fields("end", dt.date(2026, 4, 1))},
     "The To date must be the same as or after the From date"),
    ({"record": [("record", "BDHR1999/00-99")]}, "No review has the reference ‘BDHR1999/00-99’"),
    ({"record": [("record", "Nobody"), ("kind", "agency")]}, "No agency is called ‘Nobody’"),
    ({"kind": [("kind", "nonsense")]}, "Select a kind of record from the list"),
    ({"person": [("person", "abc")]}, "Select a person from the list"),
])
def test_bad_filters_are_named_in_an_error_summary(trail, args, message):
    pairs = [pair for value in args.values() for pair in value]
    soup = trail.pages.get("/admin/audit?" + urlencode(pairs))
    assert any(line.startswith(message) for line in error_summary(soup)), error_summary(soup)
    assert soup.title.get_text().startswith("Error:") and not soup.select(".govuk-pagination")
    kept = soup.select_one("input[name=record]")
    assert kept["value"] == dict(pairs).get("record", "") if kept.has_attr("value") else "record" not in dict(pairs)


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def test_the_export_is_the_filtered_trail_in_plain_words(trail):
    response = trail.pages.client.get("/admin/audit.csv?" + urlencode([("record", "BDHR2025/26-01")]))
    rows = _csv(response)
    assert rows[0] == ["When (UTC)", "Who", "Action", "Kind of record", "What happened"]
    assert len(rows) - 1 == len(_rows(trail.pages.get(_url(record="BDHR2025/26-01", size="200"))))
    assert ["2026-03-02T10:00:00", "The service", "Added", "Review", "Created the review BDHR2025/26-01"] in rows
    assert all("26-02" not in row[4] for row in rows[1:])
    exported = _events(action="export", entity_type="audit_event")
    assert len(exported) == 1 and exported[0].changes["rows"] == len(rows) - 1


def test_the_export_guards_against_formula_injection(trail, client):
    crafty = make.agency_user(trail.police, name="=HYPERLINK(\"http://example.org\",\"x\")")
    _sign_in(client, crafty)
    pages = _sign_in(client, trail.admin)
    rows = _csv(pages.client.get("/admin/audit.csv?" + urlencode([("action", "sign_in")])))
    assert ["'=HYPERLINK(\"http://example.org\",\"x\")"] == [r[1] for r in rows[1:] if "HYPERLINK" in r[1]]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_a_large_export_is_prepared_in_the_background(trail, monkeypatch):
    monkeypatch.setattr(trail_export, "INLINE_ROWS", 3)
    total = len(_events())
    response = trail.pages.client.get("/admin/audit.csv")
    assert response.status_code == 302 and "/downloads/" in response.headers["Location"]
    job = db.session.scalars(select(Job).where(Job.kind == trail_export.KIND)).one()
    assert job.user_id == trail.admin.id and job.state == "done"
    rows = _csv(fetch_download(trail.pages.client, "/admin/audit.csv"))
    assert len(rows) - 1 >= total and rows[0][4] == "What happened"
    assert "Created the review BDHR2025/26-02" in {row[4] for row in rows}


def test_only_the_coordinator_reads_or_exports_the_trail(trail, client):
    for role in ("chair", "agency", "trainer"):
        pages = _sign_in(client, make.user(role))
        assert pages.client.get("/admin/audit").status_code == 403
        assert pages.client.get("/admin/audit.csv").status_code == 403
    assert not db.session.scalars(select(Job).where(Job.kind == trail_export.KIND)).all()


def test_a_worker_refuses_the_export_to_anyone_else(trail):
    chair = make.chair()
    job = make.job(chair, kind=trail_export.KIND, state="queued", params={"filters": {}})
    from dhr.background import run

    run(job.id)
    db.session.refresh(job)
    assert job.state == "failed" and "coordinator" in job.error


def test_the_trail_is_read_in_chunks_that_survive_a_commit_between_them(trail):
    from dhr.data import audit_trail

    expected = [e.id for e in sorted(_events(), key=lambda e: (e.at, e.id), reverse=True)]
    read = []
    for chunk in audit_trail.each_chunk(audit_trail.TrailFilters(), None, False, size=2):
        read += [event.id for event in chunk]
        db.session.commit()  # as a worker does when it saves its progress
    assert read == expected and len(read) > 4
