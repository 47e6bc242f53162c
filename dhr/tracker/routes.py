"""The partnership's side of the action plans: overviews by agency and by review, the
national list and exports, one recommendation's progress, the coordinator's assessment of
updates, evidence downloads and action-plan import.

Who may do each is the access policy's (dhr.data.policy): the partnership reads every plan;
only the coordinator assesses; a chair imports only into the reviews they chair. A
recommendation is edited on its review's page (one edit path)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr import listing
from dhr.access import refuse, roles
from dhr.data import (
    agencies,
    agency_overview,
    due,
    history,
    paging,
    plan_rows,
    policy,
    progress,
    quality_advice,
    recommendations,
    reviews,
)
from dhr.data import national as referrals
from dhr.data.policy import national as national_policy
from dhr.data.practice_vocab import EVIDENCE_GRADE_HINTS
from dhr.data.vocab import NATIONAL_STANDING_LABELS, STATUS_LABELS
from dhr.downloads import action_plan_spreadsheet, stored_file
from dhr.pipeline import saving

from .forms import AssessForm

bp = Blueprint("tracker", __name__, url_prefix="/recommendations", cli_group=None)

from .cli import _register  # noqa: E402
from .national_cli import _register as _register_national  # noqa: E402

_register(bp)  # `flask --app dhr reminders`
_register_national(bp)  # `flask --app dhr national-chase`, `national-setup`, `national-contact`


def _spreadsheet(rows: list, name: str, fmt: str):
    return action_plan_spreadsheet([r.rec for r in rows], name, fmt, progress.today())


def _recommendation_or_404(rec_id: int):
    rec = recommendations.get(rec_id)
    if rec is None:
        abort(404)
    return rec


def _review_or_404(review_id: int):
    review = reviews.get_visible(current_user, review_id)
    if review is None:
        abort(404)
    return review


# --- Overviews ------------------------------------------------------------------------------

def _recommendations_page(list_page, *args, by_agency: bool = True) -> dict:
    """What a list of recommendations shows: a page of rows, its state in the URL, its filters."""
    state = listing.from_request(plan_rows.SORTING.keys())
    filters = listing.plan_filters(state, by_agency=by_agency)
    return dict(rows=listing.plan_page(list_page, state, filters, *args), listing=state, filters=filters,
                statuses=STATUS_LABELS, due_filters=plan_rows.DUE_FILTERS,
                agencies=agencies.all_agencies(include_inactive=True) if by_agency else [])


@bp.route("/")
@roles(*policy.TRACKING)
def overview():
    return render_template(
        "tracker/overview.html",
        figures=agency_overview.most_overdue(),
        waiting=agency_overview.count_awaiting_assessment(),
        stale_days=due.STALE_AFTER_DAYS,
        may_remind=policy.may_send_reminders(current_user),
        **_recommendations_page(plan_rows.all_page),
    )


@bp.route("/agencies")
@roles(*policy.TRACKING)
def agencies_figures():
    """Every agency's figures, a page at a time, sortable by name and by each count."""
    state = listing.from_request(agency_overview.AGENCY_SORTING)
    figures = agency_overview.sorted_figures(agency_overview.overview_by_agency(), state.sort, state.descending)
    return render_template("tracker/agencies.html", figures=paging.page_of(figures, state.number, state.size),
                           listing=state, stale_days=due.STALE_AFTER_DAYS)


@bp.route("/plans")
@roles(*policy.TRACKING)
def plans():
    state = listing.from_request(agency_overview.PLAN_SORTING.keys())
    found = agency_overview.plans_page(number=state.number, size=state.size, sort=state.sort,
                                       descending=state.descending)
    return render_template("tracker/plans.html", plans=found, listing=state, rag_labels=plan_rows.RAG_LABELS)


@bp.route("/export.<any(csv, xlsx):fmt>")
@roles(*policy.TRACKING)
def export_all(fmt: str):
    return _spreadsheet(plan_rows.all_recommendations(), "all-recommendations", fmt)


@bp.route("/national")
@roles(*policy.TRACKING)
def national():
    page = _recommendations_page(plan_rows.national_page)
    return render_template("tracker/national.html", answers=referrals.standings([r.rec for r in page["rows"]]),
                           answer_counts=referrals.counts(), response_days=referrals.response_days(),
                           answer_labels=NATIONAL_STANDING_LABELS, **page)


@bp.route("/national/export.<any(csv, xlsx):fmt>")
@roles(*policy.TRACKING)
def national_export(fmt: str):
    return _spreadsheet(plan_rows.national_list(), "national-recommendations", fmt)


@bp.route("/agencies/<int:agency_id>")
@roles(*policy.TRACKING)
def agency(agency_id: int):
    found = agencies.get(agency_id) or abort(404)
    return render_template("tracker/agency.html", agency=found,
                           **_recommendations_page(plan_rows.agency_page, found.id, by_agency=False))


@bp.route("/agencies/<int:agency_id>/export.<any(csv, xlsx):fmt>")
@roles(*policy.TRACKING)
def agency_export(agency_id: int, fmt: str):
    found = agencies.get(agency_id) or abort(404)
    return _spreadsheet(plan_rows.agency_list(agency_id), f"recommendations-{found.id}", fmt)


@bp.route("/reviews/<int:review_id>")
@roles(*policy.TRACKING)
def review_plan(review_id: int):
    review = _review_or_404(review_id)
    rows = plan_rows.review_rows(review, user=current_user)
    return render_template(
        "tracker/review_plan.html",
        review=review,
        rows=rows,
        summary=plan_rows.rag_summary(rows),
        rag_labels=plan_rows.RAG_LABELS,
        may_import=policy.may_change_review(current_user, review),
    )


@bp.route("/reviews/<int:review_id>/export.<any(csv, xlsx):fmt>")
@roles(*policy.TRACKING)
def review_export(review_id: int, fmt: str):
    review = _review_or_404(review_id)
    return _spreadsheet(plan_rows.review_rows(review, user=current_user), f"action-plan-{review.reference}", fmt)


# --- One recommendation ---------------------------------------------------------------------

@bp.route("/<int:rec_id>")
@roles(*policy.TRACKING)
def show(rec_id: int):
    rec = _recommendation_or_404(rec_id)
    if not policy.may_see_progress(current_user, rec):
        refuse(f"recommendation {rec.id}'s progress is not for this user")
    return render_template(
        "tracker/show.html",
        rec=rec,
        row=plan_rows.row_for(rec),
        history=history.of_recommendation(rec),
        show_restricted=policy.may_see_notes(current_user, rec.review),
        may_edit=policy.may_change_recommendation(current_user, rec),
        may_assess=policy.may_assess(current_user),
        national_standing=referrals.standing(rec) if rec.is_national else None,
        may_send_national=national_policy.may_send_to_national(current_user, rec),
        advice=quality_advice.recorded(rec),
    )


@bp.route("/updates/<int:update_id>/assess", methods=["GET", "POST"])
@roles(*policy.COORDINATOR)
def assess(update_id: int):
    update = progress.get_update(update_id) or abort(404)
    rec = update.recommendation
    if update.assessment != "pending":
        flash("This update has already been assessed.", "info")
        return redirect(url_for("tracker.show", rec_id=rec.id))
    form = AssessForm()
    if form.validate_on_submit():
        with saving(form):
            progress.assess(update, current_user, form.decision.data, form.message.data or "",
                            form.completed_on.data, form.outcome.data or "", evidence_grade=form.evidence_grade.data)
            flash("Assessment saved. The agency can see it on the recommendation.", "success")
            return redirect(url_for("tracker.show", rec_id=rec.id))
    return render_template("tracker/assess.html", update=update, rec=rec, form=form,
                           accepted_status=progress.accepted_status(update), grade_hints=EVIDENCE_GRADE_HINTS)


@bp.route("/evidence/<int:document_id>")
@roles(*policy.PARTNERSHIP, *policy.AGENCIES)
def evidence(document_id: int):
    document = progress.get_document(document_id)
    if document is None or document.update_id is None:
        abort(404)
    if not policy.may_see_document(current_user, document):
        refuse(f"evidence {document.id} belongs to another agency's recommendation")
    return stored_file(document)


from . import action_routes, bulk_routes, import_routes, national_routes  # noqa: E402,F401  (their routes join bp)
