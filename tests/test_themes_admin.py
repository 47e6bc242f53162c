"""The coordinator's theme list: add, edit, retire and restore; history kept."""
from __future__ import annotations

from dhr.data import themes
from dhr.data.models import AuditEvent, Finding, Theme
from dhr.extensions import db

from . import factories as make
from .helpers import error_summary


def test_only_the_coordinator_manages_themes(sign_in):
    pages, _ = sign_in("chair")
    pages.get("/admin/themes/", expected_status=403)


def test_add_edit_retire_and_restore_a_theme(sign_in):
    pages, _ = sign_in("admin")
    parent = make.theme("Risk assessment", "practice")
    soup = pages.post("/admin/themes/new", data={"name": "", "kind": "practice", "description": "Kept"})
    assert error_summary(soup) == ["Enter the theme name"]
    assert soup.select_one("#description").get_text() == "Kept"
    soup = pages.post("/admin/themes/new", data={"name": "risk assessment", "kind": "practice"})
    assert error_summary(soup) == ["A theme called Risk assessment already exists"]
    response = pages.client.post("/admin/themes/new", data={
        "name": "DASH", "kind": "practice", "description": "The risk checklist", "synonyms": "DASH RIC, risk checklist",
        "parent_id": str(parent.id), "strategy_priority": "3"})
    assert response.status_code == 302
    dash = themes.by_name("DASH")
    assert dash.parent == parent and dash.synonym_list == ["DASH RIC", "risk checklist"] and dash.strategy_priority == 3
    # A theme cannot sit under its own sub-theme.
    soup = pages.post(f"/admin/themes/{parent.id}/edit", data={"name": "Risk assessment", "kind": "practice",
                                                                "parent_id": str(dash.id)})
    assert error_summary(soup) == ["A theme cannot sit under itself or one of its own sub-themes"]
    # Rename, then retire: the tag stays on the finding.
    review = make.review()
    make.finding(review, "A finding", themes=[dash])
    assert pages.client.post(f"/admin/themes/{dash.id}/edit", data={
        "name": "DASH risk assessment", "kind": "practice", "parent_id": str(parent.id)}).status_code == 302
    assert pages.client.post(f"/admin/themes/{dash.id}/retire").status_code == 302
    db.session.expire_all()
    dash = db.session.get(Theme, dash.id)
    assert dash.retired and dash.name == "DASH risk assessment"
    assert db.session.scalar(db.select(Finding)).themes == [dash]
    assert dash not in themes.all_themes()
    soup = pages.get("/admin/themes/")
    assert "Retired" in soup.get_text()
    assert pages.client.post(f"/admin/themes/{dash.id}/restore").status_code == 302
    db.session.expire_all()
    assert not db.session.get(Theme, dash.id).retired
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.entity_type == "theme",
                                                            AuditEvent.entity_id == dash.id)).all()
    assert len(events) >= 4  # created, renamed, retired, restored
