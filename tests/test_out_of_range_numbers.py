"""Numbers anyone can type into a URL or a filter (huge, zero, negative, not a number at all)
are answered with a 404 or the page with a plain message, never a server error, for every role.

The targets are found, not listed: every rule in the URL map with a number in its path, and
every GET form and every link with a query string on the pages a role can open, so a route or
a filter added later is covered too."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from werkzeug.routing.converters import NumberConverter

from dhr.extensions import db

from .factories import TEST_PASSWORD
from .helpers import check_page, error_summary
from .test_route_matrix import _routes
from .test_tracker_workflow import edit_data, edit_url

ROLES = ("admin", "chair", "agency", "trainer")
# 2**31 overflows PostgreSQL's integer columns; 2**63 overflows SQLite's.
# "9" * 5000 is longer than Python reads as an int by default.
BAD_IDS = (10**25, 2**63, 2**31, 0, -1, "abc", "9" * 5000)
BAD_FILTERS = (str(10**25), str(2**63), str(2**31), "99999", "0", "-1", "abc", "²", "1.5", "", "9" * 5000)
# What reaches a database query and overflows its integers. Where several targets have the same
# path and parameter names (a list's sort and page links), every bad value is fed to the first and
# these to the rest: the others are refused by the parsing that all of them share. Among those,
# a parameter is fed them once for each value it held on that page (the dashboard's many
# drill-down links differ in `show` and `key`, and share their period and agency).
OVERFLOWING_FILTERS = (str(2**63), str(2**31))
PART = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def _sign_in(client, user) -> None:
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302


def _number_parts(app, rule) -> list[str]:
    converters = app.url_map.converters
    return [name for converter, name in PART.findall(rule.rule)
            if issubclass(converters[converter or "default"], NumberConverter)]


def _url_with(rule, values: dict, name: str, bad) -> str:
    """The rule's path with `bad` in place of `name` and the world's values everywhere else."""
    return PART.sub(lambda m: str(bad if m.group(2) == name else values[m.group(2)]), rule.rule)


@pytest.mark.parametrize("role", ROLES)
def test_every_number_in_a_path_out_of_range_is_not_found(app, client, route_world, role):
    _sign_in(client, route_world.users[role])
    values = route_world.url_values()
    problems = []
    for rule, method in _routes(app):
        for name in _number_parts(app, rule):
            for bad in BAD_IDS:
                url = _url_with(rule, values, name, bad)
                status = client.open(url, method=method, data={}).status_code
                if status != 404:
                    problems.append(f"{method} {url}: {status}")
    assert problems == []


def _pages(app, role: str) -> list[str]:
    """The parameterless GET pages the role may open."""
    pages = []
    for rule, method in _routes(app):
        declared = app.view_functions[rule.endpoint].access_rule
        if method == "GET" and not rule.arguments and rule.endpoint != "auth.sign_out" and (
                declared == "public" or role in declared):
            pages.append(rule.rule)
    return pages


def _form_targets(page: str, soup: BeautifulSoup):
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "get":
            continue
        names = {field["name"] for field in form.find_all(["input", "select", "textarea"]) if field.get("name")}
        yield urlsplit(urljoin(page, form.get("action") or page)).path, dict.fromkeys(names, "")


def _link_targets(page: str, soup: BeautifulSoup):
    for link in soup.find_all("a", href=True):
        parts = urlsplit(urljoin(page, link["href"]))
        if parts.query and parts.netloc in ("", "localhost"):
            yield parts.path, dict(parse_qsl(parts.query, keep_blank_values=True))


def _targets_on(client, url: str) -> list[tuple[str, dict]]:
    response = client.get(url)
    if response.mimetype != "text/html":
        return []
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [*_form_targets(url, soup), *_link_targets(url, soup)]


def _filter_targets(client, pages: list[str], depth: int = 2) -> dict[tuple, tuple[str, dict]]:
    """(path, query) for each GET form (its fields blank) and each link with a query string on
    the pages, and on the pages those forms and links lead to, `depth` steps deep."""
    found: dict[tuple, tuple[str, dict]] = {}
    to_visit = list(pages)
    for _ in range(depth):
        fresh = {}
        for url in to_visit:
            for path, query in _targets_on(client, url):
                key = (path, tuple(sorted(query.items())))
                if key not in found:
                    found[key] = fresh[key] = (path, query)
        to_visit = [f"{path}?{urlencode(query)}" for path, query in fresh.values()]
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_filter_fed_a_bad_number_answers_without_an_error(app, client, route_world, role):
    _sign_in(client, route_world.users[role])
    targets = _filter_targets(client, _pages(app, role))
    assert targets, f"no filters found for {role}"
    problems, shapes_fed, values_fed = [], set(), set()
    for path, query in targets.values():
        shape = (path, frozenset(query))
        first_of_shape = shape not in shapes_fed
        shapes_fed.add(shape)
        for name in query:
            held = (path, name, query[name])
            if not first_of_shape and held in values_fed:
                continue
            values_fed.add(held)
            for bad in BAD_FILTERS if first_of_shape else OVERFLOWING_FILTERS:
                url = f"{path}?{urlencode({**query, name: bad})}"
                status = client.get(url).status_code
                if status >= 500:
                    problems.append(f"GET {url}: {status}")
    assert problems == []


def test_the_crawl_finds_the_filters_on_the_list_pages(app, client, route_world):
    _sign_in(client, route_world.users["admin"])
    targets = _filter_targets(client, _pages(app, "admin"))
    names = {(path, name) for path, query in targets.values() for name in query}
    assert {("/reviews/", "year"), ("/reviews/", "chair"), ("/dashboard", "agency"),
            ("/dashboard/list", "key"), ("/search", "themes")} <= names


# --- numbers in forms -------------------------------------------------------------------------

def test_an_action_edit_with_a_garbled_version_is_a_conflict(tracker_world, sign_in):
    page, _ = sign_in("admin")
    rec = tracker_world.police_overdue
    for version in ("²", str(10**25), "-1"):
        soup = page.post(edit_url(rec), data=edit_data(rec, version=version), expected_status=409)
        assert "Someone else changed this action" in soup.get_text(" ", strip=True)


def test_a_date_whose_day_is_too_big_for_any_calendar_is_refused_on_the_form(route_world, client):
    _sign_in(client, route_world.users["chair"])
    data = {"reason": "criminal_trial", "started_on": [str(10**20), "1", "2024"], "note": ""}
    response = client.post(f"/reviews/{route_world.review.id}/pause", data=data)
    assert response.status_code == 200
    assert error_summary(check_page(response.get_data(as_text=True))) == ["Date the pause started must be a real date"]


def test_adding_a_finding_whose_id_no_database_holds_to_a_collection_changes_nothing(route_world, client):
    _sign_in(client, route_world.users["trainer"])
    collection = route_world.collection
    before = [f.id for f in collection.findings]
    for finding_id in (2**31, 2**63, 10**25):
        response = client.post("/collections/add", data={"collection_id": collection.id, "finding_id": finding_id})
        assert response.status_code in (302, 404), f"finding {finding_id}: {response.status_code}"
    db.session.expire_all()
    assert [f.id for f in collection.findings] == before
