"""The partnership's side: assessing updates, overviews, national list, exports, edit conflicts."""
from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
from sqlalchemy import select

from dhr.data import actions, agency_overview, commit, plan_rows, progress
from dhr.data.models import AuditEvent, RecommendationUpdate
from dhr.extensions import db

from . import factories as make
from .factories import TODAY
from .helpers import error_summary


def post_update(w, status: str = "awaiting_evidence", narrative: str = "Training delivered") -> RecommendationUpdate:
    author = make.agency_user(w.police, email=f"writer-{status}-{len(narrative)}@example.org", name="Writer",
                              commit=False)
    update = progress.post_update(w.police_overdue.actions[0], author, narrative, status)
    commit()
    return update


def test_accepting_a_completion_verifies_it_and_records_date_and_outcome(tracker_world, sign_in):
    update = post_update(tracker_world)
    page, admin = sign_in("admin")
    soup = page.get(f"/recommendations/updates/{update.id}/assess")
    assert "Complete, verified" in soup.get_text()  # says what acceptance will record
    soup = page.post(f"/recommendations/updates/{update.id}/assess", data={"decision": "accepted"})
    assert error_summary(soup) == [
        "Enter the outcome achieved before recording the action as ‘Complete, verified’"]
    response = page.client.post(
        f"/recommendations/updates/{update.id}/assess",
        data={"decision": "accepted", "outcome": "All 900 officers trained", "evidence_grade": "shows_change",
              "completed_on": ["3", "2", str(TODAY.year)]},
    )
    assert response.status_code == 302
    db.session.expire_all()
    rec = tracker_world.police_overdue
    assert rec.status == "verified"
    assert rec.completed_on == dt.date(TODAY.year, 2, 3)
    assert rec.actions[0].outcome == "All 900 officers trained"
    assert update.assessment == "accepted" and update.assessed_by_id == admin.id
    assert update.evidence_grade == "shows_change"
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "recommendation",
                                                         AuditEvent.entity_id == rec.id,
                                                         AuditEvent.action == "update")).all()
    assert any(e.changes.get("status") == {"from": "on_track", "to": "verified"} for e in events)
    # assessed once only
    response = page.client.post(f"/recommendations/updates/{update.id}/assess",
                                data={"decision": "challenged", "message": "again"})
    assert response.status_code == 302
    db.session.expire_all()
    assert update.assessment == "accepted"


def test_challenge_and_more_evidence_need_a_message_the_agency_sees(tracker_world, sign_in, client):
    update = post_update(tracker_world)
    page, _ = sign_in("admin")  # only the coordinator assesses
    soup = page.post(f"/recommendations/updates/{update.id}/assess", data={"decision": "more_evidence"})
    assert error_summary(soup) == ["Enter a message telling the agency what is needed"]
    page.post(f"/recommendations/updates/{update.id}/assess",
              data={"decision": "more_evidence", "message": "Send the training register."}, expected_status=302)
    db.session.expire_all()
    assert tracker_world.police_overdue.status == "on_track"  # unchanged
    assert update.assessment == "more_evidence"
    client.post("/sign-out")
    page, _ = sign_in("agency", agency_name="Northshire Police")
    text = page.get(f"/our-recommendations/{tracker_world.police_overdue.id}").get_text(" ", strip=True)
    assert "Send the training register." in text and "More evidence requested" in text


def test_accepting_a_progress_status_changes_status_without_completion(tracker_world):
    update = post_update(tracker_world, status="at_risk")
    admin = make.admin(email="a@example.org", name="Admin", commit=False)
    progress.assess(update, admin, "accepted")
    commit()
    assert tracker_world.police_overdue.status == "at_risk" and tracker_world.police_overdue.completed_on is None


def test_only_the_partnership_can_assess(tracker_world):
    update = post_update(tracker_world)
    from dhr.data.models import User

    agency_user = db.session.scalars(select(User).where(User.role == "agency")).first()
    try:
        progress.assess(update, agency_user, "accepted", outcome="done")
    except progress.NotAllowed:
        pass
    else:  # pragma: no cover
        raise AssertionError("an agency assessed its own update")
    assert tracker_world.police_overdue.status == "on_track"


def test_overview_by_agency_counts(tracker_world, sign_in):
    post_update(tracker_world, status="on_track")
    figures = {f.agency.name: f for f in agency_overview.overview_by_agency(on=TODAY)}
    police = figures["Northshire Police"]
    assert (police.leads, police.supports, police.overdue, police.awaiting_assessment) == (2, 1, 1, 1)
    # 90 days later nobody has updated anything
    later = {f.agency.name: f for f in agency_overview.overview_by_agency(on=TODAY + dt.timedelta(days=100))}
    assert later["Northshire Police"].stale == 2
    assert later["City Hospital Trust"].stale == 1
    tracker_world.health_led.status = "verified"
    commit()
    health = {f.agency.name: f for f in agency_overview.overview_by_agency(on=TODAY)}["City Hospital Trust"]
    assert (health.completed, health.verified) == (1, 1)
    page, _ = sign_in("admin")
    soup = page.get("/recommendations/")
    police_row = next(r for r in soup.select("tbody tr") if "Northshire Police" in r.get_text())
    assert [c.get_text(strip=True) for c in police_row.select("td")] == ["2", "1", "0", "0", "1", "0", "1"]


def test_review_action_plan_with_rag_summary(tracker_world, sign_in):
    rows = plan_rows.review_rows(tracker_world.published, on=TODAY)
    assert {r.rec.number: r.rag for r in rows} == {"1": "red", "2": "amber", "3": "green", "4": "amber"}
    assert plan_rows.rag_summary(rows) == {"red": 1, "amber": 2, "green": 1, "closed": 0}
    page, _ = sign_in("chair")
    soup = page.get(f"/recommendations/reviews/{tracker_world.published.id}")
    summary = soup.select_one(".app-tracker-rag").get_text(" ", strip=True)
    assert "Red 1" in summary and "Amber 2" in summary and "Green 1" in summary


def test_national_list_and_export(tracker_world, sign_in):
    page, _ = sign_in("admin")
    soup = page.get("/recommendations/national")
    listed = soup.find("caption", string="National recommendations").find_parent("table")
    body = listed.select_one("tbody").get_text()
    assert "Amend the statutory guidance" in body and "Train officers" not in body
    assert "Not yet sent" in body  # the national body's answer, in the Commissioner's terms
    response = page.client.get("/recommendations/national/export.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:9] == ["Review", "Number", "Recommendation", "Scope (local / regional / national)",
                           "Action to take", "Lead agency", "Key milestones achieved", "Target date",
                           "Date of completion and outcome"]
    assert [r[2] for r in rows[1:]] == ["Amend the statutory guidance."]
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_exports_are_formula_safe_and_complete(tracker_world, sign_in):
    tracker_world.police_overdue.text = "=HYPERLINK(\"http://evil\")"
    commit()
    page, _ = sign_in("chair")
    body = page.client.get("/recommendations/export.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 1 + 5
    assert "'=HYPERLINK(\"http://evil\")" in [r[2] for r in rows]
    workbook = openpyxl.load_workbook(io.BytesIO(page.client.get(
        f"/recommendations/reviews/{tracker_world.published.id}/export.xlsx").data))
    sheet = workbook.active
    values = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(values) == 4 and "'=HYPERLINK(\"http://evil\")" in values
    agency_csv = page.client.get(
        f"/recommendations/agencies/{tracker_world.housing.id}/export.csv").data.decode("utf-8-sig")
    assert "Housing officers" in agency_csv and "Train officers" not in agency_csv


def test_recommendation_page_shows_audit_trail(tracker_world, sign_in):
    page, _ = sign_in("admin")
    soup = page.get(f"/recommendations/{tracker_world.police_overdue.id}")
    text = soup.get_text(" ", strip=True)
    rec = tracker_world.police_overdue
    assert "History of changes" in text and f"Added Recommendation {rec.number} ({rec.review.reference})" in text
    assert "PANEL-ONLY" in text  # the partnership sees restricted text


def edit_url(rec) -> str:
    """The one edit page of a recommendation's first action, on its review."""
    return f"/reviews/{rec.review_id}/actions/{rec.actions[0].id}/edit"


def edit_data(rec, **changes) -> dict:
    action = rec.actions[0]
    data = {
        "version": str(action.version),
        "text": action.text or "Deliver the training",
        "lead_agency_id": str(action.lead_agency_id or ""),
        "milestones": action.milestones,
        "status": action.status,
        "outcome": action.outcome,
        "target_date": [str(action.target_date.day), str(action.target_date.month), str(action.target_date.year)],
        "completed_on": ["", "", ""],
    }
    data.update(changes)
    return data


def test_edit_saves_and_is_audited(tracker_world, sign_in):
    page, _ = sign_in("admin")
    rec = tracker_world.police_overdue
    soup = page.get(edit_url(rec))
    assert soup.select_one("input[name=version]")["value"] == str(rec.actions[0].version)
    page.post(edit_url(rec), data=edit_data(rec, milestones="Half trained"),
              expected_status=302)
    db.session.expire_all()
    assert rec.actions[0].milestones == "Half trained"
    text = page.get(f"/recommendations/{rec.id}").get_text(" ", strip=True)
    assert "milestones" in text and "Half trained" in text


def test_second_concurrent_edit_gets_a_conflict_page_and_keeps_both_versions(tracker_world, sign_in):
    page, _ = sign_in("admin")
    rec = tracker_world.police_overdue
    first = edit_data(rec, milestones="Version A: 400 officers trained")
    second = edit_data(rec, milestones="Version B: new e-learning module")  # read at the same version
    page.post(edit_url(rec), data=first, expected_status=302)
    soup = page.post(edit_url(rec), data=second, expected_status=409)
    text = soup.get_text(" ", strip=True)
    assert "Someone else changed this action" in text
    assert "Version A: 400 officers trained" in soup.select_one(".app-tracker-conflict").get_text()
    assert "Version B: new e-learning module" in soup.select_one(".app-tracker-conflict").get_text()
    # the form again holds the second person's text, at the current version
    assert soup.select_one("textarea[name=milestones]").get_text().strip() == "Version B: new e-learning module"
    db.session.expire_all()
    assert rec.actions[0].milestones == "Version A: 400 officers trained"  # the first save stands
    new_version = soup.select_one("input[name=version]")["value"]
    assert new_version == str(rec.actions[0].version)
    resolved = dict(second, version=new_version)
    page.post(edit_url(rec), data=resolved, expected_status=302)
    db.session.expire_all()
    assert rec.actions[0].milestones == "Version B: new e-learning module"


def test_version_column_refuses_a_stale_write_in_the_database(tracker_world):
    action = tracker_world.police_overdue.actions[0]
    version = action.version
    commit()  # end the session's transaction: another connection writes in between
    with db.engine.begin() as other:  # someone else's save, after this request read the row
        other.execute(db.text("UPDATE action SET version = version + 1, milestones = 'theirs' WHERE id = :id"),
                      {"id": action.id})
    details = actions.details_of(action)
    details.milestones = "late writer"
    try:
        actions.change(action, details, version)
    except actions.ActionConflict as conflict:
        assert conflict.action.version == version + 1
        assert conflict.action.milestones == "theirs"
    else:  # pragma: no cover
        raise AssertionError("a stale write was saved")


def test_edit_form_errors_keep_what_was_typed(tracker_world, sign_in):
    page, chair = sign_in("chair")
    rec = tracker_world.police_overdue
    rec.review.chair = chair  # a chair edits the recommendations of the reviews they chair
    commit()
    soup = page.post(edit_url(rec),
                     data=edit_data(rec, text="", milestones="keep me", target_date=["31", "2", "2026"]))
    assert error_summary(soup) == ["Enter the action to take", "Target date must be a real date"]
    assert soup.select_one("textarea[name=milestones]").get_text().strip() == "keep me"
    # a crafted POST without the date inputs is not a 500: the dates are simply blank
    page.post(edit_url(rec), data={"version": str(rec.actions[0].version), "text": "x", "status": "on_track"},
              expected_status=302)
    db.session.expire_all()
    assert rec.actions[0].target_date is None and rec.actions[0].text == "x" and rec.target_date is None


def test_partnership_pages_render_for_admin_and_chair(tracker_world, sign_in, client):
    post_update(tracker_world)
    for role in ("admin", "chair"):
        page, _ = sign_in(role)
        for url in ("/recommendations/", "/recommendations/national",
                    f"/recommendations/agencies/{tracker_world.police.id}",
                    f"/recommendations/reviews/{tracker_world.published.id}",
                    f"/recommendations/{tracker_world.police_overdue.id}",
                    edit_url(tracker_world.police_overdue) if role == "admin" else None,
                    f"/recommendations/reviews/{tracker_world.published.id}/import" if role == "admin" else None):
            if url:
                page.get(url)
        client.post("/sign-out")


def test_assessment_racing_another_save_is_refused_not_lost(tracker_world):
    update = post_update(tracker_world, status="at_risk")
    admin = make.admin(email="racer@example.org", name="Admin")
    rec = tracker_world.police_overdue
    assert rec.version  # loaded at its current version
    with db.engine.begin() as other:  # another coordinator's edit lands first
        other.execute(db.text("UPDATE action SET version = version + 1, milestones = 'theirs' "
                              "WHERE id = :id"), {"id": rec.actions[0].id})
    try:
        progress.assess(update, admin, "accepted")
    except progress.ProgressError as problem:
        assert "Someone else changed" in str(problem)
    else:  # pragma: no cover
        raise AssertionError("a stale assessment was saved")
    db.session.expire_all()
    assert rec.actions[0].milestones == "theirs" and rec.status == "on_track" and update.assessment == "pending"
