"""Every list a page at a time: the pages, the column sorts and the filters are in the URL, any
input is answered (never a 500), and access limits hold on every page and in every count."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

import pytest

from dhr.data import paging
from dhr.data.models import Review
from dhr.extensions import db

from . import factories as make


def _references(soup) -> list[str]:
    return [a.get_text() for a in soup.select("tbody td:first-child a.govuk-link")]


def _query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(href).query)


@pytest.fixture
def twelve_reviews(app):
    """Twelve reviews notified a month apart (R-01 the oldest), two of them finished."""
    made = [make.review(f"R-{n:02d}", notified_on=dt.date(2020, 1, 1) + dt.timedelta(days=30 * n), commit=False)
            for n in range(1, 13)]
    made[0].stage = "closed"
    made[1].stage = "not_commissioned"
    made[1].decision_on = made[1].notified_on
    db.session.commit()
    return made


# --- the data layer ------------------------------------------------------------------------------

def test_a_page_is_counted_and_cut_by_the_database(twelve_reviews):
    query = db.select(Review)
    order = [Review.reference.asc(), Review.id.asc()]
    first = paging.paginate(query, 1, 5, order=order)
    assert [r.reference for r in first] == ["R-01", "R-02", "R-03", "R-04", "R-05"]
    assert (first.total, first.pages, first.first, first.last) == (12, 3, 1, 5)
    assert first.has_next and not first.has_previous
    last = paging.paginate(query, 3, 5, order=order)
    assert [r.reference for r in last] == ["R-11", "R-12"] and (last.first, last.last) == (11, 12)
    assert paging.paginate(query, 99, 5, order=order).number == 3
    assert paging.paginate(query, 0, 5, order=order).number == 1
    assert paging.paginate(query, 1, 10_000).size == paging.MAX_SIZE
    assert paging.paginate(query, 1, 0).size == paging.DEFAULT_SIZE
    empty = paging.paginate(query.where(Review.id < 0), 4, 5)
    assert (empty.total, empty.pages, empty.number, empty.first, empty.last, empty.items) == (0, 1, 1, 0, 0, [])


def test_an_unknown_sort_key_gives_the_default_order_and_every_order_ends_with_the_id():
    sorting = paging.Sorting(columns={"reference": (Review.reference,)}, default=(Review.notified_on.desc(),),
                             tie_breaker=Review.id)
    assert len(sorting.order_by("nonsense")) == 2
    assert len(sorting.order_by("reference", descending=True)) == 2
    assert str(sorting.order_by("reference", True)[-1]).endswith("DESC")


# --- the reviews list ----------------------------------------------------------------------------

def test_reviews_are_listed_fifty_a_page_unfinished_first_by_default(sign_in, twelve_reviews):
    pages, _ = sign_in("admin")
    soup = pages.get("/reviews/?size=5")
    assert _references(soup) == ["R-12", "R-11", "R-10", "R-09", "R-08"]
    assert "Showing 1 to 5 of 12 reviews" in soup.get_text(" ", strip=True)
    nav = soup.select_one('nav.govuk-pagination[aria-label="Pagination"]')
    assert nav.select_one('[aria-current="page"]').get_text(strip=True) == "1"
    assert [a.get_text(strip=True) for a in nav.select(".govuk-pagination__item a")] == ["1", "2", "3"]
    assert not nav.select(".govuk-pagination__prev")
    last = pages.get(nav.select_one(".govuk-pagination__next a")["href"].replace("page=2", "page=3"))
    assert _references(last) == ["R-02", "R-01"]  # the finished reviews come last
    assert "Showing 11 to 12 of 12 reviews" in last.get_text(" ", strip=True)
    assert not last.select(".govuk-pagination__next")


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "", "%00", "٣", "1e3", " 2"])
def test_any_page_number_is_answered(sign_in, twelve_reviews, page):
    pages, _ = sign_in("admin")
    soup = pages.get(f"/reviews/?size=5&page={page}&sort={page}&order={page}&size={page}")
    assert len(_references(soup)) == 5


@pytest.mark.parametrize("page", ["4", "2147483647", "99999999999999", "9" * 150])
def test_a_page_past_the_last_is_the_last(sign_in, twelve_reviews, page):
    pages, _ = sign_in("admin")
    soup = pages.get(f"/reviews/?size=5&page={page}")
    assert soup.select_one('[aria-current="page"]').get_text(strip=True) == "3"
    assert _references(soup) == ["R-02", "R-01"]


@pytest.mark.parametrize("sort, ascending", [
    ("reference", [f"R-{n:02d}" for n in range(1, 13)]),
    ("notified", [f"R-{n:02d}" for n in range(1, 13)]),
])
def test_reviews_sort_by_each_column_both_ways(sign_in, twelve_reviews, sort, ascending):
    pages, _ = sign_in("admin")
    soup = pages.get(f"/reviews/?sort={sort}&order=asc")
    assert _references(soup) == ascending
    header = soup.select_one(f'th a[href*="sort={sort}"]').find_parent("th")
    assert header["aria-sort"] == "ascending"
    assert _query(header.a["href"])["order"] == ["desc"]
    soup = pages.get(header.a["href"])
    assert _references(soup) == ascending[::-1]
    assert soup.select_one(f'th a[href*="sort={sort}"]').find_parent("th")["aria-sort"] == "descending"
    assert {th["aria-sort"] for th in soup.select("th[aria-sort]") if f"sort={sort}" not in th.a["href"]} == {"none"}


def test_sorting_by_stage_type_and_chair_is_stable_across_pages(sign_in, twelve_reviews):
    pages, _ = sign_in("admin")
    for sort in ("stage", "type", "chair"):
        for order in ("asc", "desc"):
            seen = []
            for number in (1, 2, 3):
                seen += _references(pages.get(f"/reviews/?sort={sort}&order={order}&size=5&page={number}"))
            assert sorted(seen) == [f"R-{n:02d}" for n in range(1, 13)], (sort, order)
    stage_order = _references(pages.get("/reviews/?sort=stage&order=desc"))
    assert stage_order[:2] == ["R-02", "R-01"]  # not commissioned after closed, closed after the rest


def test_filters_are_kept_across_pages_and_sorts(sign_in, twelve_reviews):
    pages, _ = sign_in("admin")
    soup = pages.get("/reviews/?stage=notified&size=3&sort=reference&order=desc")
    assert "Showing 1 to 3 of 10 reviews" in soup.get_text(" ", strip=True)
    assert _references(soup) == ["R-12", "R-11", "R-10"]
    next_href = soup.select_one(".govuk-pagination__next a")["href"]
    assert _query(next_href) == {"stage": ["notified"], "size": ["3"], "sort": ["reference"], "order": ["desc"],
                                 "page": ["2"]}
    second = pages.get(next_href)
    assert _references(second) == ["R-09", "R-08", "R-07"]
    sort_href = second.select_one('th a[href*="sort=notified"]')["href"]
    assert _query(sort_href) == {"stage": ["notified"], "size": ["3"], "sort": ["notified"], "order": ["asc"]}
    kept = {i["name"]: i["value"] for i in second.select("form[method=get] input[type=hidden]")}
    assert kept == {"sort": "reference", "order": "desc", "size": "3"}


def test_the_lateness_filter_counts_in_the_database_before_the_page(sign_in):
    pages, _ = sign_in("admin")
    today = dt.date.today()
    for n in range(7):
        make.review(f"LATE-{n}", notified_on=dt.date(2022, 3, 1) + dt.timedelta(days=n), commit=False)
    make.review("FRESH", notified_on=today, commit=False)
    db.session.commit()
    soup = pages.get("/reviews/?lateness=late&size=5&page=2")
    assert "Showing 6 to 7 of 7 reviews" in soup.get_text(" ", strip=True)
    assert "FRESH" not in _references(soup)
    assert _references(pages.get("/reviews/?lateness=on-time")) == ["FRESH"]


def test_a_trainer_never_sees_an_unpublished_review_on_any_page_nor_in_the_count(sign_in):
    pages, _ = sign_in("trainer")
    for n in range(1, 8):
        make.review(f"PUB-{n}", published=True, commit=False)
        make.review(f"HIDDEN-{n}", commit=False)
    db.session.commit()
    seen = []
    for number in (1, 2, 3, 99):
        soup = pages.get(f"/reviews/?size=3&page={number}")
        assert "of 7 reviews" in soup.get_text(" ", strip=True)
        seen += _references(soup)
    assert not [ref for ref in seen if ref.startswith("HIDDEN")]
    assert sorted(set(seen)) == [f"PUB-{n}" for n in range(1, 8)]


# --- the other lists ------------------------------------------------------------------------------

def test_users_are_paged_sorted_and_filtered(sign_in):
    pages, _ = sign_in("admin")
    for n in range(6):
        make.user("trainer", email=f"trainer{n}@example.org", name=f"Trainer {n}", commit=False)
    make.agency_user("Police", email="officer@example.org", name="Officer", commit=False)
    db.session.commit()
    soup = pages.get("/admin/?role=trainer&size=4&sort=name&order=desc")
    names = [td.get_text(strip=True) for td in soup.select("tbody td:first-child")]
    assert names == ["Trainer 5", "Trainer 4", "Trainer 3", "Trainer 2"]
    assert "Showing 1 to 4 of 6 users" in soup.get_text(" ", strip=True)
    assert _query(soup.select_one(".govuk-pagination__next a")["href"])["role"] == ["trainer"]
    soup = pages.get("/admin/?role=nonsense&agency=abc&page=-4")
    assert "8 users" in soup.get_text(" ", strip=True)


def test_themes_are_paged_sorted_and_filtered(sign_in):
    pages, _ = sign_in("admin")
    for n in range(5):
        make.theme(f"Practice {n}", kind="practice", commit=False)
    make.theme("Stalking", kind="case_factor", commit=False)
    db.session.commit()
    soup = pages.get("/admin/themes/?kind=practice&size=2&sort=name&order=desc")
    assert "Showing 1 to 2 of 5 themes" in soup.get_text(" ", strip=True)
    assert soup.select_one("tbody td").get_text(strip=True).startswith("Practice 4")
    assert "Stalking" in pages.get("/admin/themes/?kind=case_factor&state=in-use").get_text()
    assert "No themes match" in pages.get("/admin/themes/?state=retired").get_text()


def test_the_audit_trail_is_paged_newest_first(sign_in):
    pages, _ = sign_in("admin")
    for n in range(4):
        make.theme(f"Theme {n}", commit=False)
    db.session.commit()
    soup = pages.get("/admin/audit?kind=theme&size=2")
    text = soup.get_text(" ", strip=True)
    assert "Showing 1 to 2 of 4 events" in text
    assert _query(soup.select_one(".govuk-pagination__next a")["href"])["kind"] == ["theme"]
    assert pages.get("/admin/audit?sort=who&order=desc&kind=nonsense&page=abc")


def test_a_collection_lists_only_findings_its_reader_may_still_see_a_page_at_a_time(sign_in):
    pages, trainer = sign_in("trainer")
    shown = make.review("SHOWN", published=True)
    withdrawn = make.review("WITHDRAWN", published=True)
    findings = [make.finding(shown, f"Shown finding {n}.", commit=False) for n in range(5)]
    findings += [make.finding(withdrawn, f"Withdrawn finding {n}.", commit=False) for n in range(3)]
    db.session.commit()
    collection = make.collection(trainer, findings, "Teaching")
    withdrawn.published = False
    withdrawn.stage = "approved"
    db.session.commit()
    seen = []
    for number in (1, 2, 3):
        soup = pages.get(f"/collections/{collection.id}?size=2&page={number}&sort=reference&order=desc")
        assert "of 5 findings" in soup.get_text(" ", strip=True)
        seen += _references(soup)
    assert seen == [f"SHOWN finding {n}" for n in (5, 4, 3, 2, 1)]
    listing = pages.get("/collections?sort=findings&order=desc")
    assert listing.select_one("tbody td.govuk-table__cell--numeric").get_text(strip=True) == "8"


# --- the action-plan lists ------------------------------------------------------------------------

@pytest.fixture
def plan(app):
    """Police and Health lead recommendations in two reviews: open ones due at different dates,
    one without a date, and finished ones whose dates come first."""
    police, health = make.agency("Northshire Police"), make.agency("City Hospital Trust", kind="health")
    first = make.review("PLAN-A", published=True, commit=False)
    second = make.review("PLAN-B", commit=False)
    made = {
        "done": make.recommendation(first, 1, lead=police, status="verified", target_date=make.days(-400),
                                    commit=False),
        "late": make.recommendation(first, 2, lead=police, status="on_track", target_date=make.days(-10),
                                    commit=False),
        "soon": make.recommendation(first, 3, lead=health, status="at_risk", target_date=make.days(10),
                                    commit=False),
        "later": make.recommendation(second, 1, lead=police, status="not_started", target_date=make.days(200),
                                     commit=False),
        "undated": make.recommendation(second, 2, lead=health, status="not_started", commit=False),
        "superseded": make.recommendation(second, 3, lead=health, status="superseded", target_date=make.days(-300),
                                          commit=False),
    }
    db.session.commit()
    return SimpleNamespace(police=police, health=health, first=first, second=second, **made)


def _listed_ids(soup) -> list[int]:
    return [int(a["href"].rstrip("/").split("/")[-1]) for a in soup.select("tbody td a.govuk-link[href]")
            if a["href"].rstrip("/").split("/")[-1].isdigit()]


def test_the_coordinators_list_puts_open_work_first_then_by_target_date(sign_in, plan):
    pages, _ = sign_in("admin")
    soup = pages.get("/recommendations/")
    assert _listed_ids(soup)[:4] == [plan.late.id, plan.soon.id, plan.later.id, plan.undated.id]
    assert set(_listed_ids(soup)[4:]) == {plan.done.id, plan.superseded.id}
    assert "6 recommendations" in soup.get_text(" ", strip=True)


@pytest.mark.parametrize("sort", ["review", "lead", "status", "target", "updated"])
def test_the_coordinators_list_sorts_by_each_header_both_ways_and_pages_stay_whole(sign_in, plan, sort):
    pages, _ = sign_in("admin")
    everything = {plan.done.id, plan.late.id, plan.soon.id, plan.later.id, plan.undated.id, plan.superseded.id}
    orders = {}
    for order in ("asc", "desc"):
        seen = []
        for number in (1, 2, 3):
            soup = pages.get(f"/recommendations/?sort={sort}&order={order}&size=2&page={number}")
            seen += _listed_ids(soup)
        assert sorted(seen) == sorted(everything), (sort, order)
        orders[order] = seen
        header = soup.select_one(f'th a[href*="sort={sort}"]').find_parent("th")
        assert header["aria-sort"] == ("ascending" if order == "asc" else "descending")
    if sort == "target":
        assert orders["asc"][:3] == [plan.done.id, plan.superseded.id, plan.late.id]
        assert orders["desc"][0] == plan.later.id and orders["desc"][-1] == plan.undated.id  # no date last


def test_the_coordinators_list_filters_by_status_review_due_and_agency_kept_across_pages(sign_in, plan):
    pages, _ = sign_in("admin")
    assert _listed_ids(pages.get("/recommendations/?due=overdue")) == [plan.late.id]
    assert _listed_ids(pages.get("/recommendations/?due=due-soon")) == [plan.soon.id]
    assert _listed_ids(pages.get("/recommendations/?status=at_risk")) == [plan.soon.id]
    assert set(_listed_ids(pages.get("/recommendations/?reference=plan-b"))) == {
        plan.later.id, plan.undated.id, plan.superseded.id}
    soup = pages.get(f"/recommendations/?agency={plan.health.id}&size=2&sort=target&order=asc")
    assert "Showing 1 to 2 of 3 recommendations" in soup.get_text(" ", strip=True)
    next_href = soup.select_one(".govuk-pagination__next a")["href"]
    assert _query(next_href) == {"agency": [str(plan.health.id)], "size": ["2"], "sort": ["target"],
                                 "order": ["asc"], "page": ["2"]}
    assert _listed_ids(pages.get(next_href)) == [plan.undated.id]
    assert pages.get("/recommendations/?status=nonsense&due=x&agency=abc&reference=" + "x" * 300)


def test_an_agency_pages_only_its_own_recommendations_and_counts_only_them(sign_in, plan):
    pages, _ = sign_in("agency", agency_name="City Hospital Trust")
    seen = []
    for number in (1, 2, 9):
        soup = pages.get(f"/our-recommendations?size=1&page={number}")
        assert "of 3 recommendations" in soup.get_text(" ", strip=True)
        seen += _listed_ids(soup)
    assert set(seen) <= {plan.soon.id, plan.undated.id, plan.superseded.id}
    assert _listed_ids(pages.get("/our-recommendations?size=1&page=1")) == [plan.soon.id]  # open and soonest first
    assert _listed_ids(pages.get("/our-recommendations?due=due-soon")) == [plan.soon.id]


def test_the_agency_and_national_lists_are_paged(sign_in, plan):
    pages, _ = sign_in("chair")
    soup = pages.get(f"/recommendations/agencies/{plan.police.id}?size=2")
    assert "Showing 1 to 2 of 3 recommendations led or supported" in soup.get_text(" ", strip=True)
    assert _listed_ids(soup) == [plan.late.id, plan.later.id]
    assert "No national recommendations" in pages.get("/recommendations/national").get_text()
    national = make.recommendation(plan.first, 4, lead=plan.police, scope="national", target_date=make.days(5))
    soup = pages.get("/recommendations/national?due=due-soon&sort=target")
    assert _listed_ids(soup) == [national.id] and "1 national recommendation" in soup.get_text(" ", strip=True)
    soup = pages.get("/recommendations/plans?sort=size&order=desc")
    assert "2 reviews with an action plan" in soup.get_text(" ", strip=True)


def test_the_coordinator_accepts_chosen_updates_together(sign_in, plan):
    pages, _ = sign_in("admin")
    progress_one = make.update(plan.late, proposed_status="on_track", commit=False)
    progress_two = make.update(plan.soon, proposed_status="on_track", commit=False)
    completion = make.update(plan.later, proposed_status="awaiting_evidence", commit=False)
    db.session.commit()
    soup = pages.get("/recommendations/updates")
    assert "3 updates" in soup.get_text(" ", strip=True)
    assert len(soup.select("input[type=checkbox][name=update]")) == 3
    assert soup.select_one("form[method=post] input[name=csrf_token]")
    after = pages.post("/recommendations/updates/accept", data={
        "update": [progress_one.id, progress_two.id, completion.id, "abc", "99999999999999"],
        "next": "/recommendations/updates"}, follow_redirects=True)
    text = after.get_text(" ", strip=True)
    assert "2 updates accepted" in text and "Assess it on its own page" in text
    db.session.expire_all()
    assert [db.session.get(type(progress_one), u.id).assessment for u in (progress_one, progress_two, completion)] == [
        "accepted", "accepted", "pending"]
    assert db.session.get(type(plan.soon), plan.soon.id).status == "on_track"
    assert "1 update" in pages.get("/recommendations/updates").get_text(" ", strip=True)
    assert "Select the updates" in pages.post("/recommendations/updates/accept", data={},
                                              follow_redirects=True).get_text()


def test_only_the_coordinator_acts_on_several_at_once(sign_in, plan):
    update = make.update(plan.late)
    pages, _ = sign_in("chair")
    pages.post("/recommendations/updates/accept", data={"update": [update.id]}, expected_status=403)
    pages.post("/recommendations/remind", data={"recommendation": [plan.late.id]}, expected_status=403)
    soup = pages.get("/recommendations/updates")
    assert not soup.select("input[type=checkbox]")
    assert not pages.get("/recommendations/").select("input[type=checkbox]")
    db.session.expire_all()
    assert db.session.get(type(update), update.id).assessment == "pending"


def test_the_coordinator_reminds_the_agencies_of_chosen_overdue_recommendations(app, sign_in, plan):
    make.agency_user(plan.police, email="officer@example.org", name="Officer")
    pages, _ = sign_in("admin")
    soup = pages.get("/recommendations/")
    boxes = {int(i["value"]) for i in soup.select("input[type=checkbox][name=recommendation]")}
    assert boxes == {plan.late.id}  # only overdue work can be chosen
    after = pages.post("/recommendations/remind", data={
        "recommendation": [plan.late.id, plan.soon.id], "next": "/recommendations/?due=overdue"},
        expected_status=302)
    assert after.headers["Location"].endswith("/recommendations/?due=overdue")
    banner = pages.get("/recommendations/").select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "Reminder sent to 1 agency: Northshire Police" in banner
    sent = [p.read_text() for p in Path(app.config["DHR_OUTBOX_DIR"]).rglob("*.eml")]
    assert len(sent) == 1 and "officer@example.org" in sent[0] and "PLAN-A recommendation 2" in sent[0]
    assert "PLAN-A recommendation 3" not in sent[0]
    nothing = pages.post("/recommendations/remind", data={"recommendation": [plan.soon.id]}, follow_redirects=True)
    assert "Select overdue recommendations" in nothing.get_text()


def test_each_agencys_figures_are_counted_by_the_database(plan):
    from dhr.data import agency_overview

    make.update(plan.late)
    make.recommendation(plan.first, 5, lead=plan.health, supporting=[plan.police], status="on_track",
                        target_date=make.days(20))
    figures = {f.agency.name: f for f in agency_overview.overview_by_agency(on=make.TODAY)}
    police, health = figures["Northshire Police"], figures["City Hospital Trust"]
    assert (police.leads, police.supports, police.completed, police.verified, police.overdue, police.due_soon,
            police.awaiting_assessment) == (3, 1, 1, 1, 1, 0, 1)
    assert (health.leads, health.supports, health.overdue, health.due_soon) == (4, 0, 0, 2)
    later = {f.agency.name: f for f in agency_overview.overview_by_agency(on=make.TODAY + dt.timedelta(days=100))}
    assert later["Northshire Police"].stale == 2  # open and untouched for 100 days; the verified one is closed
    assert later["City Hospital Trust"].stale == 3


def test_retiring_a_theme_returns_to_the_same_page_of_the_list(sign_in):
    pages, _ = sign_in("admin")
    for n in range(5):
        make.theme(f"Practice {n}", kind="practice", commit=False)
    db.session.commit()
    soup = pages.get("/admin/themes/?kind=practice&size=2&page=2")
    form = soup.select_one("tbody form")
    assert form.select_one("[name=next]")["value"] == "/admin/themes/?kind=practice&size=2&page=2"
    response = pages.post(form["action"], data={"next": form.select_one("[name=next]")["value"]}, expected_status=302)
    assert response.headers["Location"].endswith("/admin/themes/?kind=practice&size=2&page=2")
    response = pages.post(form["action"].replace("retire", "restore"), data={"next": "https://elsewhere.example/"},
                          expected_status=302)
    assert response.headers["Location"].endswith("/admin/themes/")


def test_the_overview_names_the_agencies_most_overdue_and_every_agencys_figures_are_paged(sign_in):
    review = make.review("MANY-AGENCIES", commit=False)
    for n in range(14):  # agency n leads n overdue recommendations (so agency 0 has none overdue)
        agency = make.agency(f"Agency {n:02d}", commit=False)
        make.recommendation(review, f"{n}-open", lead=agency, status="on_track", target_date=make.days(30),
                            commit=False)
        for late in range(n):
            make.recommendation(review, f"{n}-{late}", lead=agency, status="on_track", target_date=make.days(-5),
                                commit=False)
    db.session.commit()
    pages, _ = sign_in("admin")

    def agencies_listed(soup) -> list[str]:
        return [th.get_text(strip=True) for th in soup.select("tbody th")]

    overview = pages.get("/recommendations/")
    shown = agencies_listed(overview.select_one("table:has(caption:-soup-contains('most overdue'))"))
    assert shown == [f"Agency {n:02d}" for n in range(13, 3, -1)]  # ten, most overdue first
    assert overview.find("a", string="Every agency’s figures")["href"] == "/recommendations/agencies"

    first = pages.get("/recommendations/agencies?size=5")
    assert agencies_listed(first) == [f"Agency {n:02d}" for n in range(5)]  # A to Z by default
    assert "Showing 1 to 5 of 14" in " ".join(first.get_text().split())
    third = pages.get("/recommendations/agencies?size=5&page=3&sort=overdue&order=desc")
    assert agencies_listed(third) == ["Agency 03", "Agency 02", "Agency 01", "Agency 00"]
    row = third.select("tbody tr")[0]
    assert [td.get_text(strip=True) for td in row.select("td")][0] == "4"  # leads 3 overdue + 1 open


@pytest.mark.parametrize("role", ["agency", "trainer"])
def test_only_the_partnership_sees_every_agencys_figures(sign_in, role):
    pages, _ = sign_in(role)
    assert pages.client.get("/recommendations/agencies").status_code == 403
