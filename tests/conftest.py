"""The suite's fixtures, found by pytest without imports. Sections, in order:

1. App and database — app, client, runner (flaskr style), on SQLite by default or on the
   PostgreSQL named by DHR_TEST_DATABASE_URL. The schema comes from the migrations once per
   session; each test starts from empty tables.
2. Users and signing in — make_user, sign_in, pages.
3. Worlds — shared sets of rows built from tests/factories.py: route_world, tracker_world,
   learning_world, report_world.
4. Browser — browser, console, browser_page (helpers live in tests/browser.py).
5. Mail — smtp_server: a real SMTP server the app sends to (tests/smtp_server.py).

Rows for a single test are made with tests/factories.py (`from . import factories as make`).
Add new fixtures to the section they belong to."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask.testing import FlaskClient
from jinja2 import BytecodeCache
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.routing import Rule

from dhr import create_app
from dhr.data import api_tokens as api_token_data
from dhr.data import commit
from dhr.data import family as family_data
from dhr.data import panel as panel_data
from dhr.data import parallel as parallel_data
from dhr.data import qa_panel as qa_data
from dhr.data.allow_list import AllowedContact
from dhr.data.briefing_models import Briefing
from dhr.data.contribution_models import Contribution
from dhr.data.family_models import FamilyContact
from dhr.data.job_models import Job
from dhr.data.models import (
    Agency,
    AgencyAlias,
    Collection,
    Document,
    Finding,
    Recommendation,
    RecommendationUpdate,
    Review,
    TargetDateChange,
    Theme,
    User,
)
from dhr.data.panel_models import PanelMember, ParallelProcess
from dhr.data.qa_panel_models import FinalDevelopmentArea, QaPanelRound
from dhr.extensions import db
from search import host, indexing

from . import factories as make
from .browser import CHROMIUM_FLAGS, ConsoleWatch, LiveServer, require_chromium
from .factories import TEST_PASSWORD, days
from .helpers import PageClient, worker_suffix
from .smtp_server import SMTPServer

# === 1. App and database =====================================================================

def _database_url(tmp_root: Path) -> str:
    url = os.environ.get("DHR_TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_root / 'test.sqlite'}"  # tmp_root is the worker's own
    url = url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    return _worker_database(url) if url.startswith("postgresql") and worker_suffix() else url


def _worker_database(url: str) -> str:
    """Each pytest-xdist worker's own database on the server, made beside the one named."""
    named = make_url(url)
    own = f"{named.database}{worker_suffix()}"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own}) is None:
            connection.execute(text(f'CREATE DATABASE "{own}"'))
    server.dispose()
    return named.set(database=own).render_as_string(hide_password=False)


def _reset_postgres_schema(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = _database_url(tmp_path_factory.mktemp("db"))
    if url.startswith("postgresql"):
        _reset_postgres_schema(url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    return url


def _empty_all_tables() -> None:
    """Every table emptied, rows that refer to others first, and ids counting from 1 again (as
    SQLite's do once a table is empty). PostgreSQL's TRUNCATE would do it in one statement but
    costs about 0.3 s a test, where these deletes of a test's few rows cost a few milliseconds."""
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    if db.engine.dialect.name == "postgresql":
        sequences = db.session.scalars(text("SELECT sequence_name FROM information_schema.sequences"
                                            " WHERE sequence_schema = current_schema()")).all()
        if sequences:
            db.session.execute(text("SELECT " + ", ".join(f"setval('{name}', 1, false)" for name in sequences)))
    db.session.commit()


class CompiledTemplates(BytecodeCache):
    """Templates compiled once for the whole run and shared by every test's app: each test makes
    a fresh app, and compiling the GOV.UK macros again for each one was most of a short test's
    time. Jinja checks each template's source checksum, so an edited template is compiled again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def _url_builders_compiled_once() -> None:
    """Werkzeug compiles two URL builders for each of the app's routes with Python's compiler,
    about 0.12 s for each app the tests make. A builder depends only on its rule's parsed form
    and defaults (it reads the rule's converters through the rule it is bound to), so one
    compiled for the same rule in an earlier test's app is bound to this app's rule instead."""
    compile_builder = Rule._compile_builder
    compiled: dict[tuple, object] = {}

    def once(rule: Rule, append_unknown: bool = True):
        converters = sorted((name, type(converter)) for name, converter in rule._converters.items())
        key = (tuple(rule._trace), repr(sorted((rule.defaults or {}).items())), repr(converters), append_unknown)
        if key not in compiled:
            compiled[key] = compile_builder(rule, append_unknown)
        return compiled[key]

    Rule._compile_builder = once


_url_builders_compiled_once()


class FreshContextClient(FlaskClient):
    """Each request runs in its own app context — fresh `g`, its own database session — as it
    does in production, even though the test itself holds an app context. After each request
    the test's session forgets what it loaded, so assertions read what was committed."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "DHR_INDEX_DIR": str(tmp_path / "index"),
            "DHR_UPLOAD_DIR": str(tmp_path / "uploads"),
            "DHR_OUTBOX_DIR": str(tmp_path / "outbox"),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "SESSION_COOKIE_SECURE": False,
            "SECRET_KEY": "test-secret-key",
            # Fast hashing keeps the suite quick; production uses scrypt.
            "DHR_PASSWORD_HASH": "pbkdf2:sha256:1000",
            # Background jobs run as they are handed over, so pages that ask for one see it done;
            # tests/test_background.py works a real queue with real workers.
            "DHR_QUEUE_URL": "immediate",
        }
    )
    app.test_client_class = FreshContextClient
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    with app.app_context():
        try:
            yield app
        finally:
            host.wait(app)  # background index work started by a request finishes before the tables go
            db.session.remove()
            _empty_all_tables()
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client(use_cookies=True)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# === 2. Users and signing in =================================================================

@pytest.fixture
def make_user(app):
    """Create a user of a role (agency users get an agency, "Police" unless named) and return it."""

    def make_one(role: str, email: str | None = None, agency_name: str = "Police"):
        return make.user(role, email=email, agency=agency_name if role == "agency" else None)

    return make_one


@pytest.fixture
def sign_in(client, make_user):
    """Sign in as a new user of the given role; returns (PageClient, user)."""

    def do(role: str, **kwargs):
        user = make_user(role, **kwargs)
        response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return PageClient(client), user

    return do


@pytest.fixture
def pages(client):
    return PageClient(client)


# === 3. Worlds ===============================================================================
# Each is built from the factories and returned as a namespace of the rows, by name.

@dataclass
class RouteWorld:
    """One of each thing, linked so that every role is entitled to what it should see (the agency
    leads the recommendation and sat on the panel; the chair chairs the review; the review is
    published); plus an unpublished review and another agency's recommendation."""

    users: dict[str, User]
    agency: Agency
    other_agency: Agency
    review: Review
    unpublished_review: Review
    finding: Finding
    recommendation: Recommendation
    other_recommendation: Recommendation
    update: RecommendationUpdate
    document: Document
    evidence: Document
    collection: Collection
    theme: Theme
    job: Job
    date_change: TargetDateChange
    alias: AgencyAlias
    invitation: str  # the token of an invitation's link
    allowed: AllowedContact
    briefing: Briefing
    family_contact: FamilyContact
    panel_member: PanelMember
    parallel_process: ParallelProcess
    contribution: Contribution
    qa_round: QaPanelRound
    qa_area: FinalDevelopmentArea
    api_token_id: int = 0  # an API token acting as the agency user

    def url_values(self) -> dict[str, int]:
        """Values for URL variables, by the names routes use."""
        ids = {
            "review": self.review.id,
            "finding": self.finding.id,
            "recommendation": self.recommendation.id,
            "rec": self.recommendation.id,
            "update": self.update.id,
            "document": self.document.id,
            "evidence": self.evidence.id,
            "collection": self.collection.id,
            "theme": self.theme.id,
            "job": self.job.id,
            "action": self.recommendation.actions[0].id,
            "change": self.date_change.id,
            "alias": self.alias.id,
            "entry": self.allowed.id,
            "briefing": self.briefing.id,
            "contact": self.family_contact.id,
            "member": self.panel_member.id,
            "process": self.parallel_process.id,
            "contribution": self.contribution.id,
            "round": self.qa_round.id,
            "area": self.qa_area.id,
            "agency": self.agency.id,
            "api_token": self.api_token_id,
            "user": self.users["trainer"].id,
            "pause": 0,
        }
        values = {f"{name}_id": value for name, value in ids.items()}
        values.update(ids)
        values.update(name="status", dataset="reviews", fmt="csv")  # a chart, a spreadsheet, an export format
        values.update(token=self.invitation)  # an emailed link to set a password
        return values


@pytest.fixture
def route_world(app) -> RouteWorld:
    """For tests that walk every route (access matrix, CSRF, backup, search): see RouteWorld."""
    police = make.agency("Police", "police")
    housing = make.agency("Housing", "housing")
    users = {role: make.user(role, agency=police if role == "agency" else None)
             for role in ("admin", "chair", "agency", "trainer")}
    theme = make.theme("Coercive control", "learning", description="A pattern of control.",
                       synonyms="controlling behaviour")
    review = make.review(
        "BDHR2019/20-01", pseudonym="Ada", stage="published", chair=users["chair"],
        summary="Ada was killed by her former partner after she left.", published=True,
        notified_on=dt.date(2019, 5, 1), decision_on=dt.date(2019, 5, 20), set_up_on=dt.date(2019, 6, 1),
        information_gathering_on=dt.date(2019, 7, 1), drafting_on=dt.date(2019, 11, 1),
        signed_off_on=dt.date(2020, 1, 10), submitted_on=dt.date(2020, 1, 20), approved_on=dt.date(2020, 4, 1),
        published_on=dt.date(2020, 5, 1), panel_agencies=[police],
    )
    hidden = make.review(
        "BDHR2023/24-02", pseudonym="Bea", stage="drafting", chair=users["chair"],
        summary="Unpublished summary about Bea.", notified_on=dt.date(2023, 6, 1), decision_on=dt.date(2023, 6, 20),
        set_up_on=dt.date(2023, 7, 1), information_gathering_on=dt.date(2023, 8, 1), drafting_on=dt.date(2024, 1, 1),
        panel_agencies=[housing],
    )
    finding = make.finding(review, "Agencies missed the coercive control Ada described.", themes=[theme],
                           agencies=[police])
    recommendation = make.recommendation(
        review, "1", "Police should train officers on coercive control.", lead=police,
        action_to_take="Deliver training", milestones="Course designed", target_date=dt.date(2021, 3, 31),
        status="on_track", strategy_priority=3, themes=[theme],
    )
    other = make.recommendation(hidden, "1", "Housing should ask about abuse at every tenancy visit.", lead=housing,
                                target_date=dt.date(2025, 3, 31))
    update = make.update(recommendation, "Training designed.", author=users["agency"], agency=police)
    document = make.document(review=review, content=b"Overview report text about Ada.", uploaded_by=users["chair"])
    evidence = make.document(update=update, content=b"%PDF-1.4\n%%EOF", uploaded_by=users["agency"])
    collection = make.collection(users["trainer"], [finding], "Coercive control cases")
    job = make.job(users["trainer"])
    date_change = make.date_change(recommendation.actions[0], users["agency"], dt.date(2031, 3, 31))
    alias = make.agency_alias("Northshire Constabulary", police)
    _, invitation = make.invitation()
    allowed = make.allowed_contact("0808 2000 247", "National Domestic Abuse Helpline")
    briefing = make.briefing(users["trainer"], [review], "7-minute briefing: Ada", themes=[theme])
    contact = family_data.save_contact(review, family_data.Contact("Ada's mother", "aafda", dt.date(2019, 6, 2),
                                                                   "took_part"))
    member = panel_data.save_member(review, police, "Detective Inspector")
    process = parallel_data.save(review, parallel_data.Written("inquest", "COR-2019-77", dt.date(2019, 6, 10)))
    contribution = make.contribution(review, police, "imr", asked_on=dt.date(2019, 7, 2),
                                     due_on=dt.date(2019, 8, 30), file=b"IMR text: restricted.",
                                     uploaded_by=users["agency"])
    qa_round = qa_data.record_submission(review, dt.date(2020, 1, 20))
    qa_data.record_letter(qa_round, qa_data.Letter(dt.date(2020, 3, 2), "final_development"), users["chair"])
    qa_area = qa_data.save_area(qa_round, qa_data.Area("Add the family's tribute", "done", owner_person="The chair",
                                                       done_on=dt.date(2020, 3, 20)))
    api_token, _ = api_token_data.create(users["agency"], "Police case system", users["admin"])
    commit()
    indexing.rebuild()
    return RouteWorld(users, police, housing, review, hidden, finding, recommendation, other, update,
                      document, evidence, collection, theme, job, date_change, alias, invitation, allowed, briefing,
                      contact, member, process, contribution, qa_round, qa_area, api_token.id)


@pytest.fixture
def tracker_world(app) -> SimpleNamespace:
    """For the agency and tracker tests: four agencies (one national); a published review
    (police on the panel) with police-led recommendations overdue and due soon, one led by
    health with police supporting and a national one; an unpublished review (housing on the
    panel) with a housing-led overdue recommendation."""
    police = make.agency("Northshire Police", "police")
    health = make.agency("City Hospital Trust", "health")
    housing = make.agency("City Housing", "housing")
    home_office = make.agency("Home Office", "national")
    published = make.review("DHR-2023-01", pseudonym="Anna", notified_on=dt.date(2023, 1, 10), published=True,
                            published_on=dt.date(2024, 2, 1), stage="monitoring",
                            summary="Anna was killed by her former partner after she left him.",
                            restricted_notes="PANEL-ONLY: the perpetrator's probation history.",
                            panel_agencies=[police])
    make.finding(published, "Coercive control was not recognised by services.")
    unpublished = make.review("DHR-2024-07", pseudonym="Beth", notified_on=dt.date(2024, 5, 1), stage="drafting",
                              restricted_notes="HOUSING-PANEL-ONLY note.", panel_agencies=[housing])
    return SimpleNamespace(
        police=police, health=health, housing=housing, home_office=home_office,
        published=published, unpublished=unpublished,
        # police lead, in the published review, overdue
        police_overdue=make.recommendation(published, "1", "Train officers to recognise coercive control.",
                                           lead=police, target_date=days(-20), status="on_track"),
        # police lead, due in 10 days
        police_due_soon=make.recommendation(published, "2", "Review DASH completion at the scene.", lead=police,
                                            target_date=days(10)),
        # health lead, police supports
        health_led=make.recommendation(published, "3", "Routine enquiry in the emergency department.",
                                       lead=health, supporting=[police], target_date=days(90), status="on_track"),
        # housing lead, police not involved (unpublished review)
        housing_only=make.recommendation(unpublished, "1", "Housing officers ask about abuse.", lead=housing,
                                         target_date=days(-5)),
        # Home Office lead, national scope
        national=make.recommendation(published, "4", "Amend the statutory guidance.", lead=home_office,
                                     target_date=days(200), scope="national"),
    )


@pytest.fixture
def learning_world(app) -> SimpleNamespace:
    """For the search and learning tests: four reviews r1-r4, three published and r3 not;
    restricted notes on r3 and r4; themes risk, separation and coercion. The index starts
    empty, so every row arrives in it through the outbox."""
    indexing.rebuild()
    police = make.agency("West Midlands Police", "police")
    housing = make.agency("City Housing", "housing")
    gp = make.agency("Northfield GP", "primary_care")
    risk = make.theme("Risk assessment", "practice", synonyms="DASH, MARAC")
    separation = make.theme("Separation risk", "learning", synonyms="leaving the relationship")
    coercion = make.theme("Coercive control", "learning")

    def review(ref, published, year, **kw):
        return make.review(ref, published=published, notified_on=dt.date(year, 3, 1), pseudonym=f"Person {ref}",
                           published_on=dt.date(year + 1, 1, 10) if published else None, **kw)

    r1 = review("DHR-2019-01", True, 2019, summary="Summary of the first review about isolation.")
    make.finding(r1, "Police did not complete a DASH form after the separation.", themes=[risk, separation])
    make.finding(r1, "Housing officers were not trained to recognise coercive control.", themes=[coercion])
    make.recommendation(r1, "1", "All officers to complete risk assessment training each year.", lead=police,
                        status="on_track", themes=[risk])
    r2 = review("DHR-2021-02", True, 2021, review_type="suicide", death_category="suspected_suicide",
                summary="The victim had separated from the perpetrator weeks before she died.")
    make.finding(r2, "Nobody asked the victim about leaving the relationship safely.", themes=[separation])
    make.recommendation(r2, "1", "Officers to complete a risk assessment training course every year.", lead=police,
                        status="verified", themes=[risk])
    make.recommendation(r2, "2", "Housing to ask every tenant about domestic abuse at tenancy review.",
                        lead=housing, status="not_started", themes=[coercion])
    r3 = review("DHR-2023-03", False, 2023, summary="Unpublished summary mentioning zanzibar risk assessment.",
                restricted_notes="Restricted notes about quagga.", panel_agencies=[housing])
    make.finding(r3, "Unpublished finding about zanzibar and the DASH form.", themes=[risk])
    make.recommendation(r3, "1", "GP to ask about zanzibar abuse.", lead=gp, status="at_risk", themes=[coercion])
    r4 = review("DHR-2022-04", True, 2022, summary="A published review with restricted notes.",
                restricted_notes="Published but restricted giraffe notes.", panel_agencies=[police])
    make.finding(r4, "The GP practice did not ask about coercive control.", themes=[coercion])
    return SimpleNamespace(police=police, housing=housing, gp=gp, risk=risk, separation=separation,
                           coercion=coercion, r1=r1, r2=r2, r3=r3, r4=r4)


@pytest.fixture
def report_world(app) -> SimpleNamespace:
    """For the reports, dashboard and spreadsheet tests: two agencies, two themes; a published
    review (verified and at-risk recommendations), an unpublished one (a pause, an overdue
    recommendation with a challenged update) and a late open one. Every review has a
    restricted note "RESTRICTED NOTE <reference>"."""
    police = make.agency("Northshire Police", "police")
    health = make.agency("City Hospital Trust", "health")
    coercive = make.theme("Coercive control", "learning", description="Patterns of controlling behaviour.")
    separation = make.theme("Separation risk", "learning", strategy_priority=5)

    def review(reference, notified_on, **kw):
        return make.review(reference, notified_on=notified_on, restricted_notes=f"RESTRICTED NOTE {reference}",
                           published_on=notified_on + dt.timedelta(days=400) if kw.get("published") else None,
                           **kw)

    def recommendation(review, number, text, lead, **kw):
        return make.recommendation(review, number, text, lead=lead, action_to_take=f"Action for {text}",
                                   milestones=f"Milestone {number}", **kw)

    published = review("DHR-2021-01", dt.date(2021, 5, 10), published=True, decision_on=dt.date(2021, 6, 1),
                       submitted_on=dt.date(2021, 11, 20), stage="published", pseudonym="Bella",
                       summary="Bella was killed by her former partner after leaving.")
    make.finding(published, "PUBLISHED FINDING agencies missed coercive control.", themes=[coercive])
    recommendation(published, 1, "PUBLISHED REC train staff on coercive control", police, status="verified",
                   target_date=dt.date(2022, 6, 1), themes=[coercive], strategy_priority=3)
    recommendation(published, 2, "PUBLISHED REC ask about separation", health, status="at_risk",
                   target_date=days(-30), themes=[separation])

    unpublished = review("DHR-2023-02", dt.date(2023, 7, 1), decision_on=dt.date(2023, 8, 1),
                         stage="information_gathering", pseudonym="Carla", review_type="suicide",
                         death_category="suspected_suicide", summary="SECRET SUMMARY of an unpublished review.")
    make.finding(unpublished, "UNPUBLISHED FINDING on coercive control.", themes=[coercive])
    make.pause(unpublished, dt.date(2023, 9, 1), dt.date(2023, 10, 1), reason="criminal_trial")
    rec = recommendation(unpublished, 1, "UNPUBLISHED REC share information", police, status="not_started",
                         target_date=days(-5), themes=[coercive])
    make.update(rec, "UPDATE NARRATIVE training booked", agency=police, proposed_status="on_track",
                assessment="challenged", assessment_message="Need dates")

    late_open = review("DHR-2024-03", dt.date(2024, 5, 1), decision_on=dt.date(2024, 5, 20), stage="drafting",
                       pseudonym="Dana", summary="Summary of DHR-2024-03.")
    return SimpleNamespace(police=police, health=health, coercive=coercive, separation=separation,
                           published=published, unpublished=unpublished, late_open=late_open)


# === 4. Browser ==============================================================================
# Real-browser tests (marked `browser`); helpers (run_axe, screenshot, tab_to, ...) are in tests/browser.py.

@pytest.fixture(scope="module")
def browser():
    """One chromium per test module; each test gets a fresh context (cookies, storage)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def console():
    """Console errors, uncaught exceptions and CSP violations the page meets (see ConsoleWatch)."""
    return ConsoleWatch()


@pytest.fixture
def browser_page(app, browser, console):
    """A page on a live server for this test's app (CSRF on: the browser sends real tokens).
    Fails the test on any console error, uncaught exception or CSP violation."""
    app.config["WTF_CSRF_ENABLED"] = True
    with LiveServer(app) as server:
        context = browser.new_context(base_url=server.url, accept_downloads=True)
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.on("console", console.on_console)
        page.on("pageerror", console.on_page_error)
        try:
            yield page
        finally:
            context.close()
    console.check()


# === 5. Mail =================================================================================

@pytest.fixture
def smtp_server(app):
    """A real SMTP server on a free local port, configured as this app's mail server."""
    server = SMTPServer().start()
    app.config["MAIL_SERVER"], app.config["MAIL_PORT"] = server.host, server.port
    try:
        yield server
    finally:
        server.stop()
