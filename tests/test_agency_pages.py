"""Agency users: their list, one recommendation, progress updates with evidence, and refusals."""
from __future__ import annotations

import io

from sqlalchemy import select

from dhr.data.models import AuditEvent, Document, RecommendationUpdate
from dhr.extensions import db

from .factories import PDF, PNG
from .helpers import error_summary

POLICE = "Northshire Police"


def refusals() -> int:
    return len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "access_denied")).all())


def test_agency_user_lands_on_what_needs_their_agency(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name=POLICE)
    soup = page.get("/")
    assert soup.h1.get_text(strip=True) == "What needs your agency now"
    assert soup.select_one("#need-overdue a")["href"] == "/our-recommendations/actions?need=overdue"
    assert soup.select_one("a[href='/our-recommendations']") is not None


def test_list_shows_led_and_supported_with_flags_and_nothing_else(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name=POLICE)
    soup = page.get("/our-recommendations")
    text = soup.get_text(" ", strip=True)
    assert "Train officers to recognise coercive control" in text
    assert "Review DASH completion" in text
    assert "Routine enquiry in the emergency department" in text  # supported
    assert "Housing officers ask about abuse" not in text
    assert "Amend the statutory guidance" not in text
    rows = soup.select("tbody tr")
    assert len(rows) == 3
    overdue_row = next(r for r in rows if "Train officers" in r.get_text())
    assert "Overdue" in overdue_row.get_text()
    soon_row = next(r for r in rows if "DASH" in r.get_text())
    assert "Due within 30 days" in soon_row.get_text()
    supported_row = next(r for r in rows if "Routine enquiry" in r.get_text())
    assert "Supporting" in supported_row.get_text()


def test_filters_and_sort(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name=POLICE)
    soup = page.get("/our-recommendations?due=overdue")
    assert [r.select_one("td").get_text(strip=True) for r in soup.select("tbody tr")] == ["DHR-2023-01"]
    assert "Train officers" in soup.select_one("tbody").get_text()
    assert len(soup.select("tbody tr")) == 1
    soup = page.get("/our-recommendations?status=not_started")
    assert len(soup.select("tbody tr")) == 1 and "DASH" in soup.select_one("tbody").get_text()
    soup = page.get(f"/our-recommendations?review={tracker_world.unpublished.id}")
    assert soup.select("tbody tr") == []
    ascending = [r.get_text() for r in page.get("/our-recommendations?sort=target").select("tbody tr")]
    descending = [r.get_text() for r in page.get("/our-recommendations?sort=target&order=desc").select("tbody tr")]
    assert "Train officers" in ascending[0] and "Routine enquiry" in ascending[-1]
    assert descending == list(reversed(ascending))


def test_recommendation_page_shows_context_and_restricted_text_only_to_panel_agency(tracker_world, sign_in, client):
    page, _ = sign_in("agency", agency_name=POLICE)
    soup = page.get(f"/our-recommendations/{tracker_world.police_overdue.id}")
    text = soup.get_text(" ", strip=True)
    assert "Coercive control was not recognised" in text
    assert "PANEL-ONLY" in text  # police sat on this panel
    client.post("/sign-out")
    page, _ = sign_in("agency", agency_name="City Hospital Trust")
    soup = page.get(f"/our-recommendations/{tracker_world.health_led.id}")
    text = soup.get_text(" ", strip=True)
    assert "Coercive control was not recognised" in text
    assert "PANEL-ONLY" not in text  # health was not on the panel


def test_other_agencys_recommendation_is_refused_and_audited(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name=POLICE)
    before = refusals()
    page.get(f"/our-recommendations/{tracker_world.housing_only.id}", expected_status=403)
    page.post(f"/our-recommendations/{tracker_world.housing_only.id}",
              data={"narrative": "x", "proposed_status": "on_track"}, expected_status=403)
    assert refusals() == before + 2
    assert db.session.scalars(select(RecommendationUpdate)).all() == []


def test_supporting_agency_cannot_post_an_update(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name=POLICE)
    soup = page.get(f"/our-recommendations/{tracker_world.health_led.id}")
    assert soup.select_one("form textarea") is None
    before = refusals()
    page.post(f"/our-recommendations/{tracker_world.health_led.id}",
              data={"narrative": "We did it", "proposed_status": "on_track"}, expected_status=403)
    assert refusals() == before + 1
    assert db.session.scalars(select(RecommendationUpdate)).all() == []


def test_agency_cannot_verify_its_own_completion(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name=POLICE)
    before = refusals()
    page.post(f"/our-recommendations/{tracker_world.police_overdue.id}",
              data={"narrative": "All done", "proposed_status": "verified"}, expected_status=403)
    assert refusals() == before + 1
    db.session.expire_all()
    assert tracker_world.police_overdue.status == "on_track"
    assert db.session.scalars(select(RecommendationUpdate)).all() == []


def test_post_update_with_evidence(tracker_world, sign_in, app):
    page, user = sign_in("agency", agency_name=POLICE)
    response = page.client.post(
        f"/our-recommendations/{tracker_world.police_overdue.id}",
        data={
            "narrative": "All officers trained in March.",
            "proposed_status": "awaiting_evidence",
            "evidence": [(io.BytesIO(PDF), "register.pdf"), (io.BytesIO(PNG), "slide.png")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    update = db.session.scalars(select(RecommendationUpdate)).one()
    assert update.author_id == user.id and update.agency_id == tracker_world.police.id
    assert update.proposed_status == "awaiting_evidence" and update.assessment == "pending"
    assert sorted(d.filename for d in update.evidence) == ["register.pdf", "slide.png"]
    db.session.expire_all()
    assert tracker_world.police_overdue.status == "on_track"  # unchanged until the partnership accepts
    soup = page.get(f"/our-recommendations/{tracker_world.police_overdue.id}")
    text = soup.get_text(" ", strip=True)
    assert "All officers trained in March." in text and "Awaiting assessment" in text
    assert f"{POLICE} posted an update with 2 evidence files" in text  # the audit trail is on the page
    pdf = next(d for d in update.evidence if d.filename == "register.pdf")
    download = page.client.get(f"/recommendations/evidence/{pdf.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_evidence_type_is_checked_by_content(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name=POLICE)
    soup = page.post(
        f"/our-recommendations/{tracker_world.police_overdue.id}",
        data={"narrative": "Attached", "proposed_status": "on_track",
              "evidence": [(io.BytesIO(b"MZ\x90\x00 an executable"), "evidence.pdf")]},
        content_type="multipart/form-data",
    )
    assert any("must be a" in message for message in error_summary(soup))
    assert soup.select_one("textarea[name=narrative]").get_text() == "Attached"  # kept
    assert db.session.scalars(select(RecommendationUpdate)).all() == []
    assert db.session.scalars(select(Document)).all() == []


def test_missing_fields_are_named(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name=POLICE)
    soup = page.post(f"/our-recommendations/{tracker_world.police_overdue.id}", data={"narrative": ""})
    assert error_summary(soup) == ["Enter what has been done", "Select the status you propose"]


def test_evidence_download_refused_to_other_agencies_and_trainers(tracker_world, sign_in, client):
    page, _ = sign_in("agency", agency_name=POLICE)
    page.client.post(
        f"/our-recommendations/{tracker_world.police_overdue.id}",
        data={"narrative": "Done", "proposed_status": "on_track", "evidence": [(io.BytesIO(PDF), "a.pdf")]},
        content_type="multipart/form-data",
    )
    document = db.session.scalars(select(Document)).one()
    client.post("/sign-out")
    page, _ = sign_in("agency", agency_name="City Housing")
    before = refusals()
    assert client.get(f"/recommendations/evidence/{document.id}").status_code == 403
    assert refusals() == before + 1
    client.post("/sign-out")
    sign_in("trainer")
    assert client.get(f"/recommendations/evidence/{document.id}").status_code == 403
    client.post("/sign-out")
    sign_in("chair")
    assert client.get(f"/recommendations/evidence/{document.id}").status_code == 200


def test_agency_export_holds_only_its_own_list(tracker_world, sign_in):
    page, _ = sign_in("agency", agency_name=POLICE)
    response = page.client.get("/our-recommendations/export.csv")
    assert response.status_code == 200
    body = response.data.decode("utf-8-sig")
    assert "Train officers" in body and "Routine enquiry" in body
    assert "Housing officers" not in body and "Amend the statutory guidance" not in body
    xlsx = page.client.get("/our-recommendations/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.data.startswith(b"PK")


def test_other_roles_cannot_use_agency_pages(tracker_world, sign_in, client):
    for role in ("admin", "chair", "trainer"):
        sign_in(role)
        for url in ("/our-recommendations", f"/our-recommendations/{tracker_world.police_overdue.id}",
                    "/our-recommendations/export.csv"):
            assert client.get(url).status_code == 403, (role, url)
        client.post("/sign-out")


def test_agency_and_trainer_cannot_use_partnership_pages(tracker_world, sign_in, client):
    urls = ["/recommendations/", "/recommendations/export.csv", "/recommendations/national",
            "/recommendations/national/export.xlsx", f"/recommendations/agencies/{tracker_world.police.id}",
            f"/recommendations/agencies/{tracker_world.police.id}/export.csv",
            f"/recommendations/reviews/{tracker_world.published.id}",
            f"/recommendations/reviews/{tracker_world.published.id}/export.csv",
            f"/recommendations/reviews/{tracker_world.published.id}/import",
            f"/recommendations/{tracker_world.police_overdue.id}",
            f"/reviews/{tracker_world.police_overdue.review_id}/recommendations/{tracker_world.police_overdue.id}/edit"]
    for role, kwargs in (("agency", {"agency_name": POLICE}), ("trainer", {})):
        sign_in(role, **kwargs)
        for url in urls:
            assert client.get(url).status_code == 403, (role, url)
        overdue = tracker_world.police_overdue
        edit = f"/reviews/{overdue.review_id}/recommendations/{overdue.id}/edit"
        assert client.post(edit,
                           data={"version": "1", "text": "x", "status": "verified"}).status_code == 403
        client.post("/sign-out")
    db.session.expire_all()
    assert tracker_world.police_overdue.status == "on_track"
