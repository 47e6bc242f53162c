"""Page checks in the style of notifications-admin's client_request: every page fetched in a
test is parsed, and must be valid HTML with a title and no duplicate ids."""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter

import html5lib
from bs4 import BeautifulSoup


class InvalidPage(AssertionError):
    pass


def check_page(html: str) -> BeautifulSoup:
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(html)
    except Exception as error:  # html5lib raises ParseError with the position
        raise InvalidPage(f"invalid HTML: {error}") from error
    soup = BeautifulSoup(html, "html.parser")
    title = soup.find("title")
    if title is None or not title.get_text(strip=True):
        raise InvalidPage("page has no title")
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    if duplicates:
        raise InvalidPage(f"duplicate ids: {duplicates}")
    if soup.find("h1") is None:
        raise InvalidPage("page has no h1")
    return soup


class PageClient:
    def __init__(self, client):
        self.client = client

    def get(self, url: str, expected_status: int = 200, **kwargs) -> BeautifulSoup:
        response = self.client.get(url, **kwargs)
        assert response.status_code == expected_status, (
            f"GET {url}: {response.status_code}, expected {expected_status}\n"
            + response.get_data(as_text=True)[:800]
        )
        return check_page(response.get_data(as_text=True))

    def post(self, url: str, data=None, expected_status: int = 200, follow_redirects: bool = False, **kwargs):
        response = self.client.post(url, data=data or {}, follow_redirects=follow_redirects, **kwargs)
        assert response.status_code == expected_status, (
            f"POST {url}: {response.status_code}, expected {expected_status}\n"
            + response.get_data(as_text=True)[:800]
        )
        if response.mimetype == "text/html" and response.status_code < 300 or response.status_code >= 400:
            return check_page(response.get_data(as_text=True))
        return response


def error_summary(soup: BeautifulSoup) -> list[str]:
    summary = soup.select_one(".govuk-error-summary")
    if summary is None:
        return []
    return [li.get_text(strip=True) for li in summary.select(".govuk-error-summary__list li")]


def date_fields(name: str, day: dt.date | None) -> list[tuple[str, str]]:
    """A GOV.UK date input's three parts, posted under one name."""
    if day is None:
        return [(name, ""), (name, ""), (name, "")]
    return [(name, str(day.day)), (name, str(day.month)), (name, str(day.year))]


def fetch_download(client, url: str):
    """GET a download; one prepared in the background (at once, under the tests' queue) is
    followed through its progress page to its file, as a person would."""
    response = client.get(url)
    location = response.headers.get("Location", "")
    if response.status_code == 302 and "/downloads/" in location:
        page = client.get(location)
        assert page.status_code == 200 and "Your download is ready" in page.get_data(as_text=True), location
        response = client.get(location.rstrip("/") + "/file")
    return response


def damage_index() -> None:
    """Point the index's `current` link at a generation of the current format whose table of
    contents is unreadable: a damaged index, not a missing one (nor one of an older format)."""
    import os

    from search import indexing
    from search.schema import INDEX_FORMAT

    damaged = indexing.index_root() / "gen-damaged"
    damaged.mkdir()
    (damaged / "_MAIN_1.toc").write_bytes(b"damaged")
    (damaged / indexing.FORMAT_FILE).write_text(INDEX_FORMAT)
    link = indexing.index_root() / ".current-damaged"
    link.symlink_to(damaged.name)
    os.replace(link, indexing.index_root() / "current")


def worker_number() -> int:
    """Which of the run's pytest-xdist workers this process is (0 when the run has no workers)."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def worker_suffix() -> str:
    """Added to the names of what each worker of a run needs for itself (a database), or ""."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"_{worker}" if worker else ""


def redis_test_url(database: int) -> str:
    """The Redis database a test may empty. DHR_TEST_REDIS_SHIFT moves every such database down,
    so two suites running side by side (.ci/run runs SQLite and PostgreSQL at once) never empty
    each other's, and each worker of a run moves them down two more (the tests use two)."""
    shift = int(os.environ.get("DHR_TEST_REDIS_SHIFT", "0")) + 2 * worker_number()
    return f"redis://127.0.0.1:6379/{database - shift}"


def scratch_database_url(database_url: str, tmp_path) -> str:
    """An empty database to run migrations on: a file beside the test on SQLite, or (when the suite
    runs on PostgreSQL) a database of the same server made afresh, one per worker of the run."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if not database_url.startswith("postgresql"):
        return f"sqlite:///{tmp_path / 'migration.sqlite'}"
    scratch = f"dhr_migration_scratch{worker_suffix()}"
    server = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {scratch}"))
        connection.execute(text(f"CREATE DATABASE {scratch}"))
    server.dispose()
    return make_url(database_url).set(database=scratch).render_as_string(hide_password=False)


def formats_of(rule) -> tuple[str, ...]:
    """The file formats a route's `fmt` takes (those its converter lists, else CSV and XLSX), or
    ("",) for a route without one."""
    if "fmt" not in rule.arguments:
        return ("",)
    converter = rule._converters.get("fmt")
    return tuple(sorted(getattr(converter, "items", None) or ("csv", "xlsx")))
