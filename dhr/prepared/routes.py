"""Your downloads: what a person asked to be prepared in the background, its progress while it
is made, the file once ready (for a day), and another try when it failed."""
from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import hide, signed_in
from dhr.data import audit, jobs, policy
from dhr.downloads import prepared_file

from .forms import RetryForm

bp = Blueprint("prepared", __name__, url_prefix="/downloads")


def _own_job_or_404(job_id: int):
    """Someone else's download is as if it were not there, but the attempt is audited."""
    job = jobs.get(job_id)
    if job is None:
        abort(404)
    if not policy.may_see_job(current_user, job):
        hide("job", job.id, "download belongs to someone else")
    return job


@bp.route("/")
@signed_in
def index():
    return render_template("prepared/index.html", found=jobs.of_user(current_user), labels=jobs.STATE_LABELS,
                           retry_form=RetryForm())


@bp.route("/<int:job_id>")
@signed_in
def show(job_id: int):
    job = _own_job_or_404(job_id)
    note = job.step_label if job.state == jobs.DONE and job.step_label != jobs.READY else ""
    return render_template("prepared/show.html", job=job, labels=jobs.STATE_LABELS, retry_form=RetryForm(),
                           waiting=job.state in jobs.WAITING_STATES, note=note)


@bp.route("/<int:job_id>/progress.json")
@signed_in
def progress(job_id: int):
    job = _own_job_or_404(job_id)
    return jsonify(state=job.state, label=jobs.STATE_LABELS[job.state], step=job.step_label,
                   done=job.steps_done, total=job.steps_total, error=job.error)


@bp.route("/<int:job_id>/file")
@signed_in
def download(job_id: int):
    job = _own_job_or_404(job_id)
    if job.state != jobs.DONE or job.content is None:
        return redirect(url_for("prepared.show", job_id=job.id))
    audit.record("download_prepared", "job", job.id, document=job.kind, title=job.title)
    return prepared_file(job)


@bp.route("/<int:job_id>/retry", methods=["POST"])
@signed_in
def retry(job_id: int):
    job = _own_job_or_404(job_id)
    form = RetryForm()
    if form.validate_on_submit():
        try:
            jobs.retry(job)
        except jobs.JobError as refusal:
            flash(str(refusal), "info")
        else:
            audit.record("download_retried", "job", job.id, document=job.kind)
    return redirect(url_for("prepared.show", job_id=job.id))
