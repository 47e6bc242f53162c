"""The dashboard: figures, charts with their accessible tables, filters, and the list behind every number."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

from dhr.data import figures, lifecycle

from .helpers import error_summary


def _numbers(soup):
    """Every number that links to a drill-down list: (its text, its href)."""
    return [(a.find(string=True, recursive=False).strip(), a["href"])
            for a in soup.select("a[href*='/dashboard/list']")]


def test_dashboard_shows_each_figure_with_a_chart_and_a_table(sign_in, report_world):
    pages, _ = sign_in("chair")
    soup = pages.get("/dashboard")
    assert soup.h1.get_text(strip=True) == "Dashboard"
    headings = [h.get_text(strip=True) for h in soup.select("h2")]
    for expected in ["Reviews by type", "Reviews by death category", "Reviews by stage",
                     "Timeliness against the 6-month target", "Recommendations by status",
                     "Recommendations by lead agency", "Recommendations by theme",
                     "Recommendations by the 2024–29 strategy's priorities"]:
        assert expected in headings
    images = soup.select("img.app-reports-chart")
    assert len(images) == len(figures.BOARD_BREAKDOWNS)
    for img in images:
        summary = img.find_previous("p", class_="app-reports-summary").get_text(strip=True)
        assert img["alt"] == f"Bar chart. {summary} The figures are in the table below."
        table = img.find_next("table")
        assert table.caption and table.select("th[scope=row]")
    status = soup.select_one("section[aria-labelledby=figure-status] .app-reports-summary").get_text(strip=True)
    assert status == "3 recommendations counted. Most: Not started (1); next: In progress (at risk) (1)."
    assert "OFFICIAL-SENSITIVE" in soup.get_text()  # the warning that the PDF will be marked
    at_a_glance = {row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
                   for row in soup.table.tbody.select("tr")}
    assert at_a_glance["Reviews"].startswith("3") and at_a_glance["Recommendations"].startswith("3")
    assert at_a_glance["Overdue recommendations"].startswith("2")
    assert at_a_glance["Reviews late against the 6-month target"] == "2 of 3 (67%)"


def test_every_number_links_to_exactly_the_rows_behind_it(sign_in, report_world):
    pages, _ = sign_in("admin")
    soup = pages.get("/dashboard")
    numbers = _numbers(soup)
    assert len(numbers) > 20
    for count, href in numbers:
        listed = pages.get(href)
        rows = listed.select("table.govuk-table tbody tr")
        assert len(rows) == int(count), (href, count, len(rows))
        assert listed.select_one("p.govuk-body").get_text().startswith(f"{count} ")


def test_charts_are_svg_without_script_and_follow_the_filters(sign_in, report_world):
    pages, _ = sign_in("chair")
    soup = pages.get(f"/dashboard?agency={report_world.health.id}")
    src = soup.select_one("img.app-reports-chart[src*='/charts/agency.svg']")["src"]
    response = pages.client.get(src)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert "<svg" in svg and "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "City Hospital Trust" in svg and "Northshire Police" not in svg
    assert "script-src" not in response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_agency_filter_counts_its_reviews_and_the_recommendations_it_leads(sign_in, report_world):
    pages, _ = sign_in("chair")
    soup = pages.get(f"/dashboard?agency={report_world.health.id}")
    glance = {row.th.get_text(strip=True): row.td.get_text(" ", strip=True) for row in soup.table.tbody.select("tr")}
    assert glance["Reviews"].startswith("1") and glance["Recommendations"].startswith("1")
    assert soup.select_one(f"#agency option[value='{report_world.health.id}']").has_attr("selected")
    # every drill-down link keeps the filter
    assert _numbers(soup) and all(f"agency={report_world.health.id}" in h for _, h in _numbers(soup))


def test_period_filter_limits_reviews_by_notification_date(sign_in, report_world):
    pages, _ = sign_in("chair")
    soup = pages.get("/dashboard?start=1/1/2023&end=31/12/2024")
    glance = {row.th.get_text(strip=True): row.td.get_text(" ", strip=True) for row in soup.table.tbody.select("tr")}
    assert glance["Reviews"].startswith("2")
    assert soup.select_one("#start")["value"] == "1/1/2023"
    link = soup.select_one("a[href*='/reports/board.pdf']")["href"]
    assert parse_qs(urlparse(link).query) == {"start": ["2023-01-01"], "end": ["2024-12-31"]}


def test_bad_dates_are_explained_not_a_500(sign_in, report_world):
    pages, _ = sign_in("chair")
    soup = pages.get("/dashboard?start=31/2/2024&end=")
    assert error_summary(soup) == ["Enter the start date as a real date, for example 1/4/2024"]
    assert soup.select_one("#start")["value"] == "31/2/2024"
    soup = pages.get("/dashboard?start=2024-05-01&end=2024-04-01")
    assert error_summary(soup) == ["The end date must be on or after the start date"]
    assert soup.title.get_text().startswith("Error:")
    assert pages.client.get("/dashboard/charts/type.svg?start=nonsense").status_code == 400


def test_financial_year_links(sign_in, report_world):
    pages, _ = sign_in("chair")
    soup = pages.get("/dashboard")
    link = soup.find("a", string=re.compile(r"^\s*2023/24\s*$"))
    assert "start=2023-04-01" in link["href"] and "end=2024-03-31" in link["href"]


def test_dashboard_link_is_in_the_header_for_admins_and_chairs_only(sign_in, client):
    pages, _ = sign_in("chair")
    assert pages.get("/").select_one("header a[href='/dashboard']") is not None
    client.post("/sign-out")
    pages, _ = sign_in("trainer")
    assert pages.get("/").select_one("header a[href='/dashboard']") is None


# ---------------------------------------------------------------- the timeliness rule


def test_deadline_is_six_calendar_months_after_decision_extended_by_pauses():
    assert lifecycle.add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert lifecycle.add_months(dt.date(2023, 10, 15), 6) == dt.date(2024, 4, 15)
    assert lifecycle.completion_due(dt.date(2023, 8, 1), 30) == dt.date(2024, 3, 2)
    today = dt.date(2024, 1, 10)
    pauses = [(dt.date(2023, 9, 1), dt.date(2023, 10, 1)), (dt.date(2024, 1, 1), None)]
    assert lifecycle.days_paused(pauses, today) == 39


def test_a_review_is_late_if_not_submitted_by_its_deadline():
    today = dt.date(2024, 6, 1)
    decided = dt.date(2023, 8, 1)  # deadline 1 February 2024
    assert lifecycle.timeliness("submitted", decided, dt.date(2024, 2, 1), 0, today) == "on_time"
    assert lifecycle.timeliness("approved", decided, dt.date(2024, 2, 2), 0, today) == "late_submitted"
    assert lifecycle.timeliness("drafting", decided, None, 0, today) == "late_open"
    assert lifecycle.timeliness("drafting", decided, None, 200, today) == "within_target"  # paused long enough
    assert lifecycle.timeliness("notified", None, None, 0, today) == "no_decision"
    assert lifecycle.timeliness("not_commissioned", decided, None, 0, today) == "not_commissioned"


def test_the_figures_follow_every_change_at_once(app, report_world):
    """Figures read once are kept while nothing changes; any change (a theme given to a
    recommendation, a new recommendation) shows at once."""
    from dhr import data
    from dhr.data.models import Recommendation
    from dhr.extensions import db

    from . import factories as make

    admin = make.admin()
    before = figures.board_figures(admin, figures.Filters())
    assert figures.board_figures(admin, figures.Filters()).data is before.data  # nothing changed: kept
    rec = db.session.scalars(db.select(Recommendation).order_by(Recommendation.id)).first()
    theme = make.theme("A theme given later")
    rec.themes.append(theme)
    data.commit()
    by_theme = figures.board_figures(admin, figures.Filters()).breakdowns["recommendation_theme"]
    assert theme.name in [row.label for row in by_theme.rows]
    make.recommendation(rec.review, "99", "A recommendation added later.")
    assert figures.board_figures(admin, figures.Filters()).recommendation_count == before.recommendation_count + 1


def test_the_lead_agency_figures_name_the_agencies_leading_most_and_say_how_many_more(app, sign_in):
    from . import factories as make

    review = make.review("MANY-LEADS", commit=False)
    for n in range(figures.AGENCIES_SHOWN + 3):
        agency = make.agency(f"Lead {n:02d}", commit=False)
        for number in range(n + 1):  # agency n leads n + 1 recommendations
            make.recommendation(review, f"{n}.{number}", lead=agency, commit=False)
    from dhr.extensions import db

    db.session.commit()
    pages, _ = sign_in("admin")
    section = pages.get("/dashboard").select_one("section[aria-labelledby=figure-agency]")
    named = [th.get_text(strip=True) for th in section.select("tbody th")]
    assert named == [f"Lead {n:02d}" for n in range(figures.AGENCIES_SHOWN + 2, 2, -1)]
    note = section.select_one("p.govuk-body-s")
    assert "3 more are not" in note.get_text() and note.a["href"] == "/recommendations/agencies"
