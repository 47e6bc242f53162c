"""Open data export: the document matches its JSON Schema, holds every published review's
learning and nothing unpublished, held or restricted; the CSV flavour, the CLI and the page."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import jsonschema
import pytest

from dhr.data import open_data
from dhr.data.models import AuditEvent
from dhr.extensions import db
from dhr.reports import open_data as open_data_files

from . import factories as make
from .helpers import fetch_download

SECRETS = ("RESTRICTED NOTE", "PAUSE NOTE", "DECISION REASON", "NEVERWORD", "FAMILY WHO", "UNPUBLISHED",
           "HELD", "UPDATE NARRATIVE", "Carla", "Hana")


@pytest.fixture
def open_world(app):
    police = make.agency("Northshire Police", "police")
    health = make.agency("City Hospital Trust", "health")
    coercive = make.theme("Coercive control")
    separation = make.theme("Separation risk")
    published = make.review("DHR-2021-01", notified_on=dt.date(2021, 5, 10), published=True, pseudonym="Bella",
                            summary="Bella was killed after leaving.", restricted_notes="RESTRICTED NOTE one",
                            decision_reason="DECISION REASON one", never_publish_terms="NEVERWORD",
                            decision_on=dt.date(2021, 6, 3), own_themes=[separation])
    make.pause(published, dt.date(2021, 7, 1), dt.date(2021, 8, 1), note="PAUSE NOTE one")
    make.family_contact(published, "FAMILY WHO her sister")
    first = make.finding(published, "Agencies missed coercive control.", themes=[coercive])
    make.finding(published, "Nobody asked about separation.", themes=[separation])
    rec = make.recommendation(published, 2, "Ask about separation at every contact.", lead=health,
                              supporting=[police], scope="regional", status="on_track", target_date=dt.date(2022, 6, 1),
                              themes=[separation], action_to_take="Add the question to triage.",
                              milestones="Form changed", answers=[first], intended_outcome="Every victim asked")
    make.update(rec, "UPDATE NARRATIVE training booked", agency=health)
    make.recommendation(published, 10, "Train call handlers on coercive control.", lead=police, status="verified",
                        completed_on=dt.date(2022, 3, 1), outcome="All trained")
    unpublished = make.review("DHR-2023-02", pseudonym="Carla", summary="UNPUBLISHED SUMMARY",
                              review_type="suicide", death_category="suspected_suicide")
    make.finding(unpublished, "UNPUBLISHED FINDING on control.", themes=[coercive])
    make.recommendation(unpublished, 1, "UNPUBLISHED REC share information", lead=police)
    held = make.review("DHR-2022-05", published=True, pseudonym="Hana", summary="HELD SUMMARY")
    make.finding(held, "HELD FINDING on control.")
    held.publication_held = True  # withdrawn while a change is checked
    db.session.commit()
    return published


def _doc():
    return open_data.document("Northshire Community Safety Partnership", dt.date(2026, 1, 5))


def test_the_export_matches_its_schema_and_holds_only_published_learning(open_world):
    doc = _doc()
    jsonschema.Draft202012Validator(open_data.schema()).validate(doc)
    assert doc["source"] == {"partnership": "Northshire Community Safety Partnership", "generated_on": "2026-01-05"}
    assert [r["reference"] for r in doc["reviews"]] == ["DHR-2021-01"]
    written = open_data.to_json(doc).decode()
    for secret in SECRETS:
        assert secret not in written, secret
    review = doc["reviews"][0]
    assert review["death_category"] == "Intimate partner homicide" and review["year"] == 2021
    assert {"stage": "Decision made", "reached": "2021-06"} in review["stages"]
    assert [f["themes"] for f in review["findings"]] == [["Coercive control"], ["Separation risk"]]
    assert [r["number"] for r in review["recommendations"]] == ["2", "10"]  # number order, not text order
    rec = review["recommendations"][0]
    assert (rec["scope"], rec["addressee"], rec["supporting"], rec["status"]) == (
        "Regional", "City Hospital Trust", ["Northshire Police"], "In progress (on track)")
    assert rec["answers_findings"] == [1] and rec["intended_outcome"] == "Every victim asked"
    action = rec["actions"][0]
    assert action["text"] == "Add the question to triage." and action["milestones"] == "Form changed"
    assert review["recommendations"][1]["actions"][0]["outcome"] == "All trained"


def test_the_schema_refuses_what_the_format_does_not_allow(open_world):
    doc = _doc()
    doc["reviews"][0]["restricted_notes"] = "x"
    doc["reviews"][0]["death_category"] = "intimate_partner"
    errors = list(jsonschema.Draft202012Validator(open_data.schema()).iter_errors(doc))
    assert len(errors) == 2


def test_the_csv_flavour_is_one_table_per_file_with_nothing_unpublished(open_world):
    archive = zipfile.ZipFile(io.BytesIO(open_data_files.content_of("csv", dt.date(2026, 1, 5))))
    assert sorted(archive.namelist()) == ["README.txt", "actions.csv", "findings.csv", "recommendations.csv",
                                          "reviews.csv"]
    every = " ".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    for secret in SECRETS:
        assert secret not in every, secret
    recs = list(csv.DictReader(io.StringIO(archive.read("recommendations.csv").decode("utf-8-sig"))))
    assert [(r["review_reference"], r["number"], r["addressee"]) for r in recs] == [
        ("DHR-2021-01", "2", "City Hospital Trust"), ("DHR-2021-01", "10", "Northshire Police")]
    actions = list(csv.DictReader(io.StringIO(archive.read("actions.csv").decode("utf-8-sig"))))
    assert [a["recommendation_number"] for a in actions] == ["2", "10"]


def test_the_cli_writes_json_and_csv(app, open_world, tmp_path):
    runner = app.test_cli_runner()
    target = tmp_path / "learning.json"
    result = runner.invoke(args=["open-data", "export", "--output", str(target)])
    assert result.exit_code == 0, result.output
    doc = json.loads(target.read_text())
    jsonschema.Draft202012Validator(open_data.schema()).validate(doc)
    assert [r["reference"] for r in doc["reviews"]] == ["DHR-2021-01"]
    zipped = tmp_path / "learning.zip"
    result = runner.invoke(args=["open-data", "export", "--format", "csv", "--output", str(zipped)])
    assert result.exit_code == 0 and "reviews.csv" in zipfile.ZipFile(zipped).namelist()
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "export")) == 2


@pytest.mark.parametrize("role", ["admin", "chair", "agency", "trainer"])
def test_everyone_signed_in_downloads_the_same_public_file(role, sign_in, open_world):
    pages, _ = sign_in(role)
    page = pages.client.get("/reports/open-data/")
    assert page.status_code == 200 and "1 published review will be included" in page.get_data(as_text=True)
    response = fetch_download(pages.client, "/reports/open-data/learning.json")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/json")
    doc = json.loads(response.get_data())
    assert [r["reference"] for r in doc["reviews"]] == ["DHR-2021-01"]
    schema = pages.client.get("/reports/open-data/schema.json")
    assert json.loads(schema.get_data()) == open_data.schema()


def test_signed_out_visitors_are_sent_to_sign_in(client, open_world):
    for url in ("/reports/open-data/", "/reports/open-data/learning.json", "/reports/open-data/learning.csv"):
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_large_export_is_prepared_in_the_background(sign_in, open_world, monkeypatch):
    monkeypatch.setattr(open_data_files, "INLINE_REVIEWS", 0)
    pages, _ = sign_in("trainer")
    asked = pages.client.get("/reports/open-data/learning.csv")
    assert asked.status_code == 302 and "/downloads/" in asked.headers["Location"]
    response = fetch_download(pages.client, "/reports/open-data/learning.csv")
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    assert "DHR-2021-01" in archive.read("reviews.csv").decode("utf-8-sig")
    assert "HELD" not in archive.read("findings.csv").decode("utf-8-sig")
