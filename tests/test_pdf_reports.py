"""Each PDF is produced, read back with pypdf, and checked for its content and the marking rules."""
from __future__ import annotations

import datetime as dt

from dhr.data import commit
from dhr.data.models import AuditEvent
from dhr.extensions import db

from . import factories as make
from .factories import TODAY
from .pdf_helpers import MARKING, get_pdf


def test_learning_summary_of_a_published_review_has_its_content_and_no_marking(sign_in, report_world):
    pages, _ = sign_in("chair")
    review = report_world.published
    pdf = get_pdf(pages.client, f"/reports/reviews/{review.id}/summary.pdf")
    pdf.assert_accessible("Learning summary: DHR-2021-01")
    for expected in ["DHR-2021-01", "Bella", "Domestic homicide review", "Intimate partner homicide", "Published",
                     "10 May 2021", "20 November 2021", "Bella was killed by her former partner after leaving.",
                     "Coercive control", "Separation risk", "PUBLISHED FINDING agencies missed coercive control.",
                     "PUBLISHED REC train staff on coercive control", "Complete, verified",
                     "In progress (at risk)", "Overdue", "Northshire Police"]:
        assert expected in pdf.text, expected
    assert not pdf.marked_anywhere()
    assert "RESTRICTED NOTE" not in pdf.text


def test_learning_summary_of_an_unpublished_review_is_marked_on_every_page(sign_in, report_world):
    pages, _ = sign_in("admin")
    review = report_world.unpublished
    # enough findings to run over several pages
    for n in range(2, 40):
        make.finding(review, f"Finding number {n}. " + "More detail. " * 30, commit=False)
    commit()
    pdf = get_pdf(pages.client, f"/reports/reviews/{review.id}/summary.pdf")
    assert len(pdf.pages) > 2
    assert pdf.marked_on_every_page()
    assert "SECRET SUMMARY" in pdf.text and "Paused: Criminal trial" in pdf.text
    assert "RESTRICTED NOTE" not in pdf.text


def test_action_plan_is_landscape_in_home_office_columns_with_the_header_on_every_page(sign_in, report_world):
    pages, _ = sign_in("chair")
    review = make.review("DHR-2022-15", published=True, notified_on=dt.date(2022, 1, 1),
                         published_on=dt.date(2022, 1, 1) + dt.timedelta(days=400), stage="monitoring",
                         pseudonym="Anna", summary="Summary of DHR-2022-15.",
                         restricted_notes="RESTRICTED NOTE DHR-2022-15", commit=False)
    for n in range(1, 16):
        text = f"Recommendation {n}: " + "improve practice " * 25
        make.recommendation(review, n, text, lead=report_world.police, status="on_track",
                            target_date=TODAY + dt.timedelta(days=n), scope="national" if n == 3 else "local",
                            action_to_take=f"Action for {text}", milestones=f"Milestone {n}", commit=False)
    commit()
    pdf = get_pdf(pages.client, f"/reports/reviews/{review.id}/action-plan.pdf")
    pdf.assert_accessible("Action plan: DHR-2022-15")
    box = pdf.reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    assert len(pdf.pages) > 1
    for page in pdf.pages:  # the header row is repeated
        assert "Key milestones achieved" in page and "Date of completion and outcome" in page
    for n in range(1, 16):
        assert f"Recommendation {n}:" in pdf.text
    assert "National" in pdf.text and "Milestone 15" in pdf.text
    assert not pdf.marked_anywhere()


def test_action_plan_of_an_unpublished_review_is_marked(sign_in, report_world):
    pages, _ = sign_in("agency", agency_name="Northshire Police")
    pdf = get_pdf(pages.client, f"/reports/reviews/{report_world.unpublished.id}/action-plan.pdf")
    assert pdf.marked_on_every_page()
    assert "UNPUBLISHED REC share information" in pdf.text


def test_agency_progress_report_puts_overdue_first_with_latest_update_and_assessment(sign_in, report_world):
    pages, user = sign_in("agency", agency_name="Northshire Police")
    pdf = get_pdf(pages.client, f"/reports/agencies/{report_world.police.id}/progress.pdf")
    pdf.assert_accessible("Progress report: Northshire Police")
    text = pdf.text
    assert "2 actions led by Northshire Police" in text
    assert text.index("Overdue (1)") < text.index("UNPUBLISHED REC share information") < text.index(
        "Complete, verified (1)") < text.index("PUBLISHED REC train staff")
    assert "UPDATE NARRATIVE training booked" in text and "Challenged: Need dates" in text
    assert "ask about separation" not in text  # led by the hospital
    assert pdf.marked_on_every_page()  # it includes a recommendation of an unpublished review
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "export"))
    assert event.user_id == user.id and event.changes["document"] == "agency_progress"


def test_agency_progress_report_with_only_published_work_is_not_marked(sign_in, report_world):
    pages, _ = sign_in("agency", agency_name="City Hospital Trust")
    pdf = get_pdf(pages.client, f"/reports/agencies/{report_world.health.id}/progress.pdf")
    assert "PUBLISHED REC ask about separation" in pdf.text and "Overdue (1)" in pdf.text
    assert not pdf.marked_anywhere()


def test_board_report_has_every_figure_and_charts_and_is_marked(sign_in, report_world):
    pages, _ = sign_in("admin")
    pdf = get_pdf(pages.client, "/reports/board.pdf")
    pdf.assert_accessible("Board paper: reviews and recommendations")
    text = pdf.text
    for expected in ["Reviews by year notified", "2021/22", "2023/24", "2024/25", "Reviews by type",
                     "Domestic abuse related suicide review", "Reviews by death category", "Suspected victim suicide",
                     "Reviews by stage", "Information gathering", "Timeliness against the 6-month target",
                     "Submitted within the target", "Past the target date, not yet submitted",
                     "Recommendations by status", "Recommendations by lead agency", "City Hospital Trust",
                     "Recommendations by theme", "strategy's priorities", "3. Early identification and help",
                     "5. Safety, support and recovery", "Appendix B: overdue actions by lead agency",
                     "Action for UNPUBLISHED REC share information", "Themes by the number of reviews",
                     "Coercive control"]:
        assert expected in text, expected
    assert "Of 3 reviews judged, 2 were late (67%)." in text
    # each chart is drawn under its heading, with no title of its own: the heading and the table's caption
    assert text.count("Recommendations by status") == 2
    assert pdf.marked_on_every_page()


def test_board_report_for_a_period_of_published_reviews_only_is_not_marked(sign_in, report_world):
    pages, _ = sign_in("chair")
    pdf = get_pdf(pages.client, "/reports/board.pdf?start=2021-04-01&end=2022-03-31")
    assert "notified from 1 April 2021 to 31 March 2022" in pdf.text
    assert "UNPUBLISHED" not in pdf.text
    assert not pdf.marked_anywhere()


def test_theme_case_study_pack_holds_published_findings_with_context_and_recommendations(sign_in, report_world):
    pages, _ = sign_in("trainer")
    pdf = get_pdf(pages.client, f"/reports/themes/{report_world.coercive.id}/case-studies.pdf")
    pdf.assert_accessible("Case studies: Coercive control")
    text = pdf.text
    assert "7-minute briefing" in text and "Patterns of controlling behaviour." in text
    assert "PUBLISHED FINDING agencies missed coercive control." in text
    assert "Bella was killed by her former partner" in text  # the review context
    assert "PUBLISHED REC train staff on coercive control" in text  # the recommendation that followed
    assert "UNPUBLISHED" not in text and "SECRET SUMMARY" not in text
    assert not pdf.marked_anywhere()


def test_admin_may_include_unpublished_findings_and_the_pack_is_then_marked(sign_in, report_world):
    pages, _ = sign_in("admin")
    pdf = get_pdf(pages.client, f"/reports/themes/{report_world.coercive.id}/case-studies.pdf?include_unpublished=1")
    assert "UNPUBLISHED FINDING on coercive control." in pdf.text
    assert pdf.marked_on_every_page()


def test_trainer_collection_pack_leaves_out_findings_of_unpublished_reviews(sign_in, report_world):
    pages, trainer = sign_in("trainer")
    collection = make.collection(trainer, [*report_world.published.findings, *report_world.unpublished.findings])
    pdf = get_pdf(pages.client, f"/reports/collections/{collection.id}.pdf")
    assert pdf.title == "Case studies: Teaching set"
    assert "PUBLISHED FINDING agencies missed coercive control." in pdf.text
    assert "UNPUBLISHED" not in pdf.text and MARKING not in pdf.text
    assert "1 finding in the collection is left out because its review is not published" in pdf.text


def test_trainer_can_never_produce_a_pdf_with_unpublished_material(sign_in, report_world):
    pages, trainer = sign_in("trainer")
    client = pages.client
    get_pdf(client, f"/reports/reviews/{report_world.unpublished.id}/summary.pdf", 404)
    get_pdf(client, f"/reports/themes/{report_world.coercive.id}/case-studies.pdf?include_unpublished=1", 403)
    collection = make.collection(trainer, list(report_world.unpublished.findings))
    get_pdf(client, f"/reports/collections/{collection.id}.pdf?include_unpublished=1", 403)
    pdf = get_pdf(client, f"/reports/collections/{collection.id}.pdf")
    assert "UNPUBLISHED" not in pdf.text and not pdf.marked_anywhere()
    assert "There are no published findings to show." in pdf.text
