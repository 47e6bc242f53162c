"""A review's Home Office Quality Assurance Panel, recorded by its chair or the coordinator: each
submission, the panel's letter and its outcome, the areas for final development as tasks, the
resubmission and the approval."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import agencies, policy
from dhr.data import qa_panel as qa_data
from dhr.data.policy import qa_panel as qa_policy
from dhr.data.practice_vocab import PANEL_OUTCOME_LABELS
from dhr.pipeline import saving

from . import qa_forms
from .shared import agency_choices, bp, changeable_or_403


def _qa_or_403(review_id: int):
    review = changeable_or_403(review_id)
    if not qa_policy.may_record_qa_panel(current_user, review):
        refuse(f"{current_user.role} {current_user.id} may not record the QA panel of review {review.id}")
    return review


def _qa_url(review) -> str:
    return url_for("reviews.qa_panel", review_id=review.id)


@bp.route("/<int:review_id>/qa-panel")
@roles(*policy.EDITORS)
def qa_panel(review_id: int):
    review = _qa_or_403(review_id)
    return render_template("reviews/qa_panel.html", review=review, latest=qa_data.latest(review),
                           still_open=qa_data.open_areas(review))


@bp.route("/<int:review_id>/qa-panel/submission", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def qa_submission(review_id: int):
    review = _qa_or_403(review_id)
    first = not review.qa_rounds
    form = qa_forms.SubmissionForm(on=review.submitted_on if first else None)
    if form.validate_on_submit():
        with saving(form):
            panel_round = qa_data.record_submission(review, form.on.data)
            flash("Recorded the submission to the Home Office" if first else
                  f"Recorded resubmission {panel_round.number - 1} to the Home Office", "success")
            return redirect(_qa_url(review))
    return render_template("reviews/qa_submission.html", review=review, form=form, first=first,
                           still_open=qa_data.open_areas(review))


def _round_or_404(review, round_id: int):
    return qa_data.round_of(review, round_id) or abort(404)


@bp.route("/<int:review_id>/qa-panel/<int:round_id>/letter", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def qa_letter(review_id: int, round_id: int):
    review = _qa_or_403(review_id)
    panel_round = _round_or_404(review, round_id)
    form = qa_forms.LetterForm(panel_on=panel_round.panel_on, outcome=panel_round.panel_outcome or None,
                               publish_letter=panel_round.publish_letter)
    if form.validate_on_submit():
        file = form.letter.data
        written = qa_data.Letter(
            panel_on=form.panel_on.data, outcome=form.outcome.data or "", publish_letter=bool(form.publish_letter.data),
            filename=getattr(file, "filename", "") or "", content=file.read() if getattr(file, "filename", "") else b"")
        with saving(form):
            qa_data.record_letter(panel_round, written, current_user)
            flash(f"Recorded the panel's letter: {PANEL_OUTCOME_LABELS[panel_round.panel_outcome].lower()}", "success")
            return redirect(_qa_url(review))
    return render_template("reviews/qa_letter.html", review=review, form=form, panel_round=panel_round)


def _area_form(**values) -> qa_forms.AreaForm:
    form = qa_forms.AreaForm(**values)
    form.owner_agency_id.choices = agency_choices("No agency (a person owns it)")
    return form


def _written_area(form) -> qa_data.Area:
    agency = agencies.get(form.owner_agency_id.data) if form.owner_agency_id.data else None
    return qa_data.Area(text=form.text.data or "", state=form.state.data or "",
                         owner_person=form.owner_person.data or "", owner_agency=agency, done_on=form.done_on.data,
                         note=form.note.data or "")


@bp.route("/<int:review_id>/qa-panel/<int:round_id>/areas/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def new_qa_area(review_id: int, round_id: int):
    review = _qa_or_403(review_id)
    panel_round = _round_or_404(review, round_id)
    form = _area_form(state="to_do")
    if form.validate_on_submit():
        with saving(form):
            qa_data.save_area(panel_round, _written_area(form))
            flash("Added the area for final development", "success")
            return redirect(_qa_url(review))
    return render_template("reviews/qa_area.html", review=review, form=form, area=None)


def _area_or_404(review, area_id: int):
    return qa_data.area_of(review, area_id) or abort(404)


@bp.route("/<int:review_id>/qa-panel/areas/<int:area_id>", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def qa_area(review_id: int, area_id: int):
    review = _qa_or_403(review_id)
    area = _area_or_404(review, area_id)
    form = _area_form(obj=area)
    if form.validate_on_submit():
        with saving(form):
            qa_data.save_area(area.round, _written_area(form), area)
            flash("Saved the area for final development", "success")
            return redirect(_qa_url(review))
    return render_template("reviews/qa_area.html", review=review, form=form, area=area)


@bp.route("/<int:review_id>/qa-panel/areas/<int:area_id>/remove", methods=["POST"])
@roles(*policy.EDITORS)
def remove_qa_area(review_id: int, area_id: int):
    review = _qa_or_403(review_id)
    qa_data.remove_area(_area_or_404(review, area_id))
    flash("Removed the area for final development", "success")
    return redirect(_qa_url(review))
