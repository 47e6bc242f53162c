"""Importing another partnership's open data as external learning: bad files refused with
every problem named and nothing saved; unknown theme names mapped (and remembered); the
learning shown read-only and attributed; the same source imported again replaces it."""
from __future__ import annotations

import copy
import datetime as dt
import io
import json

import pytest
from sqlalchemy import func, select

from dhr.data import open_data
from dhr.data.external_models import ExternalRecommendation, ExternalReview, ExternalSource, ExternalThemeMapping
from dhr.data.models import AuditEvent, Review
from dhr.extensions import db

from . import factories as make
from .helpers import error_summary


def _exported_elsewhere() -> dict:
    """An export from another instance: its reviews made here, exported, then removed."""
    coercive = make.theme("Coercive control")
    police = make.agency("Eastshire Police", "police")
    published = make.review("EAST-2019-01", notified_on=dt.date(2019, 3, 1), published=True, pseudonym="Ava",
                            summary="Ava was killed by her husband.")
    make.finding(published, "Officers did not ask about controlling behaviour.", themes=[coercive])
    make.recommendation(published, 1, "Police to use a coercive control checklist at every domestic call.",
                        lead=police, themes=[coercive], action_to_take="Add the checklist to the call log.")
    doc = open_data.document("Eastshire Community Safety Partnership", dt.date(2025, 11, 1))
    for review in db.session.scalars(select(Review)):
        db.session.delete(review)
    db.session.commit()
    doc["reviews"][0]["findings"][0]["themes"].append("Stalking behaviours")  # a name we do not use
    return doc


def _upload(pages, doc_or_bytes, name="east.json", expected_status=200):
    content = doc_or_bytes if isinstance(doc_or_bytes, bytes) else json.dumps(doc_or_bytes).encode()
    return pages.post("/external/import", data={"upload": (io.BytesIO(content), name)},
                      content_type="multipart/form-data", expected_status=expected_status)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_bad_json_is_refused_plainly_and_nothing_is_saved(sign_in):
    pages, _ = sign_in("admin")
    soup = _upload(pages, b'{"format": "dhr-open-data", ')
    assert error_summary(soup)[0].startswith("The file is not valid JSON: Expecting property name")
    assert _count(ExternalSource) == 0


def test_schema_errors_are_listed_by_where_they_are_and_nothing_is_saved(sign_in):
    doc = _exported_elsewhere()
    broken = copy.deepcopy(doc)
    broken["reviews"][0]["recommendations"][0]["scope"] = "Galactic"
    broken["reviews"][0]["death_category"] = "intimate_partner"
    del broken["reviews"][0]["findings"][0]["text"]
    pages, _ = sign_in("admin")
    problems = error_summary(_upload(pages, broken))
    assert problems == [
        "Review 1 (EAST-2019-01), ‘death_category’: 'intimate_partner' is not one of ['Intimate partner homicide', "
        "'Adult family homicide', 'Suspected victim suicide', 'Unexpected death', 'Child death', 'Other']",
        "Review 1 (EAST-2019-01), finding 1: 'text' is a required property",
        "Review 1 (EAST-2019-01), recommendation 1, ‘scope’: 'Galactic' is not one of ['Local', 'Regional', "
        "'National']",
    ]
    assert _count(ExternalSource) == 0 and _count(ExternalReview) == 0


def test_unknown_themes_are_mapped_then_the_learning_is_saved_and_shown(sign_in):
    doc = _exported_elsewhere()
    stalking = make.theme("Stalking")
    pages, _ = sign_in("admin")
    soup = _upload(pages, doc)
    assert soup.select_one("h1").get_text(strip=True) == "Map their themes to ours"
    assert [label.get_text(strip=True) for label in soup.select(".app-external-mapping label")] == [
        "‘Stalking behaviours’ is"]
    assert _count(ExternalSource) == 0  # nothing saved before the mapping
    response = pages.post("/external/import/themes", data={"theme_0": str(stalking.id)}, expected_status=302)
    assert response.headers["Location"].endswith("/external/")
    source = db.session.scalar(select(ExternalSource))
    assert (source.partnership, source.generated_on) == ("Eastshire Community Safety Partnership", dt.date(2025, 11, 1))
    finding = source.reviews[0].findings[0]
    assert sorted(t.name for t in finding.themes) == ["Coercive control", "Stalking"]
    assert finding.theme_names == "Coercive control; Stalking behaviours"
    assert db.session.scalar(select(ExternalThemeMapping.theme_id)) == stalking.id
    trainer_pages, _ = sign_in("trainer")
    page = trainer_pages.get(f"/external/reviews/{source.reviews[0].id}")
    assert "External: Eastshire Community Safety Partnership" in page.get_text()
    assert "coercive control checklist" in page.select_one(".app-external-recommendation").get_text()
    assert "Eastshire Community Safety Partnership" in trainer_pages.get("/external/").get_text()
    told = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "external_import"))
    assert told.changes["reviews"] == 1


def test_importing_the_same_source_again_replaces_it_and_remembers_the_mapping(sign_in):
    doc = _exported_elsewhere()
    pages, _ = sign_in("admin")
    _upload(pages, doc)
    pages.post("/external/import/themes", data={"theme_0": "unmapped"}, expected_status=302)
    again = copy.deepcopy(doc)
    again["reviews"][0]["recommendations"][0]["text"] = "Police to audit domestic calls."
    response = _upload(pages, again, expected_status=302)  # the name is remembered: no mapping asked
    assert response.headers["Location"].endswith("/external/")
    assert _count(ExternalSource) == 1 and _count(ExternalReview) == 1
    assert db.session.scalar(select(ExternalRecommendation.text)) == "Police to audit domestic calls."


@pytest.mark.parametrize("role", ["chair", "agency", "trainer"])
def test_only_the_coordinator_imports(role, sign_in):
    pages, _ = sign_in(role)
    pages.get("/external/import", expected_status=403)
    pages.get("/external/")


def test_the_cli_imports_a_file_or_names_every_problem(app, tmp_path):
    doc = _exported_elsewhere()
    runner = app.test_cli_runner()
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**doc, "format_version": "2.0"}))
    result = runner.invoke(args=["open-data", "import", str(broken)])
    assert result.exit_code == 1 and "‘format_version’: '2.0' does not match" in result.output
    assert _count(ExternalSource) == 0
    good = tmp_path / "east.json"
    good.write_text(json.dumps(doc))
    result = runner.invoke(args=["open-data", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert "Imported 1 review from Eastshire Community Safety Partnership" in result.output
    assert "Left unmapped (map them by importing on the External learning page): Stalking behaviours" in result.output
    assert db.session.scalar(select(ExternalSource.filename)) == "east.json"


def test_no_file_or_a_file_that_is_not_text_is_refused_plainly(sign_in):
    pages, _ = sign_in("admin")
    soup = pages.post("/external/import", data={}, content_type="multipart/form-data")
    assert error_summary(soup) == ["Select an open data file (JSON)"]
    soup = _upload(pages, b"\xff\xfe\x00binary", name="east.pdf")
    assert error_summary(soup) == ["The file is not text in UTF-8: choose the open data JSON file"]
    assert _count(ExternalSource) == 0


def _continue_from_job(pages, response):
    """Follow a background job's progress page to where it leads on (the tests' queue runs it at once)."""
    assert response.status_code == 302 and "/downloads/" in response.headers["Location"], response.status_code
    page = pages.get(response.headers["Location"])
    assert "Continue" in page.get_text(), page.get_text()[:400]
    return page.select_one("a.govuk-button")["href"]


def test_a_large_file_is_checked_mapped_and_saved_by_a_worker(sign_in, monkeypatch):
    from dhr.external import import_job

    monkeypatch.setattr(import_job, "INLINE_BYTES", 0)
    doc = _exported_elsewhere()
    stalking = make.theme("Stalking")
    pages, _ = sign_in("admin")
    broken = copy.deepcopy(doc)
    broken["reviews"][0]["year"] = "last year"
    checked = _continue_from_job(pages, _upload(pages, broken, expected_status=302))
    assert error_summary(pages.get(checked)) == ["Review 1 (EAST-2019-01), ‘year’: 'last year' is not of type "
                                                 "'integer'"]
    checked = _continue_from_job(pages, _upload(pages, doc, expected_status=302))
    soup = pages.get(checked)
    assert soup.select_one("h1").get_text(strip=True) == "Map their themes to ours"
    assert _count(ExternalSource) == 0
    done = pages.post("/external/import/themes", data={"theme_0": str(stalking.id)}, expected_status=302)
    assert _continue_from_job(pages, done).endswith("/external/")
    source = db.session.scalar(select(ExternalSource))
    assert sorted(t.name for t in source.reviews[0].findings[0].themes) == ["Coercive control", "Stalking"]
