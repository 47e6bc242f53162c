"""Agency users' pages: the recommendations their agency leads or supports, and (in
action_routes) the actions it leads. Who may see or post is the access policy's (dhr.data.policy)."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from dhr import listing
from dhr.access import refuse, roles
from dhr.data import history, plan_rows, policy, progress, recommendations
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


@bp.route("/our-recommendations/export.<any(csv, xlsx):fmt>")
@roles(*policy.AGENCIES)
def export(fmt: str):
    if not current_user.agency_id:
        abort(404)
    rows = plan_rows.agency_list(current_user.agency_id)
    return action_plan_spreadsheet([r.rec for r in rows], "our-recommendations", fmt, progress.today())


@bp.route("/our-recommendations/<int:rec_id>")
@roles(*policy.AGENCIES)
def recommendation(rec_id: int):
    rec = recommendations.get(rec_id) or abort(404)
    if not policy.may_see_progress(current_user, rec):
        refuse(f"recommendation {rec.id} is not led or supported by the user's agency")
    return render_template(
        "agency/recommendation.html",
        rec=rec,
        row=plan_rows.row_for(rec, user=current_user),
        involvement=policy.involvement(current_user, rec),
        show_restricted=policy.may_see_notes(current_user, rec.review),
        history=history.of_recommendation(rec),
    )


from . import action_routes  # noqa: E402,F401  (an action's own pages join bp)
