"""Real-browser support: a live server in a thread, Debian's chromium driven by Playwright,
axe-core run on pages, screenshots kept under test-artefacts/."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

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


class LiveServer:
    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
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
    forbids inline scripts) does not have to be loosened for the check."""
    page.evaluate(AXE_SCRIPT.read_text())
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )


def screenshot(page, journey: str, name: str) -> Path:
    directory = ARTEFACTS / journey
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
