"""The scoping review of a review at that stage: its early learning and immediate actions,
recorded by its chair or the coordinator."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import roles
from dhr.data import agencies, policy, scoping
from dhr.pipeline import saving

from . import forms
from .shared import agency_choices, bp, changeable_or_403, show_url


def _scoping_url(review) -> str:
    return show_url(review, "scoping")


@bp.route("/<int:review_id>/scoping/learning", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def early_learning(review_id: int):
    review = changeable_or_403(review_id)
    form = forms.EarlyLearningForm()
    if form.validate_on_submit():
        with saving(form):
            finding = scoping.add_early_learning(review, form.text.data)
            flash(f"Early learning recorded as finding {finding.position}", "success")
            return redirect(_scoping_url(review))
    return render_template("reviews/early_learning.html", form=form, review=review)


@bp.route("/<int:review_id>/scoping/actions/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def immediate_action(review_id: int):
    review = changeable_or_403(review_id)
    form = forms.ImmediateActionForm()
    form.lead_agency_id.choices = agency_choices("Choose an agency")
    if form.validate_on_submit():
        with saving(form):
            lead = agencies.get(form.lead_agency_id.data) if form.lead_agency_id.data else None
            action = scoping.add_immediate_action(review, form.text.data, lead, form.target_date.data, current_user)
            flash(f"Immediate action {action.number} recorded: {lead.name} can now update it", "success")
            return redirect(_scoping_url(review))
    return render_template("reviews/immediate_action.html", form=form, review=review,
                           back=url_for("reviews.show", review_id=review.id))
