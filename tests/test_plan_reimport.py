"""A quarterly progress return: an action plan imported again into a review that has it. Each
change is shown old -> new and saved only on confirmation; the same file again changes
nothing; an agreed target date moves for the coordinator and is asked of them by a chair; the
blank template and the export import back; unknown lead-agency names are mapped and remembered."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from dhr.data import action_plans, plan_columns
from dhr.data.models import AgencyAlias, AuditEvent, TargetDateChange
from dhr.extensions import db

from . import factories as make
from .factories import days
from .test_action_plan_import import csv_bytes, upload


def d(offset: int) -> str:
    return f"{days(offset):%d/%m/%Y}"


@pytest.fixture
def world(sign_in):
    """A chair's review whose recommendation 1 has two agreed actions, both led by the police."""
    police = make.agency("Northshire Police")
    housing = make.agency("City Housing", "housing")
    page, chair = sign_in("chair")
    review = make.review("DHR-2025-01", chair=chair, stage="monitoring")
    rec = make.recommendation(review, "1", "Train officers on coercive control.", lead=police,
                              action_to_take="Deliver training", milestones="Course designed", target_date=days(60),
                              status="on_track")
    make.action(rec, "Audit DASH forms", lead=police, target_date=days(90))
    return page, chair, review, rec, police, housing


def return_rows(rec, **first) -> list[list[str]]:
    """The progress return: action 1 with more milestones, action 2 moved to housing and at
    risk, and a new third action on a row with the recommendation left blank."""
    one = {"target": d(60), **first}
    return [
        plan_columns.TEMPLATE_HEADERS,
        ["1", rec.text, "Local", "Deliver training", "Northshire Police", "Course designed; 40 officers trained",
         one["target"], "", "In progress (on track)"],
        ["1", rec.text, "Local", "Audit DASH forms", "City Housing", "", d(90), "", "In progress (at risk)"],
        ["", "", "", "Brief call handlers", "Northshire Police", "", d(120), "", "Not started"],
    ]


def changes_of(soup, row_number: int) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup.select(f"#row-{row_number} .app-tracker-preview__changes li")]


def confirm(page, review, data=None, expected_status=302):
    return page.post(f"/recommendations/reviews/{review.id}/import/confirm", data=data,
                     expected_status=expected_status)


def test_a_return_shows_each_change_and_saves_it_on_confirmation(world):
    page, chair, review, rec, police, housing = world
    soup = upload(page, review, csv_bytes(return_rows(rec)), "return.csv")
    assert changes_of(soup, 2) == ["Key milestones achieved: Course designed → Course designed; 40 officers trained"]
    assert changes_of(soup, 3) == ["Lead agency: Northshire Police → City Housing",
                                   "Status: Not started → In progress (at risk)"]
    assert "New action" in soup.select_one("#row-4").get_text()
    assert rec.actions[1].lead_agency_id == police.id and len(rec.actions) == 2  # nothing saved yet
    response = confirm(page, review)
    banner = page.get(response.headers["Location"]).select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "Saved the changes from return.csv: 1 action added, 2 actions changed." in banner
    db.session.expire_all()
    first, second, third = rec.actions
    assert first.milestones == "Course designed; 40 officers trained"
    assert (second.lead_agency_id, second.status) == (housing.id, "at_risk")
    assert (third.text, third.lead_agency_id, third.target_date, third.position) == (
        "Brief call handlers", police.id, days(120), 3)
    assert rec.status == "at_risk"  # derived from its actions
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "action_plan_imported"))
    assert event.changes["actions_changed"] == 2 and event.changes["actions_added"] == 1
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "action",
                                                      AuditEvent.entity_id == second.id,
                                                      AuditEvent.action != "create")) is not None


def test_the_same_return_twice_changes_nothing_the_second_time(world):
    page, chair, review, rec, police, housing = world
    upload(page, review, csv_bytes(return_rows(rec)), "return.csv")
    confirm(page, review)
    versions = [a.version for a in rec.actions]
    soup = upload(page, review, csv_bytes(return_rows(rec)), "return.csv")
    assert soup.select_one(".app-tracker-no-changes") is not None
    assert soup.select_one("form[action$='/import/confirm']") is None
    assert [t.get_text(strip=True) for t in soup.select(".app-tracker-preview__recommendation h2 .govuk-tag")] == [
        "No change"]
    confirm(page, review)  # nothing is waiting: nothing happens
    db.session.expire_all()
    assert [a.version for a in rec.actions] == versions and len(rec.actions) == 3


def _first_action_moved_to_housing(rec) -> bytes:
    rows = return_rows(rec)
    rows[1][4] = "City Housing"
    return csv_bytes(rows)


def test_the_recommendations_lead_follows_its_first_action_to_another_agency(world):
    page, chair, review, rec, police, housing = world
    soup = upload(page, review, _first_action_moved_to_housing(rec), "return.csv")
    assert "Lead agency of the recommendation: Northshire Police → City Housing" in [
        li.get_text(" ", strip=True) for li in soup.select(".app-tracker-preview__changes li")]
    assert rec.lead_agency_id == police.id  # nothing saved yet
    confirm(page, review)
    db.session.expire_all()
    assert (rec.lead_agency_id, rec.actions[0].lead_agency_id) == (housing.id, housing.id)


def test_a_recommendation_with_a_lead_of_its_own_keeps_it_when_its_first_action_moves(world):
    page, chair, review, rec, police, housing = world
    probation = make.agency("Northshire Probation", "probation")
    rec.lead_agency = probation
    db.session.commit()
    soup = upload(page, review, _first_action_moved_to_housing(rec), "return.csv")
    assert not any("of the recommendation" in li.get_text() for li in soup.select(".app-tracker-preview__changes li"))
    confirm(page, review)
    db.session.expire_all()
    assert (rec.lead_agency_id, rec.actions[0].lead_agency_id) == (probation.id, housing.id)


def test_an_agreed_target_date_is_asked_of_the_coordinator_by_a_chair(world):
    page, chair, review, rec, police, housing = world
    content = csv_bytes(return_rows(rec, target=d(150)))
    soup = upload(page, review, content, "return.csv")
    assert f"Target date (asked of the coordinator): {d(60)} → {d(150)}" in changes_of(soup, 2)
    confirm(page, review)
    db.session.expire_all()
    action = rec.actions[0]
    assert action.target_date == days(60)  # the agreed date stands until the coordinator accepts
    change = db.session.scalar(select(TargetDateChange).where(TargetDateChange.action_id == action.id))
    assert (change.decision, change.from_date, change.to_date, change.proposed_by_id) == (
        "pending", days(60), days(150), chair.id)
    soup = upload(page, review, content, "return.csv")  # already asked: nothing more to do
    assert soup.select_one(".app-tracker-no-changes") is not None
    soup = upload(page, review, csv_bytes(return_rows(rec, target=d(200))), "return.csv")
    assert any("already waiting for the coordinator" in m for m in
               [li.get_text() for li in soup.select(".govuk-error-summary li")])


def test_the_coordinator_moves_an_agreed_target_date_directly(world, client, sign_in):
    _, _, review, rec, *_ = world
    client.post("/sign-out")
    page, _ = sign_in("admin")
    soup = upload(page, review, csv_bytes(return_rows(rec, target=d(150))), "return.csv")
    assert f"Target date: {d(60)} → {d(150)}" in changes_of(soup, 2)
    confirm(page, review)
    db.session.expire_all()
    assert rec.actions[0].target_date == days(150)
    assert db.session.scalar(select(TargetDateChange)) is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_blank_template_has_the_headings_the_import_reads(world, fmt):
    page, chair, review, *_ = world
    response = page.client.get(f"/recommendations/import-template.{fmt}")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    plan = action_plans.parse(response.data, fmt, review, chair)
    assert plan.rows == [] and list(plan.columns) == [plan_columns.match_header(h)
                                                      for h in plan_columns.TEMPLATE_HEADERS]
    assert set(plan.columns) == set(plan_columns.HEADER_VARIANTS) and plan.ignored_headers == []
    soup = upload(page, review, response.data, f"template.{fmt}")
    assert "no recommendations under it" in " ".join(li.get_text() for li in soup.select(".govuk-error-summary li"))
    assert soup.select(".app-tracker-preview__recommendation") == []
    assert page.get(f"/recommendations/reviews/{review.id}/import").select_one(
        f"a[href='/recommendations/import-template.{fmt}']") is not None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_plan_imports_back_with_no_changes(world, fmt):
    page, chair, review, rec, police, housing = world
    second = make.recommendation(review, "2", "-Share MARAC minutes", lead=housing, target_date=days(30),
                                 action_to_take="=SUM(A1)", status="awaiting_evidence", completed_on=days(-3),
                                 outcome="Minutes shared")
    # verified by the coordinator: the chair's file says so too, and that is no change of theirs
    make.action(second, "@Close the loop", lead=police, status="verified", completed_on=days(-10),
                outcome="+ Audit passed", milestones="Line one\nLine two")
    exported = page.client.get(f"/recommendations/reviews/{review.id}/export.{fmt}")
    assert exported.status_code == 200
    soup = upload(page, review, exported.data, f"export.{fmt}")
    assert [li.get_text() for li in soup.select(".govuk-error-summary li")] == []
    assert soup.select_one(".app-tracker-no-changes") is not None, [
        li.get_text() for li in soup.select(".app-tracker-preview__changes li")]


def test_several_rows_of_a_new_recommendation_are_its_actions(world):
    page, chair, review, rec, police, housing = world
    soup = upload(page, review, csv_bytes([
        plan_columns.TEMPLATE_HEADERS,
        ["7", "Ask about abuse at every tenancy visit", "Local", "Update the checklist", "City Housing", "Drafted",
         d(30), "", "In progress (on track)"],
        ["7", "Ask about abuse at every tenancy visit", "Local", "Train officers", "Northshire Police", "",
         d(45), f"{d(-1)} – 20 trained", "Complete, awaiting evidence"],
    ]), "plan.csv")
    [section] = soup.select(".app-tracker-preview__recommendation")
    assert len(section.select("tbody tr")) == 2
    confirm(page, review)
    db.session.expire_all()
    new = next(r for r in review.recommendations if r.number == "7")
    assert [(a.text, a.lead_agency_id, a.milestones, a.target_date, a.status) for a in new.actions] == [
        ("Update the checklist", housing.id, "Drafted", days(30), "on_track"),
        ("Train officers", police.id, "", days(45), "awaiting_evidence")]
    assert (new.actions[1].completed_on, new.actions[1].outcome) == (days(-1), "20 trained")


def _unknown_name_return(rec, name: str) -> bytes:
    rows = return_rows(rec)
    rows[3][4] = name
    return csv_bytes(rows)


def test_an_unknown_agency_name_is_mapped_on_screen_and_remembered(world):
    page, chair, review, rec, police, housing = world
    soup = upload(page, review, _unknown_name_return(rec, "Northshire Constab."), "return.csv")
    select_field = soup.select_one("form[action$='/import/confirm'] select")
    assert select_field is not None and "Northshire Police" in select_field.get_text()
    assert "Did you mean ‘Northshire Police’?" in soup.get_text()
    soup = confirm(page, review, expected_status=200)  # no choice made: nothing saved
    assert [li.get_text(strip=True) for li in soup.select(".govuk-error-summary li")] == [
        "Unknown lead agency ‘Northshire Constab.’: choose the agency it is"]
    assert len(rec.actions) == 2
    confirm(page, review, data={select_field["name"]: str(police.id)})
    db.session.expire_all()
    assert rec.actions[2].lead_agency_id == police.id
    [alias] = db.session.scalars(select(AgencyAlias)).all()
    assert (alias.written_as, alias.agency_id) == ("Northshire Constab.", police.id)
    rows = return_rows(rec)
    rows[2][4] = "NORTHSHIRE  constab."  # next time the name is known, however it is spaced or cased
    soup = upload(page, review, csv_bytes(rows), "return.csv")
    assert soup.select_one("form[action$='/import/confirm'] select") is None
    assert "Lead agency: City Housing → Northshire Police" in changes_of(soup, 3)


@pytest.mark.parametrize("role", ["chair", "agency", "trainer"])
def test_only_the_coordinator_sees_and_removes_remembered_names(app, sign_in, client, role):
    police = make.agency("Northshire Police")
    alias_id = make.agency_alias("Northshire Constab.", police).id
    page, _ = sign_in(role)
    assert page.client.get("/admin/agency-names").status_code == 403
    assert page.client.post(f"/admin/agency-names/{alias_id}/remove").status_code == 403
    assert db.session.get(AgencyAlias, alias_id) is not None
    client.post("/sign-out")
    page, _ = sign_in("admin")
    listed = page.get("/admin/agency-names")
    assert "Northshire Constab." in listed.select_one(".app-agency-names").get_text()
    page.post(f"/admin/agency-names/{alias_id}/remove", expected_status=302)
    db.session.expire_all()
    assert db.session.get(AgencyAlias, alias_id) is None
    assert page.client.post(f"/admin/agency-names/{alias_id}/remove").status_code == 404


def test_a_chair_of_another_review_may_not_import_into_it(world, client, sign_in):
    _, _, review, rec, *_ = world
    client.post("/sign-out")
    page, _ = sign_in("chair")
    response = page.client.post(f"/recommendations/reviews/{review.id}/import",
                                data={"spreadsheet": (io.BytesIO(csv_bytes(return_rows(rec))), "return.csv")},
                                content_type="multipart/form-data")
    assert response.status_code == 403
    assert page.client.post(f"/recommendations/reviews/{review.id}/import/confirm").status_code == 403
    assert page.client.get(f"/recommendations/reviews/{review.id + 999}/import").status_code == 404


def test_a_plan_changed_after_its_preview_is_shown_again(world):
    page, chair, review, rec, police, housing = world
    upload(page, review, csv_bytes(return_rows(rec)), "return.csv")
    rec.actions[0].milestones = "Changed by someone else meanwhile"
    db.session.commit()
    soup = confirm(page, review, expected_status=200)
    assert "changed after you checked the file" in soup.select_one(".app-tracker-notice").get_text()
    db.session.expire_all()
    assert rec.actions[1].lead_agency_id == police.id  # nothing saved
    confirm(page, review)  # the changes now shown are saved
    db.session.expire_all()
    assert rec.actions[1].lead_agency_id == housing.id


def test_an_unknown_name_is_shown_as_text_not_markup(world):
    page, chair, review, rec, *_ = world
    soup = upload(page, review, _unknown_name_return(rec, "<b>Bold</b> Agency"), "return.csv")
    form = soup.select_one("form[action$='/import/confirm']")
    assert form.select("b") == [] and "‘<b>Bold</b> Agency’ is" in form.get_text()
    assert soup.select_one("#row-4 b") is None


@pytest.mark.browser
def test_a_chair_checks_a_return_maps_a_name_and_saves_it_in_a_browser(world, browser_page, console):
    from .browser import sign_in_as
    from .test_browser_journeys import check, error_messages

    page, journey = browser_page, "progress-return"
    _, chair, review, rec, police, _ = world
    rows = return_rows(rec, target=d(150))
    rows[3][4] = "Northshire Constab."
    sign_in_as(page, chair.email)
    page.goto(f"/recommendations/reviews/{review.id}/import")
    assert page.get_by_role("link", name="download the template (XLSX)").count() == 1
    page.get_by_label("Upload an action plan (XLSX or CSV)").set_input_files(
        {"name": "return.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows)})
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Save these changes").wait_for()
    check(page, journey, "01-return-preview")
    page.get_by_role("button", name="Save these changes").click()
    assert error_messages(page) == ["Unknown lead agency ‘Northshire Constab.’: choose the agency it is"]
    check(page, journey, "02-choose-the-agency")
    page.get_by_label("‘Northshire Constab.’ is").select_option(label="Northshire Police")
    page.get_by_role("button", name="Save these changes").click()
    page.get_by_text("Saved the changes from return.csv").wait_for()
    check(page, journey, "03-saved")


def test_a_name_someone_else_remembered_a_moment_ago_is_mapped_not_refused(app, monkeypatch):
    from dhr.data import agency_aliases

    police, housing = make.agency("Northshire Police"), make.agency("City Housing", "housing")
    chair = make.chair()
    make.agency_alias("Northshire Constab.", police)  # remembered by another person just now
    # This person's look for the name came before that commit; later looks find it.
    first_look, real_look = iter([True]), agency_aliases._remembered
    monkeypatch.setattr(agency_aliases, "_remembered", lambda key: None if next(first_look, False) else real_look(key))
    alias = agency_aliases.remember("Northshire  Constab.", housing, chair)
    db.session.commit()
    [only] = db.session.scalars(select(AgencyAlias)).all()
    assert only.id == alias.id and only.agency_id == housing.id  # the later choice wins
