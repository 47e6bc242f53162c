"""Agencies' contributions to a review, managed by its chair or the coordinator: ask an agency for
a scoping return, chronology or IMR by a due date, see what is outstanding and overdue, send a
chase (an email to the agency's users), and record it received; and the coordinator's list of
every overdue contribution. Who may do each is the policy's (dhr.data.policy.contributions)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr import downloads, mail
from dhr.access import refuse, roles
from dhr.data import agencies, contributions, progress
from dhr.data import policy as _policy
from dhr.data.policy import contributions as policy
from dhr.pipeline import saving
from dhr.wording import counted

from . import contribution_forms as forms
from .shared import agency_choices, bp, changeable_or_403


def _managed_or_403(review_id: int):
    review = changeable_or_403(review_id)
    if not policy.may_manage_contributions(current_user, review):
        refuse(f"{current_user.role} {current_user.id} may not manage the contributions to review {review.id}")
    return review


def _contribution_or_404(review, contribution_id: int):
    return contributions.of_review(review, contribution_id) or abort(404)


def _list_url(review) -> str:
    return url_for("reviews.contributions", review_id=review.id)


@bp.route("/<int:review_id>/contributions", endpoint="contributions")
@roles(*_policy.EDITORS)
def contributions_page(review_id: int):
    review = _managed_or_403(review_id)
    return render_template("reviews/contributions.html", review=review, today=progress.today(),
                           standing=contributions.standing, labels=contributions.STANDING_LABELS,
                           kind_label=contributions.kind_label, kind_words=contributions.kind_words)


@bp.route("/<int:review_id>/contributions/new", methods=["GET", "POST"])
@roles(*_policy.EDITORS)
def ask_contribution(review_id: int):
    review = _managed_or_403(review_id)
    form = forms.AskForm()
    form.agency_id.choices = agency_choices("Choose an agency")
    if form.validate_on_submit():
        with saving(form):
            asked = contributions.Asked(agency=agencies.get(form.agency_id.data), kind=form.kind.data,
                                        due_on=form.due_on.data, note=form.note.data or "")
            contribution = contributions.ask(review, asked)
            flash(f"Asked {contribution.agency.name} for the {contributions.kind_words(contribution)}",
                  "success")
            return redirect(_list_url(review))
    return render_template("reviews/contribution_ask.html", review=review, form=form)


@bp.route("/<int:review_id>/contributions/<int:contribution_id>/chase", methods=["GET", "POST"])
@roles(*_policy.EDITORS)
def chase_contribution(review_id: int, contribution_id: int):
    review = _managed_or_403(review_id)
    contribution = _contribution_or_404(review, contribution_id)
    form = forms.ChaseForm()
    if form.validate_on_submit():
        with saving(form, place=lambda error: setattr(form.submit, "errors", [*form.submit.errors, str(error)])):
            messages = contributions.chase(contribution)
            for message in messages:
                mail.send_email(message)
            flash(f"Chase sent: {counted(len(messages), 'email')} to {contribution.agency.name}", "success")
            return redirect(_list_url(review))
    return render_template("reviews/contribution_chase.html", review=review, contribution=contribution, form=form,
                           people=contributions.recipients(contribution), kind_words=contributions.kind_words)


@bp.route("/<int:review_id>/contributions/<int:contribution_id>/received", methods=["GET", "POST"])
@roles(*_policy.EDITORS)
def contribution_received(review_id: int, contribution_id: int):
    review = _managed_or_403(review_id)
    contribution = _contribution_or_404(review, contribution_id)
    form = forms.ReceivedForm()
    if form.validate_on_submit():
        with saving(form):
            contributions.record_received(contribution, form.received_on.data)
            flash(f"Recorded the {contributions.kind_words(contribution)} from "
                  f"{contribution.agency.name} as received", "success")
            return redirect(_list_url(review))
    return render_template("reviews/contribution_received.html", review=review, contribution=contribution,
                           form=form, kind_words=contributions.kind_words)


@bp.route("/<int:review_id>/contributions/<int:contribution_id>/file")
@roles(*_policy.EDITORS)
def contribution_file(review_id: int, contribution_id: int):
    review = _managed_or_403(review_id)
    contribution = _contribution_or_404(review, contribution_id)
    if contribution.document is None:
        abort(404)
    return downloads.stored_file(contribution.document)


@bp.route("/contributions/overdue")
@roles(*policy.OVERDUE_READERS)
def overdue_contributions():
    if not policy.may_see_overdue_contributions(current_user):
        refuse(f"{current_user.role} {current_user.id} may not see every overdue contribution")
    return render_template("reviews/contributions_overdue.html", found=contributions.overdue(),
                           kind_label=contributions.kind_label, kind_words=contributions.kind_words)
