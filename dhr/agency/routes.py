"""Agency users' pages: the recommendations their agency leads or supports, and progress updates."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import commit, progress, uploads
from dhr.data.vocab import AGENCY_PROPOSABLE_STATUSES, STATUS_LABELS, Role
from dhr.extensions import db
from dhr.tracker.routes import export_response

from .forms import UpdateForm

bp = Blueprint("agency", __name__)


def _filters() -> dict:
    status = request.args.get("status", "")
    review = request.args.get("review", "")
    return {
        "status": status if status in STATUS_LABELS else "",
        "review_id": int(review) if review.isdigit() else None,
        "overdue_only": request.args.get("overdue") == "yes",
        "sort": "target-desc" if request.args.get("sort") == "target-desc" else "target",
    }


@bp.route("/our-recommendations")
@roles(Role.AGENCY)
def our_recommendations():
    filters = _filters()
    rows = progress.agency_list(current_user.agency_id, **filters) if current_user.agency_id else []
    return render_template(
        "agency/our_recommendations.html",
        rows=rows,
        filters=filters,
        statuses=STATUS_LABELS,
        review_choices=progress.reviews_for_agency(current_user.agency_id) if current_user.agency_id else [],
    )


@bp.route("/our-recommendations/export.<any(csv, xlsx):fmt>")
@roles(Role.AGENCY)
def export(fmt: str):
    if not current_user.agency_id:
        abort(404)
    return export_response(progress.agency_list(current_user.agency_id), "our-recommendations", fmt)


@bp.route("/our-recommendations/<int:rec_id>", methods=["GET", "POST"])
@roles(Role.AGENCY)
def recommendation(rec_id: int):
    rec = progress.get(rec_id)
    if rec is None:
        abort(404)
    if not progress.may_view(current_user, rec):
        refuse(f"recommendation {rec.id} is not led or supported by the user's agency")
    involvement = progress.agency_role(current_user, rec)
    form = UpdateForm()
    if request.method == "POST":
        if involvement != "lead":
            refuse(f"only the lead agency may update recommendation {rec.id}")
        proposed = request.form.get("proposed_status", "")
        if proposed and proposed not in AGENCY_PROPOSABLE_STATUSES:
            refuse(f"an agency may not set recommendation {rec.id} to {proposed}")
        if form.validate_on_submit():
            files = [
                progress.EvidenceFile(f.filename or "", f.read())
                for f in (form.evidence.data or [])
                if f and getattr(f, "filename", "")
            ]
            try:
                progress.post_update(rec, current_user, form.narrative.data, form.proposed_status.data, files)
            except uploads.UploadRefused as problem:
                db.session.rollback()
                form.evidence.errors = [*form.evidence.errors, str(problem)]
            except progress.ProgressError as problem:
                db.session.rollback()
                form.narrative.errors = [*form.narrative.errors, str(problem)]
            else:
                commit()
                flash("Your update has been sent to the partnership for assessment.", "success")
                return redirect(url_for("agency.recommendation", rec_id=rec.id))
    return render_template(
        "agency/recommendation.html",
        rec=rec,
        row=progress._row(rec, progress.today(), current_user.agency_id),
        involvement=involvement,
        form=form if involvement == "lead" else None,
        show_restricted=progress.may_see_restricted(current_user, rec.review),
        history=progress.history(rec),
    )
