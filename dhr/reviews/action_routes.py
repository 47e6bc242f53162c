"""The actions under a review's recommendations, added and changed by its chair or the
coordinator. Every save is checked against the version the editor read: a stale form gets
both versions side by side, and nothing typed is lost."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr.access import roles
from dhr.data import actions, agencies, history, policy, recommendations
from dhr.data.vocab import Status
from dhr.numbers import parse_whole
from dhr.pipeline import saving

from . import forms
from .shared import agency_choices, bp, changeable_or_403, show_url


def _action_or_404(review, action_id: int):
    action = actions.get(action_id)
    if action is None or action.recommendation.review_id != review.id:
        abort(404)
    return action


def _action_form(action=None, data=None) -> forms.ActionForm:
    if data is not None:
        form = forms.ActionForm(formdata=None, data=data)
    else:
        form = forms.ActionForm(obj=action)
    form.lead_agency_id.choices = agency_choices("Not yet agreed")
    if action is not None and request.method == "GET":
        form.version.data = str(action.version)
    return form


def _details(form, action=None) -> actions.ActionDetails:
    return actions.ActionDetails(
        text=form.text.data or "", lead_agency=agencies.get(form.lead_agency_id.data) if form.lead_agency_id.data
        else None, milestones=form.milestones.data or "", target_date=form.target_date.data,
        status=form.status.data or (action.status if action is not None else Status.NOT_STARTED),
        completed_on=form.completed_on.data, outcome=form.outcome.data or "",
    )


@bp.route("/<int:review_id>/recommendations/<int:rec_id>/actions/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def new_action(review_id: int, rec_id: int):
    review = changeable_or_403(review_id)
    rec = recommendations.get_for_review(review, rec_id) or abort(404)
    form = _action_form()
    if request.method == "GET":
        form.lead_agency_id.data = rec.lead_agency_id
    if form.validate_on_submit():
        with saving(form):
            action = actions.add(rec, _details(form), current_user)
            flash(f"Action {action.number} added", "success")
            return redirect(show_url(review, "recommendations"))
    return render_template("reviews/action.html", form=form, review=review, rec=rec, action=None)


@bp.route("/<int:review_id>/actions/<int:action_id>/edit", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def edit_action(review_id: int, action_id: int):
    review = changeable_or_403(review_id)
    action = _action_or_404(review, action_id)
    form = _action_form(action)
    if form.validate_on_submit():
        version = parse_whole(form.version.data)
        try:
            with saving(form):
                actions.change(action, _details(form, action), -1 if version is None else version, current_user)
                flash(f"Action {action.number} saved", "success")
                return redirect(show_url(review, "recommendations"))
        except actions.ActionConflict as conflict:
            return _conflict(review, conflict.action, form)
    return render_template("reviews/action.html", form=form, review=review, rec=action.recommendation,
                           action=action)


def _conflict(review, current, form):
    typed = {field.name: field.data for field in form if field.name not in ("csrf_token", "submit")}
    fresh = _action_form(current, data=typed)
    fresh.version.data = str(current.version)
    return render_template("reviews/action_conflict.html", review=review, action=current, yours=typed,
                           form=fresh, history=history.of_action(current)[:10]), 409


@bp.route("/<int:review_id>/actions/<int:action_id>/remove", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def remove_action(review_id: int, action_id: int):
    review = changeable_or_403(review_id)
    action = _action_or_404(review, action_id)
    form = forms.ConfirmForm()
    problem = None
    if form.validate_on_submit():
        number = action.number
        try:
            actions.remove(action)
        except actions.ActionError as error:
            problem = str(error)
        else:
            flash(f"Action {number} removed", "success")
            return redirect(show_url(review, "recommendations"))
    return render_template("reviews/confirm_delete.html", form=form, review=review,
                           what=f"action {action.number}", text=action.text, problem=problem,
                           cancel=url_for("reviews.edit_action", review_id=review.id, action_id=action.id))
