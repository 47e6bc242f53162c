"""External learning pages: the sources imported and each external review (everyone who signs
in reads them; nobody changes them), and the coordinator's import: upload, check against the
format, map unknown theme names, save (re-importing a source replaces it). The checked file
waits for the mapping as a preview (dhr.data.previews), for an hour at most."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import open_data_import, previews, themes
from dhr.data.policy.open_data import OPEN_DATA_IMPORTERS, OPEN_DATA_READERS, may_import_open_data
from dhr.wording import counted

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


def _mapping_page(doc: dict, unknown: list[str], filename: str, form=None):
    form = form or mapping_form(unknown, themes.all_themes())
    return render_template("external/mapping.html", form=form, unknown=list(enumerate(unknown)), doc=doc,
                           filename=filename, field_name=field_name)


@bp.route("/import", methods=["GET", "POST"])
@roles(*OPEN_DATA_IMPORTERS)
def upload():
    _importer_or_403()
    form, problems = UploadForm(), []
    if request.method == "POST" and form.validate_on_submit():
        file = form.upload.data
        if not file or not getattr(file, "filename", ""):
            form.upload.errors = ["Select an open data file (JSON)"]
        else:
            content = file.read()
            read = open_data_import.read(content)
            problems = read.problems
            if read.doc is not None:
                unknown = open_data_import.unknown_themes(read.doc)
                if not unknown:
                    return _save(read.doc, file.filename)
                session[PENDING_KEY] = {"preview": previews.keep(content), "filename": file.filename[:255]}
                return _mapping_page(read.doc, unknown, file.filename)
    return render_template("external/upload.html", form=form, problems=problems)


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
    read = open_data_import.read(content)  # nothing trusted: checked again
    if read.doc is None:
        return render_template("external/upload.html", form=UploadForm(formdata=None), problems=read.problems)
    unknown = open_data_import.unknown_themes(read.doc)
    ours = {str(t.id): t.id for t in themes.all_themes()}
    form = mapping_form(unknown, themes.all_themes(), request.form)
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        return _mapping_page(read.doc, unknown, pending["filename"], form)
    chosen = {name: ours.get(getattr(form, field_name(number)).data) for number, name in enumerate(unknown)
              if getattr(form, field_name(number)).data in ours or getattr(form, field_name(number)).data == UNMAPPED}
    open_data_import.remember(chosen)
    previews.discard(pending.get("preview", ""))
    session.pop(PENDING_KEY, None)
    return _save(read.doc, pending["filename"])
