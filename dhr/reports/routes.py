"""The dashboard, the drill-down lists, PDF downloads and spreadsheet exports."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr import dates, listing
from dhr.access import hide, refuse, roles, signed_in
from dhr.data import agencies, audit, collections, figure_words, figures, jobs, open_data, policy, reporting, themes
from dhr.data.policy.open_data import OPEN_DATA_READERS
from dhr.downloads import SPREADSHEET_TYPES, attachment
from dhr.security import talisman
from exports import charts, pdf, tables

from . import open_data as open_data_files
from . import papers
from .forms import FiguresForm

bp = Blueprint("reports", __name__)

# A chart is an SVG document with its own <style>; it runs no script and loads nothing.
SVG_POLICY = {"default-src": "'none'", "style-src": "'unsafe-inline'", "img-src": "data:"}


@bp.app_template_filter("css_string")
def css_string_filter(text: str) -> str:
    return pdf.css_string(str(text))


def _pdf_response(content: bytes, filename: str) -> Response:
    return attachment(content, "application/pdf", filename, "pdf")


def _audit_export(kind: str, entity_type: str, entity_id: int | None, **details) -> None:
    audit.record("export", entity_type, entity_id, document=kind, **details)


def _in_background(kind: str, title: str, params: dict):
    """Ask a worker for the PDF and send the person to its progress page."""
    try:
        job = jobs.submit(current_user, kind, title, params)
    except jobs.JobError as refusal:
        flash(str(refusal), "info")
        return redirect(url_for("prepared.index"))
    audit.record("download_asked_for", "job", job.id, document=kind, title=title)
    return redirect(url_for("prepared.show", job_id=job.id))


def _figures_form() -> tuple[FiguresForm, bool]:
    form = FiguresForm(formdata=request.args)
    form.set_agencies(agencies.all_agencies(include_inactive=True))
    valid = form.validate()
    return form, valid


def _agency_name(filters: figures.Filters) -> str | None:
    if not filters.agency_id:
        return None
    agency = agencies.get(filters.agency_id)
    return agency.name if agency else None


# ------------------------------------------------------------------ dashboard


@bp.route("/dashboard")
@roles(*policy.BOARD)
def dashboard():
    form, valid = _figures_form()
    board = None
    filters = figures.Filters()
    if valid:
        filters = form.filters()
        board = figures.board_figures(current_user, filters)
    summaries = {name: figure_words.summary(b) for name, b in board.breakdowns.items()} if board else {}
    return render_template(
        "reports/dashboard.html", form=form, board=board, filters=filters, args=filters.query_args(),
        description=filters.describe(_agency_name(filters)), years=figures.financial_years_present()[:6],
        year_bounds=dates.financial_year_bounds, summaries=summaries,
    )


@bp.route(f"/dashboard/charts/<any({', '.join(figures.BOARD_BREAKDOWNS)}):name>.svg")
@talisman(content_security_policy=SVG_POLICY)
@roles(*policy.BOARD)
def chart(name: str):
    form, valid = _figures_form()
    if not valid:
        abort(400)
    found = figures.breakdown(figures.load(current_user, form.filters()), name)
    response = Response(charts.breakdown_chart(found, figure_words.summary(found)), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/dashboard/list")
@roles(*policy.BOARD)
def drill_down():
    dimension_name = request.args.get("show", "")
    key = request.args.get("key", "")
    if not figures.is_dimension(dimension_name) or not key or len(key) > 60:
        abort(404)
    form, valid = _figures_form()
    if not valid:
        abort(400)
    filters = form.filters()
    state = listing.from_request(figures.sorting_of(dimension_name).keys())
    dimension, label, items = figures.rows_behind(current_user, filters, dimension_name, key, number=state.number,
                                                  size=state.size, sort=state.sort, descending=state.descending)
    return render_template(
        "reports/list.html", dimension=dimension, label=label, items=items, listing=state,
        description=filters.describe(_agency_name(filters)), args=filters.query_args(),
    )


@bp.route("/reports/board.pdf")
@roles(*policy.BOARD)
def board_pdf():
    """The board paper: always prepared in the background, its progress shown as it goes."""
    form, valid = _figures_form()
    if not valid:
        abort(400)
    filters = form.filters()
    _audit_export("board_report", "report", None, **filters.query_args())
    return _in_background("board_report", f"Board paper: {filters.describe(_agency_name(filters))}",
                          {"filters": papers.filters_params(filters)})


# ------------------------------------------------------------------ PDFs of one review


@bp.route("/reports/reviews/<int:review_id>/summary.pdf")
@signed_in
def review_summary_pdf(review_id: int):
    review = reporting.review_for(current_user, review_id)
    if review is None:  # not there, or not visible (a trainer never sees an unpublished review)
        abort(404)
    content = papers.review_summary(review, policy.visible_recommendations(current_user, review))
    _audit_export("review_summary", "review", review.id, sensitive=not policy.shown_publicly(review))
    return _pdf_response(content, f"{review.reference}-learning-summary")


@bp.route("/reports/reviews/<int:review_id>/action-plan.pdf")
@roles(*policy.PARTNERSHIP, *policy.AGENCIES)
def action_plan_pdf(review_id: int):
    review = reporting.review_for(current_user, review_id)
    if review is None:
        abort(404)
    content = papers.action_plan(review, policy.visible_recommendations(current_user, review))
    _audit_export("action_plan", "review", review.id, sensitive=not policy.shown_publicly(review))
    return _pdf_response(content, f"{review.reference}-action-plan")


# ------------------------------------------------------------------ agency progress


@bp.route("/reports/agencies/<int:agency_id>/progress.pdf")
@roles(*policy.PARTNERSHIP, *policy.AGENCIES)
def agency_progress_pdf(agency_id: int):
    agency = agencies.get(agency_id)
    if agency is None:
        abort(404)
    if not policy.may_see_agency_progress(current_user, agency.id):
        refuse("agencies may only export their own progress report")
    if reporting.agency_progress_size(agency.id) > papers.INLINE_LIMIT:
        _audit_export("agency_progress", "agency", agency.id)
        return _in_background("agency_progress", f"Progress report: {agency.name}", {"agency_id": agency.id})
    content, sensitive = papers.agency_progress(agency)
    _audit_export("agency_progress", "agency", agency.id, sensitive=sensitive)
    return _pdf_response(content, f"{agency.name}-progress-report")


# ------------------------------------------------------------------ case-study packs


def _include_unpublished() -> bool:
    asked = request.args.get("include_unpublished") == "1"
    if asked and not policy.may_include_unpublished(current_user):
        refuse("only the partnership and chairs may include unpublished findings")
    return asked


@bp.route("/reports/themes/<int:theme_id>/case-studies.pdf")
@signed_in
def theme_pack_pdf(theme_id: int):
    theme = themes.get(theme_id)
    if theme is None:
        abort(404)
    include = _include_unpublished()
    if reporting.theme_case_study_count(theme.id, include) > papers.INLINE_LIMIT:
        _audit_export("case_study_pack", "theme", theme.id)
        return _in_background("theme_pack", f"Case studies: {theme.name}",
                              {"theme_id": theme.id, "include_unpublished": include})
    cases = papers.theme_cases(current_user, theme.id, include)
    content, sensitive = papers.case_study_pack(f"Case studies: {theme.name}", cases, theme=theme)
    _audit_export("case_study_pack", "theme", theme.id, sensitive=sensitive)
    return _pdf_response(content, f"case-studies-{theme.name}")


@bp.route("/reports/collections/<int:collection_id>.pdf")
@signed_in
def collection_pdf(collection_id: int):
    collection = collections.get(collection_id)
    if collection is None:
        abort(404)
    if not policy.may_see_collection(current_user, collection):
        hide("collection", collection.id, "collection belongs to someone else")
    include = _include_unpublished()
    cases, left_out = papers.collection_cases(current_user, collection, include)
    if len(cases) > papers.INLINE_LIMIT:
        _audit_export("case_study_pack", "collection", collection.id)
        return _in_background("collection_pack", f"Case studies: {collection.name}",
                              {"collection_id": collection.id, "include_unpublished": include})
    content, sensitive = papers.case_study_pack(f"Case studies: {collection.name}", cases, left_out=left_out)
    _audit_export("case_study_pack", "collection", collection.id, sensitive=sensitive)
    return _pdf_response(content, f"case-studies-{collection.name}")


@bp.route(f"/reports/exports/<any({', '.join(reporting.SPREADSHEETS)}):dataset>.<any(csv, xlsx):fmt>")
@signed_in
def spreadsheet(dataset: str, fmt: str):
    title, headers, read_rows = reporting.SPREADSHEETS[dataset]
    filters = reporting.ListFilters.from_args(request.args)
    rows = read_rows(current_user, filters)
    content = tables.to_csv(headers, rows) if fmt == "csv" else tables.to_xlsx(headers, rows, sheet_name=title)
    response = attachment(content, SPREADSHEET_TYPES[fmt], dataset, fmt)
    _audit_export(f"{dataset}_{fmt}", "report", None, rows=len(rows),
                  filters={k: v for k, v in request.args.items() if k in ("stage", "type", "year", "agency", "status")})
    return response


# ------------------------------------------------------------------ open data


@bp.route("/reports/open-data/")
@roles(*OPEN_DATA_READERS)
def open_data_page():
    return render_template("reports/open_data.html", reviews=open_data.public_review_count(),
                           version=open_data.FORMAT_VERSION, partnership=open_data_files.partnership_name(),
                           background=open_data.public_review_count() > open_data_files.INLINE_REVIEWS)


@bp.route("/reports/open-data/schema.json")
@roles(*OPEN_DATA_READERS)
def open_data_schema():
    return attachment(open_data.SCHEMA_PATH.read_bytes(), "application/schema+json",
                      f"dhr-open-data-{open_data.FORMAT_VERSION}.schema", "json")


@bp.route("/reports/open-data/learning.<any(json, csv):fmt>")
@roles(*OPEN_DATA_READERS)
def open_data_download(fmt: str):
    reviews = open_data.public_review_count()
    _audit_export(f"open_data_{fmt}", "report", None, reviews=reviews)
    if reviews > open_data_files.INLINE_REVIEWS:
        return _in_background(open_data_files.KIND, f"Open data ({fmt.upper()})", {"format": fmt})
    content_type, extension = open_data_files.FORMATS[fmt]
    name = open_data_files.file_name(fmt).rsplit(".", 1)[0]
    return attachment(open_data_files.content_of(fmt), content_type, name, extension)


# ------------------------------------------------------------------ the reports page


@bp.route("/reports/")
@signed_in
def index():
    filters = reporting.ListFilters.from_args(request.args)
    args = {k: v for k, v in request.args.items() if k in ("stage", "type", "year", "agency", "status") and v}
    return render_template(
        "reports/index.html", themes=themes.all_themes(), args=args, filters=filters,
        agencies=agencies.all_agencies(include_inactive=True),
        own_agency=current_user.agency if current_user.role in policy.AGENCIES else None,
        board=current_user.role in policy.BOARD,
    )
