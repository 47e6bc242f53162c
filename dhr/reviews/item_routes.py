"""A review's findings and recommendations, changed by its chair or the coordinator.

A recommendation has one edit page, and every save is checked against the version the
editor read: a stale form gets the conflict page with both versions, and nothing is lost."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr import quality
from dhr.access import roles
from dhr.data import agencies, findings, history, policy, recommendations
from dhr.data.vocab import Status, ThemeKind
from dhr.forms import by_ids, offer_themes, picked_themes
from dhr.numbers import parse_whole
from dhr.pipeline import saving

from . import forms
from .shared import agency_choices, bp, changeable_or_403, finding_choices, show_url, tagged_priority

# --- findings -----------------------------------------------------------------------------

def _finding_form(finding=None) -> forms.FindingForm:
    form = forms.FindingForm(obj=finding)
    offer_themes(form.themes, finding.themes if finding else ())
    form.agencies.choices = agency_choices()
    if finding is not None and request.method == "GET":
        form.themes.data = [t.id for t in finding.themes]
        form.agencies.data = [a.id for a in finding.agencies]
    return form


def _finding_parts(form, finding=None) -> tuple:
    chosen = picked_themes(form.themes, finding.themes if finding is not None else ())
    return form.text.data, chosen, by_ids(agencies.get, form.agencies.data)


@bp.route("/<int:review_id>/findings/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def new_finding(review_id: int):
    review = changeable_or_403(review_id)
    form = _finding_form()
    if form.validate_on_submit():
        with saving(form):
            findings.create(review, *_finding_parts(form))
            flash("Finding added", "success")
            return redirect(show_url(review, "findings"))
    return render_template("reviews/finding.html", form=form, review=review, finding=None)


@bp.route("/<int:review_id>/findings/<int:finding_id>/edit", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def edit_finding(review_id: int, finding_id: int):
    review = changeable_or_403(review_id)
    finding = findings.get_for_review(review, finding_id) or abort(404)
    form = _finding_form(finding)
    if form.validate_on_submit():
        with saving(form):
            findings.update(finding, *_finding_parts(form, finding))
            flash(f"Finding {finding.position} saved", "success")
            return redirect(show_url(review, "findings"))
    return render_template("reviews/finding.html", form=form, review=review, finding=finding)


@bp.route("/<int:review_id>/findings/<int:finding_id>/move", methods=["POST"])
@roles(*policy.EDITORS)
def move_finding(review_id: int, finding_id: int):
    review = changeable_or_403(review_id)
    finding = findings.get_for_review(review, finding_id) or abort(404)
    if not forms.ConfirmForm().validate_on_submit():
        abort(400)
    try:
        findings.move(finding, request.form.get("direction", ""))
    except findings.FindingError as error:
        flash(str(error), "info")
    return redirect(show_url(review, "findings"))


@bp.route("/<int:review_id>/findings/<int:finding_id>/delete", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def delete_finding(review_id: int, finding_id: int):
    review = changeable_or_403(review_id)
    finding = findings.get_for_review(review, finding_id) or abort(404)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        position = finding.position
        findings.delete(finding)
        flash(f"Finding {position} deleted", "success")
        return redirect(show_url(review, "findings"))
    return render_template("reviews/confirm_delete.html", form=form, review=review,
                           what=f"finding {finding.position}", text=finding.text, cancel=show_url(review, "findings"))


# --- recommendations ----------------------------------------------------------------------

def _recommendation_form(review, rec=None, data=None) -> forms.RecommendationForm:
    if data is not None:
        form = forms.RecommendationForm(formdata=None, data=data)
    else:
        form = forms.RecommendationForm(obj=rec)
    form.lead_agency_id.choices = agency_choices("Not yet agreed")
    form.supporting_agencies.choices = agency_choices()
    offer_themes(form.themes, rec.themes if rec else ())
    form.findings.choices = finding_choices(review)
    if rec is not None and request.method == "GET":
        form.supporting_agencies.data = [a.id for a in rec.supporting_agencies]
        form.themes.data = [t.id for t in rec.themes]
        form.findings.data = [f.id for f in rec.findings]
        form.version.data = str(rec.version)
        if rec.strategy_priority is None:
            form.strategy_priority.data = tagged_priority(rec)
    return form


def _details(form, rec=None) -> recommendations.Details:
    """What the form says; a form sent without a status keeps the current one (or starts)."""
    return recommendations.Details(
        number=form.number.data, text=form.text.data, scope=form.scope.data,
        lead_agency=agencies.get(form.lead_agency_id.data) if form.lead_agency_id.data else None,
        supporting_agencies=by_ids(agencies.get, form.supporting_agencies.data),
        action_to_take=form.action_to_take.data, milestones=form.milestones.data,
        target_date=form.target_date.data, strategy_priority=form.strategy_priority.data,
        themes=picked_themes(form.themes, rec.themes if rec is not None else (), (ThemeKind.STRATEGY_PRIORITY,)),
        findings=by_ids(findings.get, form.findings.data),
        status=form.status.data or (rec.status if rec is not None else Status.NOT_STARTED),
        completed_on=form.completed_on.data, outcome=form.outcome.data or "",
        intended_outcome=form.intended_outcome.data or "", outcome_measure=form.outcome_measure.data or "",
    )


@bp.route("/<int:review_id>/recommendations/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def new_recommendation(review_id: int):
    review = changeable_or_403(review_id)
    form = _recommendation_form(review)
    if request.method == "GET":
        form.number.data = str(len(review.recommendations) + 1)
    if form.validate_on_submit():
        details = _details(form)
        flags = quality.advice(details, review)
        if form.check.data:
            return _with_advice(form, review, None, flags)
        with saving(form):
            rec = recommendations.create(review, quality.record_on(details, form, flags), current_user)
            return _saved(review, rec, f"Recommendation {rec.number} added")
    return render_template("reviews/recommendation.html", form=form, review=review, rec=None)


def _with_advice(form, review, rec, flags, saved=False):
    """The form, as typed or as saved, with the quality advice above it."""
    form.shown_flags.data = ",".join(f.name for f in flags)
    return render_template("reviews/recommendation.html", form=form, review=review, rec=rec, advice=flags,
                           advice_saved=saved)


def _saved(review, rec, done: str):
    """Back to the review; or, if the quality check has advice the chair has not answered, to the
    recommendation's form showing it, where they may change it or keep it as written."""
    if quality.unanswered(rec):
        flash(f"{done}. The quality check has advice on it", "success")
        return redirect(url_for("reviews.edit_recommendation", review_id=review.id, rec_id=rec.id))
    flash(done + (", kept as written" if rec.quality_kept else ""), "success")
    return redirect(show_url(review, "recommendations"))


def _version(form) -> int:
    version = parse_whole(form.version.data)
    return -1 if version is None else version  # a form without its version is treated as stale


@bp.route("/<int:review_id>/recommendations/<int:rec_id>/edit", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def edit_recommendation(review_id: int, rec_id: int):
    review = changeable_or_403(review_id)
    rec = recommendations.get_for_review(review, rec_id) or abort(404)
    form = _recommendation_form(review, rec)
    if form.validate_on_submit():
        details = _details(form, rec)
        flags = quality.advice(details, review, rec)
        if form.check.data:
            return _with_advice(form, review, rec, flags)
        try:
            with saving(form):
                recommendations.update(rec, quality.record_on(details, form, flags, rec), _version(form), current_user)
                return _saved(review, rec, f"Recommendation {rec.number} saved")
        except recommendations.EditConflict as conflict:
            return _conflict(review, conflict.recommendation, form)
    if request.method == "GET" and quality.unanswered(rec):
        return _with_advice(form, review, rec, quality.unanswered(rec), saved=True)
    return render_template("reviews/recommendation.html", form=form, review=review, rec=rec)


def _conflict(review, current, form):
    """Both versions side by side, and the form again holding what the person typed but
    carrying the current version, so they can reconcile and save deliberately."""
    typed = {field.name: field.data for field in form if field.name not in ("csrf_token", "submit", "check", "keep")}
    fresh = _recommendation_form(review, current, data=typed)
    fresh.version.data = str(current.version)
    return render_template("reviews/recommendation_conflict.html", review=review, rec=current, yours=typed,
                           form=fresh, history=history.of_recommendation(current)[:10]), 409


@bp.route("/<int:review_id>/recommendations/<int:rec_id>/delete", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def delete_recommendation(review_id: int, rec_id: int):
    review = changeable_or_403(review_id)
    rec = recommendations.get_for_review(review, rec_id) or abort(404)
    form = forms.ConfirmForm()
    problem = None
    if form.validate_on_submit():
        number = rec.number
        try:
            recommendations.delete(rec)
        except recommendations.RecommendationError as error:
            problem = str(error)
        else:
            flash(f"Recommendation {number} deleted", "success")
            return redirect(show_url(review, "recommendations"))
    return render_template("reviews/confirm_delete.html", form=form, review=review,
                           what=f"recommendation {rec.number}", text=rec.text, problem=problem,
                           cancel=show_url(review, "recommendations"))

