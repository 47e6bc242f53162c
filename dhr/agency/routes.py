"""Agency users' pages: the recommendations their agency leads or supports, and (in
action_routes) the actions it leads. Who may see or post is the access policy's (dhr.data.policy)."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import history, plan_rows, policy, progress, recommendations
from dhr.data.vocab import STATUS_LABELS
from dhr.downloads import action_plan_spreadsheet
from dhr.numbers import parse_whole

bp = Blueprint("agency", __name__)


def _filters() -> dict:
    status = request.args.get("status", "")
    return {
        "status": status if status in STATUS_LABELS else "",
        "review_id": parse_whole(request.args.get("review")),
        "overdue_only": request.args.get("overdue") == "yes",
        "sort": "target-desc" if request.args.get("sort") == "target-desc" else "target",
    }


@bp.route("/our-recommendations")
@roles(*policy.AGENCIES)
def our_recommendations():
    filters = _filters()
    agency_id = current_user.agency_id
    return render_template(
        "agency/our_recommendations.html",
        rows=plan_rows.agency_list(agency_id, **filters) if agency_id else [],
        filters=filters,
        statuses=STATUS_LABELS,
        review_choices=plan_rows.reviews_for_agency(agency_id) if agency_id else [],
    )


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
