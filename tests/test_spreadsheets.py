"""CSV and XLSX exports of reviews, findings and recommendations: round trip, filters, access."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from dhr.data import commit, reporting
from dhr.data.models import AuditEvent
from dhr.extensions import db

from . import factories as make


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def _as_text(value):
    from exports.tables import _cell

    value = _cell(value)
    return value if isinstance(value, str) else str(value)


def test_recommendations_round_trip_through_csv_and_xlsx(sign_in, report_world):
    pages, user = sign_in("chair")
    expected = [reporting.RECOMMENDATION_HEADERS] + [
        [_as_text(v) for v in row] for row in reporting.recommendation_rows(user, reporting.ListFilters())]
    assert len(expected) == 4
    response = pages.client.get("/reports/exports/recommendations.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="recommendations.csv"'
    assert read_csv(response.data) == expected
    response = pages.client.get("/reports/exports/recommendations.xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert [[_as_text(v) for v in row] for row in read_xlsx(response.data)] == expected


def test_reviews_and_findings_round_trip(sign_in, report_world):
    pages, _ = sign_in("admin")
    reviews = read_csv(pages.client.get("/reports/exports/reviews.csv").data)
    assert reviews[0] == reporting.REVIEW_HEADERS
    assert [r[0] for r in reviews[1:]] == ["DHR-2021-01", "DHR-2023-02", "DHR-2024-03"]
    by_reference = {r[0]: dict(zip(reviews[0], r, strict=True)) for r in reviews[1:]}
    assert by_reference["DHR-2021-01"]["Published"] == "Yes"
    assert by_reference["DHR-2021-01"]["Themes"] == "Coercive control; Separation risk"
    assert by_reference["DHR-2023-02"]["Notified"] == "2023-07-01"
    findings = read_xlsx(pages.client.get("/reports/exports/findings.xlsx").data)
    assert findings[0] == reporting.FINDING_HEADERS
    assert [row[3] for row in findings[1:]] == ["PUBLISHED FINDING agencies missed coercive control.",
                                               "UNPUBLISHED FINDING on coercive control."]


def test_formulas_are_neutralised_in_both_formats(sign_in, report_world):
    pages, _ = sign_in("chair")
    text = "=HYPERLINK(\"http://evil.example\",\"x\")"
    make.recommendation(report_world.published, 9, text, lead=report_world.police, status="on_track",
                        action_to_take=f"Action for {text}", milestones="Milestone 9", commit=False)
    commit()
    csv_rows = read_csv(pages.client.get("/reports/exports/recommendations.csv").data)
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in [r[2] for r in csv_rows]
    sheet = load_workbook(io.BytesIO(pages.client.get("/reports/exports/recommendations.xlsx").data)).active
    cells = [c.value for c in sheet["C"]]
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_the_lists_filters_apply(sign_in, report_world):
    pages, _ = sign_in("chair")
    get = lambda url: read_csv(pages.client.get(url).data)[1:]  # noqa: E731
    assert [r[2] for r in get("/reports/exports/recommendations.csv?status=verified")] == [
        "PUBLISHED REC train staff on coercive control"]
    assert len(get(f"/reports/exports/recommendations.csv?agency={report_world.police.id}")) == 2
    assert [r[0] for r in get("/reports/exports/reviews.csv?stage=drafting")] == ["DHR-2024-03"]
    assert [r[0] for r in get("/reports/exports/reviews.csv?type=suicide")] == ["DHR-2023-02"]
    assert [r[0] for r in get("/reports/exports/reviews.csv?year=2021")] == ["DHR-2021-01"]
    assert [r[0] for r in get(f"/reports/exports/reviews.csv?agency={report_world.health.id}")] == ["DHR-2021-01"]
    assert [r[0] for r in get("/reports/exports/findings.csv?type=suicide")] == ["DHR-2023-02"]
    # nonsense filter values are ignored, not a 500
    assert len(get("/reports/exports/reviews.csv?stage=<script>&year=abc&agency=x")) == 3


def test_trainer_exports_only_published_reviews(sign_in, report_world):
    pages, _ = sign_in("trainer")
    for dataset in ("reviews", "findings", "recommendations"):
        for fmt in ("csv", "xlsx"):
            content = pages.client.get(f"/reports/exports/{dataset}.{fmt}").data
            rows = read_csv(content) if fmt == "csv" else read_xlsx(content)
            flat = " ".join(str(v) for row in rows for v in row)
            assert "DHR-2021-01" in flat and "DHR-2023-02" not in flat and "UNPUBLISHED" not in flat, (dataset, fmt)
            assert "RESTRICTED NOTE" not in flat


def test_agency_exports_what_it_can_see_and_the_export_is_audited(sign_in, report_world):
    pages, user = sign_in("agency", agency_name="Northshire Police")
    rows = read_csv(pages.client.get("/reports/exports/reviews.csv").data)[1:]
    assert [r[0] for r in rows] == ["DHR-2021-01", "DHR-2023-02"]  # not the review it has no part in
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "export"))
    assert event.user_id == user.id and event.changes == {"document": "reviews_csv", "rows": 2, "filters": {}}


def test_reports_page_links_to_exports_with_the_current_filters(sign_in, report_world):
    pages, _ = sign_in("agency", agency_name="Northshire Police")
    soup = pages.get("/reports/?status=verified&stage=bogus")
    links = [a["href"] for a in soup.select("a[href*='/reports/exports/']")]
    assert len(links) == 6 and all("status=verified" in h for h in links)
    assert soup.select_one(f"a[href='/reports/agencies/{report_world.police.id}/progress.pdf']")
    assert not soup.select_one(f"a[href='/reports/agencies/{report_world.health.id}/progress.pdf']")
