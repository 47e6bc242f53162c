"""The accounts journey in a real browser, with CSRF on and the strict CSP in force: the
coordinator invites an agency user, who sets a password from the emailed link and signs in; the
coordinator deactivates the account; a forgotten password is reset from its emailed link. Every
page met, error states included, has no axe-core WCAG 2.2 A/AA violations, and the console
stays clean."""
from __future__ import annotations

import re

import pytest

from . import factories as make
from .browser import run_axe, screenshot, sign_in_as
from .factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

JOURNEY = "accounts"
LINK = re.compile(r"https?://\S+(/set-password/\S+)")
NEW_PASSWORD = "lantern orchard violet compass"


def check(page, name: str) -> None:
    violations = run_axe(page)
    assert violations == [], f"{page.url}: {violations}"
    screenshot(page, JOURNEY, name)


def errors(page) -> list[str]:
    page.locator(".govuk-error-summary").wait_for()
    assert page.title().startswith("Error: ")
    return [t.strip() for t in page.locator(".govuk-error-summary__list li").all_inner_texts()]


def emailed_path(smtp_server, to: str) -> str:
    message = [m for m in smtp_server.received if m["To"] == to][-1]
    return LINK.search(message.get_content()).group(1)


def set_password(page, path: str, name: str) -> None:
    page.goto(path)
    check(page, f"{name}-form")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm password").fill("something else entirely")
    page.get_by_role("button", name="Set password").click()
    assert errors(page) == ["The new passwords do not match"]
    check(page, f"{name}-error")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    page.get_by_text("Your password is set.").wait_for()


def test_invite_set_password_sign_in_deactivate_and_reset(browser, browser_page, smtp_server, console):
    coordinator = make.admin(name="Alex Coordinator")
    make.agency("Northshire Police")
    page = browser_page
    sign_in_as(page, coordinator.email, TEST_PASSWORD)
    page.goto("/admin/")
    page.get_by_role("button", name="Invite a user").click()
    check(page, "invite")
    page.get_by_role("button", name="Send invitation").click()
    assert errors(page) == ["Enter the person’s full name", "Enter the person’s email address", "Select a role"]
    check(page, "invite-errors")
    page.get_by_label("Full name").fill("Priya Shah")
    page.get_by_label("Email address").fill("priya.shah@example.org")
    page.get_by_role("radio", name="Agency").check()
    page.get_by_role("button", name="Send invitation").click()
    assert errors(page) == ["Select the agency this person works for"]
    assert page.get_by_label("Full name").input_value() == "Priya Shah"
    page.get_by_role("combobox", name="Agency").select_option(label="Northshire Police")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("An invitation has been sent to priya.shah@example.org").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "Priya Shah"
    check(page, "account-invited")

    page.goto(f"/admin/users/{coordinator.id}")
    page.get_by_role("radio", name="Panel chair").check()
    page.get_by_role("button", name="Save role and agency").click()
    assert errors(page) == ["Alex Coordinator is the only active partnership coordinator. Make someone else a "
                            "coordinator first."]
    check(page, "last-coordinator-error")
    assert page.get_by_role("button", name="Deactivate the account").count() == 0  # not on one's own page

    invitee = browser.new_context(base_url=page.url.split("/admin")[0])
    invitee_page = invitee.new_page()
    invitee_page.on("console", console.on_console)
    invitee_page.on("pageerror", console.on_page_error)
    path = emailed_path(smtp_server, "priya.shah@example.org")
    set_password(invitee_page, path, "set-password")
    check(invitee_page, "signed-out-to-sign-in")
    sign_in_as(invitee_page, "priya.shah@example.org", NEW_PASSWORD)
    console.expect_status(404)
    invitee_page.goto(path)
    assert invitee_page.get_by_role("heading", level=1).inner_text() == "This link cannot be used"
    check(invitee_page, "link-used")

    page.goto("/admin/")
    page.get_by_role("link", name="Priya Shah").click()
    page.get_by_role("button", name="Deactivate the account").click()
    page.get_by_text("they are signed out everywhere and cannot sign in").wait_for()
    check(page, "account-deactivated")
    invitee_page.goto("/")
    assert invitee_page.get_by_role("heading", level=1).inner_text() == "Sign in"
    page.get_by_role("button", name="Reactivate the account").click()
    page.get_by_text("account is active again").wait_for()

    invitee_page.get_by_role("link", name="Forgotten your password?").click()
    invitee_page.get_by_role("heading", level=1, name="Reset your password").wait_for()
    check(invitee_page, "forgotten-password")
    invitee_page.get_by_label("Email address").fill("priya.shah@example.org")
    invitee_page.get_by_role("button", name="Send me a link").click()
    assert invitee_page.get_by_role("heading", level=1).inner_text() == "Check your email"
    check(invitee_page, "reset-sent")
    reset = emailed_path(smtp_server, "priya.shah@example.org")
    assert reset != path
    invitee_page.goto(reset)
    assert invitee_page.get_by_role("heading", level=1).inner_text() == "Choose a new password"
    invitee.close()
