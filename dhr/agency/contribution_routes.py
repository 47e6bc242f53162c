"""An agency's contributions to reviews: what it owes (scoping returns, chronologies, IMRs, the
soonest due first) and what it has sent, and the page where it uploads each one. An agency sees
only its own (dhr.data.policy.contributions)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import hide, roles
from dhr.data import contributions, policy, progress
from dhr.data.errors import DataError
from dhr.data.policy import contributions as contribution_policy
from dhr.downloads import stored_file
from dhr.pipeline import saving

from .forms import ContributionUploadForm
from .routes import bp


def _own_or_404(contribution_id: int):
    contribution = contributions.get(contribution_id) or abort(404)
    if not contribution_policy.may_see_contribution(current_user, contribution):
        hide("contribution", contribution.id, "the contribution is asked of another agency")
    return contribution


@bp.route("/our-contributions")
@roles(*policy.AGENCIES)
def our_contributions():
    agency_id = current_user.agency_id
    return render_template("agency/our_contributions.html",
                           owed=contributions.owed_by(agency_id) if agency_id else [],
                           received=contributions.received_from(agency_id) if agency_id else [],
                           today=progress.today(), is_overdue=contributions.is_overdue,
                           kind_label=contributions.kind_label)


@bp.route("/our-contributions/<int:contribution_id>", methods=["GET", "POST"])
@roles(*policy.AGENCIES)
def contribution(contribution_id: int):
    contribution = _own_or_404(contribution_id)
    if not contribution_policy.may_upload_contribution(current_user, contribution):
        hide("contribution", contribution.id, "only the agency asked uploads its contribution")
    form = ContributionUploadForm()
    if form.validate_on_submit():
        file = form.file.data
        with saving(form):
            try:
                contributions.upload(contribution, file.filename, file.read(), current_user)
            except DataError as error:
                error.field = error.field or "file"
                raise
            flash(f"Uploaded your {contributions.kind_words(contribution)} for "
                  f"{contribution.review.reference}: the review's chair has it", "success")
            return redirect(url_for("agency.our_contributions"))
    return render_template("agency/contribution.html", contribution=contribution, form=form,
                           overdue=contributions.is_overdue(contribution), kind_label=contributions.kind_label)


@bp.route("/our-contributions/<int:contribution_id>/file")
@roles(*policy.AGENCIES)
def contribution_file(contribution_id: int):
    contribution = _own_or_404(contribution_id)
    if contribution.document is None:
        abort(404)
    return stored_file(contribution.document)
