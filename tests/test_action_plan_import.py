"""Importing an action plan: header variants, a row-by-row preview, and all-or-nothing saving."""
from __future__ import annotations

import datetime as dt
import io
import os
import time
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from dhr.data import action_plans, commit
from dhr.data.models import Recommendation
from dhr.extensions import db

from .factories import TEST_PASSWORD
from .helpers import PageClient, error_summary


def csv_bytes(rows: list[list[str]]) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def recommendation_count(review) -> int:
    return db.session.scalar(select(func.count(Recommendation.id)).where(Recommendation.review_id == review.id))


def upload(page, review, content: bytes, name: str, expected_status: int = 200):
    return page.post(f"/recommendations/reviews/{review.id}/import",
                     data={"spreadsheet": (io.BytesIO(content), name)},
                     content_type="multipart/form-data", expected_status=expected_status)


def test_header_variants_are_matched():
    assert action_plans.match_header("RECOMMENDATION") == "text"
    assert action_plans.match_header("Scope (local/regional/national)") == "scope"
    assert action_plans.match_header("Action(s) to take") == "action"
    assert action_plans.match_header("Lead Agency *") == "lead"
    assert action_plans.match_header("Key milestones achieved in enacting recommendation") == "milestones"
    assert action_plans.match_header("Target date (dd/mm/yyyy)") == "target"
    assert action_plans.match_header("Date of completion & outcome") == "completion"
    assert action_plans.match_header("Rec No.") == "number"
    assert action_plans.match_header("Comments") is None


def test_dates_are_read_in_the_forms_spreadsheets_use():
    assert action_plans.parse_date("31/03/2026") == dt.date(2026, 3, 31)
    assert action_plans.parse_date("2026-03-31") == dt.date(2026, 3, 31)
    assert action_plans.parse_date("31st March 2026") == dt.date(2026, 3, 31)
    assert action_plans.parse_date("March 2026") == dt.date(2026, 3, 31)
    assert action_plans.parse_date(dt.datetime(2026, 3, 31, 0, 0)) == dt.date(2026, 3, 31)
    assert action_plans.parse_completion("12/01/2026 – training delivered") == (dt.date(2026, 1, 12),
                                                                                "training delivered")


def test_xlsx_with_title_row_previews_then_saves_in_one_go(tracker_world, sign_in):
    content = xlsx_bytes([
        ["DHR-2024-07 action plan (Home Office template)"],
        ["Recommendation", "Scope (local / regional / national)", "Action to take", "Lead agency",
         "Key milestones achieved", "Target date", "Date of completion and outcome"],
        ["Ask about abuse at every tenancy visit", "Local", "Update the visit checklist", "city housing",
         "", dt.datetime(2026, 6, 30), ""],
        [None, None, "Train housing officers", None, None, None, None],  # a second action, same recommendation
        ["Fund an IDVA in the emergency department", "regional", "Business case", "City Hospital Trust",
         "Business case drafted", "31/12/2026", "01/02/2026 – funded for two years"],
    ])
    page, chair = sign_in("chair")
    tracker_world.unpublished.chair = chair  # a chair imports into the reviews they chair
    commit()
    before = recommendation_count(tracker_world.unpublished)
    soup = upload(page, tracker_world.unpublished, content, "plan.xlsx")
    assert error_summary(soup) == []
    recs = soup.select(".app-tracker-preview__recommendation")
    assert len(recs) == 2
    first_actions = recs[0].select("tbody tr")
    assert len(first_actions) == 2  # the recommendation's actions, nested under it
    assert "Train housing officers" in first_actions[1].get_text() and "City Housing" in first_actions[1].get_text()
    assert recommendation_count(tracker_world.unpublished) == before  # nothing saved by the preview
    page.post(f"/recommendations/reviews/{tracker_world.unpublished.id}/import/confirm", expected_status=302)
    created = db.session.scalars(select(Recommendation).where(Recommendation.review_id == tracker_world.unpublished.id)
                                 .order_by(Recommendation.position)).all()
    assert [r.number for r in created] == ["1", "2", "3"]
    first, second = created[1], created[2]
    assert first.lead_agency_id == tracker_world.housing.id and first.target_date == dt.date(2026, 6, 30)
    assert [a.text for a in first.actions] == ["Update the visit checklist", "Train housing officers"]
    assert [a.lead_agency_id for a in first.actions] == [tracker_world.housing.id] * 2  # a merged lead cell
    assert second.scope == "regional" and second.actions[0].completed_on == dt.date(2026, 2, 1)
    assert second.actions[0].outcome == "funded for two years" and second.status == "awaiting_evidence"
    # confirming again does nothing: the checked file was used once
    page.post(f"/recommendations/reviews/{tracker_world.unpublished.id}/import/confirm", expected_status=302)
    assert recommendation_count(tracker_world.unpublished) == 3


def test_errors_are_shown_per_row_and_nothing_is_saved(tracker_world, sign_in):
    content = csv_bytes([
        ["Recommendation", "Lead Agency", "Target Date"],
        ["Good row", "Northshire Police", "31/03/2026"],
        ["Unknown agency", "Northshire Polise", "31/03/2026"],
        ["Bad date", "City Housing", "next spring"],
        ["", "City Housing", "31/03/2026"],
    ])
    page, _ = sign_in("admin")
    soup = upload(page, tracker_world.published, content, "plan.csv")
    messages = error_summary(soup)
    assert messages == [
        "Row 4: Target date ‘next spring’ is not a date: use day/month/year, for example 31/03/2026",
        "Row 5: Enter the action to take: a row with no recommendation of its own is a further action of "
        "recommendation 7",
    ]
    assert "Lead agency ‘Northshire Polise’ is not recognised: did you mean ‘Northshire Police’?" in \
        soup.select_one("#row-3").get_text(" ", strip=True)
    assert soup.title.get_text().startswith("Error:")
    assert soup.select_one("form[action$='/import/confirm']") is None  # no way to save an invalid file
    before = recommendation_count(tracker_world.published)
    # even a forged confirm saves nothing: there is no checked file in the session
    page.post(f"/recommendations/reviews/{tracker_world.published.id}/import/confirm", expected_status=302)
    assert recommendation_count(tracker_world.published) == before


def test_confirm_checks_the_file_again(tracker_world, sign_in):
    content = csv_bytes([["Recommendation", "Lead agency"], ["Share MARAC minutes with GPs", "City Housing"]])
    page, _ = sign_in("admin")
    upload(page, tracker_world.published, content, "plan.csv")
    tracker_world.housing.active = False  # the agency is retired between preview and confirm
    db.session.commit()
    soup = page.post(f"/recommendations/reviews/{tracker_world.published.id}/import/confirm")
    assert any("Unknown lead agency" in m for m in error_summary(soup))
    assert recommendation_count(tracker_world.published) == 4


def test_duplicate_numbers_and_bad_headers_are_refused(tracker_world, sign_in):
    page, _ = sign_in("admin")
    soup = upload(page, tracker_world.published, csv_bytes([["No.", "Recommendation", "Lead agency"],
                                                    ["1", "Clash with existing", "City Housing"],
                                                    ["9", "New", "City Housing"],
                                                    ["9", "Twice", "City Housing"]]), "plan.csv")
    assert error_summary(soup) == ["Row 4: Recommendation 9 is also on row 3 with other wording: "
                                   "give each recommendation its own number"]
    # number 1 is the review's own: a return changing its wording, shown old -> new
    assert "Recommendation: Train officers to recognise coercive control. → Clash with existing" in \
        soup.select_one("#recommendation-2").get_text(" ", strip=True)
    soup = upload(page, tracker_world.published, csv_bytes([["Title", "Owner"], ["x", "y"]]), "plan.csv")
    assert "no header row" in " ".join(error_summary(soup))
    soup = upload(page, tracker_world.published, b"MZ\x90\x00binary", "plan.xlsx")
    assert any("must be a" in m for m in error_summary(soup))
    assert recommendation_count(tracker_world.published) == 4


def test_columns_past_the_fiftieth_are_not_read(tracker_world, sign_in):
    page, _ = sign_in("admin")
    padding = [f"Notes {n}" for n in range(action_plans.MAX_COLUMNS)]
    for content, name in ((csv_bytes([[*padding, "Recommendation", "Lead agency"], [*padding, "x", "City Housing"]]),
                           "plan.csv"),
                          (xlsx_bytes([[*padding, "Recommendation", "Lead agency"], [*padding, "x", "City Housing"]]),
                           "plan.xlsx")):
        soup = upload(page, tracker_world.published, content, name)
        assert "no header row" in " ".join(error_summary(soup)), name
    soup = upload(page, tracker_world.published, csv_bytes([[*padding[2:], "Recommendation", "Lead agency"]] * 2),
                  "plan.csv")
    assert "no header row" not in " ".join(error_summary(soup))


def test_export_then_import_round_trip(tracker_world, sign_in):
    page, _ = sign_in("admin")
    exported = page.client.get(f"/recommendations/reviews/{tracker_world.published.id}/export.xlsx").data
    soup = upload(page, tracker_world.published, exported, "export.xlsx")
    assert error_summary(soup) == []
    assert soup.select_one(".app-tracker-no-changes") is not None  # exported, imported back: no changes
    assert soup.select_one("form[action$='/import/confirm']") is None
    soup = upload(page, tracker_world.unpublished, exported, "export.xlsx")
    # number 1 is the unpublished review's own recommendation 1 (a return changing it); the others are new
    assert error_summary(soup) == []
    tags = [section.select_one("h2 .govuk-tag").get_text(strip=True)
            for section in soup.select(".app-tracker-preview__recommendation")]
    assert tags == ["Changes", "New", "New", "New"]


def test_agency_cannot_import(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name="Northshire Police")
    content = csv_bytes([["Recommendation", "Lead agency"], ["x", "City Housing"]])
    response = page.client.post(f"/recommendations/reviews/{tracker_world.published.id}/import",
                                data={"spreadsheet": (io.BytesIO(content), "plan.csv")},
                                content_type="multipart/form-data")
    assert response.status_code == 403
    assert page.client.post(f"/recommendations/reviews/{tracker_world.published.id}/import/confirm").status_code == 403


# --- previews that are never confirmed ------------------------------------------------------

PLAN = [["Recommendation", "Lead agency"], ["Share MARAC minutes with GPs", "City Housing"]]


def kept_files(app) -> list[Path]:
    directory = Path(app.config["DHR_UPLOAD_DIR"])
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


def age(path: Path, minutes: int) -> None:
    then = time.time() - minutes * 60
    os.utime(path, (then, then))


def signed_in_client(app, user):
    other = app.test_client()
    other.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    return PageClient(other)


def test_a_preview_not_confirmed_within_an_hour_expires(tracker_world, sign_in, app):
    page, _ = sign_in("admin")
    upload(page, tracker_world.published, csv_bytes(PLAN), "plan.csv")
    [preview] = kept_files(app)
    age(preview, minutes=61)
    before = recommendation_count(tracker_world.published)
    response = page.client.post(f"/recommendations/reviews/{tracker_world.published.id}/import/confirm")
    assert response.status_code == 302
    soup = page.get(response.headers["Location"])
    notice = soup.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "has expired" in notice and "Upload it again" in notice
    assert soup.select_one("input[type=file][name=spreadsheet]") is not None
    assert recommendation_count(tracker_world.published) == before
    assert kept_files(app) == []


def test_expired_previews_go_when_another_is_kept(tracker_world, sign_in, make_user, app):
    page, _ = sign_in("admin")
    upload(page, tracker_world.published, csv_bytes(PLAN), "plan.csv")
    [abandoned] = kept_files(app)
    age(abandoned, minutes=61)
    other = signed_in_client(app, make_user("admin", email="second-admin@example.org"))
    upload(other, tracker_world.published, csv_bytes(PLAN), "plan.csv")
    [kept] = kept_files(app)
    assert kept != abandoned and not abandoned.exists()


def test_housekeeping_removes_expired_previews(tracker_world, sign_in, app, runner):
    page, _ = sign_in("admin")
    upload(page, tracker_world.published, csv_bytes(PLAN), "plan.csv")
    [abandoned] = kept_files(app)
    age(abandoned, minutes=61)
    half_written, being_written = (Path(app.config["DHR_UPLOAD_DIR"]) / f".{n}.pdf.part" for n in ("a" * 32, "b" * 32))
    for path in (half_written, being_written):
        path.write_bytes(b"%PDF-1.4")
    age(half_written, minutes=61)
    result = runner.invoke(args=["housekeeping"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 expired import preview and 1 half-written upload." in result.output
    assert not abandoned.exists() and not half_written.exists() and being_written.exists()
    being_written.unlink()
    upload(page, tracker_world.published, csv_bytes(PLAN), "plan.csv")
    assert "Removed 0 expired import previews" in runner.invoke(args=["housekeeping"]).output
    before = recommendation_count(tracker_world.published)
    page.post(f"/recommendations/reviews/{tracker_world.published.id}/import/confirm", expected_status=302)
    assert recommendation_count(tracker_world.published) == before + 1  # a fresh preview is kept
