"""Importing a partnership's existing action plans and reports at once: a ZIP (or several files)
checked and matched to reviews, previewed file by file, then imported in the background with its
progress shown, and a result page that leads on to each review's suggested themes."""
from __future__ import annotations

import json

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from dhr.access import hide, refuse, roles
from dhr.data import batch_files, jobs, onboarding, onboarding_apply, policy, previews, reviews, uploads
from dhr.data.policy.onboarding import BULK_IMPORTERS, may_import_in_bulk
from dhr.pipeline import saving

from . import forms, onboarding_job
from .shared import bp

BATCH_SESSION_KEY = "batch_import"
KIND_CHOICES = [(kind, onboarding.KIND_LABELS.get(kind) or kind.replace("_", " ").capitalize())
                for kind in onboarding.REPORT_CHOICES]


def _chosen_files(form) -> list[tuple[str, bytes]]:
    return [(f.filename, f.read()) for f in (form.files.data or []) if f and getattr(f, "filename", "")]


def _checked(form):
    """(batch plan, packed files, name) of the upload, or (None, None, "") with the form's error."""
    files = _chosen_files(form)
    if not files:
        form.files.errors = ["Select a ZIP file, or the action plans and reports to import"]
        return None, None, ""
    try:
        entries = batch_files.entries_of(files)
    except uploads.UploadRefused as refused:
        form.files.errors = [str(refused)]
        return None, None, ""
    name = files[0][0] if len(files) == 1 else f"{len(files)} files chosen"
    return onboarding.plan(entries, current_user), batch_files.packed(entries), name


@bp.route("/import-files", methods=["GET", "POST"])
@roles(*BULK_IMPORTERS)
def import_files():
    if not may_import_in_bulk(current_user):
        refuse(f"{current_user.role} {current_user.id} may not import files in bulk")
    form = forms.BatchForm()
    if form.validate_on_submit():
        batch, packed, name = _checked(form)
        if batch is not None:
            previews.discard(session.pop(BATCH_SESSION_KEY, {}).get("preview", ""))
            if batch.has_work:
                session[BATCH_SESSION_KEY] = {"preview": previews.keep(packed), "name": name}
            return render_template("reviews/batch_preview.html", batch=batch, name=name, kinds=KIND_CHOICES,
                                   confirm=forms.ConfirmBatchForm(prefix="batch") if batch.has_work else None,
                                   form=forms.BatchForm(formdata=None), states=onboarding)
    return render_template("reviews/batch.html", form=form)


def _kinds_chosen() -> dict[str, str]:
    allowed = set(onboarding.REPORT_CHOICES)
    return {key.removeprefix("kind-"): value for key, value in request.form.items()
            if key.startswith("kind-") and key.removeprefix("kind-").isdigit() and value in allowed}


@bp.route("/import-files/confirm", methods=["POST"])
@roles(*BULK_IMPORTERS)
def confirm_files():
    if not may_import_in_bulk(current_user):
        refuse(f"{current_user.role} {current_user.id} may not import files in bulk")
    form = forms.ConfirmBatchForm(prefix="batch")
    pending = session.get(BATCH_SESSION_KEY) or {}
    if not form.validate_on_submit() or not pending:
        flash("There are no checked files waiting to be imported. Upload them again.", "info")
        return redirect(url_for("reviews.import_files"))
    with saving(None, place=lambda error: flash(str(error), "info")):
        job = jobs.submit(current_user, onboarding_job.KIND, f"Importing {pending['name']}",
                          {"preview": pending["preview"], "filename": pending["name"], "kinds": _kinds_chosen()})
        session.pop(BATCH_SESSION_KEY, None)
        return redirect(url_for("prepared.show", job_id=job.id))
    return redirect(url_for("reviews.import_files"))


@bp.route("/import-files/<int:job_id>")
@roles(*BULK_IMPORTERS)
def batch_result(job_id: int):
    job = jobs.get(job_id)
    if job is None or job.kind != onboarding_job.KIND:
        abort(404)
    if not policy.may_see_job(current_user, job) or not may_import_in_bulk(current_user):
        hide("job", job.id, "bulk import belongs to someone else")
    if job.state != jobs.DONE:
        return redirect(url_for("prepared.show", job_id=job.id))
    outcomes = json.loads(job.content or b"[]")
    return render_template("reviews/batch_result.html", job=job, outcomes=outcomes,
                           untagged=onboarding_apply.untagged_reviews(outcomes, reviews.get),
                           note=onboarding_job.note([onboarding_apply.Outcome(**o) for o in outcomes]))
