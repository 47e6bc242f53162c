"""Recommendations name the findings they answer, and recommendations are listed in number order
("2" before "10") on every page, PDF and export: the migration, the form, the pages, the
case-study pack, report proposals, the action-plan spreadsheet and who sees the links."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from werkzeug.datastructures import MultiDict

from dhr import create_app
from dhr.data import action_plans, plan_columns, proposals
from dhr.data.models import Recommendation
from dhr.data.numbering import number_key
from dhr.data.policy import links
from dhr.extensions import db
from search import indexing

from . import factories as make
from .browser import run_axe
from .factories import TEST_PASSWORD
from .helpers import error_summary
from .pdf_helpers import get_pdf
from .test_action_migration import _scratch_url

# --- number order -------------------------------------------------------------------------------

def test_numbers_sort_as_they_are_read():
    written = ["10", "R10", "2a", "4.1", "1", "R2", "4", "2", "4.10", "4.2"]
    assert sorted(written, key=number_key) == ["1", "2", "2a", "4", "4.1", "4.2", "4.10", "10", "R2", "R10"]


def _entered_out_of_order(review):
    for number in ("10", "2", "1", "2a"):
        make.recommendation(review, number, f"Recommendation numbered {number}.")


def test_every_list_of_a_review_shows_its_recommendations_in_number_order(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    _entered_out_of_order(review)
    db.session.expire_all()
    in_order = ["1", "2", "2a", "10"]
    soup = pages.get(f"/reviews/{review.id}")
    assert [th.get_text(strip=True) for th in soup.select(".app-reviews-action-plan tbody th")] == in_order
    response = pages.client.get(f"/recommendations/reviews/{review.id}/export.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert [row[1] for row in rows[1:]] == in_order
    pdf = get_pdf(pages.client, f"/reports/reviews/{review.id}/summary.pdf")
    places = [pdf.text.index(f"Recommendation numbered {n}.") for n in in_order]
    assert places == sorted(places)


# --- the migration ------------------------------------------------------------------------------

def _world_before(connection) -> None:
    now = dt.datetime(2024, 1, 1, 9)
    connection.execute(text(
        "INSERT INTO review (id, reference, review_type, death_category, pseudonym, stage, summary, restricted_notes, "
        "published, publication_held, never_publish_terms, notified_on, decision_reason, created_at, updated_at) "
        "VALUES (1, 'DHR-1', 'dhr', 'intimate_partner', 'Ada', 'monitoring', '', '', :f, :f, '', '2023-01-01', '', "
        ":now, :now)"), {"f": False, "now": now})
    connection.execute(text("INSERT INTO finding (id, review_id, position, text, created_at, updated_at) "
                            "VALUES (1, 1, 1, 'A finding', :now, :now)"), {"now": now})
    for rec_id, number in ((1, "10"), (2, "2"), (3, "1"), (4, "2a")):
        connection.execute(text(
            "INSERT INTO recommendation (id, review_id, number, position, text, scope, status, version, created_at, "
            "updated_at) VALUES (:id, 1, :number, :id, :text, 'local', 'not_started', 1, :now, :now)"),
            {"id": rec_id, "number": number, "text": f"Recommendation {number}", "now": now})


def test_the_migration_keys_existing_recommendations_and_adds_the_links(database_url, tmp_path):
    url = _scratch_url(database_url, tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0008")
        with db.engine.begin() as connection:
            _world_before(connection)
        upgrade(revision="0010")
        with db.engine.begin() as connection:
            ordered = [row[0] for row in connection.execute(text(
                "SELECT number FROM recommendation ORDER BY number_key"))]
            connection.execute(text("INSERT INTO recommendation_finding (recommendation_id, finding_id) "
                                    "VALUES (3, 1)"))
            linked = connection.execute(text("SELECT recommendation_id FROM recommendation_finding")).all()
        assert ordered == ["1", "2", "2a", "10"]
        assert linked == [(3,)]
        downgrade(revision="0008")
        tables = inspect(db.engine)
        assert "recommendation_finding" not in tables.get_table_names()
        assert "number_key" not in [c["name"] for c in tables.get_columns("recommendation")]
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM recommendation")).scalar() == 4
        db.engine.dispose()
    create_engine(url).dispose()


# --- the form and the pages ---------------------------------------------------------------------

def _form(**values) -> MultiDict:
    base = {"number": "1", "text": "Police should train officers.", "scope": "local", "lead_agency_id": "",
            "action_to_take": "Deliver training", "milestones": "", "strategy_priority": ""}
    findings = values.pop("findings", [])
    base.update(values)
    return MultiDict([*base.items(), *(("findings", str(f)) for f in findings)])


def test_the_chair_chooses_the_findings_a_recommendation_answers(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    first = make.finding(review, "Agencies did not share what they knew about the threats.")
    second = make.finding(review, "No risk assessment was done after the separation.")
    soup = pages.get(f"/reviews/{review.id}/recommendations/new")
    labels = [label.get_text(" ", strip=True) for label in soup.select("#findings label, .govuk-checkboxes__label")
              if label.get_text(strip=True).startswith("Finding")]
    assert labels == ["Finding 1: Agencies did not share what they knew about the threats.",
                      "Finding 2: No risk assessment was done after the separation."]
    response = pages.client.post(f"/reviews/{review.id}/recommendations/new", data=_form(findings=[second.id]))
    assert response.status_code == 302
    rec = db.session.scalar(db.select(Recommendation).where(Recommendation.review_id == review.id))
    assert rec.findings == [second]
    soup = pages.get(f"/reviews/{review.id}")
    assert "Answered by recommendation 1" in soup.get_text(" ", strip=True)
    assert "Answers: finding 2" in soup.get_text(" ", strip=True)
    soup = pages.get(f"/learning/findings/{second.id}")
    assert [a.get_text(strip=True) for a in soup.select("main ul.govuk-list a")] == ["Answered by Recommendation 1"]
    soup = pages.get(f"/learning/findings/{first.id}")
    assert "No recommendation is linked to this finding." in soup.get_text()
    soup = pages.get(f"/learning/recommendations/{rec.id}")
    assert [a.get_text(strip=True) for a in soup.select("main ul.govuk-list a")] == ["Finding 2"]
    # Changed on the edit page, and each change is in the recommendation's history.
    edit = f"/reviews/{review.id}/recommendations/{rec.id}/edit"
    soup = pages.get(edit)
    assert [box["value"] for box in soup.select("input[name=findings][checked]")] == [str(second.id)]
    data = _form(findings=[first.id], version=str(rec.version))
    assert pages.client.post(edit, data=data).status_code == 302
    db.session.expire_all()
    assert rec.findings == [first]
    history = pages.get(f"/recommendations/{rec.id}").select_one("table:-soup-contains('Every change to this')")
    assert "Finding 1" in history.get_text() and "Finding 2" in history.get_text()


def test_a_finding_of_another_review_is_refused_and_the_form_keeps_what_was_typed(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    make.finding(review, "Our own finding.")
    other = make.review("OTHER-1", chair=chair)
    theirs = make.finding(other, "Another review's finding.")
    typed = "Health visitors should ask about abuse at every contact."
    soup = pages.post(f"/reviews/{review.id}/recommendations/new", data=_form(text=typed, findings=[theirs.id]))
    assert error_summary(soup) == ["Choose only findings of this review"]
    assert soup.select_one("textarea[name=text]").get_text(strip=True) == typed
    assert db.session.scalar(db.select(db.func.count(Recommendation.id))) == 0
    # Ids no finding can have (a crafted form) are never a 500: too big links nothing, not a number is refused.
    response = pages.client.post(f"/reviews/{review.id}/recommendations/new",
                                 data=_form(number="N1", findings=["99999999999999"]))
    assert response.status_code == 302
    assert db.session.scalar(db.select(Recommendation).where(Recommendation.number == "N1")).findings == []
    soup = pages.post(f"/reviews/{review.id}/recommendations/new", data=_form(number="N2", text=typed,
                                                                              findings=["x"]))
    assert len(error_summary(soup)) == 1 and soup.select_one("textarea[name=text]").get_text(strip=True) == typed
    rec = make.recommendation(review, "1", "Kept as it was.")
    soup = pages.post(f"/reviews/{review.id}/recommendations/{rec.id}/edit",
                      data=_form(text="Changed.", findings=[theirs.id], version=str(rec.version)))
    assert error_summary(soup) == ["Choose only findings of this review"]
    db.session.expire_all()
    assert rec.text == "Kept as it was." and rec.findings == []


# --- the PDFs ------------------------------------------------------------------------------------

def _published_review_with_links():
    theme = make.theme("Coercive control", "learning", description="Patterns of controlling behaviour.")
    review = make.review("DHR-2021-01", published=True, stage="published", published_on=dt.date(2022, 6, 1),
                         summary="Bella was killed by her former partner.")
    one = make.finding(review, "FINDING ONE missed the controlling behaviour.", themes=[theme])
    two = make.finding(review, "FINDING TWO no one asked about money.", themes=[theme])
    make.recommendation(review, "10", "REC TEN audit the training.")
    make.recommendation(review, "2", "REC TWO ask about economic abuse.", answers=[two])
    make.recommendation(review, "1", "REC ONE train on coercive control.", answers=[one, two])
    return theme, review


def test_the_pack_lists_under_each_finding_only_the_recommendations_answering_it(sign_in):
    theme, _ = _published_review_with_links()
    pages, _ = sign_in("trainer")
    text = get_pdf(pages.client, f"/reports/themes/{theme.id}/case-studies.pdf").text
    one, two = text.index("FINDING ONE"), text.index("FINDING TWO")
    first_case, second_case, after = text[one:two], text[two:text.index("Other recommendations")], \
        text[text.index("Other recommendations"):]
    assert "REC ONE" in first_case and "REC TWO" not in first_case and "REC TEN" not in first_case
    assert second_case.index("REC ONE") < second_case.index("REC TWO") and "REC TEN" not in second_case
    assert "REC TEN" in after and text.count("REC TEN") == 1


def test_the_review_summary_names_each_findings_recommendations(sign_in):
    _, review = _published_review_with_links()
    pages, _ = sign_in("trainer")
    text = get_pdf(pages.client, f"/reports/reviews/{review.id}/summary.pdf").text
    assert "FINDING ONE missed the controlling behaviour. Themes: Coercive control Answered by recommendation 1 " \
        in text
    assert "FINDING TWO no one asked about money. Themes: Coercive control Answered by recommendations 1, 2 " in text
    assert "No. Recommendation Findings it answers Lead agency" in text


# --- report import --------------------------------------------------------------------------------

REPORT = """Findings and recommendations

Finding 1: Risk assessment

Agencies did not complete a risk assessment after the second call.

Recommendation 1: Northshire Police should ensure a DASH risk assessment is completed at every call.

Finding 2: Information sharing

Recommendation 2: The hospital should share what it knows with the IDVA service (see findings 1 and 2).

Conclusions

Recommendation 3: The partnership should audit how training is delivered to every agency.

Ref | Recommendation | Lead agency | Related finding
4 | GPs should ask about abuse when a patient discloses separation. | Health | 2
"""


def test_proposals_take_the_findings_the_report_numbers():
    found = {p.number: p.findings for p in proposals.propose(REPORT, [])}
    assert found == {"4": [2], "1": [1], "2": [1, 2], "3": []}


def test_the_proposals_page_ticks_the_findings_and_saves_them(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    one = make.finding(review, "Risk assessment was missed.")
    two = make.finding(review, "Information was not shared.")
    document = make.document(review=review, content=REPORT.encode(), filename="report.txt")
    url = f"/reviews/{review.id}/documents/{document.id}/proposals"
    soup = pages.get(url)
    numbers = [i["value"] for i in soup.select("input[name$='-number']")]
    ticked = {n: [b["value"] for b in soup.select(f"input[name='proposals-{i}-findings'][checked]")]
              for i, n in enumerate(numbers)}
    assert ticked == {"4": [str(two.id)], "1": [str(one.id)], "2": [str(one.id), str(two.id)], "3": []}
    data = MultiDict()
    for index, entry in enumerate(soup.select("fieldset.app-reviews-proposal")):
        for field in entry.select("input, textarea, select"):
            name = field.get("name")
            if field.name == "textarea":
                data.add(name, field.get_text())
            elif field.name == "select":
                chosen = field.select_one("option[selected]")
                data.add(name, chosen["value"] if chosen else "")
            elif field.get("type") == "checkbox":
                if name.endswith("-accept") and numbers[index] == "2" or field.has_attr("checked"):
                    data.add(name, field["value"])
            else:
                data.add(name, field.get("value", ""))
    assert pages.client.post(url, data=data).status_code == 302
    [rec] = db.session.scalars(db.select(Recommendation).where(Recommendation.review_id == review.id))
    assert rec.number == "2" and rec.findings == [one, two]


# --- the action-plan spreadsheet ------------------------------------------------------------------

def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def test_the_spreadsheet_carries_the_findings_column_both_ways(sign_in):
    pages, chair = sign_in("chair")
    make.agency("Northshire Police", "police")
    review = make.review(chair=chair, stage="monitoring")
    one, _, three = (make.finding(review, f"Finding text {n}.") for n in (1, 2, 3))
    plan = action_plans.parse(_csv([["Number", "Recommendation", "Lead agency", "Finding(s)"],
                                    ["1", "Train officers.", "Northshire Police", "Findings 1 and 3"],
                                    ["2", "Audit forms.", "Northshire Police", ""]]), "csv", review, chair)
    assert plan.ready, plan.row_errors
    action_plans.save(review, plan, chair)
    db.session.commit()
    first, second = review.recommendations
    assert first.findings == [one, three] and second.findings == []
    rows = action_plans.export_rows(review.recommendations, dt.date.today())
    column = plan_columns.EXPORT_HEADERS.index(plan_columns.FINDINGS)
    assert [row[column] for row in rows] == ["1, 3", ""]
    # A return naming other findings changes them (shown first); one naming a finding the review lacks is refused.
    again = action_plans.parse(_csv([["No.", "Recommendation", "Lead agency", "Related finding"],
                                     ["1", "Train officers.", "Northshire Police", "3"],
                                     ["2", "Audit forms.", "Northshire Police", "7"]]), "csv", review, chair)
    assert [(c.label, c.old, c.new) for c in again.rows[0].changes] == [("Findings it answers", "1, 3", "3")]
    assert again.rows[1].errors == ["The review has no finding 7 (it has 3 findings)"]
    fixed = action_plans.parse(_csv([["No.", "Recommendation", "Lead agency", "Related finding"],
                                     ["1", "Train officers.", "Northshire Police", "3"]]), "csv", review, chair)
    action_plans.save(review, fixed, chair)
    db.session.commit()
    db.session.expire_all()
    assert review.recommendations[0].findings == [three]


# --- who sees the links ---------------------------------------------------------------------------

def test_a_trainer_sees_no_link_to_an_unpublished_reviews_items(sign_in, make_user):
    _, published = _published_review_with_links()
    unpublished = make.review("DHR-2023-02", summary="SECRET")
    hidden_finding = make.finding(unpublished, "UNPUBLISHED FINDING.")
    make.recommendation(unpublished, "1", "UNPUBLISHED REC.", answers=[hidden_finding])
    pages, trainer = sign_in("trainer")
    shown = published.findings[0]
    assert [r.number for r in links.answering(trainer, shown)] == ["1"]
    assert links.answering_each(trainer, [shown, hidden_finding]) == {
        shown.id: links.answering(trainer, shown), hidden_finding.id: []}
    assert links.answering(trainer, hidden_finding) == []
    pages.get(f"/learning/findings/{hidden_finding.id}", expected_status=404)
    assert "Answered by Recommendation 1" in pages.get(f"/learning/findings/{shown.id}").get_text()
    # Withdrawn while a change is checked, the published review's links go too.
    published.publication_held = True
    db.session.commit()
    assert links.answering(trainer, shown) == [] and links.answering_each(trainer, [shown]) == {shown.id: []}
    pages.get(f"/learning/findings/{shown.id}", expected_status=404)
    assert [r.number for r in links.answering(make_user("admin"), hidden_finding)] == ["1"]


def test_a_findings_search_result_shows_the_recommendations_answering_it(sign_in):
    indexing.rebuild()  # an empty index: every row below arrives in it through the outbox
    _published_review_with_links()
    unpublished = make.review("DHR-2023-02")
    hidden = make.finding(unpublished, "FINDING THREE about money, unpublished.")
    make.recommendation(unpublished, "1", "UNPUBLISHED REC about money.", answers=[hidden])
    pages, _ = sign_in("trainer")
    soup = pages.get("/search?q=money")
    hits = {hit.select_one("a").get_text(strip=True): hit for hit in soup.select(".app-learning-hit")}
    answered = [p for p in hits["DHR-2021-01 finding 2"].select("p") if p.get_text().startswith("Answered by")]
    assert [a.get_text(strip=True) for a in answered[0].select("a")] == ["recommendation 1", "recommendation 2"]
    assert "UNPUBLISHED" not in soup.get_text()


@pytest.mark.browser
def test_choosing_findings_in_a_browser_with_the_refusal_shown_accessibly(browser_page, make_user):
    chair = make_user("chair")
    review = make.review(chair=chair)
    make.finding(review, "Agencies did not share what they knew.")
    second = make.finding(review, "No risk assessment after the separation.")
    theirs = make.finding(make.review("OTHER-1"), "Another review's finding.")
    page = browser_page
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(chair.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    page.goto(f"/reviews/{review.id}/recommendations/new")
    assert run_axe(page) == []
    typed = "Police should complete a DASH at every call."
    page.get_by_label("Recommendation", exact=True).fill(typed)
    box = page.get_by_label("Finding 2: No risk assessment after the separation.")
    box.check()
    box.evaluate(f"element => element.value = '{theirs.id}'")  # a crafted form naming another review's finding
    page.get_by_role("button", name="Save recommendation").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.locator(".govuk-error-summary__list li").all_inner_texts() == ["Choose only findings of this review"]
    assert page.get_by_label("Recommendation", exact=True).input_value() == typed
    assert run_axe(page) == []
    page.get_by_label("Finding 2: No risk assessment after the separation.").check()
    page.get_by_role("button", name="Save recommendation").click()
    page.goto(f"/learning/findings/{second.id}")
    page.get_by_role("link", name="Answered by Recommendation 1").wait_for()
    assert run_axe(page) == []
