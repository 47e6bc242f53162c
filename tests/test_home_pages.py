"""Each person's home page at `/`: what needs them now, with counts. Every count links to a list
of exactly the rows it counts; an agency counts only its own actions; a trainer sees nothing
unpublished; and each page asks the database a bounded number of questions."""
from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

from sqlalchemy import event, select

from dhr.data import action_rows, commit
from dhr.data import actions as action_data
from dhr.data.due import utcnow
from dhr.data.models import Action
from dhr.data.national_models import NationalReferral
from dhr.extensions import db

from . import factories as make
from .factories import days

POLICE, HOUSING = "Northshire Police", "City Housing"
MAX_QUERIES = 15
# The recommendations in the national list (not the table of counts by answer above it).
NATIONAL_ROWS = '[aria-label="National recommendations"] tbody a.govuk-link'


def _needs(soup) -> dict[str, tuple[int, str]]:
    """Each need on a home page: (its count, where its link goes)."""
    found = {}
    for item in soup.select(".app-needs li"):
        count = int(item.select_one(".app-need-count").get_text(strip=True).replace(",", ""))
        found[item["id"].removeprefix("need-")] = (count, item.select_one("a")["href"])
    return found


def _action_ids(soup) -> set[int]:
    return {int(re.search(r"/actions/(\d+)", a["href"]).group(1)) for a in soup.select("tbody a.app-action-link")}


def _references(soup) -> set[str]:
    return {a.get_text() for a in soup.select("tbody a.govuk-link")}


@contextmanager
def _counting_queries():
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _assigned(action, when: dt.datetime):
    action.assigned_at = when
    return action


# --- An agency ------------------------------------------------------------------------------

def _agency_world():
    """Police actions with each need (and one with none), and housing actions with every need,
    which the police must never count."""
    police, housing = make.agency(POLICE), make.agency(HOUSING, "housing")
    review = make.review("DHR-HOME-1")
    month_ago = utcnow() - dt.timedelta(days=30)
    made = {}
    for agency, prefix in ((police, "p"), (housing, "h")):
        overdue = make.recommendation(review, lead=agency, status="on_track", target_date=days(-5), commit=False)
        soon = make.recommendation(review, lead=agency, status="on_track", target_date=days(10), commit=False)
        answer = make.recommendation(review, lead=agency, status="on_track", target_date=days(200), commit=False)
        answered = make.recommendation(review, lead=agency, status="on_track", target_date=days(200), commit=False)
        quiet = make.recommendation(review, lead=agency, status="not_started", commit=False)
        new = make.recommendation(review, lead=agency, status="not_started", target_date=days(300), commit=False)
        done = make.recommendation(review, lead=agency, status="verified", target_date=days(-50), outcome="Done",
                                   commit=False)
        for rec in (overdue, soon, answer, answered, done):
            _assigned(rec.actions[0], month_ago)
        _assigned(quiet.actions[0], utcnow() - dt.timedelta(days=120))
        make.update(answer, assessment="challenged", assessment_message="Where is the register?", commit=False)
        make.update(answered, assessment="more_evidence", assessment_message="Send the register", commit=False)
        make.update(answered, narrative="Register attached.", commit=False)
        made.update({f"{prefix}-{name}": rec.actions[0] for name, rec in (
            ("overdue", overdue), ("soon", soon), ("answer", answer), ("answered", answered), ("quiet", quiet),
            ("new", new), ("done", done))})
    commit()
    return made


AGENCY_EXPECTED = {"answer": ["answer"], "overdue": ["overdue"], "due-soon": ["soon"], "quiet": ["quiet"],
                   "new": ["new"]}


def test_an_agency_sees_its_own_actions_counted_by_need_and_each_link_lists_exactly_those(sign_in):
    made = _agency_world()
    page, _ = sign_in("agency", agency_name=POLICE)
    needs = _needs(page.get("/"))
    assert {key: count for key, (count, _) in needs.items()} == {
        **{k: len(v) for k, v in AGENCY_EXPECTED.items()}, "contributions-owed": 0}
    for key, names in AGENCY_EXPECTED.items():
        count, href = needs[key]
        assert href == f"/our-recommendations/actions?need={key}"
        listed = _action_ids(page.get(href))
        assert listed == {made[f"p-{name}"].id for name in names}, key
        assert len(listed) == count
    every = _action_ids(page.get("/our-recommendations/actions"))
    assert every == {a.id for name, a in made.items() if name.startswith("p-")}  # never a housing action


def test_gone_quiet_is_one_rule_in_the_list_and_on_each_action(app):
    made = _agency_world()
    quiet = {a.id for a in db.session.scalars(action_rows.filtered(select(Action), "quiet"))}
    assert quiet == {made["p-quiet"].id, made["h-quiet"].id}
    assert {a.id for a in made.values() if a.is_stale()} == quiet


def test_another_agency_counts_only_its_own(sign_in):
    made = _agency_world()
    page, _ = sign_in("agency", agency_name=HOUSING)
    needs = _needs(page.get("/"))
    assert {key: count for key, (count, _) in needs.items()} == {
        **{k: len(v) for k, v in AGENCY_EXPECTED.items()}, "contributions-owed": 0}
    assert _action_ids(page.get("/our-recommendations/actions?need=overdue")) == {made["h-overdue"].id}
    assert page.client.get(f"/our-recommendations/actions/{made['p-overdue'].id}").status_code in (403, 404)


def test_an_agency_account_without_an_agency_is_told_so(sign_in):
    page, user = sign_in("agency")
    user.agency_id = None
    commit()
    assert "not linked to an agency" in page.get("/").get_text()
    assert "not linked to an agency" in page.get("/our-recommendations/actions").get_text()


def test_an_action_is_assigned_when_its_lead_agency_is_set_or_changes(app):
    police, housing = make.agency(POLICE), make.agency(HOUSING, "housing")
    rec = make.recommendation(make.review(), lead=police)
    action = rec.actions[0]
    assert action.assigned_at is not None and utcnow() - action.assigned_at < dt.timedelta(minutes=1)
    old = _assigned(action, utcnow() - dt.timedelta(days=40))
    commit()
    action_data.change(action, action_data.ActionDetails(text="Reworded", lead_agency=police), action.version)
    commit()
    assert action.assigned_at == old.assigned_at  # the same lead: not assigned again
    action_data.change(action, action_data.ActionDetails(text="Reworded", lead_agency=housing), action.version)
    commit()
    assert utcnow() - action.assigned_at < dt.timedelta(minutes=1)
    unled = make.action(rec, lead=None)
    assert unled.assigned_at is None


# --- The coordinator ------------------------------------------------------------------------

def _coordinator_world():
    police = make.agency(POLICE)
    national_body = make.agency("Home Office", "national")
    today = dt.date.today()
    make.review("R-DECISION-LATE", notified_on=today - dt.timedelta(days=90), stage="notified")
    make.review("R-DECISION-DUE", notified_on=today - dt.timedelta(days=10), stage="notified")
    make.review("R-COMPLETION-LATE", notified_on=today - dt.timedelta(days=300), stage="drafting",
                decision_on=today - dt.timedelta(days=280))
    make.review("R-SUBMITTED-LATE", notified_on=today - dt.timedelta(days=700), stage="submitted",
                decision_on=today - dt.timedelta(days=690), submitted_on=today - dt.timedelta(days=100))
    make.review("R-ON-TRACK", notified_on=today - dt.timedelta(days=40), stage="drafting",
                decision_on=today - dt.timedelta(days=30))
    make.review("R-APPROVED", notified_on=today - dt.timedelta(days=400), stage="approved",
                decision_on=today - dt.timedelta(days=390), submitted_on=today - dt.timedelta(days=200),
                approved_on=today - dt.timedelta(days=30))
    review = make.review("DHR-PLAN", stage="monitoring", decision_on=dt.date(2023, 2, 10),
                         submitted_on=dt.date(2023, 6, 1))
    agency_user = make.agency_user(police)
    waiting = make.recommendation(review, lead=police, status="on_track", target_date=days(40), agreed_at=utcnow())
    refused = make.recommendation(review, lead=police, status="on_track", target_date=days(40), agreed_at=utcnow())
    make.date_change(waiting.actions[0], agency_user, days(90))
    change = make.date_change(refused.actions[0], agency_user, days(90))
    change.decision = "refused"
    make.update(waiting, author=agency_user)
    make.update(refused, author=agency_user)
    make.update(refused, author=agency_user, assessment="accepted")
    quiet = make.recommendation(review, text="Amend the statutory guidance.", lead=national_body, scope="national")
    heard = make.recommendation(review, text="Fund advocacy nationally.", scope="national")
    make.update(heard, author=agency_user, agency=police, assessment="accepted")
    make.recommendation(review, text="Already in national guidance.", scope="national", status="already_in_place",
                        outcome="In the 2016 guidance")
    commit()
    return waiting.actions[0], quiet


def test_the_coordinator_sees_what_waits_for_them_and_each_link_lists_exactly_that(sign_in):
    waiting_action, quiet = _coordinator_world()
    page, _ = sign_in("admin")
    needs = _needs(page.get("/"))
    assert {key: count for key, (count, _) in needs.items()} == {
        "awaiting": 2, "past-deadline": 2, "decisions": 2, "date-change": 1, "national": 1, "no-response": 0,
        "copies-commissioner": 1, "copies-library": 0, "copies-come-down": 0, "contributions-overdue": 0}
    soup = page.get(needs["awaiting"][1])
    assert needs["awaiting"][1] == "/recommendations/updates" and len(soup.select("tbody tr")) == 2
    assert _references(page.get(needs["past-deadline"][1])) == {"R-DECISION-LATE", "R-COMPLETION-LATE"}
    assert _references(page.get(needs["decisions"][1])) == {"R-DECISION-LATE", "R-DECISION-DUE"}
    assert needs["date-change"][1] == "/recommendations/actions?need=date-change"
    assert _action_ids(page.get(needs["date-change"][1])) == {waiting_action.id}
    soup = page.get(needs["national"][1])
    assert [a["href"] for a in soup.select(NATIONAL_ROWS)] == [f"/recommendations/{quiet.id}"]
    soup = page.get(needs["copies-commissioner"][1])
    assert [a.get_text(strip=True) for a in soup.select("tbody tr td:first-child a")] == ["R-APPROVED"]


def _referral(rec, sent_days_ago: int, window: int = 56, response: str | None = None) -> NationalReferral:
    sent_on = dt.date.today() - dt.timedelta(days=sent_days_ago)
    referral = NationalReferral(recommendation=rec, agency=rec.lead_agency, sent_on=sent_on, sent_to="c@example.org",
                                commissioner_email="dac@example.org", respond_by=sent_on + dt.timedelta(days=window),
                                response=response, response_narrative="Done." if response else "", chases=0)
    db.session.add(referral)
    return referral


def _national_world(chair=None) -> list:
    """National recommendations in each standing; returns the chair's three with no response (a
    fourth, of another chair's review, has none either)."""
    body = make.agency("Department for Education", "national")
    review = make.review("DHR-NATIONAL", stage="monitoring", chair=chair)
    silent = [make.recommendation(review, text=f"Silent {n}.", lead=body, scope="national") for n in range(3)]
    for rec in silent:
        _referral(rec, sent_days_ago=80)
    _referral(make.recommendation(review, text="Within the window.", lead=body, scope="national"), sent_days_ago=20)
    _referral(make.recommendation(review, text="Answered late.", lead=body, scope="national"), sent_days_ago=90,
              response="partly_met")
    _referral(make.recommendation(review, text="Due today.", lead=body, scope="national"), sent_days_ago=56)
    make.recommendation(review, text="Never sent.", lead=body, scope="national")
    theirs = make.review("DHR-THEIRS", stage="monitoring", chair=make.chair())
    _referral(make.recommendation(theirs, text="Another chair's, silent.", lead=body, scope="national"), 70)
    commit()
    return silent


def test_the_coordinator_sees_national_recommendations_with_no_response_and_the_link_lists_exactly_those(sign_in):
    silent = _national_world()
    page, _ = sign_in("admin")
    count, href = _needs(page.get("/"))["no-response"]
    assert count == 4 and href == "/recommendations/national?answer=no_response"
    soup = page.get(href)
    assert len(soup.select(NATIONAL_ROWS)) == 4
    assert {a["href"] for a in soup.select(NATIONAL_ROWS)} > {f"/recommendations/{r.id}" for r in silent}
    assert soup.select_one("#filter-answer option[selected]")["value"] == "no_response"
    by_answer = {a["href"]: a.get_text(strip=True) for a in soup.select('a[href*="national?answer="]')}
    assert by_answer["/recommendations/national?answer=no_response"] == "4"
    awaiting = page.get("/recommendations/national?answer=awaiting").select(NATIONAL_ROWS)
    assert by_answer["/recommendations/national?answer=awaiting"] == "2" and len(awaiting) == 2


def test_a_chair_sees_their_own_reviews_national_recommendations_with_no_response(sign_in):
    page, chair = sign_in("chair")
    silent = _national_world(chair)
    count, href = _needs(page.get("/"))["no-response"]
    assert count == 3 and href == f"/recommendations/national?answer=no_response&chair={chair.id}"
    soup = page.get(href)
    assert {a["href"] for a in soup.select(NATIONAL_ROWS)} == {f"/recommendations/{r.id}" for r in silent}
    assert "Only the recommendations of one chair’s reviews" in soup.get_text()
    # Filtering further keeps to the chair's reviews.
    assert soup.select_one('form input[name="chair"]')["value"] == str(chair.id)


def test_the_reviews_list_filters_past_a_deadline_not_yet_met(sign_in):
    _coordinator_world()
    page, _ = sign_in("chair")
    soup = page.get("/reviews/?lateness=past-deadline")
    assert _references(soup) == {"R-DECISION-LATE", "R-COMPLETION-LATE"}
    assert soup.select_one("#filter-lateness option[selected]")["value"] == "past-deadline"


# --- A chair --------------------------------------------------------------------------------

def test_a_chair_sees_their_reviews_with_next_stage_deadline_and_pauses(sign_in):
    page, chair = sign_in("chair")
    other = make.chair()
    today = dt.date.today()
    make.review("R-MINE-NEW", chair=chair, notified_on=today - dt.timedelta(days=5))
    paused = make.review("R-MINE-PAUSED", chair=chair, notified_on=today - dt.timedelta(days=100), stage="set_up",
                         decision_on=today - dt.timedelta(days=90), set_up_on=today - dt.timedelta(days=80))
    make.pause(paused, started_on=today - dt.timedelta(days=20))
    make.review("R-NOT-MINE", chair=other)
    soup = page.get("/")
    needs = _needs(soup)
    assert needs["chaired"][0] == 2 and needs["paused"][0] == 1
    assert _references(page.get(needs["chaired"][1])) == {"R-MINE-NEW", "R-MINE-PAUSED"}
    assert _references(page.get(needs["paused"][1])) == {"R-MINE-PAUSED"}
    rows = {r.a.get_text(): [td.get_text(" ", strip=True) for td in r.select("td")] for r in soup.select("tbody tr")}
    assert set(rows) == {"R-MINE-NEW", "R-MINE-PAUSED"}
    assert rows["R-MINE-NEW"][2] == "Decision made"
    assert rows["R-MINE-NEW"][3].startswith("Decision whether to commission")
    assert rows["R-MINE-PAUSED"][2] == "Information gathering"
    assert rows["R-MINE-PAUSED"][3].startswith("Completion (submission to the Home Office)")
    assert rows["R-MINE-PAUSED"][4].startswith("Paused since")


def test_a_chairs_table_stops_at_50_rows_and_links_to_the_full_list(sign_in):
    page, chair = sign_in("chair")
    for n in range(52):
        make.review(f"R-MANY-{n:02d}", chair=chair, commit=False)
    commit()
    soup = page.get("/")
    assert len(soup.select("tbody tr")) == 50
    assert _needs(soup)["chaired"][0] == 52
    assert soup.find("a", string="See all the reviews you chair")["href"] == f"/reviews/?chair={chair.id}"


# --- A trainer ------------------------------------------------------------------------------

def test_a_trainer_sees_search_newly_published_learning_and_their_collections_never_unpublished(sign_in):
    page, trainer = sign_in("trainer")
    published = make.review("R-PUBLISHED", published=True, published_on=days(-3))
    make.finding(published)
    make.review("R-OLDER", published=True, published_on=days(-300))
    make.review("R-UNPUBLISHED")
    held = make.review("R-HELD", published=True, published_on=days(-1))
    make.finding(held, "The GP did not ask. Her mobile was 07700 900123.")  # withdrawn until fixed
    assert held.publication_held
    mine = make.collection(trainer, name="Separation risk")
    make.collection(make.trainer(), name="Someone else's set")
    soup = page.get("/")
    form = soup.select_one("form[role=search]")
    assert form["action"] == "/search" and form.select_one("input[name=q]") is not None
    rows = [r.a.get_text() for r in soup.select("tbody tr")]
    assert rows == ["R-PUBLISHED", "R-OLDER"]  # newest publication first, nothing unpublished or held
    text = soup.get_text(" ", strip=True)
    assert "R-UNPUBLISHED" not in text and "R-HELD" not in text
    assert soup.find("a", string="Separation risk")["href"] == f"/collections/{mine.id}"
    assert "Someone else's set" not in text


# --- Cost -----------------------------------------------------------------------------------

def test_each_home_page_asks_a_bounded_number_of_queries(sign_in, client):
    _agency_world()
    _coordinator_world()
    for role, extra in (("agency", {"agency_name": POLICE}), ("admin", {}), ("chair", {}), ("trainer", {})):
        page, user = sign_in(role, **extra)
        if role == "chair":
            for n in range(30):
                make.review(f"R-COST-{n:02d}", chair=user, commit=False)
            commit()
        with _counting_queries() as seen:
            page.get("/")
        assert len(seen) <= MAX_QUERIES, (role, len(seen))
        client.post("/sign-out")
