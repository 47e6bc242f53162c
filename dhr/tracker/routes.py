"""The partnership's side: assessing updates, editing recommendations (with conflict checks),
overviews by agency and by review, the national list, import and export of action plans."""
from __future__ import annotations

import re

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, send_file, session, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from dhr.access import refuse, roles
from dhr.data import action_plans, agencies, audit, commit, progress, reviews, uploads
from dhr.data.vocab import Role
from dhr.extensions import db
from exports import tables

from .forms import AssessForm, ConfirmImportForm, EditRecommendationForm, ImportForm

bp = Blueprint("tracker", __name__, url_prefix="/recommendations", cli_group=None)
PARTNERSHIP = (Role.ADMIN, Role.CHAIR)
EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMPORT_SESSION_KEY = "action_plan_import"

from .cli import _register  # noqa: E402

_register(bp)  # `flask --app dhr reminders`


def export_response(rows: list[progress.Row], name: str, fmt: str):
    """An action plan export in the Home Office columns, safe against formula injection."""
    if fmt not in EXPORT_FORMATS:
        abort(404)
    data = action_plans.export_rows([r.rec for r in rows], progress.today())
    if fmt == "csv":
        content = tables.to_csv(action_plans.EXPORT_HEADERS, data)
    else:
        content = tables.to_xlsx(action_plans.EXPORT_HEADERS, data, sheet_name="Action plan")
    audit.record("export", "recommendation", None, what=name, format=fmt, rows=len(data))
    commit()
    # The name may carry a review reference: only plain characters go into the header.
    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "recommendations"
    filename = f"{safe_name}-{progress.today():%Y-%m-%d}.{fmt}"
    response = make_response(content)
    response.headers["Content-Type"] = EXPORT_FORMATS[fmt]
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _recommendation_or_404(rec_id: int):
    rec = progress.get(rec_id)
    if rec is None:
        abort(404)
    return rec


# --- Overviews ------------------------------------------------------------------------------

@bp.route("/")
@roles(*PARTNERSHIP)
def overview():
    return render_template(
        "tracker/overview.html",
        figures=progress.overview_by_agency(),
        plans=progress.reviews_with_plans(),
        pending=progress.awaiting_assessment(),
        rag_labels=progress.RAG_LABELS,
        stale_days=progress.STALE_AFTER_DAYS,
    )


@bp.route("/export.<any(csv, xlsx):fmt>")
@roles(*PARTNERSHIP)
def export_all(fmt: str):
    return export_response(progress.all_recommendations(), "all-recommendations", fmt)


@bp.route("/national")
@roles(*PARTNERSHIP)
def national():
    return render_template("tracker/national.html", rows=progress.national_list())


@bp.route("/national/export.<any(csv, xlsx):fmt>")
@roles(*PARTNERSHIP)
def national_export(fmt: str):
    return export_response(progress.national_list(), "national-recommendations", fmt)


@bp.route("/agencies/<int:agency_id>")
@roles(*PARTNERSHIP)
def agency(agency_id: int):
    found = agencies.get(agency_id)
    if found is None:
        abort(404)
    return render_template("tracker/agency.html", agency=found, rows=progress.agency_list(agency_id))


@bp.route("/agencies/<int:agency_id>/export.<any(csv, xlsx):fmt>")
@roles(*PARTNERSHIP)
def agency_export(agency_id: int, fmt: str):
    found = agencies.get(agency_id)
    if found is None:
        abort(404)
    return export_response(progress.agency_list(agency_id), f"recommendations-{found.id}", fmt)


@bp.route("/reviews/<int:review_id>")
@roles(*PARTNERSHIP)
def review_plan(review_id: int):
    review = reviews.get_visible(current_user, review_id)
    if review is None:
        abort(404)
    rows = progress.review_rows(review)
    return render_template(
        "tracker/review_plan.html",
        review=review,
        rows=rows,
        summary=progress.rag_summary(rows),
        rag_labels=progress.RAG_LABELS,
    )


@bp.route("/reviews/<int:review_id>/export.<any(csv, xlsx):fmt>")
@roles(*PARTNERSHIP)
def review_export(review_id: int, fmt: str):
    review = reviews.get_visible(current_user, review_id)
    if review is None:
        abort(404)
    return export_response(progress.review_rows(review), f"action-plan-{review.reference}", fmt)


# --- One recommendation ---------------------------------------------------------------------

@bp.route("/<int:rec_id>")
@roles(*PARTNERSHIP)
def show(rec_id: int):
    rec = _recommendation_or_404(rec_id)
    return render_template(
        "tracker/show.html",
        rec=rec,
        row=progress._row(rec, progress.today()),
        history=progress.history(rec),
        show_restricted=progress.may_see_restricted(current_user, rec.review),
    )


def _edit_values(form: EditRecommendationForm) -> dict:
    return {
        "text": form.text.data.strip(),
        "action_to_take": (form.action_to_take.data or "").strip(),
        "milestones": (form.milestones.data or "").strip(),
        "target_date": form.target_date.data,
        "status": form.status.data,
        "completed_on": form.completed_on.data,
        "outcome": (form.outcome.data or "").strip(),
    }


@bp.route("/<int:rec_id>/edit", methods=["GET", "POST"])
@roles(*PARTNERSHIP)
def edit(rec_id: int):
    rec = _recommendation_or_404(rec_id)
    form = EditRecommendationForm(obj=rec if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(rec.version)
    if form.validate_on_submit():
        values = _edit_values(form)
        try:
            progress.edit(rec, int(form.version.data), values)
            commit()
        except progress.EditConflict as conflict:
            current = conflict.recommendation
            return render_template(
                "tracker/conflict.html",
                rec=current,
                yours=values,
                form=None,
                fresh_form=_fresh_form(current, values),
                history=progress.history(current)[:10],
            ), 409
        flash(f"Recommendation {rec.number} saved.", "success")
        return redirect(url_for("tracker.show", rec_id=rec.id))
    return render_template("tracker/edit.html", rec=rec, form=form)


def _fresh_form(current, values: dict) -> EditRecommendationForm:
    """The edit form again, holding what the person typed but carrying the current version,
    so they can reconcile and save deliberately."""
    form = EditRecommendationForm(formdata=None, data=values)
    form.version.data = str(current.version)
    return form


# --- Assessing updates ----------------------------------------------------------------------

@bp.route("/updates/<int:update_id>/assess", methods=["GET", "POST"])
@roles(*PARTNERSHIP)
def assess(update_id: int):
    update = progress.get_update(update_id)
    if update is None:
        abort(404)
    rec = update.recommendation
    if update.assessment != "pending":
        flash("This update has already been assessed.", "info")
        return redirect(url_for("tracker.show", rec_id=rec.id))
    form = AssessForm()
    if form.validate_on_submit():
        try:
            progress.assess(update, current_user, form.decision.data, form.message.data or "",
                            form.completed_on.data, form.outcome.data or "")
        except progress.ProgressError as problem:
            db.session.rollback()
            target = form.outcome if "outcome" in str(problem) else form.decision
            target.errors = [*target.errors, str(problem)]
        else:
            commit()
            flash("Assessment saved. The agency can see it on the recommendation.", "success")
            return redirect(url_for("tracker.show", rec_id=rec.id))
    return render_template(
        "tracker/assess.html",
        update=update,
        rec=rec,
        form=form,
        accepted_status=progress.accepted_status(update),
    )


@bp.route("/evidence/<int:document_id>")
@roles(Role.ADMIN, Role.CHAIR, Role.AGENCY)
def evidence(document_id: int):
    document = progress.get_document(document_id)
    if document is None or document.update_id is None:
        abort(404)
    if not progress.may_download(current_user, document):
        refuse(f"evidence {document.id} belongs to another agency's recommendation")
    try:
        path = uploads.path_of(document.storage_key)
    except uploads.UploadRefused:
        abort(404)
    if not path.exists():
        abort(404)
    response = send_file(path, mimetype=document.content_type, as_attachment=True,
                         download_name=document.filename, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- Import ---------------------------------------------------------------------------------

def _review_or_404(review_id: int):
    review = reviews.get_visible(current_user, review_id)
    if review is None:
        abort(404)
    return review


def _forget_import() -> None:
    pending = session.pop(IMPORT_SESSION_KEY, None)
    if pending:
        uploads.remove(pending["key"])


@bp.route("/reviews/<int:review_id>/import", methods=["GET", "POST"])
@roles(*PARTNERSHIP)
def import_plan(review_id: int):
    review = _review_or_404(review_id)
    form = ImportForm()
    if request.method == "POST" and form.validate_on_submit():
        file = form.spreadsheet.data
        if not file or not getattr(file, "filename", ""):
            form.spreadsheet.errors = ["Select an XLSX or CSV file"]
        else:
            try:
                checked = uploads.check(file.filename, file.read(), allowed={"xlsx", "csv", "text"})
                plan = action_plans.parse(checked.content, "xlsx" if checked.kind == "xlsx" else "csv", review)
            except (uploads.UploadRefused, action_plans.ImportRefused) as problem:
                form.spreadsheet.errors = [str(problem)]
            else:
                _forget_import()
                confirm = None
                if plan.valid:
                    key = uploads.store(checked)
                    session[IMPORT_SESSION_KEY] = {
                        "review_id": review.id, "key": key, "filename": checked.filename,
                        "kind": "xlsx" if checked.kind == "xlsx" else "csv",
                    }
                    confirm = ConfirmImportForm(formdata=None)
                return render_template(
                    "tracker/import_preview.html", review=review, plan=plan, filename=checked.filename,
                    confirm=confirm, upload_form=ImportForm(formdata=None),
                )
    return render_template("tracker/import.html", review=review, form=form,
                           columns=action_plans.HOME_OFFICE_COLUMNS)


@bp.route("/reviews/<int:review_id>/import/confirm", methods=["POST"])
@roles(*PARTNERSHIP)
def import_confirm(review_id: int):
    review = _review_or_404(review_id)
    pending = session.get(IMPORT_SESSION_KEY)
    if not pending or pending.get("review_id") != review.id:
        flash("There is no checked file waiting to be saved for this review. Upload it again.", "info")
        return redirect(url_for("tracker.import_plan", review_id=review.id))
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        content = uploads.path_of(pending["key"]).read_bytes()
    except (FileNotFoundError, uploads.UploadRefused):
        session.pop(IMPORT_SESSION_KEY, None)
        flash("The checked file is no longer available. Upload it again.", "info")
        return redirect(url_for("tracker.import_plan", review_id=review.id))
    plan = action_plans.parse(content, pending["kind"], review)  # checked again: nothing trusted
    if not plan.valid:
        _forget_import()
        return render_template(
            "tracker/import_preview.html", review=review, plan=plan, filename=pending["filename"],
            confirm=None, upload_form=ImportForm(formdata=None),
        )
    try:
        created = action_plans.save(review, plan)
        audit.record("action_plan_imported", "review", review.id, filename=pending["filename"], rows=len(created))
        commit()
    except IntegrityError:
        db.session.rollback()
        _forget_import()
        flash("Nothing was saved: the review's recommendations changed while you were checking the file. "
              "Upload it again.", "info")
        return redirect(url_for("tracker.import_plan", review_id=review.id))
    _forget_import()
    flash(f"Saved {len(created)} recommendation{'s' if len(created) != 1 else ''} from {pending['filename']}.",
          "success")
    return redirect(url_for("tracker.review_plan", review_id=review.id))
