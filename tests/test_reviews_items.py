"""Findings and recommendations on a review: add, edit, reorder, delete, and bad input."""
from __future__ import annotations

import datetime as dt

from werkzeug.datastructures import MultiDict

from dhr.data import findings
from dhr.data.models import AuditEvent, Finding, Recommendation
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary


def test_findings_add_edit_reorder_delete_with_themes_and_agencies(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    theme = make.theme("Coercive control")
    retired = make.theme("Old theme")
    police = make.agency()
    soup = pages.post(f"/reviews/{review.id}/findings/new", data={"text": "  "})
    assert error_summary(soup) == ["Enter the finding"]
    for text in ("First finding", "Second finding", "Third finding"):
        data = MultiDict([("text", text), ("themes", str(theme.id)), ("agencies", str(police.id))])
        assert pages.client.post(f"/reviews/{review.id}/findings/new", data=data).status_code == 302
    rows = db.session.scalars(db.select(Finding).order_by(Finding.position)).all()
    assert [(f.position, f.text) for f in rows] == [(1, "First finding"), (2, "Second finding"), (3, "Third finding")]
    assert rows[0].themes == [theme] and rows[0].agencies == [police]
    # A retired theme is not offered for new tagging, but stays on what is tagged.
    rows[0].themes.append(retired)
    from dhr.data import themes

    themes.retire(retired)
    db.session.commit()
    soup = pages.get(f"/reviews/{review.id}/findings/new")
    assert "Old theme" not in soup.get_text()
    soup = pages.get(f"/reviews/{review.id}/findings/{rows[0].id}/edit")
    assert "Old theme (retired)" in soup.get_text()
    # Edit.
    data = MultiDict([("text", "First finding, edited"), ("themes", str(theme.id))])
    assert pages.client.post(f"/reviews/{review.id}/findings/{rows[0].id}/edit", data=data).status_code == 302
    # Reorder: move the third up.
    move_url = f"/reviews/{review.id}/findings/{rows[2].id}/move"
    assert pages.client.post(move_url, data={"direction": "up"}).status_code == 302
    db.session.expire_all()
    ordered = db.session.scalars(db.select(Finding).order_by(Finding.position)).all()
    assert [f.text for f in ordered] == ["First finding, edited", "Third finding", "Second finding"]
    assert ordered[0].agencies == [] and ordered[0].themes == [theme]
    # Delete the first: the rest are renumbered, and the deletion is in the review's history.
    pages.get(f"/reviews/{review.id}/findings/{ordered[0].id}/delete")
    assert pages.client.post(f"/reviews/{review.id}/findings/{ordered[0].id}/delete").status_code == 302
    db.session.expire_all()
    left = db.session.scalars(db.select(Finding).order_by(Finding.position)).all()
    assert [(f.position, f.text) for f in left] == [(1, "Third finding"), (2, "Second finding")]
    soup = pages.get(f"/reviews/{review.id}")
    history = soup.select_one("#history").find_next("table").get_text()
    assert f"Deleted Finding 1 of {review.reference}" in history


def test_finding_of_another_review_is_not_found(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    other = make.review("OTHER-1", chair=chair)
    finding = findings.create(other, "Elsewhere")
    db.session.commit()
    pages.get(f"/reviews/{review.id}/findings/{finding.id}/edit", expected_status=404)


def rec_form(**values) -> MultiDict:
    base = {"number": "1", "text": "Police should train officers.", "scope": "local", "lead_agency_id": "",
            "action_to_take": "Deliver training", "milestones": "Course designed", "strategy_priority": ""}
    base.update({k: v for k, v in values.items() if k != "target_date"})
    data = MultiDict(list(base.items()))
    for key, value in date_fields("target_date", values.get("target_date")):
        data.add(key, value)
    return data


def test_recommendations_in_action_plan_columns(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    police = make.agency()
    housing = make.agency("Housing Birmingham", "housing")
    theme = make.theme()
    url = f"/reviews/{review.id}/recommendations/new"
    assert pages.get(url).select_one("#number")["value"] == "1"
    data = rec_form(lead_agency_id=str(police.id), strategy_priority="3", target_date=dt.date(2026, 3, 31))
    data.add("supporting_agencies", str(housing.id))
    data.add("themes", str(theme.id))
    assert pages.client.post(url, data=data).status_code == 302
    rec = db.session.scalar(db.select(Recommendation))
    assert (rec.number, rec.lead_agency, rec.supporting_agencies, rec.target_date, rec.strategy_priority,
            rec.themes, rec.actions[0].text, rec.actions[0].milestones) == (
        "1", police, [housing], dt.date(2026, 3, 31), 3, [theme], "Deliver training", "Course designed")
    soup = pages.get(f"/reviews/{review.id}")
    plan = soup.select_one("#recommendations").find_next("table").get_text()
    assert "Police should train officers." in plan and "Northshire Police" in plan
    # Bad input: duplicate number, missing text, impossible date, lead also supporting.
    soup = pages.post(url, data=rec_form(text="Another"))
    assert error_summary(soup) == ["This review already has a recommendation numbered 1"]
    assert soup.select_one("#text").get_text() == "Another"
    soup = pages.post(url, data=rec_form(number="2", text=""))
    assert error_summary(soup) == ["Enter the recommendation"]
    bad_date = rec_form(number="2")
    bad_date.setlist("target_date", ["30", "2", "2026"])
    soup = pages.post(url, data=bad_date)
    assert error_summary(soup) == ["Target date must be a real date"]
    both = rec_form(number="2", lead_agency_id=str(police.id))
    both.add("supporting_agencies", str(police.id))
    soup = pages.post(url, data=both)
    assert error_summary(soup) == ["The lead agency cannot also be a supporting agency"]
    soup = pages.post(url, data=rec_form(number="2", scope="galactic"))
    assert error_summary(soup)[0].startswith("Not a valid choice")
    # Edit and delete.
    edit = f"/reviews/{review.id}/recommendations/{rec.id}/edit"
    assert pages.get(edit).select_one("#number")["value"] == "1"
    assert pages.client.post(edit, data=rec_form(number="R1", text="Edited text", scope="national")).status_code == 302
    db.session.expire_all()
    rec = db.session.get(Recommendation, rec.id)
    assert (rec.number, rec.text, rec.scope, rec.lead_agency) == ("R1", "Edited text", "national", None)
    assert pages.client.post(f"/reviews/{review.id}/recommendations/{rec.id}/delete").status_code == 302
    assert db.session.scalar(db.select(db.func.count(Recommendation.id))) == 0
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "recommendation_deleted")) is not None


def test_recommendation_with_agency_updates_cannot_be_deleted(sign_in, make_user):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    rec = make.recommendation(review, "1", "Do it")
    make.update(rec, "Started", proposed_status=None)
    soup = pages.post(f"/reviews/{review.id}/recommendations/{rec.id}/delete")
    assert "mark it superseded instead" in error_summary(soup)[0]
    assert db.session.scalar(db.select(db.func.count(Recommendation.id))) == 1
