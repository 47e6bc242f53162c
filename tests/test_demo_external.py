"""The demo's external learning: two fictional partnerships' open data files imported through the
real import (checked, theme names mapped, saved and audited), so that a trainer on a fresh demo
finds them in search and the repeat report counts the other areas that made a recommendation."""
from __future__ import annotations

from sqlalchemy import func, select

from dhr.data import commit, open_data_import, users
from dhr.data.external_models import ExternalFinding, ExternalRecommendation, ExternalReview, ExternalSource
from dhr.data.models import AuditEvent
from dhr.demo import DEMO_PASSWORD, load_demo
from dhr.demo.external_learning import SOURCES, THEME_MAPPING, document
from dhr.demo.national import load_national
from dhr.extensions import db
from search import host, indexing

from .helpers import PageClient

HARROWFIELD, WESSING_VALE = SOURCES


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_demo_imports_two_partnerships_learning_through_the_import_with_every_theme_mapped(app):
    counts = load_demo()
    commit()
    sources = list(db.session.scalars(select(ExternalSource).order_by(ExternalSource.partnership)))
    assert [s.partnership for s in sources] == [HARROWFIELD, WESSING_VALE]
    assert {s.imported_by_id for s in sources} == {users.by_email("admin@example.org").id}
    assert counts["external_reviews"] == _count(ExternalReview) == sum(len(r) for r in SOURCES.values()) == 5
    audited = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "external_import")).all()
    assert sorted(e.changes["partnership"] for e in audited) == [HARROWFIELD, WESSING_VALE]
    # No theme name is left for the coordinator to map: each is ours or was mapped as the import asks.
    for partnership in SOURCES:
        assert open_data_import.unknown_themes(document(partnership)) == []
    for item in [*db.session.scalars(select(ExternalFinding)), *db.session.scalars(select(ExternalRecommendation))]:
        names = {open_data_import.key(n) for n in item.theme_names.split("; ")}
        assert item.themes and len(item.themes) <= len(names), item.text
    separation = db.session.scalars(select(ExternalFinding).where(ExternalFinding.text.contains("moved out"))).one()
    assert {t.name for t in separation.themes} == {"Separation risk", "Referral pathways"}
    assert set(THEME_MAPPING) <= {n for p in SOURCES for n in open_data_import.theme_names(document(p))}


def test_a_trainer_on_a_fresh_demo_finds_external_learning_and_recommendations_made_in_other_areas(app, client):
    load_demo()
    commit()
    indexing.rebuild()
    response = client.post("/sign-in", data={"email": "trainer@example.org", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    pages = PageClient(client)
    soup = pages.get("/search?q=strangulation")
    captions = {g.select_one(".govuk-caption-s").get_text(" ", strip=True).split(" · ")[0]
                for g in soup.select(".app-learning-group--external")}
    assert f"External: {WESSING_VALE}" in captions
    pages.get("/learning/repeat-recommendations")  # the report is computed in the background, once asked for
    assert host.wait(app, timeout=120)
    page = pages.get("/learning/repeat-recommendations")
    assert page.select(".app-repeat-external")
    areas = [p.get_text(" ", strip=True) for p in page.select(".app-repeat-areas")]
    assert any(text.startswith("This recommendation was made in 2 other areas since 2020") for text in areas), areas
    assert any(HARROWFIELD in text for text in areas) and any(WESSING_VALE in text for text in areas)


def test_the_national_demo_imports_the_same_external_learning(app):
    counts = load_national(8, batch=4)
    assert counts["external_reviews"] == _count(ExternalReview) == 5
    assert {s.partnership for s in db.session.scalars(select(ExternalSource))} == set(SOURCES)
