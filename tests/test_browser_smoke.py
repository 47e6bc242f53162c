"""A real browser signs in, and every page it meets has no axe-core WCAG 2.2 A/AA violations."""
from __future__ import annotations

import pytest

from .browser import run_axe, screenshot
from .factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_sign_in_with_a_wrong_password_then_the_right_one(browser_page, make_user):
    page = browser_page
    user = make_user("chair")
    page.goto("/")
    assert page.url.endswith("/sign-in?next=/")
    assert run_axe(page) == []
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill("not my password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text().startswith("There is a problem")
    assert run_axe(page) == []
    screenshot(page, "sign-in", "wrong-password")
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your reviews"  # a chair's home
    assert run_axe(page) == []
    screenshot(page, "sign-in", "home")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in")
    assert "You have signed out" in page.content()


def test_the_checks_catch_what_they_are_for(browser_page, console):
    """The journeys' checks are not vacuous: axe reports an unlabelled field, the console watch
    records a CSP violation (an inline script), and the focus check fails on an unstyled focus."""
    from .browser import assert_focus_visible

    page = browser_page
    page.goto("/sign-in")
    page.evaluate("""() => {
        const input = document.createElement('input');
        input.id = 'unlabelled';
        document.querySelector('main').append(input);
    }""")
    assert "label" in {v["id"] for v in run_axe(page)}

    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.append(script);
    }""")
    page.wait_for_function("() => true")
    assert page.evaluate("() => window.injected === undefined")  # the CSP blocked it
    assert any("Content Security Policy" in e for e in console.errors)
    console.errors.clear()

    page.evaluate("""() => {
        const button = document.createElement('button');
        button.id = 'bare';
        button.textContent = 'Bare';
        document.querySelector('main').append(button);
        const sheet = new CSSStyleSheet();
        sheet.replaceSync('#bare:focus, #bare:focus-visible '
                          + '{ outline: none !important; box-shadow: none !important; }');
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }""")
    page.locator("#bare").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    with pytest.raises(AssertionError, match="focus is not visible"):
        assert_focus_visible(page)


def test_a_download_being_prepared_follows_its_job_until_it_is_ready(browser_page, make_user, console):
    """The progress page asks how the job is getting on from the service's own script (within the
    CSP), shows each step as the worker reports it, and shows the file once it is ready."""
    from dhr.data import jobs
    from dhr.extensions import db

    from . import factories as make

    page = browser_page
    user = make_user("trainer")
    job = make.job(user, state="queued", title="Case studies: Coercive control")
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto(f"/downloads/{job.id}")
    assert "Waiting" in page.get_by_role("status").inner_text()
    assert run_axe(page) == []
    screenshot(page, "downloads", "waiting")
    jobs.report(job, 2, 3, "Laying out 45 findings")
    job.state = jobs.RUNNING
    db.session.commit()
    page.get_by_text("Being prepared: Laying out 45 findings").wait_for(timeout=10_000)
    assert page.locator("progress").get_attribute("value") == "2"
    assert run_axe(page) == []
    screenshot(page, "downloads", "running")
    jobs.finish(job, make.one_page_pdf(), "case-studies.pdf", "application/pdf")
    db.session.commit()
    page.get_by_text("Your download is ready").wait_for(timeout=10_000)
    assert run_axe(page) == []
    console.check()
