"""An action the user's agency leads: its progress updates, its plan until agreed, and a
request to move its agreed target date. Who may do each is the access policy's."""
from __future__ import annotations

import secrets

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import actions, agreement, history, policy, progress
from dhr.data.vocab import AGENCY_PROPOSABLE_STATUSES
from dhr.pipeline import saving

from .forms import ActionPlanForm, MoveDateForm, UpdateForm
from .routes import bp


def _led_action_or_refuse(action_id: int):
    action = actions.get(action_id) or abort(404)
    if not policy.may_see_progress(current_user, action.recommendation):
        refuse(f"action {action.id} is not led or supported by the user's agency")
    return action


def _evidence_files(form) -> list[progress.EvidenceFile]:
    return [progress.EvidenceFile(f.filename or "", f.read())
            for f in (form.evidence.data or []) if f and getattr(f, "filename", "")]


def _post(action, form):
    if not policy.may_post_update(current_user, action):
        refuse(f"only the lead agency may update action {action.id}")
    proposed = request.form.get("proposed_status", "")
    if proposed and proposed not in AGENCY_PROPOSABLE_STATUSES:
        refuse(f"an agency may not set action {action.id} to {proposed}")
    if not form.validate_on_submit():
        return None
    with saving(form):
        progress.post_update(action, current_user, form.narrative.data, form.proposed_status.data,
                             _evidence_files(form), submission_key=form.submission_key.data or None)
        flash("Your update has been sent to the partnership for assessment.", "success")
        return redirect(url_for("agency.action", action_id=action.id))
    return None


@bp.route("/our-recommendations/actions/<int:action_id>", methods=["GET", "POST"])
@roles(*policy.AGENCIES)
def action(action_id: int):
    found = _led_action_or_refuse(action_id)
    form = UpdateForm()
    if request.method == "POST":
        done = _post(found, form)
        if done is not None:
            return done
    if not form.submission_key.data:
        form.submission_key.data = secrets.token_urlsafe(24)
    return render_template(
        "agency/action.html", action=found, rec=found.recommendation,
        form=form if policy.may_post_update(current_user, found) else None,
        may_propose=policy.may_propose_action(current_user, found),
        may_move=policy.may_ask_date_change(current_user, found),
        history=history.of_action(found),
    )


@bp.route("/our-recommendations/actions/<int:action_id>/plan", methods=["GET", "POST"])
@roles(*policy.AGENCIES)
def plan_action(action_id: int):
    found = _led_action_or_refuse(action_id)
    if not policy.leads_action(current_user, found):
        refuse(f"action {found.id} is led by another agency")
    if not policy.may_propose_action(current_user, found):
        flash("This action is agreed, so its plan is settled: you can ask to move its target date.", "info")
        return redirect(url_for("agency.action", action_id=found.id))
    form = ActionPlanForm(obj=found)
    if form.validate_on_submit():
        with saving(form):
            agreement.propose(found, current_user, form.text.data, form.milestones.data, form.target_date.data,
                              progress.today())
            flash("Your plan for this action is saved. The partnership coordinator agrees it.", "success")
            return redirect(url_for("agency.action", action_id=found.id))
    return render_template("agency/plan_action.html", action=found, rec=found.recommendation, form=form)


@bp.route("/our-recommendations/actions/<int:action_id>/target-date", methods=["GET", "POST"])
@roles(*policy.AGENCIES)
def move_date(action_id: int):
    found = _led_action_or_refuse(action_id)
    if not policy.leads_action(current_user, found):
        refuse(f"action {found.id} is led by another agency")
    if not policy.may_ask_date_change(current_user, found):
        flash("This action's target date is not agreed yet (write it in the action's plan), "
              "or the action is closed.", "info")
        return redirect(url_for("agency.action", action_id=found.id))
    form = MoveDateForm()
    if form.validate_on_submit():
        with saving(form):
            agreement.ask_to_move(found, current_user, form.to_date.data, form.reason.data, progress.today())
            flash("Your request is sent. The target date changes when the partnership coordinator accepts it.",
                  "success")
            return redirect(url_for("agency.action", action_id=found.id))
    return render_template("agency/move_date.html", action=found, rec=found.recommendation, form=form)
