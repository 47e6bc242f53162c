"""An export from one instance imported into another: its learning is found by a trainer's
search ("External: <partnership>"), by similar learning, and counted by the repeat report
("made in N other areas since YEAR"); replacing a source replaces it in the index too."""
from __future__ import annotations

import copy
import datetime as dt
import io
import json

from sqlalchemy import select

from dhr.data import open_data
from dhr.data.external_models import ExternalRecommendation
from dhr.data.models import Review
from dhr.extensions import db
from search import host, indexing, repeats

from . import factories as make

REPEATED = "Officers to complete domestic abuse risk assessment training every year."


def _other_instance_exports(risk) -> list[dict]:
    """Three areas' open data, made by this service's export (then their rows removed)."""
    police = make.agency("Eastshire Police", "police")
    review = make.review("EAST-2019-01", notified_on=dt.date(2019, 3, 1), published=True, pseudonym="Ava",
                         summary="Ava was killed by her husband after she left.")
    make.finding(review, "Call handlers missed the zebrafinch pattern of controlling calls.", themes=[risk])
    make.recommendation(review, 1, REPEATED, lead=police, themes=[risk])
    secret = make.review("EAST-2023-02", summary="UNPUBLISHED zebrafinch summary")
    make.finding(secret, "UNPUBLISHED zebrafinch finding.")
    doc = open_data.document("Eastshire Community Safety Partnership", dt.date(2025, 11, 1))
    for row in db.session.scalars(select(Review)):
        db.session.delete(row)
    db.session.commit()
    docs = [doc]
    for number, (name, year) in enumerate([("Westshire Partnership", 2021), ("Northshire Partnership", 2023)]):
        other = copy.deepcopy(doc)
        other["source"]["partnership"] = name
        other["reviews"][0].update(reference=f"AREA{number}-{year}", year=year)
        docs.append(other)
    return docs


def _import(pages, doc) -> None:
    pages.post("/external/import", data={"upload": (io.BytesIO(json.dumps(doc).encode()), "area.json")},
               content_type="multipart/form-data", expected_status=302)


def test_imported_learning_is_searched_and_counted_as_other_areas(app, sign_in):
    indexing.rebuild()  # empty: everything arrives through the outbox
    risk = make.theme("Risk assessment", "practice")
    docs = _other_instance_exports(risk)
    ours = make.review("DHR-2024-01", notified_on=dt.date(2024, 2, 1), published=True, pseudonym="Bea")
    own_rec = make.recommendation(ours, 1, REPEATED, lead=make.agency("City Police", "police"), themes=[risk])
    admin_pages, _ = sign_in("admin")
    for doc in docs:
        _import(admin_pages, doc)
    pages, trainer = sign_in("trainer")

    soup = pages.get("/search?q=zebrafinch")
    assert soup.select_one("#results-heading").get_text(strip=True) == "3 results"
    groups = soup.select(".app-learning-group--external")
    assert {g.select_one(".govuk-caption-s").get_text(" ", strip=True).split(" · ")[0] for g in groups} == {
        "External: Eastshire Community Safety Partnership", "External: Westshire Partnership",
        "External: Northshire Partnership"}
    assert "UNPUBLISHED" not in soup.get_text()

    similar = pages.get(f"/learning/recommendations/{own_rec.id}/similar").get_text(" ", strip=True)
    assert "External: Westshire Partnership, AREA0-2021 recommendation 1" in similar

    assert host.wait(app, timeout=60)
    [group] = repeats.repeat_recommendations(trainer)
    assert (len(group.review_ids), group.other_areas, group.since) == (
        4, ["Eastshire Community Safety Partnership", "Northshire Partnership", "Westshire Partnership"], 2019)
    page = pages.get("/learning/repeat-recommendations")
    assert "This recommendation was made in 3 other areas since 2019" in page.select_one(".app-repeat-areas").get_text()
    assert len(page.select(".app-repeat-external")) == 3


def test_replacing_a_source_replaces_its_documents_in_the_index(app, sign_in):
    indexing.rebuild()
    docs = _other_instance_exports(make.theme("Risk assessment", "practice"))
    admin_pages, _ = sign_in("admin")
    _import(admin_pages, docs[0])
    again = copy.deepcopy(docs[0])
    again["reviews"][0]["findings"][0]["text"] = "Call handlers missed the kingfisher pattern."
    _import(admin_pages, again)
    pages, _ = sign_in("trainer")
    assert pages.get("/search?q=zebrafinch").select_one("#results-heading").get_text(strip=True) == "0 results"
    assert pages.get("/search?q=kingfisher").select_one("#results-heading").get_text(strip=True) == "1 result"
    report = indexing.compare()
    assert (report["missing"], report["extra"], report["stale"]) == ([], [], [])
    assert db.session.scalar(select(ExternalRecommendation.text)) == REPEATED
