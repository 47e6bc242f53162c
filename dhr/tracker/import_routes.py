"""Importing a review's action plan from a spreadsheet in the Home Office columns: checked
row by row, shown, checked again on confirmation and saved all or nothing. Only someone who
may change the review (its chair or the coordinator) imports into it. The checked file waits
for confirmation as a preview (dhr.data.previews), for an hour at most."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import action_plans, audit, policy, previews, reviews, uploads
from dhr.pipeline import saving

from .forms import ConfirmImportForm, ImportForm
from .routes import bp

IMPORT_SESSION_KEY = "action_plan_import"


def _changeable_review_or_403(review_id: int):
    review = reviews.get(review_id) or abort(404)
    if not policy.may_change_review(current_user, review):
        refuse(f"{current_user.role} {current_user.id} may not import into review {review.id}")
    return review


def _forget_import() -> None:
    pending = session.pop(IMPORT_SESSION_KEY, None)
    if pending:
        previews.discard(pending.get("preview", ""))


def _preview(review, plan, filename: str, confirm=None):
    return render_template("tracker/import_preview.html", review=review, plan=plan, filename=filename,
                           confirm=confirm, upload_form=ImportForm(formdata=None))


def _check_upload(review, form):
    """The parsed plan of a valid upload (kept for confirmation), or None with the form's error."""
    file = form.spreadsheet.data
    if not file or not getattr(file, "filename", ""):
        form.spreadsheet.errors = ["Select an XLSX or CSV file"]
        return None, None
    try:
        checked = uploads.check(file.filename, file.read(), allowed={"xlsx", "csv", "text"})
        kind = "xlsx" if checked.kind == "xlsx" else "csv"
        plan = action_plans.parse(checked.content, kind, review, current_user)
    except (uploads.UploadRefused, action_plans.ImportRefused) as problem:
        form.spreadsheet.errors = [str(problem)]
        return None, None
    _forget_import()
    if plan.valid:
        session[IMPORT_SESSION_KEY] = {"review_id": review.id, "preview": previews.keep(checked.content),
                                       "filename": checked.filename, "kind": kind}
    return plan, checked


@bp.route("/reviews/<int:review_id>/import", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def import_plan(review_id: int):
    review = _changeable_review_or_403(review_id)
    form = ImportForm()
    if request.method == "POST" and form.validate_on_submit():
        plan, checked = _check_upload(review, form)
        if plan is not None:
            confirm = ConfirmImportForm(formdata=None) if plan.valid else None
            return _preview(review, plan, checked.filename, confirm)
    return render_template("tracker/import.html", review=review, form=form,
                           columns=action_plans.HOME_OFFICE_COLUMNS)


def _pending_content(review):
    pending = session.get(IMPORT_SESSION_KEY)
    if not pending or pending.get("review_id") != review.id:
        flash("There is no checked file waiting to be saved for this review. Upload it again.", "info")
        return None, None
    try:
        return pending, previews.read(pending.get("preview", ""))
    except previews.PreviewExpired as expired:
        session.pop(IMPORT_SESSION_KEY, None)
        flash(str(expired), "info")
        return None, None


@bp.route("/reviews/<int:review_id>/import/confirm", methods=["POST"])
@roles(*policy.EDITORS)
def import_confirm(review_id: int):
    review = _changeable_review_or_403(review_id)
    pending, content = _pending_content(review)
    if pending is None:
        return redirect(url_for("tracker.import_plan", review_id=review.id))
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    plan = action_plans.parse(content, pending["kind"], review, current_user)  # checked again: nothing trusted
    if not plan.valid:
        _forget_import()
        return _preview(review, plan, pending["filename"])
    with saving(form, place=lambda error: flash(f"Nothing was saved: {error}. Upload it again.", "info")):
        created = action_plans.save(review, plan, current_user)
        audit.record("action_plan_imported", "review", review.id, filename=pending["filename"], rows=len(created))
        _forget_import()
        flash(f"Saved {len(created)} recommendation{'s' if len(created) != 1 else ''} from {pending['filename']}.",
              "success")
        return redirect(url_for("tracker.review_plan", review_id=review.id))
    _forget_import()
    return redirect(url_for("tracker.import_plan", review_id=review.id))
