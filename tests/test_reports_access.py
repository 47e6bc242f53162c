"""Who may produce each export: the route matrix by role, and the record-level rules."""
from __future__ import annotations

import pytest

from dhr.data.models import AuditEvent
from dhr.extensions import db

from . import factories as make
from .helpers import fetch_download


def _urls(data, collection_id):
    return {
        "summary_published": f"/reports/reviews/{data.published.id}/summary.pdf",
        "summary_unpublished": f"/reports/reviews/{data.unpublished.id}/summary.pdf",
        "summary_unrelated": f"/reports/reviews/{data.late_open.id}/summary.pdf",
        "plan_published": f"/reports/reviews/{data.published.id}/action-plan.pdf",
        "plan_unpublished": f"/reports/reviews/{data.unpublished.id}/action-plan.pdf",
        "plan_unrelated": f"/reports/reviews/{data.late_open.id}/action-plan.pdf",
        "progress_police": f"/reports/agencies/{data.police.id}/progress.pdf",
        "progress_health": f"/reports/agencies/{data.health.id}/progress.pdf",
        "board": "/reports/board.pdf",
        "theme_pack": f"/reports/themes/{data.coercive.id}/case-studies.pdf",
        "theme_pack_unpublished": f"/reports/themes/{data.coercive.id}/case-studies.pdf?include_unpublished=1",
        "collection": f"/reports/collections/{collection_id}.pdf",
        "dashboard": "/dashboard",
        "chart": "/dashboard/charts/status.svg",
        "drill": "/dashboard/list?show=status&key=verified",
        "reviews_csv": "/reports/exports/reviews.csv",
        "recommendations_xlsx": "/reports/exports/recommendations.xlsx",
        "reports_page": "/reports/",
    }


# Expected status for each role; the agency user works for Northshire Police, which leads a
# recommendation in the unpublished review and none in the unrelated one.
EXPECTED = {
    "admin": {"summary_published": 200, "summary_unpublished": 200, "summary_unrelated": 200, "plan_published": 200,
              "plan_unpublished": 200, "plan_unrelated": 200, "progress_police": 200, "progress_health": 200,
              "board": 200, "theme_pack": 200, "theme_pack_unpublished": 200, "collection": 200, "dashboard": 200,
              "chart": 200, "drill": 200, "reviews_csv": 200, "recommendations_xlsx": 200, "reports_page": 200},
    "chair": {"summary_published": 200, "summary_unpublished": 200, "summary_unrelated": 200, "plan_published": 200,
              "plan_unpublished": 200, "plan_unrelated": 200, "progress_police": 200, "progress_health": 200,
              "board": 200, "theme_pack": 200, "theme_pack_unpublished": 200, "collection": 200, "dashboard": 200,
              "chart": 200, "drill": 200, "reviews_csv": 200, "recommendations_xlsx": 200, "reports_page": 200},
    "agency": {"summary_published": 200, "summary_unpublished": 200, "summary_unrelated": 404,
               "plan_published": 200, "plan_unpublished": 200, "plan_unrelated": 404, "progress_police": 200,
               "progress_health": 403, "board": 403, "theme_pack": 200, "theme_pack_unpublished": 403,
               "collection": 404, "dashboard": 403, "chart": 403, "drill": 403, "reviews_csv": 200,
               "recommendations_xlsx": 200, "reports_page": 200},
    "trainer": {"summary_published": 200, "summary_unpublished": 404, "summary_unrelated": 404,
                "plan_published": 403, "plan_unpublished": 403, "plan_unrelated": 403, "progress_police": 403,
                "progress_health": 403, "board": 403, "theme_pack": 200, "theme_pack_unpublished": 403,
                "collection": 404, "dashboard": 403, "chart": 403, "drill": 403, "reviews_csv": 200,
                "recommendations_xlsx": 200, "reports_page": 200},
}


@pytest.mark.parametrize("role", ["admin", "chair", "agency", "trainer"])
def test_each_export_answers_each_role_as_declared(role, sign_in, make_user, report_world):
    owner = make_user("trainer")  # someone else's collection
    collection = make.collection(owner, list(report_world.published.findings))
    pages, _ = sign_in(role, agency_name="Northshire Police")
    for name, url in _urls(report_world, collection.id).items():
        response = fetch_download(pages.client, url)
        assert response.status_code == EXPECTED[role][name], (role, name, response.status_code)


def test_signed_out_visitor_is_sent_to_sign_in_for_every_export(client, report_world):
    for url in _urls(report_world, 1).values():
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], url


def test_refusals_are_audited(sign_in, report_world):
    pages, user = sign_in("agency", agency_name="Northshire Police")
    pages.client.get(f"/reports/agencies/{report_world.health.id}/progress.pdf")
    refused = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "access_denied")).all()
    assert [e.user_id for e in refused] == [user.id]
    assert "own progress report" in refused[0].changes["reason"]


def test_trainer_may_export_their_own_collection(sign_in, report_world):
    pages, trainer = sign_in("trainer")
    collection = make.collection(trainer, list(report_world.published.findings))
    response = pages.client.get(f"/reports/collections/{collection.id}.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_unknown_records_are_not_found(sign_in, report_world):
    pages, _ = sign_in("admin")
    for url in ["/reports/reviews/9999/summary.pdf", "/reports/reviews/9999/action-plan.pdf",
                "/reports/agencies/9999/progress.pdf", "/reports/themes/9999/case-studies.pdf",
                "/reports/collections/9999.pdf", "/dashboard/charts/nonsense.svg", "/reports/exports/users.csv",
                "/reports/exports/reviews.pdf", "/dashboard/list?show=nonsense&key=x"]:
        assert pages.client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", ["admin", "chair"])
def test_the_partnership_sees_every_chart_with_its_summary_unpublished_reviews_counted(role, sign_in, report_world):
    from dhr.data import figures

    pages, _ = sign_in(role)
    soup = pages.get("/dashboard")
    sections = soup.select("section.app-reports-figure")
    assert len(sections) == len(figures.BOARD_BREAKDOWNS)
    for section in sections:
        summary = section.select_one(".app-reports-summary").get_text(strip=True)
        assert summary.endswith(".") and summary in section.img["alt"]
    by_type = soup.select_one("section[aria-labelledby=figure-type]")
    assert "Domestic abuse related suicide review" in by_type.get_text()  # DHR-2023-02, unpublished
    svg = pages.client.get(by_type.img["src"]).get_data(as_text=True)
    assert "Domestic abuse related suicide review" in svg


@pytest.mark.parametrize("role", ["agency", "trainer"])
def test_no_chart_summary_or_paper_reaches_anyone_outside_the_partnership(role, sign_in, report_world):
    from dhr.data import figures

    pages, _ = sign_in(role, agency_name="Northshire Police")
    urls = ["/dashboard", "/reports/board.pdf", *(f"/dashboard/charts/{n}.svg" for n in figures.BOARD_BREAKDOWNS)]
    for url in urls:
        response = pages.client.get(url)
        assert response.status_code == 403, url
        body = response.get_data(as_text=True)
        assert "suicide review" not in body and "UNPUBLISHED" not in body and "<svg" not in body, url
