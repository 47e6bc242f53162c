"""`flask --app dhr reminders`: the per-agency digest of overdue and due-soon recommendations."""
from __future__ import annotations

import datetime as dt

import click

from dhr import mail
from dhr.data import audit, commit, reminders, tracking
from dhr.wording import counted


def _queue_digests(day: dt.date) -> int:
    """Hand each agency's digest to the queue, saying where it goes; how many were queued."""
    found = reminders.digests(day)
    for digest in found:
        mail.send_email(reminders.compose(digest, day), f"{day:%Y-%m-%d}-{mail.slug(digest.agency.name, 'agency')}.eml")
        click.echo(f"{digest.agency.name}: {len(digest.overdue)} overdue, {len(digest.due_soon)} due soon -> "
                   f"{', '.join(digest.recipients) or 'nobody (the agency has no active users)'}")
    return len(found)


def _register(bp) -> None:
    @bp.cli.command("reminders")
    @click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help="Pretend today is this date (YYYY-MM-DD).")
    def send_reminders(on: dt.datetime | None) -> None:
        """Queue each agency's digest of overdue and due-soon recommendations; a worker sends them
        (SMTP if DHR_SMTP_HOST is set, otherwise .eml files in instance/outbox/)."""
        day = on.date() if on else reminders.progress.today()
        with tracking.acting_as("cli: reminders"):
            queued = _queue_digests(day)
            audit.record("reminders_sent", "agency", None, agencies=queued, date=day.isoformat())
            commit()
        if not queued:
            click.echo("No agency has overdue or due-soon recommendations.")
            return
        click.echo(f"Queued {counted(queued, 'reminder email')}: a worker (flask --app dhr worker) "
                   f"sends them {mail.how_sent()}.")
