"""The panel and terms of reference: panel members by agency and role (each member's agency sits
on the panel, so its users see the unpublished review), the date the terms of reference were
agreed, and the chair's own declaration of independence; kept by the review's editors, audited
and told in plain words."""
from __future__ import annotations

import datetime as dt

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from werkzeug.datastructures import MultiDict

from dhr import create_app
from dhr.data import audit_words, history, panel, policy
from dhr.data.panel import PanelError
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary, scratch_database_url

STATEMENT = "I have never worked for any agency on this panel nor met the people in this case."


def _declaration(on=dt.date(2024, 3, 1), statement=STATEMENT) -> MultiDict:
    return MultiDict([("statement", statement), *date_fields("declared_on", on)])


def test_dates_follow_the_decision_and_are_never_ahead(app):
    review = make.review("DHR-PAN-01", notified_on=dt.date(2024, 1, 10), decision_on=dt.date(2024, 2, 1))
    with pytest.raises(PanelError, match=r"on or after the decision to review \(1 February 2024\)"):
        panel.agree_terms(review, dt.date(2024, 1, 31))
    with pytest.raises(PanelError, match="today or in the past"):
        panel.agree_terms(review, dt.date(2024, 3, 2), today=dt.date(2024, 3, 1))
    with pytest.raises(PanelError, match="Enter the declaration"):
        panel.declare_independence(review, dt.date(2024, 3, 1), "  ")
    with pytest.raises(PanelError, match="Choose the agency"):
        panel.save_member(review, None, "Detective Inspector")
    panel.agree_terms(review, dt.date(2024, 2, 1))
    assert review.terms_agreed_on == dt.date(2024, 2, 1)


def test_a_panel_member_puts_their_agency_on_the_panel_and_its_users_see_the_review(sign_in):
    police = make.agency("Northshire Police", "police")
    pages, chair = sign_in("chair")
    review = make.review("DHR-PAN-02", chair=chair, notified_on=dt.date(2024, 1, 10))
    officer = make.user("agency", agency=police)
    assert not policy.may_see_review(officer, review)
    url = f"/reviews/{review.id}/panel/new"
    soup = pages.post(url, data={"agency_id": "", "role": "", "name": "Sam Okafor"})
    assert error_summary(soup) == ["Choose the agency the panel member represents",
                                   "Enter the panel member's role or title, for example Detective Inspector"]
    assert soup.select_one("#name")["value"] == "Sam Okafor"
    answer = pages.client.post(url, data={"agency_id": str(police.id), "role": "Detective Inspector", "name": ""})
    assert answer.status_code == 302
    db.session.expire_all()
    assert [a.name for a in review.panel_agencies] == ["Northshire Police"]
    assert policy.may_see_review(officer, review)
    member = review.panel_members[0]
    review.panel_agencies.remove(police)  # as editing the review's details does
    db.session.commit()
    assert "No longer among the review's panel agencies" in pages.get(f"/reviews/{review.id}/panel").get_text()
    review.panel_agencies.append(police)
    db.session.commit()
    assert pages.client.post(f"/reviews/{review.id}/panel/{member.id}/remove").status_code == 302
    db.session.expire_all()
    assert review.panel_members == [] and policy.may_see_review(officer, review)
    page = pages.get(f"/reviews/{review.id}/panel").get_text(" ", strip=True)
    assert "On the panel with nobody recorded for them yet: Northshire Police" in page


def test_the_chair_declares_independence_and_the_coordinator_sees_it_but_may_not_make_it(sign_in, client):
    pages, chair = sign_in("chair")
    review = make.review("DHR-PAN-03", chair=chair, notified_on=dt.date(2024, 1, 10))
    url = f"/reviews/{review.id}/panel/declaration"
    soup = pages.post(url, data=_declaration(on=None, statement=""))
    assert error_summary(soup) == ["Enter the date of the declaration", "Enter the declaration, for example that "
                                   "you have never worked for or with the agencies involved"]
    soup = pages.post(url, data=_declaration(on=dt.date(2024, 1, 9)))
    assert error_summary(soup) == ["The date of the declaration must be on or after notification (10 January 2024)"]
    assert STATEMENT in soup.select_one("#statement").get_text()
    assert pages.client.post(url, data=_declaration()).status_code == 302
    assert pages.client.post(f"/reviews/{review.id}/panel/terms",
                             data=MultiDict(date_fields("agreed_on", dt.date(2024, 2, 20)))).status_code == 302
    client.post("/sign-out")
    admin = make.user("admin")
    client.post("/sign-in", data={"email": admin.email, "password": make.TEST_PASSWORD})
    page = pages.get(f"/reviews/{review.id}/panel").get_text(" ", strip=True)
    assert f"1 March 2024 by {chair.name}" in page and STATEMENT in page and "20 February 2024" in page
    assert "Make your declaration" not in page and "Change your declaration" not in page
    pages.get(url, expected_status=403)
    shown = pages.get(f"/reviews/{review.id}").get_text(" ", strip=True)
    assert "Terms of reference agreed 20 February 2024" in shown
    assert "Chair’s declaration of independence 1 March 2024" in shown


def test_nobody_but_the_editors_keeps_the_panel(sign_in):
    police = make.agency("Police", "police")
    review = make.review("DHR-PAN-04", chair=make.chair(name="Chair Own"), published=True, panel_agencies=[police])
    panel.declare_independence(review, dt.date(2024, 3, 1), STATEMENT)
    db.session.commit()
    for role in ("trainer", "agency", "chair"):
        pages, _ = sign_in(role)
        pages.get(f"/reviews/{review.id}/panel", expected_status=403)
        pages.get(f"/reviews/{review.id}/panel/declaration", expected_status=403)
        shown = pages.client.get(f"/reviews/{review.id}").get_data(as_text=True)
        assert STATEMENT not in shown
        assert f"/reviews/{review.id}/panel" not in shown
        assert "Chair’s declaration of independence" not in shown
        pages.client.post("/sign-out")


def test_the_panel_is_audited_in_plain_words(app):
    police = make.agency("Northshire Police", "police")
    review = make.review("DHR-PAN-05", notified_on=dt.date(2024, 1, 10))
    member = panel.save_member(review, police, "Detective Inspector", "Sam Okafor")
    panel.agree_terms(review, dt.date(2024, 2, 20))
    panel.declare_independence(review, dt.date(2024, 3, 1), STATEMENT)
    panel.save_member(review, police, "Detective Chief Inspector", "Sam Okafor", member)
    db.session.commit()
    words = [t.words for t in audit_words.in_words(history.of_review(review))]
    assert "Added the panel member for Northshire Police (Detective Chief Inspector) on DHR-PAN-05" in words
    assert ("The panel member for Northshire Police (Detective Chief Inspector) on DHR-PAN-05: "
            "Role changed from Detective Inspector to Detective Chief Inspector") in words
    assert any("Terms of reference agreed set to 20 February 2024" in w for w in words)
    assert any("Chair's declaration of independence set to 1 March 2024" in w for w in words)
    assert not any(STATEMENT[:30] in w for w in words)


def test_migration_0026_adds_and_removes_the_panel_and_parallel_processes(database_url, tmp_path):
    url = scratch_database_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0026")
        tables = inspect(db.engine).get_table_names()
        assert {"panel_member", "parallel_process"} <= set(tables)
        assert {"terms_agreed_on", "independence_declared_on", "independence_statement"} <= {
            c["name"] for c in inspect(db.engine).get_columns("review")}
        downgrade(revision="0024")
        assert not {"panel_member", "parallel_process"} & set(inspect(db.engine).get_table_names())
        assert "terms_agreed_on" not in {c["name"] for c in inspect(db.engine).get_columns("review")}
        db.engine.dispose()
