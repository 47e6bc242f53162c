"""Agency users' pages: the recommendations their agency leads or supports, and (in
action_routes) the actions it leads. Who may see or post is the access policy's (dhr.data.policy)."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from dhr import listing
from dhr.access import refuse, roles
from dhr.data import action_rows, history, national, plan_rows, policy, progress, recommendations
from dhr.data.policy import national as national_policy
from dhr.data.vocab import STATUS_LABELS
from dhr.downloads import action_plan_spreadsheet

bp = Blueprint("agency", __name__)


@bp.route("/our-recommendations")
@roles(*policy.AGENCIES)
def our_recommendations():
    state = listing.from_request(plan_rows.SORTING.keys())
    filters = listing.plan_filters(state, by_agency=False)
    agency_id = current_user.agency_id
    rows = listing.plan_page(plan_rows.agency_page, state, filters, agency_id) if agency_id else None
    return render_template("agency/our_recommendations.html", rows=rows, listing=state, filters=filters,
                           statuses=STATUS_LABELS, due_filters=plan_rows.DUE_FILTERS)


@bp.route("/our-recommendations/actions")
@roles(*policy.AGENCIES)
def our_actions():
    """The actions the agency leads, a page at a time; `need` narrows them to what a home page count counts."""
    state = listing.from_request(action_rows.SORTING.keys())
    agency_id = current_user.agency_id
    found = listing.action_page(action_rows.led_by(agency_id), state) if agency_id else None
    return render_template("agency/our_actions.html", actions=found, listing=state, need=listing.action_need(state),
                           needs=action_rows.NEEDS)


@bp.route("/our-recommendations/export.<any(csv, xlsx):fmt>")
@roles(*policy.AGENCIES)
def export(fmt: str):
    if not current_user.agency_id:
        abort(404)
    rows = plan_rows.agency_list(current_user.agency_id)
    return action_plan_spreadsheet([r.rec for r in rows], "our-recommendations", fmt, progress.today())


def _only_led_action(rec):
    """The one action of `rec` the user's agency leads, when it leads exactly one."""
    led = [a for a in rec.actions if policy.may_post_update(current_user, a)]
    return led[0] if len(led) == 1 else None


@bp.route("/our-recommendations/<int:rec_id>", methods=["GET", "POST"])
@roles(*policy.AGENCIES)
def recommendation(rec_id: int):
    """A recommendation as the agency sees it; where the agency leads exactly one of its actions
    (the usual case) the page carries that action's update form."""
    rec = recommendations.get(rec_id) or abort(404)
    if not policy.may_see_progress(current_user, rec):
        refuse(f"recommendation {rec.id} is not led or supported by the user's agency")
    led = _only_led_action(rec)
    if request.method == "POST":
        if led is None:
            refuse(f"the user's agency leads no single action of recommendation {rec.id} to update")
        from .action_routes import update_page

        return update_page(led, back_to_recommendation=True)
    return render_template(
        "agency/recommendation.html",
        rec=rec,
        row=plan_rows.row_for(rec, user=current_user),
        involvement=policy.involvement(current_user, rec),
        show_restricted=policy.may_see_notes(current_user, rec.review),
        show_review=policy.may_see_review(current_user, rec.review),
        history=history.of_recommendation(rec),
        form=_fresh_update_form() if led is not None else None,
        led=led,
        national_standing=national.standing(rec) if rec.referral is not None else None,
        may_respond=national_policy.may_respond(current_user, rec),
    )


def _fresh_update_form():
    from .action_routes import fresh_update_form

    return fresh_update_form()


from . import action_routes, contribution_routes, national_routes  # noqa: E402,F401  (an action's own pages, a
# contribution's upload, a national answer)
