"""Real-browser support: a live server in a thread, Debian's chromium driven by Playwright,
axe-core run on pages, screenshots kept under test-artefacts/."""
from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import WSGIRequestHandler, make_server

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = PROJECT_ROOT / "test-artefacts" / "screenshots"
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("DHR_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is required here (DHR_REQUIRE_BROWSER=1) but is not installed")
        pytest.skip("chromium is not installed: apt-get install -y chromium to run the browser journeys")
    return path


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # pytest shows the test's own output, not every asset
        pass


class LiveServer:
    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=5)


def run_axe(page) -> list[dict]:
    """Run axe-core for WCAG 2.x A and AA (2.2 included) and return the violations.

    The script is evaluated through the DevTools protocol, so the page's CSP (which rightly
    forbids inline scripts) does not have to be loosened for the check. A click that starts a
    navigation returns before the next page arrives; if the document goes away under axe, the
    check waits for the new page to load and runs again on it."""
    for attempts_left in (2, 1, 0):
        page.wait_for_load_state("load")
        try:
            return _axe_violations(page)
        except PlaywrightError:
            if not attempts_left:
                raise


def _axe_violations(page) -> list[dict]:
    page.evaluate(AXE_SCRIPT.read_text())
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )


# The page's scrolling width and, if it is wider than the window, its outermost elements that stick out
# (a table scrolling inside its own container does not count).
WIDEST = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter(
        e => e.getBoundingClientRect().right > width + 1 && !e.parentElement.closest('.app-table-container'));
    const outermost = wide.filter(e => !wide.includes(e.parentElement));
    return {scroll: document.documentElement.scrollWidth, width,
            culprits: outermost.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))};
}"""


def assert_fits_320(page) -> None:
    """The page fits a 320 px window without scrolling sideways; the window is then put back."""
    page.set_viewport_size({"width": 320, "height": 800})
    widest = page.evaluate(WIDEST)
    assert widest["scroll"] <= widest["width"], widest
    page.set_viewport_size({"width": 1280, "height": 900})


def sign_in_as(page, email: str, password: str | None = None) -> None:
    """Sign in through the real form, as a person would, and wait until signed in."""
    from .factories import TEST_PASSWORD

    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password or TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def screenshot(page, journey: str, name: str) -> Path:
    directory = ARTEFACTS / journey
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- watching the console (the browser, console and browser_page fixtures are in conftest.py) ---

class ConsoleWatch:
    """Console errors, uncaught exceptions and CSP violations seen by the page. A test that
    expects an error response (a 404) calls `expect_status(404)` to allow its console line."""

    def __init__(self):
        self.errors: list[str] = []
        self.allowed_statuses: set[int] = set()

    def on_console(self, message) -> None:
        if message.type in ("error", "warning") and not self._allowed(message.text):
            if message.type == "error" or "Content Security Policy" in message.text:
                self.errors.append(f"console {message.type}: {message.text}")

    def on_page_error(self, error) -> None:
        self.errors.append(f"uncaught: {error}")

    def expect_status(self, status: int) -> None:
        self.allowed_statuses.add(status)

    def _allowed(self, text: str) -> bool:
        found = re.search(r"the server responded with a status of (\d+)", text)
        return bool(found) and int(found.group(1)) in self.allowed_statuses

    def check(self) -> None:
        assert self.errors == [], "the browser reported errors:\n" + "\n".join(self.errors)


# --- keyboard-only helpers ------------------------------------------------------------------

FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const style = getComputedStyle(e);
    const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
    return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '',
            classes: e.className || '', checked: !!e.checked,
            type: e.getAttribute('type') || '', text: (e.innerText || e.value || '').trim(),
            label: label.trim(), href: e.getAttribute('href') || '',
            focusVisible: e.matches(':focus-visible'),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                     && style.outlineColor !== 'rgba(0, 0, 0, 0)',
            shadow: style.boxShadow !== 'none', background: style.backgroundColor};
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def assert_focus_visible(page) -> dict:
    """The focused element shows the GOV.UK focus state: yellow outline or box shadow."""
    info = focused(page)
    assert info is not None, "nothing has focus"
    assert info["focusVisible"] and (info["outline"] or info["shadow"]), f"focus is not visible on {info}"
    return info


def tab_to(page, matches, limit: int = 120, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element satisfies `matches(info)`, checking
    at each stop that focus is visible. Fails if it is never reached."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        info = focused(page)
        if info is None:
            continue
        seen.append(info["label"] or info["text"][:40] or info["id"])
        assert_focus_visible(page)
        if matches(info):
            return info
    raise AssertionError(f"never reached the control with {key}; focus went through: {seen}")


def by_label(text: str):
    return lambda info: info["label"].startswith(text)


def by_text(text: str):
    return lambda info: info["text"].startswith(text)


def by_id(element_id: str):
    return lambda info: info["id"] == element_id


def by_href(path: str):
    return lambda info: info["tag"] == "a" and info["href"] == path
