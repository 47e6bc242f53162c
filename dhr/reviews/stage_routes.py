"""A review's stages and pauses, recorded by its chair or the coordinator."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from dhr.access import roles
from dhr.data import lifecycle, policy
from dhr.data.vocab import STAGE_LABELS, Stage
from dhr.pipeline import saving

from . import forms
from .shared import bp, changeable_or_403, show_url


@bp.route("/<int:review_id>/stage", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def stage(review_id: int):
    review = changeable_or_403(review_id)
    target = lifecycle.next_stage(review)
    if target is None:
        flash("This review has no further stage", "info")
        return redirect(show_url(review))
    if target == Stage.PUBLISHED:
        return redirect(url_for("reviews.before_publishing", review_id=review.id))
    if target == Stage.APPROVED and review.qa_rounds:
        flash("Record the approval from the Quality Assurance Panel's letter that gives it", "info")
        return redirect(url_for("reviews.qa_panel", review_id=review.id))
    deciding = target == Stage.DECISION
    form = forms.DecisionForm() if deciding else forms.StageForm()
    if form.validate_on_submit():
        with saving(form):
            _record_stage(review, target, form)
            flash(f"Stage recorded: {STAGE_LABELS[Stage(review.stage)]}", "success")
            return redirect(show_url(review, "timeline"))
    return render_template("reviews/stage.html", form=form, review=review, target=target, deciding=deciding,
                           floor=lifecycle.latest_date(review))


def _record_stage(review, target, form) -> None:
    if target != Stage.DECISION:
        lifecycle.advance(review, target, form.on.data)
    elif form.outcome.data == "not_commissioned":
        lifecycle.not_commissioned(review, form.on.data, form.reason.data)
    else:
        lifecycle.commission(review, form.on.data, form.reason.data, form.home_office_notified_on.data)


@bp.route("/<int:review_id>/pause", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def pause(review_id: int):
    review = changeable_or_403(review_id)
    form = forms.PauseForm()
    if form.validate_on_submit():
        with saving(form):
            lifecycle.start_pause(review, form.started_on.data, form.reason.data, form.note.data)
            flash("Pause recorded", "success")
            return redirect(show_url(review, "timeline"))
    return render_template("reviews/pause.html", form=form, review=review)


@bp.route("/<int:review_id>/pause/end", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def end_pause(review_id: int):
    review = changeable_or_403(review_id)
    if not review.is_paused:
        flash("The review is not paused", "info")
        return redirect(show_url(review))
    form = forms.EndPauseForm()
    if form.validate_on_submit():
        with saving(form):
            lifecycle.end_pause(review, form.ended_on.data)
            flash("End of pause recorded", "success")
            return redirect(show_url(review, "timeline"))
    return render_template("reviews/end_pause.html", form=form, review=review)
