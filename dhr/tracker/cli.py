"""`flask --app dhr reminders`: the per-agency digest of overdue and due-soon recommendations."""
from __future__ import annotations

import datetime as dt

import click

from dhr.data import audit, commit, reminders, tracking


def _register(bp) -> None:
    @bp.cli.command("reminders")
    @click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help="Pretend today is this date (YYYY-MM-DD).")
    def send_reminders(on: dt.datetime | None) -> None:
        """Send each agency its digest of overdue and due-soon recommendations (SMTP if
        DHR_SMTP_HOST is set, otherwise .eml files in instance/outbox/)."""
        day = on.date() if on else None
        with tracking.acting_as("cli: reminders"):
            deliveries = reminders.send_all(day)
            for delivery in deliveries:
                digest = delivery.digest
                where = (str(delivery.written_to) if delivery.written_to
                         else ", ".join(delivery.sent_to) or "nobody (the agency has no active users)")
                click.echo(f"{digest.agency.name}: {len(digest.overdue)} overdue, "
                           f"{len(digest.due_soon)} due soon -> {where}")
            audit.record("reminders_sent", "agency", None, agencies=len(deliveries),
                         date=(day or reminders.progress.today()).isoformat())
            commit()
        if not deliveries:
            click.echo("No agency has overdue or due-soon recommendations.")
