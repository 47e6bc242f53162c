"""Layouts that fit: every page a role can open fits a 320 px wide window (a phone, or 1280 px
at 400% zoom) without scrolling sideways (WCAG 2.2 1.4.10 reflow), and passes axe-core with no
violation on a 390 px phone and at 200% zoom; wide tables scrolling inside
their own container, which the keyboard can reach; and on paper, a page prints its content
without the navigation, buttons, filters and link addresses."""
from __future__ import annotations

import pytest

from .browser import WIDEST, run_axe, sign_in_as
from .factories import TEST_PASSWORD
from .test_route_matrix import _routes, _url

pytestmark = pytest.mark.browser
ROLES = ("admin", "chair", "agency", "trainer")
NOT_PAGES = ("auth.sign_out", "static")


def _html_pages(app, client, role: str, values: dict, seen: set[str]) -> list[str]:
    """The GET pages `role` may open that return HTML, leaving out rules already seen."""
    pages = []
    for rule, method in _routes(app):
        declared = app.view_functions[rule.endpoint].access_rule
        if method != "GET" or rule.endpoint in NOT_PAGES or rule.rule in seen or not (
                declared == "public" or role in declared):
            continue
        url = _url(rule, values)
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            seen.add(rule.rule)
            pages.append(url)
    return pages


def _pages_by_role(app, client, route_world) -> list[tuple[str, list[str]]]:
    """Each role's HTML pages (each route once, for the first role that may open it)."""
    values, seen, found = route_world.url_values(), set(), []
    app.config["WTF_CSRF_ENABLED"] = False  # the test client finds the pages; the browser sends real tokens
    for role in ROLES:
        user = route_world.users[role]
        assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
        found.append((role, _html_pages(app, client, role, values, seen)))
        client.post("/sign-out")
    app.config["WTF_CSRF_ENABLED"] = True
    return found


def _walk(page, route_world, pages_by_role, check) -> tuple[int, list[str]]:
    visited, problems = 0, []
    for role, urls in pages_by_role:
        page.goto("about:blank")  # so that nothing still loading sets the last role's cookie again
        page.context.clear_cookies()
        sign_in_as(page, route_world.users[role].email)
        for url in urls:
            page.goto(url)
            visited += 1
            problems += [f"{role} {url}: {problem}" for problem in check(page)]
    return visited, problems


def _sideways(page) -> list[str]:
    found = page.evaluate(WIDEST)
    if found["scroll"] > found["width"]:
        return [f"{found['scroll']} px wide in {found['width']} px {found['culprits']}"]
    return []


def test_no_page_scrolls_sideways_at_320_pixels(app, client, route_world, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    visited, problems = _walk(page, route_world, _pages_by_role(app, client, route_world), _sideways)
    assert visited > 40 and problems == [], "\n".join(problems)


# A phone, and a 1280 px window at 200% zoom (zoom halves the CSS pixels a layout has).
NARROW_WINDOWS = {"a 390 px phone": {"width": 390, "height": 844}, "200% zoom": {"width": 640, "height": 360}}


@pytest.mark.parametrize("window", NARROW_WINDOWS)
def test_every_page_passes_axe_and_fits_on_a_phone_and_at_200_percent_zoom(app, client, route_world,
                                                                         browser_page, window):
    page = browser_page
    page.set_viewport_size(NARROW_WINDOWS[window])

    def check(page) -> list[str]:
        violations = [f"axe {v['id']} ({v['impact']}): {v['help']} {v['nodes']}" for v in run_axe(page)]
        return _sideways(page) + violations

    visited, problems = _walk(page, route_world, _pages_by_role(app, client, route_world), check)
    assert visited > 40 and problems == [], "\n".join(problems)


def test_a_wide_table_scrolls_in_its_own_region_reached_by_the_keyboard(app, route_world, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in_as(page, route_world.users["admin"].email)
    page.goto("/recommendations/agencies")
    region = page.locator(".app-table-container").first
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label")
    assert page.evaluate("(e) => e.scrollWidth > e.clientWidth", region.element_handle())


PRINTED = """() => {
    const shown = (selector) => [...document.querySelectorAll(selector)].filter(
        e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length;
    const link = document.querySelector('main a.govuk-link[href]');
    return {navigation: shown('.govuk-service-navigation__wrapper'), buttons: shown('.govuk-button'),
            forms: shown('form[method="post"]'), footer: shown('.govuk-footer'), heading: shown('main h1'),
            tables: shown('main table'), linkAddress: getComputedStyle(link, '::after').content};
}"""


@pytest.mark.parametrize("path", ["/reviews/{review}", "/recommendations/reviews/{review}", "/search?q=coercive"])
def test_a_printed_page_is_its_content_without_navigation_buttons_or_link_addresses(app, route_world, browser_page,
                                                                                      path):
    page = browser_page
    sign_in_as(page, route_world.users["admin"].email)
    page.goto(path.format(review=route_world.review.id))
    on_screen = page.evaluate(PRINTED)
    assert on_screen["navigation"] and on_screen["buttons"] and on_screen["footer"]  # what print leaves out is there
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert (printed["navigation"], printed["buttons"], printed["forms"], printed["footer"]) == (0, 0, 0, 0)
    assert printed["heading"] == 1 and printed["linkAddress"] in ("none", "normal")
