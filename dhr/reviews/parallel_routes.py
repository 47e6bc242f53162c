"""The processes running beside a review, kept by its editors: recording one that is under way
offers to pause the review, and recording its end offers to end the pause (each a page that
asks, never done by itself)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import parallel, policy
from dhr.data.policy import panel as panel_policy
from dhr.pipeline import saving
from dhr.wording import shortened

from . import panel_forms
from .shared import bp, changeable_or_403, show_url


def _review_or_403(review_id: int):
    review = changeable_or_403(review_id)
    if not panel_policy.may_record_processes(current_user, review):
        refuse(f"{current_user.role} {current_user.id} may not record the processes of review {review.id}")
    return review


def _process_or_404(review, process_id: int):
    process = parallel.process_of(review, process_id)
    if process is None:
        abort(404)
    return process


def _list_url(review) -> str:
    return url_for("reviews.parallel_processes", review_id=review.id)


@bp.route("/<int:review_id>/processes")
@roles(*policy.EDITORS)
def parallel_processes(review_id: int):
    review = _review_or_403(review_id)
    return render_template("reviews/processes.html", review=review)


def _written(form) -> parallel.Written:
    return parallel.Written(kind=form.kind.data or "", reference=form.reference.data or "",
                            started_on=form.started_on.data, ended_on=form.ended_on.data,
                            outcome=form.outcome.data or "", pfd_report_on=form.pfd_report_on.data,
                            linked_reference=form.linked_reference.data or "")


def _after_saving(review, process, was_ended: bool):
    if parallel.pause_offered(review, process):
        return redirect(url_for("reviews.process_pause", review_id=review.id, process_id=process.id))
    if not was_ended and parallel.end_offered(review, process):
        return redirect(url_for("reviews.process_end_pause", review_id=review.id, process_id=process.id))
    return redirect(_list_url(review))


@bp.route("/<int:review_id>/processes/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def new_parallel_process(review_id: int):
    review = _review_or_403(review_id)
    form = panel_forms.ParallelProcessForm()
    if form.validate_on_submit():
        with saving(form):
            process = parallel.save(review, _written(form))
            flash("Recorded the parallel process", "success")
            return _after_saving(review, process, was_ended=False)
    return render_template("reviews/process.html", review=review, form=form, process=None)


@bp.route("/<int:review_id>/processes/<int:process_id>", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def parallel_process(review_id: int, process_id: int):
    review = _review_or_403(review_id)
    process = _process_or_404(review, process_id)
    form = panel_forms.ParallelProcessForm(obj=process, linked_reference=(
        process.linked_review.reference if process.linked_review else ""))
    if form.validate_on_submit():
        was_ended = process.ended_on is not None
        with saving(form):
            parallel.save(review, _written(form), process)
            flash("Saved the parallel process", "success")
            return _after_saving(review, process, was_ended)
    return render_template("reviews/process.html", review=review, form=form, process=process)


@bp.route("/<int:review_id>/processes/<int:process_id>/remove", methods=["POST"])
@roles(*policy.EDITORS)
def remove_parallel_process(review_id: int, process_id: int):
    review = _review_or_403(review_id)
    parallel.remove(_process_or_404(review, process_id))
    flash("Removed the parallel process. Any pause it began stays recorded", "success")
    return redirect(_list_url(review))


@bp.route("/<int:review_id>/processes/<int:process_id>/pause", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def process_pause(review_id: int, process_id: int):
    review = _review_or_403(review_id)
    process = _process_or_404(review, process_id)
    form, problems = panel_forms.OfferForm(), []
    if form.validate_on_submit():
        with saving(form, lambda error: problems.append(str(error))):
            parallel.pause_for(review, process)
            flash("The review is paused", "success")
            return redirect(show_url(review, "timeline"))
    return render_template("reviews/process_offer.html", review=review, process=process, form=form, ending=False,
                           problems=problems, offered=parallel.pause_offered(review, process))


@bp.route("/<int:review_id>/processes/<int:process_id>/end-pause", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def process_end_pause(review_id: int, process_id: int):
    review = _review_or_403(review_id)
    process = _process_or_404(review, process_id)
    form, problems = panel_forms.OfferForm(), []
    if form.validate_on_submit():
        with saving(form, lambda error: problems.append(str(error))):
            parallel.end_pause_for(review, process)
            flash("The pause has ended", "success")
            return redirect(show_url(review, "timeline"))
    return render_template("reviews/process_offer.html", review=review, process=process, form=form, ending=True,
                           problems=problems, offered=parallel.end_offered(review, process))


def _action_choices(actions, blank: str) -> list[tuple]:
    return [("", blank)] + [(a.id, f"Action {a.number}: {shortened(a.text or a.recommendation.text, 80)}")
                            for a in actions]


@bp.route("/<int:review_id>/processes/<int:process_id>/shared", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def shared_actions(review_id: int, process_id: int):
    """Actions that are the same work in this review and the review a SAR or CSPR is kept as."""
    review = _review_or_403(review_id)
    process = _process_or_404(review, process_id)
    ours = [a for rec in review.recommendations for a in rec.actions]
    theirs = parallel.linked_actions(process)
    form = panel_forms.SharedActionForm()
    form.action_id.choices = _action_choices(ours, "Choose an action")
    form.shared_with_id.choices = _action_choices(theirs, "Choose an action")
    if form.validate_on_submit():
        by_id = {a.id: a for a in [*ours, *theirs]}
        with saving(form):
            parallel.share_action(process, by_id.get(form.action_id.data), by_id.get(form.shared_with_id.data))
            flash("Recorded the shared action: it is counted once", "success")
            return redirect(url_for("reviews.shared_actions", review_id=review.id, process_id=process.id))
    return render_template("reviews/shared_actions.html", review=review, process=process, form=form,
                           shared=parallel.shared_actions(process))


@bp.route("/<int:review_id>/processes/<int:process_id>/shared/<int:action_id>/remove", methods=["POST"])
@roles(*policy.EDITORS)
def stop_sharing_action(review_id: int, process_id: int, action_id: int):
    review = _review_or_403(review_id)
    process = _process_or_404(review, process_id)
    action = next((a for a in parallel.shared_actions(process) if a.id == action_id), None)
    if action is not None:
        parallel.stop_sharing(action)
        flash(f"Action {action.number} is no longer shared: it is counted on its own", "success")
    return redirect(url_for("reviews.shared_actions", review_id=review.id, process_id=process.id))
