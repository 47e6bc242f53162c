"""The coordinator's lists that act on several items at once: the updates awaiting assessment
(accept the chosen ones together) and reminders to the agencies of chosen overdue
recommendations. One POST each, with its CSRF token; every item is checked as if alone."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_login import current_user
from flask_wtf import FlaskForm

from dhr import listing, mail
from dhr.access import refuse, roles
from dhr.data import agency_overview, audit, bulk, policy, progress, reminders
from dhr.numbers import parse_whole
from dhr.wording import counted

from .routes import bp


def _chosen(name: str) -> list[int]:
    values = request.form.getlist(name)[:bulk.MAX_CHOSEN]
    return [n for n in (parse_whole(v) for v in values) if n is not None]


@bp.route("/updates")
@roles(*policy.TRACKING)
def awaiting():
    state = listing.from_request(())
    return render_template("tracker/awaiting.html", updates=agency_overview.awaiting_page(
        number=state.number, size=state.size), listing=state, may_assess=policy.may_assess(current_user),
        form=FlaskForm())


@bp.route("/updates/accept", methods=["POST"])
@roles(*policy.COORDINATOR)
def accept_chosen():
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        result = bulk.accept_updates(current_user, _chosen("update"))
    except progress.NotAllowed as refusal:
        refuse(str(refusal))
    except progress.ProgressError as problem:
        flash(str(problem), "info")
        return redirect(listing.back_to("tracker.awaiting"))
    if result.accepted:
        flash(f"{counted(len(result.accepted), 'update')} accepted. "
              "Each agency can see it on its recommendation.", "success")
    for update, reason in result.left:
        flash(f"{update.recommendation.review.reference} recommendation {update.recommendation.number} was not "
              f"accepted: {reason}. Assess it on its own page.", "info")
    return redirect(listing.back_to("tracker.awaiting"))


@bp.route("/remind", methods=["POST"])
@roles(*policy.COORDINATOR)
def remind_chosen():
    if not FlaskForm().validate_on_submit():
        abort(400)
    day = progress.today()
    try:
        found = bulk.overdue_digests(current_user, _chosen("recommendation"), day)
    except progress.NotAllowed as refusal:
        refuse(str(refusal))
    except progress.ProgressError as problem:
        flash(str(problem), "info")
        return redirect(listing.back_to("tracker.overview"))
    for digest in found:
        mail.send_email(reminders.compose(digest, day),
                        f"{day:%Y-%m-%d}-chosen-{mail.slug(digest.agency.name, 'agency')}.eml")
        audit.record("reminder_sent", "agency", digest.agency.id, recommendations=[r.id for r in digest.overdue],
                     recipients=len(digest.recipients))
    unreached = [d.agency.name for d in found if not d.recipients]
    flash(f"Reminder sent to {counted(len(found), 'agency', 'agencies')}: "
          f"{', '.join(d.agency.name for d in found)}."
          + (f" {', '.join(unreached)} {'has' if len(unreached) == 1 else 'have'} no active users: "
             "its reminder is kept unsent." if unreached else ""), "success")
    return redirect(listing.back_to("tracker.overview"))
