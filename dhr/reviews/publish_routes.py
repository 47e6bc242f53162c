"""Before publishing a review: the task list, the family's sight of the report, and publishing
itself on a page of its own that asks for confirmation."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from dhr.access import roles
from dhr.data import lifecycle, policy, publishing
from dhr.data.vocab import Stage
from dhr.pipeline import saving

from . import forms
from .shared import bp, changeable_or_403, show_url

# Where each task is done.
TASK_PLACES = {
    "overview": ("reviews.show", "documents"),
    "summary": ("reviews.show", "documents"),
    "findings": ("reviews.show", "findings"),
    "recommendations": ("reviews.show", "recommendations"),
    "check": ("reviews.publication_check", None),
    "involvement": ("reviews.family_involvement", None),
    "family": ("reviews.family_saw_report", None),
    "approval": ("reviews.qa_panel", None),
}


def _publishing_next_or_none(review_id: int):
    review = changeable_or_403(review_id)
    return review, lifecycle.next_stage(review) == Stage.PUBLISHED


def task_url(review, task) -> str:
    endpoint, anchor = TASK_PLACES[task.key]
    return url_for(endpoint, review_id=review.id, _anchor=anchor)


@bp.route("/<int:review_id>/before-publishing")
@roles(*policy.EDITORS)
def before_publishing(review_id: int):
    review, next_is_publishing = _publishing_next_or_none(review_id)
    if not next_is_publishing:
        flash("Publishing comes after the Quality Assurance Panel's approval is recorded", "info")
        return redirect(show_url(review))
    tasks = publishing.tasks(review)
    return render_template("reviews/before_publishing.html", review=review, tasks=tasks,
                           task_url=task_url, ready=all(task.done for task in tasks))


@bp.route("/<int:review_id>/family-saw-report", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def family_saw_report(review_id: int):
    review = changeable_or_403(review_id)
    form = forms.FamilySawReportForm(on=review.family_saw_draft_on)
    if form.validate_on_submit():
        with saving(form):
            publishing.record_family_saw_report(review, form.on.data)
            flash("Recorded when the family saw the report", "success")
            return redirect(url_for("reviews.before_publishing", review_id=review.id))
    return render_template("reviews/family_saw_report.html", form=form, review=review)


@bp.route("/<int:review_id>/publish", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def publish(review_id: int):
    review, next_is_publishing = _publishing_next_or_none(review_id)
    if not next_is_publishing or publishing.outstanding(review):
        return redirect(url_for("reviews.before_publishing", review_id=review.id))
    form = forms.PublishForm()
    if form.validate_on_submit():
        with saving(form):
            lifecycle.advance(review, Stage.PUBLISHED, form.on.data)
            flash("The review is published", "success")
            return redirect(show_url(review, "timeline"))
    return render_template("reviews/publish.html", form=form, review=review, floor=lifecycle.latest_date(review))
