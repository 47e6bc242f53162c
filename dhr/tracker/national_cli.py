"""`flask --app dhr national-chase`: chase the national bodies that have not answered a
recommendation within the response window; `flask --app dhr national-setup`: the Commissioner's
office address and the response window; `flask --app dhr national-contact`: a body's named contact."""
from __future__ import annotations

import datetime as dt

import click

from dhr import mail
from dhr.data import DataError, agencies, commit, national, progress, tracking
from dhr.wording import counted


def _chase(day: dt.date) -> int:
    found = national.to_chase(day)
    for referral in found:
        rec = referral.recommendation
        mail.send_email(national.chase(referral, day), f"{day:%Y-%m-%d}-national-chase-{rec.id}.eml")
        click.echo(f"{referral.agency.name}: {rec.review.reference} recommendation {rec.number}, due "
                   f"{referral.respond_by.isoformat()} -> {referral.sent_to}, copied to {referral.commissioner_email}")
    return len(found)


def _register(bp) -> None:
    @bp.cli.command("national-chase")
    @click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help="Pretend today is this date (YYYY-MM-DD).")
    def chase(on: dt.datetime | None) -> None:
        """Chase each national body with no response past the response window (again every
        CHASE_EVERY_DAYS days while none comes); each chase is recorded on the recommendation."""
        day = on.date() if on else progress.today()
        with tracking.acting_as("cli: national chase"):
            chased = _chase(day)
            commit()
        if not chased:
            click.echo("No national body is due a chase.")
            return
        click.echo(f"Queued {counted(chased, 'chase email')}: a worker (flask --app dhr worker) sends them "
                   f"{mail.how_sent()}.")

    @bp.cli.command("national-setup")
    @click.option("--commissioner-email", default=None, help="The Domestic Abuse Commissioner's office address.")
    @click.option("--days", type=int, default=None, help="Days a national body has to respond (56 unless set).")
    def setup(commissioner_email: str | None, days: int | None) -> None:
        """Set, or show, where national recommendations are copied and how long bodies have to respond."""
        with tracking.acting_as("cli: national setup"):
            try:
                national.set_up(commissioner_email, days)
            except DataError as error:
                raise click.ClickException(str(error)) from error
            commit()
        click.echo(f"Commissioner's office: {national.commissioner_email() or 'not set'}; "
                   f"response window: {counted(national.response_days(), 'day')}.")

    @bp.cli.command("national-contact")
    @click.argument("agency_name")
    @click.argument("email")
    def contact(agency_name: str, email: str) -> None:
        """Set a national body's named contact email address."""
        with tracking.acting_as("cli: national contact"):
            try:
                body = national.set_contact(agencies.by_name(agency_name), email)
            except DataError as error:
                raise click.ClickException(str(error)) from error
            commit()
        click.echo(f"{body.name}: recommendations are sent to {body.contact_email}.")
