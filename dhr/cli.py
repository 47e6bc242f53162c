"""Command-line tasks: `flask --app dhr setup`, `users create`, `demo`, `search rebuild|check|catch-up`,
`housekeeping`, `notifications digest`, `open-data export|import`, `worker`."""
from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup

from .data import commit, tracking
from .data import users as user_data
from .wording import counted

users_cli = AppGroup("users", help="Manage who can sign in.")
search_cli = AppGroup("search", help="Look after the search index.")
themes_cli = AppGroup("themes", help="The controlled theme list.")
notifications_cli = AppGroup("notifications", help="Emails telling people of what concerns them.")
open_data_cli = AppGroup("open-data", help="Published learning shared between partnerships.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["admin", "chair", "agency", "trainer"]))
@click.option("--agency", "agency_name", default=None, help="The agency an agency user belongs to.")
@click.option("--name", default="", help="The person's name as shown in the service.")
def create_user(email: str, role: str, agency_name: str | None, name: str) -> None:
    """Create a user. The password is read from a hidden prompt (or piped on stdin)."""
    interactive = sys.stdin.isatty()
    password = click.prompt("Password", hide_input=True, confirmation_prompt=interactive)
    with tracking.acting_as("cli: users create"):
        try:
            user = user_data.create(email, password, role, name=name, agency_name=agency_name)
        except user_data.UserError as problem:
            raise click.ClickException(str(problem)) from problem
        commit()
    click.echo(f"Created {user.role} user {user.email}")


@click.command("setup")
@click.option("--name", "partnership_name", required=True, help="The partnership's name, shown on pages and emails.")
@click.option("--agencies", "agency_file", type=click.Path(exists=True, dir_okay=False),
              help="A CSV or XLSX file of the partnership's agencies: a name and a kind on each row.")
@click.option("--agency", "agency_specs", multiple=True, metavar="NAME=KIND",
              help='An agency, e.g. "West Midlands Police=police" (repeat for each; KIND may be left out).')
@click.option("--coordinator", "email", required=True, help="The first partnership coordinator's email address.")
@click.option("--coordinator-name", default="", help="The coordinator's name as shown in the service.")
def set_up_partnership(partnership_name: str, agency_file: str | None, agency_specs: tuple[str, ...], email: str,
                       coordinator_name: str) -> None:
    """A clean start without the demo data: the partnership's name, agencies, first coordinator and
    the starting themes. The coordinator's password is read from a hidden prompt (or piped on stdin)."""
    from .data import partnership

    listed = partnership.agency_list_file(agency_file) if agency_file else partnership.AgencyList()
    more = partnership.agency_list([(f"--agency {spec}", *spec.partition("=")[::2]) for spec in agency_specs])
    listed = partnership.AgencyList(listed.agencies + more.agencies, listed.problems + more.problems)
    password = click.prompt("Coordinator's password", hide_input=True, confirmation_prompt=sys.stdin.isatty())
    with tracking.acting_as("cli: setup"):
        try:
            made = partnership.set_up(partnership_name, listed, partnership.Coordinator(email, coordinator_name,
                                                                                           password))
        except partnership.SetUpRefused as refusal:
            raise click.ClickException("Nothing was saved. " + str(refusal)) from refusal
        commit()
    click.echo(f"Set up {partnership_name.strip()}: {counted(made['agencies'], 'agency', 'agencies')}, "
               f"{counted(made['themes'], 'starting theme')}, coordinator {made['coordinator']}. "
               "Sign in as the coordinator to add the other users.")


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if the database already holds reviews.")
@click.option("--scale", type=click.Choice(["demo", "national"]), default="demo", show_default=True,
              help="demo: one partnership's 45 reviews; national: 2,000 reviews from 30 areas (a few minutes).")
@click.option("--reviews", type=int, default=None, help="national: load this many reviews instead of 2,000.")
@click.option("--no-index", is_flag=True, help="national: leave the search index for 'flask search rebuild'.")
def load_demo(if_empty: bool, scale: str, reviews: int | None, no_index: bool) -> None:
    """Load the fictional demonstration data set into an empty database."""
    from .data import partnership
    from .demo import DEMO_PASSWORD, DEMO_SIGN_INS, DemoRefused
    from .demo import load_demo as load

    if partnership.is_set_up():
        if if_empty:
            click.echo("The partnership is set up for real use: no demo data loaded.")
            return
        raise click.ClickException("The partnership is set up for real use: the demo data is never loaded into it.")
    if scale == "national":
        _load_national(if_empty, reviews, no_index)
        return
    try:
        counts = load()
    except DemoRefused as refusal:
        if if_empty:
            click.echo("The database already holds reviews: no demo data loaded.")
            return
        raise click.ClickException(str(refusal)) from refusal
    commit()
    click.echo("Loaded fictional demo data: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    click.echo(f"Demo sign-ins (password: {DEMO_PASSWORD}):")
    for email, role in DEMO_SIGN_INS:
        click.echo(f"  {role:<30} {email}")


def _load_national(if_empty: bool, reviews: int | None, no_index: bool) -> None:
    import time

    from search import indexing

    from .demo import DEMO_PASSWORD, DemoRefused
    from .demo.national import NATIONAL_REVIEWS, load_national

    def progress(counts: dict) -> None:
        click.echo(f"  {counts['reviews']} reviews, {counts['findings']} findings, {counts['recommendations']} "
                   f"recommendations, {counts['actions']} actions ({counts['seconds']} s)", err=True)

    try:
        counts = load_national(reviews or NATIONAL_REVIEWS, progress=progress)
    except DemoRefused as refusal:
        if if_empty:
            click.echo("The database already holds reviews: no demo data loaded.")
            return
        raise click.ClickException(str(refusal)) from refusal
    seconds = counts.pop("seconds")
    click.echo("Loaded the fictional national demo data: " + ", ".join(f"{v} {k}" for k, v in counts.items())
               + f" in {seconds:.0f} s.")
    click.echo(f"Sign in as admin@example.org, chair@example.org, police@example.org or trainer@example.org "
               f"(every demo user's password: {DEMO_PASSWORD}).")
    if no_index:
        click.echo("The search index has not been brought up to date: run 'flask --app dhr search rebuild'.")
        return
    started = time.perf_counter()
    indexed = indexing.rebuild()
    click.echo(f"Built the search index: {indexed} documents in {time.perf_counter() - started:.0f} s.")


@click.command("sign-ins")
def show_sign_ins() -> None:
    """Print the demo sign-ins, if the demo data is loaded."""
    from .data import settings
    from .demo import DEMO_PASSWORD, DEMO_SIGN_INS

    if not settings.demo_data_loaded():
        click.echo("No demo data loaded: sign in as the coordinator made by 'flask --app dhr setup', or a user made "
                   "by 'flask --app dhr users create'.")
        return
    click.echo(f"Demo sign-ins (password: {DEMO_PASSWORD}):")
    for email, role in DEMO_SIGN_INS:
        click.echo(f"  {role:<30} {email}")


@themes_cli.command("seed")
def seed_themes() -> None:
    """Add any missing themes from the starting list."""
    from .data.starting_themes import ensure_starting_themes

    with tracking.acting_as("cli: themes seed"):
        added = ensure_starting_themes()
        commit()
    click.echo(f"Added {counted(added, 'theme')}.")


@search_cli.command("rebuild")
def rebuild_index() -> None:
    """Build a fresh index beside the current one and swap it in."""
    from search import documents, indexing

    total = documents.estimate_count()
    with click.progressbar(length=total, label="Indexing", file=sys.stderr) as bar:
        count = indexing.rebuild(progress=bar.update)
    click.echo(f"Indexed {count} documents.")


@search_cli.command("catch-up")
def catch_up_index() -> None:
    """Apply pending changes to the index, building it first if it does not exist."""
    from search import indexing

    if not indexing.exists():
        count = indexing.rebuild()
        click.echo(f"Built the index: {count} documents.")
        return
    click.echo(f"Applied {counted(indexing.catch_up(), 'pending change')}.")


@search_cli.command("check")
@click.option("--no-catch-up", is_flag=True, help="Compare as things are, without applying pending changes first.")
def check_index(no_catch_up: bool) -> None:
    """Compare the index with the database; exit non-zero if they differ."""
    from search import indexing

    try:
        if not no_catch_up:
            applied = indexing.catch_up()
            if applied:
                click.echo(f"Applied {counted(applied, 'pending change')} first.")
        result = indexing.compare()
    except indexing.IndexUnavailable as error:
        click.echo(f"Search index unavailable: {error}. Run 'flask --app dhr search rebuild'.", err=True)
        sys.exit(2)
    click.echo(f"Database: {result['expected']} documents; index: {result['indexed']} documents.")
    problems = 0
    for label, keys in (("missing from the index", result["missing"]),
                        ("in the index but not the database", result["extra"]),
                        ("out of date in the index", result["stale"])):
        if keys:
            problems += len(keys)
            shown = ", ".join(keys[:10]) + (" …" if len(keys) > 10 else "")
            click.echo(f"{len(keys)} {label}: {shown}", err=True)
    if problems:
        click.echo("The index does not match the database. Run 'flask --app dhr search rebuild'.", err=True)
        sys.exit(1)
    click.echo("The index matches the database.")


@click.command("housekeeping")
def housekeeping() -> None:
    """Remove import previews not confirmed within an hour, and uploads left half-written."""
    from .data import previews

    removed, unfinished = previews.remove_expired(), previews.remove_unfinished_uploads()
    click.echo(f"Removed {counted(removed, 'expired import preview')} and "
               f"{counted(unfinished, 'half-written upload')}.")


@notifications_cli.command("digest")
def send_notification_digests() -> None:
    """Queue for each person who chose the daily digest one email listing what waits for them
    (a worker does this itself each morning)."""
    from . import mail, notify

    with tracking.acting_as("cli: notifications digest"):
        sent = notify.send_digests()
    click.echo(f"Queued {counted(sent, 'digest email')}: a worker (flask --app dhr worker) "
               f"sends them {mail.how_sent()}.")


@click.command("worker")
@click.option("--threads", default=2, show_default=True, help="Jobs this worker runs at once.")
def worker(threads: int) -> None:
    """Work the background queue (PDFs and other long work) until stopped with Ctrl-C or SIGTERM."""
    from flask import current_app

    from .background import start_worker

    start_worker(current_app._get_current_object(), threads).run()


@open_data_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              help="json: the open data document; csv: one CSV per table, in a zip.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="The file to write (default: open-data-<date>.json or .zip).")
def export_open_data(fmt: str, output: str | None) -> None:
    """Write the partnership's published learning as open data (nothing unpublished or restricted)."""
    from .data import audit, open_data
    from .reports import open_data as open_data_files

    with tracking.acting_as("cli: open-data export"):
        content = open_data_files.content_of(fmt)
        output = output or open_data_files.file_name(fmt)
        with open(output, "wb") as written:
            written.write(content)
        audit.record("export", "report", None, document=f"open_data_{fmt}", reviews=open_data.public_review_count())
        commit()
    click.echo(f"Wrote {output}")


@open_data_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_open_data(path: str) -> None:
    """Import another partnership's open data as external learning (replacing its last import).
    Theme names we do not use, and have not mapped on the import page before, are left unmapped."""
    from .data import open_data_import

    with open(path, "rb") as source:
        read = open_data_import.read(source.read())
    if read.problems:
        raise click.ClickException("Nothing was saved:\n" + "\n".join(read.problems))
    unmapped = open_data_import.unknown_themes(read.doc)
    with tracking.acting_as("cli: open-data import"):
        saved = open_data_import.save(read.doc, path.rsplit("/", 1)[-1], None)
        commit()
    click.echo(f"Imported {counted(len(saved.reviews), 'review')} from {saved.partnership}")
    if unmapped:
        click.echo("Left unmapped (map them by importing on the External learning page): " + ", ".join(unmapped))


def register_commands(app: Flask) -> None:
    from . import backup

    backup.register(app)
    app.cli.add_command(users_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(themes_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(open_data_cli)
    app.cli.add_command(load_demo)
    app.cli.add_command(set_up_partnership)
    app.cli.add_command(show_sign_ins)
    app.cli.add_command(housekeeping)
    app.cli.add_command(worker)
