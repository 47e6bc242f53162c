"""External learning pages: the sources imported and each external review (everyone who signs
in reads them; nobody changes them), and the coordinator's import: upload, check against the
format, map unknown theme names, save (re-importing a source replaces it). The checked file
waits for the mapping as a preview (dhr.data.previews), for an hour at most."""
from __future__ import annotations

import json

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import audit, jobs, open_data_import, previews, themes
from dhr.data.policy.open_data import OPEN_DATA_IMPORTERS, OPEN_DATA_READERS, may_import_open_data
from dhr.wording import counted

from . import import_job
from .forms import UNMAPPED, UploadForm, field_name, mapping_form

bp = Blueprint("external", __name__, url_prefix="/external")
PENDING_KEY = "open_data_import"


def _importer_or_403() -> None:
    if not may_import_open_data(current_user):
        refuse("only the coordinator imports external learning")


@bp.route("/")
@roles(*OPEN_DATA_READERS)
def index():
    return render_template("external/index.html", sources=open_data_import.sources(),
                           may_import=may_import_open_data(current_user))


@bp.route("/reviews/<int:review_id>")
@roles(*OPEN_DATA_READERS)
def review(review_id: int):
    found = open_data_import.get_review(review_id) or abort(404)
    return render_template("external/review.html", review=found)


def _save(doc: dict, filename: str):
    source = open_data_import.save(doc, filename, current_user.id)
    flash(f"Imported {counted(len(source.reviews), 'review')} of published learning from {source.partnership}",
          "success")
    return redirect(url_for("external.index"))


def _mapping_page(partnership: str, reviews: int, unknown: list[str], filename: str, form=None):
    form = form or mapping_form(unknown, themes.all_themes())
    return render_template("external/mapping.html", form=form, unknown=list(enumerate(unknown)),
                           partnership=partnership, reviews=reviews, filename=filename, field_name=field_name)


def _in_background(preview: str, filename: str, mapped: bool):
    try:
        job = jobs.submit(current_user, import_job.KIND, f"External learning: {filename}",
                          {"preview": preview, "filename": filename, "mapped": mapped})
    except jobs.JobError as refusal:
        flash(str(refusal), "info")
        return redirect(url_for("prepared.index"))
    audit.record("download_asked_for", "job", job.id, document=import_job.KIND, title=job.title)
    return redirect(url_for("prepared.show", job_id=job.id))


def _check_inline(content: bytes, filename: str):
    read = open_data_import.read(content)
    if read.doc is None:
        return render_template("external/upload.html", form=UploadForm(formdata=None), problems=read.problems)
    unknown = open_data_import.unknown_themes(read.doc)
    if not unknown:
        return _save(read.doc, filename)
    session[PENDING_KEY] = {"preview": previews.keep(content), "filename": filename}
    return _mapping_page(read.doc["source"]["partnership"], len(read.doc["reviews"]), unknown, filename)


@bp.route("/import", methods=["GET", "POST"])
@roles(*OPEN_DATA_IMPORTERS)
def upload():
    _importer_or_403()
    form = UploadForm()
    if request.method == "POST" and form.validate_on_submit():
        file = form.upload.data
        if not file or not getattr(file, "filename", ""):
            form.upload.errors = ["Select an open data file (JSON)"]
        else:
            content, filename = file.read(), file.filename[:255]
            if len(content) <= import_job.INLINE_BYTES:
                return _check_inline(content, filename)
            return _in_background(previews.keep(content), filename, mapped=False)
    return render_template("external/upload.html", form=form, problems=[])


@bp.route("/import/checked")
@roles(*OPEN_DATA_IMPORTERS)
def checked():
    """What a worker found in a large file: its problems, or the theme names to map."""
    _importer_or_403()
    try:
        found = json.loads(previews.read(request.args.get("result", "")))
    except (previews.PreviewExpired, ValueError):
        flash("The checked file is no longer waiting. Upload it again.", "info")
        return redirect(url_for("external.upload"))
    if found.get("problems"):
        return render_template("external/upload.html", form=UploadForm(formdata=None), problems=found["problems"])
    session[PENDING_KEY] = {"preview": found["preview"], "filename": found["filename"], "unknown": found["unknown"],
                            "partnership": found["partnership"], "reviews": found["reviews"]}
    return _mapping_page(found["partnership"], found["reviews"], found["unknown"], found["filename"])


def _pending():
    pending = session.get(PENDING_KEY)
    if not pending:
        return None, None
    try:
        return pending, previews.read(pending.get("preview", ""))
    except previews.PreviewExpired:
        session.pop(PENDING_KEY, None)
        return None, None


@bp.route("/import/themes", methods=["POST"])
@roles(*OPEN_DATA_IMPORTERS)
def map_themes():
    _importer_or_403()
    pending, content = _pending()
    if content is None:
        flash("There is no checked file waiting to be saved. Upload it again.", "info")
        return redirect(url_for("external.upload"))
    if len(content) > import_job.INLINE_BYTES:  # checked again, and saved, by a worker
        unknown, doc = pending.get("unknown") or [], None
    else:
        read = open_data_import.read(content)  # nothing trusted: checked again
        if read.doc is None:
            return render_template("external/upload.html", form=UploadForm(formdata=None), problems=read.problems)
        unknown, doc = open_data_import.unknown_themes(read.doc), read.doc
    ours = {str(t.id): t.id for t in themes.all_themes()}
    form = mapping_form(unknown, themes.all_themes(), request.form)
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        partnership = doc["source"]["partnership"] if doc else pending.get("partnership", "")
        reviews = len(doc["reviews"]) if doc else pending.get("reviews", 0)
        return _mapping_page(partnership, reviews, unknown, pending["filename"], form)
    choices = {name: getattr(form, field_name(number)).data for number, name in enumerate(unknown)}
    open_data_import.remember({name: ours.get(value) for name, value in choices.items()
                               if value in ours or value == UNMAPPED})
    session.pop(PENDING_KEY, None)
    if doc is None:
        return _in_background(pending["preview"], pending["filename"], mapped=True)
    previews.discard(pending.get("preview", ""))
    return _save(doc, pending["filename"])
