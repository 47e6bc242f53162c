"""Each role's journey in a real browser (Debian's chromium via Playwright), with CSRF on and
the strict CSP in force: every page met, error states included, has no axe-core WCAG 2.0/2.1/2.2
A/AA violations, the console stays clean, and key pages are kept as screenshots under
test-artefacts/screenshots/<journey>/. The chair and agency journeys are also done by keyboard
alone. Data for each journey is made through the data layer, not the demo set."""
from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from docx import Document as DocxDocument

from dhr.data import commit, progress
from dhr.data.models import Review
from dhr.errors import MESSAGES
from dhr.extensions import db

from . import factories as make
from .browser import (
    assert_focus_visible,
    by_href,
    by_label,
    by_text,
    focused,
    run_axe,
    screenshot,
    sign_in_as,
    tab_to,
)
from .factories import PDF, TEST_PASSWORD

pytestmark = pytest.mark.browser


ERROR_TITLES = {title for title, _ in MESSAGES.values()}


# --- helpers --------------------------------------------------------------------------------

def check(page, journey: str, name: str) -> None:
    """The page is not an error page, axe finds nothing, and a screenshot is kept."""
    heading = page.get_by_role("heading", level=1).first.inner_text()
    assert heading not in ERROR_TITLES, f"{page.url} shows an error page: {heading}"
    violations = run_axe(page)
    assert violations == [], f"{page.url}: {violations}"
    screenshot(page, journey, name)


def error_messages(page) -> list[str]:
    """The error summary's messages; GOV.UK's pattern also puts "Error: " before the page title."""
    page.locator(".govuk-error-summary").wait_for()
    assert page.title().startswith("Error: "), f"{page.url}: title {page.title()!r} does not say Error"
    return [t.strip() for t in page.locator(".govuk-error-summary__list li").all_inner_texts()]


def fill_date(page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def docx_report(paragraphs: list[str]) -> bytes:
    document = DocxDocument()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_plan(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- data -----------------------------------------------------------------------------------

@pytest.fixture
def partnership(app):
    police = make.agency("Northshire Police", "police")
    housing = make.agency("City Housing", "housing")
    coercion = make.theme("Coercive control", "learning", synonyms="controlling behaviour")
    separation = make.theme("Separation risk", "learning")
    return police, housing, coercion, separation


STAGE_DATES = [  # (button text after "Record next stage: ", date)
    ("decision", dt.date(2024, 1, 20)),
    ("set-up", dt.date(2024, 2, 1)),
    ("information gathering", dt.date(2024, 3, 1)),
    ("drafting", dt.date(2024, 6, 3)),
    ("partnership sign-off", dt.date(2024, 7, 1)),
    ("submitted to the home office", dt.date(2024, 7, 15)),
    ("approved", dt.date(2024, 9, 2)),
]


# --- the chair ------------------------------------------------------------------------------

def _do_what_is_left_before_publishing(page, journey: str) -> None:
    """From the task list: upload the executive summary, write each action and give it a target date,
    record the family's involvement and when the family saw the report."""
    page.get_by_role("heading", name="Before you publish").wait_for()
    assert "4 of 8 tasks done" in page.locator("main").inner_text()
    check(page, journey, "17-before-publishing")
    page.get_by_role("link", name="Upload the executive summary").click()
    page.get_by_role("link", name="Upload a report").click()
    page.get_by_label("Executive summary").check()
    page.get_by_label("Upload a file").set_input_files({
        "name": "executive-summary.txt", "mimeType": "text/plain",
        "buffer": b"Executive summary: Adult K. Agencies did not recognise coercive control."})
    page.get_by_role("button", name="Upload", exact=True).click()
    page.get_by_role("heading", name="Reading executive-summary.txt").wait_for()
    page.go_back()
    page.get_by_role("link", name="Back to the review").click()
    for number in ("1.1", "2.1"):
        page.get_by_role("link", name=f"Change action {number}", exact=True).click()
        page.get_by_label("Action to take").fill("Brief every team and check the change in a dip sample.")
        fill_date(page, "Target date", dt.date(2025, 3, 31))
        page.get_by_role("button", name="Save action").click()
        page.get_by_text(f"Action {number} saved").wait_for()
    page.get_by_role("link", name="Record next stage: published").click()
    page.get_by_role("link", name="Share the report with the family").click()
    page.get_by_role("button", name="Save").click()
    assert error_messages(page) == ["Enter the date the family saw the report"]
    check(page, journey, "17-family-errors")
    fill_date(page, "Date the family saw the report", dt.date(2024, 8, 20))
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Recorded when the family saw the report").wait_for()
    page.get_by_role("link", name="Record the family's involvement").click()
    page.get_by_role("link", name="Record an offer of contact").click()
    page.get_by_role("button", name="Save").click()
    assert error_messages(page) == ["Enter who was offered contact, for example the person's mother",
                                    "Choose how contact was offered", "Enter the date contact was offered",
                                    "Choose whether they took part"]
    check(page, journey, "17-family-contact-errors")
    page.get_by_label("Who was offered contact").fill("Her mother")
    page.get_by_label("Advocacy After Fatal Domestic Abuse (AAFDA)").check()
    fill_date(page, "Date contact was offered", dt.date(2024, 2, 1))
    page.get_by_label("Took part").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Recorded the offer of contact to Her mother").wait_for()
    check(page, journey, "17-family-involvement")
    page.get_by_role("link", name="Back to the review").click()
    page.get_by_role("link", name="Record next stage: published").click()
    assert "8 of 8 tasks done" in page.locator("main").inner_text()

def test_chair_logs_a_review_and_takes_it_to_publication(browser_page, make_user, partnership):
    page, journey = browser_page, "chair"
    police, housing, coercion, _ = partnership
    make_user("chair")
    chair = make_user("chair", email="chair@example.org")

    page.goto("/")
    check(page, journey, "01-sign-in")
    sign_in_as(page, chair.email)
    check(page, journey, "02-home")

    page.get_by_role("link", name="Reviews", exact=True).click()
    check(page, journey, "03-reviews")
    page.get_by_role("link", name="Log a new review").click()
    check(page, journey, "04-new-review")
    page.get_by_role("button", name="Save review").click()
    assert "Enter the review reference" in error_messages(page)
    assert "Enter the date of notification" in error_messages(page)
    check(page, journey, "05-new-review-errors")

    page.get_by_label("Reference").fill("BDHR2024/25-09")
    page.get_by_label("Domestic homicide review").check()
    page.get_by_label("Death category").select_option(label="Intimate partner homicide")
    page.get_by_label("Pseudonym of the person who died").fill("Adult K")
    fill_date(page, "Date of notification", dt.date(2024, 1, 2))
    page.get_by_label("Summary").fill("Adult K was killed by her former partner at her home near B15 2TT "
                                      "three weeks after she left him.")
    page.get_by_role("group", name="Agencies on the panel").get_by_label("Northshire Police").check()
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Review BDHR2024/25-09 created").wait_for()
    check(page, journey, "06-review-created")
    review = db.session.scalar(db.select(Review).where(Review.reference == "BDHR2024/25-09"))
    assert review.chair_id == chair.id

    # The decision, with its error state first, then the stages up to approval.
    page.get_by_role("link", name="Record next stage: decision").click()
    page.get_by_role("button", name="Record decision").click()
    assert "Choose whether a review is commissioned" in error_messages(page)
    check(page, journey, "07-decision-errors")
    page.get_by_label("Commission a review", exact=True).check()
    fill_date(page, "Date of the decision", dt.date(2024, 1, 20))
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Stage recorded").wait_for()
    for name, day in STAGE_DATES[1:]:
        page.get_by_role("link", name=f"Record next stage: {name}").click()
        if name == "set-up":
            check(page, journey, "08-record-stage")
        fill_date(page, "Date reached", day)
        page.get_by_role("button", name="Record stage").click()
        page.get_by_text("Stage recorded").wait_for()
    check(page, journey, "09-approved")

    # A finding with themes.
    page.get_by_role("link", name="Add a finding").click()
    page.get_by_role("button", name="Save finding").click()
    assert error_messages(page) == ["Enter the finding"]
    check(page, journey, "10-finding-errors")
    page.get_by_label("Finding", exact=True).fill("Agencies did not recognise the coercive control Adult K "
                                                   "described when she separated from her partner. The refuge's "
                                                   "public helpline, 0121 303 1234, was never offered to her.")
    themes_group = page.get_by_role("group", name="Learning from reviews")  # the picker groups themes by kind
    themes_group.get_by_label("Coercive control").check()
    themes_group.get_by_label("Separation risk").check()
    page.get_by_role("button", name="Save finding").click()
    page.get_by_text("Finding added").wait_for()
    assert "Themes: Coercive control, Separation risk" in page.locator("#findings ~ ol").inner_text()

    # A report: its numbered recommendations are proposed, and both are accepted.
    page.get_by_role("link", name="Upload a report").click()
    page.get_by_role("button", name="Upload", exact=True).click()
    assert "Select a file to upload" in error_messages(page)
    check(page, journey, "11-upload-errors")
    page.get_by_label("Overview report").check()
    page.get_by_label("Upload a file").set_input_files({
        "name": "overview-report.docx",
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "buffer": docx_report([
            "Overview report: Adult K", "Recommendations",
            "1. The police should train every response officer to recognise coercive control.",
            "2. Housing should ask about domestic abuse at every tenancy visit.",
        ]),
    })
    page.get_by_role("button", name="Upload", exact=True).click()
    # The report is read in the background; its progress page leads on to the proposals.
    page.get_by_role("heading", name="Reading overview-report.docx").wait_for()
    check(page, journey, "11-report-read")
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("heading", name="Draft recommendations found in overview-report.docx").wait_for()
    check(page, journey, "12-proposals")
    page.get_by_label("Save this recommendation (proposal 1)").check()
    page.get_by_label("Save this recommendation (proposal 2)").check()
    page.get_by_role("button", name="Save the selected recommendations").click()
    page.get_by_text("2 recommendations saved from overview-report.docx").wait_for()
    plan = page.get_by_role("table", name="Action plan").inner_text()
    assert "The police should train every response officer" in plan and "Northshire Police" in plan
    assert "Housing should ask about domestic abuse" in plan and "City Housing" in plan
    check(page, journey, "13-recommendations-saved")

    # The publication check flags the postcode; accepting without a reason is an error.
    page.get_by_role("link", name="Publication check").click()
    table = page.get_by_role("table", name="Items that look like personal data").inner_text()
    assert "B15 2TT" in table
    check(page, journey, "14-publication-check")
    page.get_by_role("button", name="Accept the selected items").click()
    assert "Select the items you accept for publication" in error_messages(page)
    check(page, journey, "15-publication-check-errors")
    # The refuge's public helpline is safe to publish: accept it, with the reason.
    page.get_by_label("Phone number: 0121 303 1234").check()
    page.get_by_label("Why is each selected item safe to publish?").fill("The refuge's public helpline.")
    page.get_by_role("button", name="Accept the selected items").click()
    page.get_by_text("The selected items are accepted for publication").wait_for()
    assert "1 item must be fixed or accepted" in page.locator("main").inner_text()
    # The postcode is fixed instead: the summary is edited to remove it.
    page.get_by_role("link", name="Back to the review").click()
    page.get_by_role("link", name="Edit details").click()
    page.get_by_label("Summary").fill("Adult K was killed by her former partner at her home three weeks "
                                      "after she left him.")
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Review details saved").wait_for()
    page.get_by_role("link", name="Publication check").click()
    page.get_by_text("Every flagged item has been accepted. The review can be published.").wait_for()
    check(page, journey, "16-publication-check-clear")

    page.get_by_role("link", name="Back to the review").click()
    page.get_by_role("link", name="Record next stage: published").click()
    _do_what_is_left_before_publishing(page, journey)
    page.get_by_role("button", name="Continue to publish").click()
    check(page, journey, "18-publish")
    fill_date(page, "Date published", dt.date(2024, 10, 1))
    page.get_by_role("button", name="Publish the review").click()
    page.get_by_text("The review is published").wait_for()
    assert page.locator("main .govuk-tag").first.inner_text() == "Published"
    check(page, journey, "19-published")
    db.session.expire_all()
    assert db.session.get(Review, review.id).published


# --- the agency -----------------------------------------------------------------------------

def test_agency_posts_an_update_and_answers_a_challenge(browser_page, make_user, tracker_world):
    page, journey = browser_page, "agency"
    officer = make_user("agency", agency_name="Northshire Police")
    admin = make_user("admin")

    page.goto("/")
    sign_in_as(page, officer.email)
    assert page.get_by_role("heading", level=1).inner_text() == "What needs your agency now"  # an agency's home
    check(page, journey, "01-home")
    page.locator("main").get_by_role("link", name="Our recommendations", exact=True).click()
    page.wait_for_url("**/our-recommendations")
    listing = page.locator("main").inner_text()
    assert "Train officers to recognise coercive control." in listing  # we lead
    assert "Routine enquiry in the emergency department." in listing  # we support
    assert "Housing officers ask about abuse." not in listing  # another agency's
    assert "Amend the statutory guidance." not in listing
    check(page, journey, "02-our-recommendations")

    # The link shows only "1" (the rest is visually hidden); Playwright aims at the hidden text's
    # 1-pixel box, so click where a person would, on the visible number.
    page.get_by_role("link", name="Recommendation 1 of DHR-2023-01", exact=True).click()
    page.get_by_role("heading", name="Recommendation 1").wait_for()
    check(page, journey, "03-recommendation")
    page.get_by_role("button", name="Send update").click()
    assert error_messages(page) == ["Enter what has been done", "Select the status you propose"]
    check(page, journey, "04-update-errors")
    page.get_by_label("What has been done").fill("All response officers have completed the coercive control "
                                                 "course; the register is attached.")
    page.get_by_label("Complete, awaiting evidence").check()
    page.get_by_label("Evidence (optional)").set_input_files(
        {"name": "training-register.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Send update").click()
    page.get_by_text("Your update has been sent to the partnership for assessment.").wait_for()
    assert page.get_by_role("link", name="training-register.pdf").count() == 1
    check(page, journey, "05-update-sent")

    # The partnership challenges it (through the data layer) and the agency sees why.
    rec = tracker_world.police_overdue
    db.session.expire_all()
    progress.assess(rec.updates[-1], admin, "challenged", "The register lists only 40 of 60 officers: "
                                                          "send the rest.")
    commit()
    page.reload()
    assert ("Message from the partnership: The register lists only 40 of 60 officers"
            in page.locator("main").inner_text())
    check(page, journey, "06-challenged")
    page.get_by_label("What has been done").fill("The remaining 20 officers finished the course in May.")
    page.get_by_label("Complete, awaiting evidence").check()
    page.get_by_role("button", name="Send update").click()
    page.get_by_text("Your update has been sent to the partnership for assessment.").wait_for()
    newest = page.locator(".app-tracker-update").first.inner_text()
    assert "The remaining 20 officers finished the course in May." in newest and "Awaiting assessment" in newest
    check(page, journey, "07-answered")


# --- the partnership coordinator ------------------------------------------------------------

def test_admin_verifies_an_update_imports_a_plan_and_downloads_the_board_report(browser_page, make_user,
                                                                                tracker_world, console):
    page, journey = browser_page, "admin"
    officer = make_user("agency", agency_name="Northshire Police")
    admin = make_user("admin")
    progress.post_update(tracker_world.police_overdue.actions[0], officer, "Training complete for all officers.",
                         "awaiting_evidence", [progress.EvidenceFile("register.pdf", PDF)])
    commit()

    page.goto("/")
    sign_in_as(page, admin.email)
    page.get_by_role("link", name="Recommendations", exact=True).click()
    check(page, journey, "01-recommendations-overview")
    page.get_by_role("link", name="1 update awaiting assessment").click()
    page.get_by_role("link", name="Assess DHR-2023-01 recommendation 1").click()
    page.get_by_role("button", name="Save assessment").wait_for()  # the assessment page has loaded
    assert page.get_by_role("link", name="register.pdf").count() == 1
    check(page, journey, "02-assess")
    page.get_by_role("button", name="Save assessment").click()
    assert error_messages(page) == ["Select whether to accept, challenge or ask for more evidence"]
    check(page, journey, "03-assess-errors")
    page.get_by_label("Accept the update").check()
    fill_date(page, "Date of completion", dt.date.today() - dt.timedelta(days=3))
    page.get_by_label("Outcome achieved").fill("All 60 officers trained.")
    page.get_by_label("Shows only that a document or plan exists").check()
    page.get_by_role("button", name="Save assessment").click()
    page.get_by_text("Assessment saved.").wait_for()
    assert "Complete, verified" in page.locator("main dl").first.inner_text()
    check(page, journey, "04-verified")

    # Import an action plan in the Home Office columns into the unpublished review.
    page.goto(f"/recommendations/reviews/{tracker_world.unpublished.id}")
    check(page, journey, "05-review-plan")
    page.get_by_role("link", name="Import recommendations from a spreadsheet").click()
    page.get_by_role("button", name="Check the file").click()
    assert error_messages(page) == ["Select an XLSX or CSV file"]
    check(page, journey, "06-import-errors")
    page.get_by_label("Upload an action plan (XLSX or CSV)").set_input_files({
        "name": "bad-plan.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": xlsx_plan([
            ["Recommendation", "Scope (local / regional / national)", "Action to take", "Lead agency",
             "Key milestones achieved", "Target date", "Date of completion and outcome"],
            ["Ask about abuse at every tenancy visit", "Local", "", "Nowhere Trust", "", "not a date", ""],
        ]),
    })
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("Nothing has been saved: the file has").wait_for()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("button", name=re.compile(r"^Save \d+ recommendation")).count() == 0
    check(page, journey, "06b-import-row-errors")
    page.get_by_label("Upload an action plan (XLSX or CSV)").set_input_files({
        "name": "action-plan.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": xlsx_plan([
            ["Recommendation", "Scope (local / regional / national)", "Action to take", "Lead agency",
             "Key milestones achieved", "Target date", "Date of completion and outcome"],
            ["Ask about abuse at every tenancy visit", "Local", "Update the visit checklist", "City Housing",
             "", dt.datetime(2027, 6, 30), ""],
            ["Fund an IDVA in the emergency department", "Regional", "Business case", "City Hospital Trust",
             "Business case drafted", "31/12/2027", ""],
        ]),
    })
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Save 2 recommendations").wait_for()
    check(page, journey, "07-import-preview")
    page.get_by_role("button", name="Save 2 recommendations").click()
    page.get_by_text("Saved 2 recommendations from action-plan.xlsx.").wait_for()
    assert "Fund an IDVA in the emergency department" in page.locator("main").inner_text()
    check(page, journey, "08-imported")

    page.get_by_role("link", name="Dashboard").click()
    check(page, journey, "09-dashboard")
    # The board paper is prepared in the background: a progress page, then the file.
    page.get_by_role("link", name="Prepare the board paper (PDF)").click()
    page.get_by_text("Your download is ready").wait_for()
    check(page, journey, "10-board-report-ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download board-paper\.pdf")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


# --- the trainer ----------------------------------------------------------------------------

def test_trainer_searches_builds_a_collection_and_never_meets_unpublished_reviews(browser_page, make_user,
                                                                                 learning_world, console):
    page, journey = browser_page, "trainer"
    trainer = make_user("trainer")
    hidden = learning_world.r3

    page.goto("/")
    sign_in_as(page, trainer.email)
    check(page, journey, "01-home")

    # A collection to gather case studies in (its error state first).
    page.get_by_role("link", name="Search learning").click()
    check(page, journey, "02-search")
    page.get_by_role("link", name="Your case-study collections").click()
    page.get_by_role("button", name="Create collection").click()
    assert error_messages(page) == ["Enter a name for the collection"]
    check(page, journey, "03-collection-errors")
    page.get_by_label("Name of the collection").fill("Separation and risk")
    page.get_by_role("button", name="Create collection").click()
    page.get_by_text("Collection ‘Separation and risk’ created").wait_for()

    # A phrase search, then a theme facet.
    page.get_by_role("link", name="Search learning").click()
    page.get_by_label("Words to search for").fill('"risk assessment"')
    page.get_by_role("button", name="Search", exact=True).click()
    page.locator("#results-heading").wait_for()
    results = page.locator("main").inner_text()
    assert "DHR-2019-01" in results and "DHR-2021-02" in results
    assert "zanzibar" not in results.lower() and hidden.reference not in results
    check(page, journey, "04-phrase-results")
    before = int(page.locator("#results-heading").inner_text().split()[0])
    facets = page.locator(".app-learning-facets")
    facets.locator("summary", has_text="Year").click()  # each facet's options are folded under its title
    assert "2023" not in facets.get_by_role("group", name="Year").inner_text()  # only the hidden review is 2023
    apply = facets.get_by_role("button", name="Apply filters")
    themes = facets.locator("summary", has_text="Theme")
    assert apply.first.bounding_box()["y"] < themes.bounding_box()["y"]  # Apply is above the theme list
    themes.click()
    facets.get_by_label(re.compile(r"^Separation risk \(\d+")).check()
    apply.last.click()  # the second Apply, below the options
    page.get_by_role("link", name="Clear filters").wait_for()
    after = int(page.locator("#results-heading").inner_text().split()[0])
    assert 0 < after < before
    shown = page.locator(".app-learning-hit").all_inner_texts()
    assert shown and all("Separation risk" in hit for hit in shown)
    assert page.get_by_role("link", name="Remove filter: Separation risk").count() == 1
    check(page, journey, "05-theme-facet")

    # On a phone: add a finding from the results to the collection; the page comes back to that
    # finding, which now says it is in the collection.
    page.set_viewport_size({"width": 375, "height": 667})
    check(page, journey, "05b-theme-facet-phone")
    add = page.get_by_role("button", name=re.compile(r"^Add Finding \d+ of DHR-2019-01 to the chosen collection$"))
    item = page.locator(".app-learning-hit", has=add)
    item_id = item.get_attribute("id")
    assert re.fullmatch(r"finding-\d+", item_id)
    add.click()
    page.locator(f"#{item_id} .app-learning-collect__held").wait_for()
    assert page.url.endswith(f"#{item_id}")
    assert "In your collection ‘Separation and risk’" in page.locator(f"#{item_id}").inner_text()
    page.wait_for_load_state("load")  # the browser goes to the fragment once the page is laid out
    page.wait_for_function("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                      return window.scrollY > 0 && r.top >= 0 && r.top < window.innerHeight }""",
                           arg=item_id, timeout=5000)  # scrolled to the finding, not left at the top
    page.get_by_role("button", name="Remove Finding 1 of DHR-2019-01 from your collection ‘Separation and risk’")\
        .wait_for()
    check(page, journey, "05c-added-in-place")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.locator(".app-learning-hit a").first.click()
    page.get_by_role("heading", name="Similar learning from other reviews").wait_for()
    page.locator(".app-similar .app-similar-results").wait_for()  # fetched by the page's script
    similar = page.locator(".app-similar").inner_text()
    assert "DHR-2021-02" in similar or "DHR-2022-04" in similar
    assert hidden.reference not in similar and "zanzibar" not in similar.lower()
    check(page, journey, "06-finding-and-similar")

    page.get_by_role("link", name="Search learning").click()
    page.get_by_role("link", name="Your case-study collections").click()
    page.get_by_role("link", name="Separation and risk").click()
    assert "Police did not complete a DASH form after the separation." in page.locator("main").inner_text()
    check(page, journey, "07-collection")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as PDF").click()
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # The unpublished review never shows: not in results, not in facet counts, not by URL.
    page.goto("/search?q=zanzibar")
    assert page.locator("#results-heading").inner_text() == "0 results"
    page.goto("/search?q=abuse")  # matches a recommendation in each of r2 (published) and r3 (hidden)
    facets = page.locator(".app-learning-facets")
    facets.locator("summary", has_text="Lead agency").click()
    assert "City Housing" in facets.get_by_role("group", name="Lead agency").inner_text()
    assert "Northfield GP" not in facets.text_content()  # leads only the hidden review's recommendation
    assert "In progress (at risk)" not in facets.text_content()  # the hidden recommendation's status
    assert "zanzibar" not in page.locator("main").inner_text().lower()
    check(page, journey, "08-no-unpublished-in-facets")
    console.expect_status(404)
    for url in (f"/reviews/{hidden.id}", f"/learning/findings/{hidden.findings[0].id}",
                f"/learning/recommendations/{hidden.recommendations[0].id}"):
        response = page.goto(url)
        assert response.status == 404, url
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert run_axe(page) == []
    screenshot(page, journey, "09-not-found")


# --- keyboard only --------------------------------------------------------------------------

def keyboard_sign_in(page, user) -> None:
    page.goto("/sign-in")
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["text"] == "Skip to main content"
    tab_to(page, by_label("Email address"))
    page.keyboard.type(user.email)
    tab_to(page, by_label("Password"))
    page.keyboard.type(TEST_PASSWORD)
    tab_to(page, lambda info: info["tag"] == "button" and info["text"] == "Sign in")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Sign out").wait_for()


def assert_error_summary_has_focus(page) -> None:
    """As GOV.UK Frontend does: after a failed submit the error summary takes focus, and its
    first link moves focus to the field in error."""
    page.locator(".govuk-error-summary").wait_for()
    try:  # GOV.UK Frontend's module script moves focus once it has run, just after the page loads
        page.wait_for_function("() => document.activeElement.classList.contains('govuk-error-summary')",
                               timeout=3000)
    except Exception:
        pass
    info = focused(page)
    assert info is not None and "govuk-error-summary" in info["classes"], f"focus is on {info}"


def test_chair_journey_by_keyboard_alone(browser_page, make_user, partnership):
    page, journey = browser_page, "chair-keyboard"
    chair = make_user("chair")

    keyboard_sign_in(page, chair)
    tab_to(page, lambda info: info["tag"] == "a" and info["text"] == "Reviews")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Reviews").wait_for()
    tab_to(page, by_text("Log a new review"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Log a new review").wait_for()

    # Submit the empty form: the error summary takes focus; its first link leads to the field.
    tab_to(page, by_text("Save review"))
    page.keyboard.press("Enter")
    assert_error_summary_has_focus(page)
    check(page, journey, "01-errors-focused")
    info = tab_to(page, lambda info: info["tag"] == "a")
    assert info["text"] == "Enter the review reference"
    page.keyboard.press("Enter")
    assert assert_focus_visible(page)["id"] == "reference"
    page.keyboard.type("BDHR2024/25-11")
    tab_to(page, by_label("Domestic homicide review"))
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    tab_to(page, by_label("Pseudonym of the person who died"))
    page.keyboard.type("Adult M")
    tab_to(page, by_label("Day"))
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("2024")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["label"] == "Month"  # Shift+Tab goes back one field
    tab_to(page, by_label("Northshire Police"))
    page.keyboard.press("Space")
    check(page, journey, "02-form-filled")
    tab_to(page, by_text("Save review"))
    page.keyboard.press("Enter")
    page.get_by_text("Review BDHR2024/25-11 created").wait_for()
    review = db.session.scalar(db.select(Review).where(Review.reference == "BDHR2024/25-11"))
    assert review.notified_on == dt.date(2024, 2, 5)
    assert [a.name for a in review.panel_agencies] == ["Northshire Police"]

    # Add a finding with a theme.
    tab_to(page, by_text("Add a finding"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Add a finding").wait_for()
    tab_to(page, by_label("Finding"))
    page.keyboard.type("Nobody asked Adult M about the controlling behaviour her sister described.")
    tab_to(page, by_label("Coercive control"))
    page.keyboard.press("Space")
    tab_to(page, by_text("Save finding"))
    page.keyboard.press("Enter")
    page.get_by_text("Finding added").wait_for()
    check(page, journey, "03-finding-added")
    db.session.expire_all()
    finding = db.session.get(Review, review.id).findings[0]
    assert [t.name for t in finding.themes] == ["Coercive control"]


def test_agency_update_by_keyboard_alone(browser_page, make_user, tracker_world):
    page, journey = browser_page, "agency-keyboard"
    officer = make_user("agency", agency_name="Northshire Police")
    rec = tracker_world.police_overdue

    # A person picks the file in the chooser their keypress opens; here the listener answers it.
    # (Listening from the start, rather than expect_file_chooser around the keypress, leaves no
    # window in which the chooser opens before it is intercepted.)
    page.on("filechooser", lambda chooser: chooser.set_files(
        {"name": "course-outline.pdf", "mimeType": "application/pdf", "buffer": PDF}))
    keyboard_sign_in(page, officer)
    page.get_by_role("heading", level=1, name="What needs your agency now").wait_for()  # an agency's home
    tab_to(page, by_href("/our-recommendations"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Our recommendations").wait_for()
    tab_to(page, by_href(f"/our-recommendations/{rec.id}"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Recommendation 1").wait_for()

    tab_to(page, by_text("Send update"))
    page.keyboard.press("Enter")
    assert_error_summary_has_focus(page)
    check(page, journey, "01-errors-focused")
    tab_to(page, by_label("What has been done"))
    page.keyboard.type("The coercive control course is now part of initial training.")
    info = tab_to(page, lambda info: info["type"] == "radio")
    assert info["label"] == "In progress (on track)"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # arrow keys move through, and select, the radios
    info = focused(page)
    assert info["label"] == "Complete, awaiting evidence" and info["checked"]
    tab_to(page, by_label("Evidence (optional)"))
    page.keyboard.press("Enter")  # opens the file chooser, answered by the listener set up above
    page.wait_for_function("() => document.activeElement.files && document.activeElement.files.length === 1")
    check(page, journey, "02-form-filled")
    tab_to(page, by_text("Send update"))
    page.keyboard.press("Enter")
    page.get_by_text("Your update has been sent to the partnership for assessment.").wait_for()
    check(page, journey, "03-update-sent")
    db.session.expire_all()
    update = rec.updates[-1]
    assert update.proposed_status == "awaiting_evidence"
    assert [d.filename for d in update.evidence] == ["course-outline.pdf"]
