"""The partnership's view of one action: its plan, updates and history; the coordinator
agrees its plan and decides requests to move its target date."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr import listing
from dhr.access import roles
from dhr.data import action_rows, actions, agreement, history, policy
from dhr.pipeline import saving

from .forms import AgreeForm, DecideDateForm
from .routes import bp


@bp.route("/actions", endpoint="actions")
@roles(*policy.TRACKING)
def actions_list():
    """Every action, a page at a time; `need` narrows them to what a home page count counts."""
    state = listing.from_request(action_rows.SORTING.keys())
    found = listing.action_page(action_rows.visible_to(current_user), state)
    return render_template("tracker/actions.html", actions=found, listing=state, need=listing.action_need(state),
                           needs=action_rows.NEEDS)


@bp.route("/actions/<int:action_id>")
@roles(*policy.TRACKING)
def action(action_id: int):
    found = actions.get(action_id) or abort(404)
    return render_template(
        "tracker/action.html", action=found, rec=found.recommendation, agree_form=AgreeForm(),
        may_agree=policy.may_agree_action(current_user) and not found.is_agreed,
        may_assess=policy.may_assess(current_user),
        may_decide=policy.may_decide_date_change(current_user),
        may_edit=policy.may_change_action(current_user, found),
        history=history.of_action(found),
    )


@bp.route("/actions/<int:action_id>/agree", methods=["POST"])
@roles(*policy.COORDINATOR)
def agree(action_id: int):
    found = actions.get(action_id) or abort(404)
    form = AgreeForm()
    if form.validate_on_submit():
        try:
            agreement.agree(found, current_user)
        except agreement.AgreementError as error:
            flash(str(error), "error")
            return redirect(url_for("tracker.action", action_id=found.id))
        flash(f"Action {found.number} is agreed. Its target date now changes only with your acceptance.",
              "success")
    return redirect(url_for("tracker.action", action_id=found.id))


@bp.route("/date-changes/<int:change_id>", methods=["GET", "POST"])
@roles(*policy.COORDINATOR)
def decide_date(change_id: int):
    change = agreement.get_change(change_id) or abort(404)
    if change.decision != "pending":
        flash("This request has already been decided.", "info")
        return redirect(url_for("tracker.action", action_id=change.action_id))
    form = DecideDateForm()
    if form.validate_on_submit():
        with saving(form):
            agreement.decide(change, current_user, form.decision.data, form.message.data or "")
            flash("Decision saved. The agency can see it on the action.", "success")
            return redirect(url_for("tracker.action", action_id=change.action_id))
    return render_template("tracker/decide_date.html", change=change, action=change.action, form=form)
