"""Importing a review's action plan from a spreadsheet in the Home Office columns: checked
row by row, shown, checked again on confirmation and saved all or nothing. Only someone who
may change the review (its chair or the coordinator) imports into it. The checked file waits
for confirmation as a preview (dhr.data.previews), for an hour at most.

A file for a review that already has its recommendations is a progress return: the preview
shows each change to each action (old -> new) and the actions it adds, and confirming saves
exactly what the preview showed (if the plan changed meanwhile, the new changes are shown
instead). Lead-agency names that match no agency are mapped on the preview and remembered. Each
new recommendation shows the quality advice the recommendation form gives; confirming records it
as saving imported proposals does (kept as written where every flag was shown)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from dhr import downloads, quality
from dhr.access import refuse, roles
from dhr.data import action_plans, agencies, agency_aliases, audit, policy, previews, reviews, uploads
from dhr.pipeline import offer_suggested_themes, saving
from dhr.wording import counted

from .forms import ImportForm, confirm_import_form
from .routes import bp

IMPORT_SESSION_KEY = "action_plan_import"
CHANGED_MEANWHILE = ("The action plan changed after you checked the file, so nothing was saved. "
                     "Check the changes below and confirm again.")


def _changeable_review_or_403(review_id: int):
    review = reviews.get(review_id) or abort(404)
    if not policy.may_change_review(current_user, review):
        refuse(f"{current_user.role} {current_user.id} may not import into review {review.id}")
    return review


def _forget_import() -> None:
    pending = session.pop(IMPORT_SESSION_KEY, None)
    if pending:
        previews.discard(pending.get("preview", ""))


def _confirm_form(plan, formdata=None):
    if not plan.valid or not plan.has_changes:
        return None
    if plan.unknown_names and not policy.may_remember_agency_name(current_user):
        return None
    return confirm_import_form(plan.unknown_names.values(), agencies.all_agencies(), formdata)


def _preview(review, plan, filename: str, confirm=None, notice: str = ""):
    """The checked plan, with the quality advice on each new recommendation; what advice a
    preview that can be confirmed showed is kept with the waiting file."""
    advice = quality.advice_on_rows(plan.rows, review)
    pending = session.get(IMPORT_SESSION_KEY)
    if confirm is not None and pending and pending.get("review_id") == review.id:
        session[IMPORT_SESSION_KEY] = {**pending, "shown_flags": quality.shown_on_rows(advice)}
    return render_template("tracker/import_preview.html", review=review, plan=plan, filename=filename,
                           confirm=confirm, notice=notice, upload_form=ImportForm(formdata=None), advice=advice)


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
    if plan.valid and plan.has_changes:
        session[IMPORT_SESSION_KEY] = {"review_id": review.id, "preview": previews.keep(checked.content),
                                       "filename": checked.filename, "kind": kind,
                                       "fingerprint": plan.fingerprint()}
    return plan, checked


@bp.route("/reviews/<int:review_id>/import", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def import_plan(review_id: int):
    review = _changeable_review_or_403(review_id)
    form = ImportForm()
    if request.method == "POST" and form.validate_on_submit():
        plan, checked = _check_upload(review, form)
        if plan is not None:
            return _preview(review, plan, checked.filename, _confirm_form(plan))
    return render_template("tracker/import.html", review=review, form=form,
                           columns=action_plans.TEMPLATE_HEADERS)


@bp.route("/import-template.<any(csv, xlsx):fmt>")
@roles(*policy.EDITORS)
def import_template(fmt: str):
    return downloads.blank_action_plan(fmt)


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


def _checked_again(review, pending, content):
    """The plan checked again at confirmation, with the names mapped on the preview: (plan,
    {name as written: agency id}, None) to save, or (None, None, response) showing what stands
    in the way."""
    plan = action_plans.parse(content, pending["kind"], review, current_user)  # nothing trusted
    form = _confirm_form(plan, request.form)
    if form is None:
        _forget_import()
        return None, None, _preview(review, plan, pending["filename"])
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        return None, None, _preview(review, plan, pending["filename"], form)
    if plan.fingerprint() != pending.get("fingerprint"):
        session[IMPORT_SESSION_KEY] = {**pending, "fingerprint": plan.fingerprint()}
        return None, None, _preview(review, plan, pending["filename"], _confirm_form(plan), notice=CHANGED_MEANWHILE)
    mappings = {key: int(form[name.field_name].data) for key, name in plan.unknown_names.items()}
    names = {name.written: mappings[key] for key, name in plan.unknown_names.items()}
    if mappings:
        plan = action_plans.parse(content, pending["kind"], review, current_user, mappings)
        if not plan.ready:
            return None, None, _preview(review, plan, pending["filename"], _confirm_form(plan))
    return plan, names, None


def _saved_message(counts: dict[str, int], filename: str) -> str:
    added = counts["recommendations_added"]
    if not any(n for key, n in counts.items() if key != "recommendations_added"):
        return f"Saved {counted(added, 'recommendation')} from {filename}."
    words = {"recommendations_added": ("recommendation", "added"), "recommendations_changed": ("recommendation",
             "changed"), "actions_added": ("action", "added"), "actions_changed": ("action", "changed"),
             "date_changes_asked": ("agreed target date", "asked of the coordinator to move")}
    parts = [f"{counted(n, words[k][0])} {words[k][1]}" for k, n in counts.items() if n]
    return f"Saved the changes from {filename}: {', '.join(parts)}."


@bp.route("/reviews/<int:review_id>/import/confirm", methods=["POST"])
@roles(*policy.EDITORS)
def import_confirm(review_id: int):
    review = _changeable_review_or_403(review_id)
    pending, content = _pending_content(review)
    if pending is None:
        return redirect(url_for("tracker.import_plan", review_id=review.id))
    plan, names, response = _checked_again(review, pending, content)
    if response is not None:
        return response
    with saving(None, place=lambda error: flash(f"Nothing was saved: {error}. Upload it again.", "info")):
        for written, agency_id in names.items():
            agency_aliases.remember(written, agencies.get(agency_id), current_user)
        quality.record_on_rows(plan.rows, review, pending.get("shown_flags") or {})
        counts = action_plans.save(review, plan, current_user)
        audit.record("action_plan_imported", "review", review.id, filename=pending["filename"],
                     mapped_names=sorted(names), **counts)
        _forget_import()
        flash(_saved_message(counts, pending["filename"]), "success")
        offer_suggested_themes(review)
        return redirect(url_for("tracker.review_plan", review_id=review.id))
    _forget_import()
    return redirect(url_for("tracker.import_plan", review_id=review.id))
