"""Reviews: the list, the review page and the chair's changes to a review's details. Stages,
findings, recommendations and documents have their own modules on the same blueprint.

Who may see or change a review is the access policy's (dhr.data.policy): every changing
route finds its review through `changeable_or_403`."""
from __future__ import annotations

import datetime as dt

from flask import flash, redirect, render_template, request
from flask_login import current_user

from dhr import listing
from dhr.access import roles
from dhr.data import (
    agencies,
    briefings,
    contributions,
    history,
    lifecycle,
    plan_rows,
    policy,
    processes,
    reading,
    reviews,
    statutory_copies,
    theme_tagging,
    timeline,
    users,
)
from dhr.data.policy import briefings as briefing_policy
from dhr.data.policy import contributions as contribution_policy
from dhr.data.policy import family as family_policy
from dhr.data.policy import links
from dhr.data.policy import panel as panel_policy
from dhr.data.vocab import REVIEW_TYPE_LABELS, Role, Stage
from dhr.dates import parse_year
from dhr.forms import by_ids, offer_themes, picked_themes
from dhr.pipeline import saving

from . import forms
from .shared import agency_choices, bp, changeable_or_403, show_url, visible_or_404

__all__ = ["bp"]


def _list_filters(listing) -> reviews.ListFilters:
    return reviews.ListFilters(
        stage=listing.choice("stage", {s.value for s in Stage}),
        review_type=listing.choice("type", {t.value for t in REVIEW_TYPE_LABELS}),
        year=parse_year(listing.arg("year") or None),
        lateness=listing.choice("lateness", reviews.LATENESS),
        chair_id=listing.whole("chair"),
        paused=listing.arg("paused") == "yes",
    )


@bp.route("/")
@roles(Role.ADMIN, Role.CHAIR, Role.TRAINER)
def index():
    state = listing.from_request(reviews.SORTING.keys())
    filters = _list_filters(state)
    found = reviews.page_of(current_user, filters, number=state.number, size=state.size, sort=state.sort,
                            descending=state.descending)
    today = dt.date.today()
    partnership = policy.is_partnership(current_user)
    return render_template(
        "reviews/index.html",
        can_import_register=policy.is_coordinator(current_user),
        reviews=found,
        listing=state,
        filters=filters,
        standings={r.id: lifecycle.standing(r, today) for r in found},
        years=reviews.years(current_user),
        chairs=reviews.chairs() if partnership else [],
        stages=[*processes.current().stages, Stage.NOT_COMMISSIONED],
        can_create=policy.may_create_review(current_user),
        review_types=[(k.value, v) for k, v in REVIEW_TYPE_LABELS.items()],
        lateness=reviews.LATENESS,
    )


@bp.route("/<int:review_id>")
@roles(*policy.READERS_OF_REVIEWS)
def show(review_id: int):
    review = visible_or_404(review_id)
    today = dt.date.today()
    process = processes.current()
    being_read = reading.being_read(review)
    shown = policy.visible_recommendations(current_user, review)
    return render_template(
        "reviews/show.html",
        being_read=being_read,
        own_reading={doc_id for doc_id, job in being_read.items() if policy.may_see_job(current_user, job)},
        review=review,
        editable=policy.may_change_review(current_user, review),
        sees_restricted=policy.may_see_notes(current_user, review),
        recommendations=shown,
        answering=links.within(shown, review.findings),
        deadlines=lifecycle.deadlines(review, today, process),
        process=process,
        timeline=timeline.of_review(review, today, include_notes=policy.may_see_pause_notes(current_user),
                                    include_reason=policy.may_see_decision_reason(current_user)),
        documents=policy.visible_documents(current_user, review),
        sees_decision_reason=policy.may_see_decision_reason(current_user),
        next_stage=lifecycle.next_stage(review, process),
        paused_days=lifecycle.paused_days(review, today),
        history=history.of_review(review) if policy.may_see_history(current_user) else [],
        rag_labels=plan_rows.RAG_LABELS,
        confirm_form=forms.ConfirmForm(),
        untagged=len(theme_tagging.untagged(review)) if policy.may_change_review(current_user, review) else 0,
        copies=statutory_copies.record_of(review),
        shared=briefings.of_review(current_user, review),
        may_record_briefings=briefing_policy.may_record_briefings(current_user),
        sees_family=family_policy.may_see_family(current_user, review),
        sees_panel=panel_policy.may_see_panel(current_user, review),
        contributions=contributions.summary(review, today)
        if contribution_policy.may_manage_contributions(current_user, review) else None,
    )


def _review_form(review=None) -> forms.ReviewForm:
    form = forms.ReviewForm(obj=review)
    if policy.may_reassign_chair(current_user):
        form.chair_id.choices = [("", "Not yet appointed")] + [(u.id, u.name) for u in reviews.chairs()]
    else:
        form.chair_id.choices = [(current_user.id, current_user.name)]
        form.chair_id.description = "You chair the reviews you create; the coordinator can reassign them"
    form.panel_agencies.choices = agency_choices()
    offer_themes(form.own_themes, review.own_themes if review else ())
    if review is not None and request.method == "GET":
        form.panel_agencies.data = [a.id for a in review.panel_agencies]
        form.own_themes.data = [t.id for t in review.own_themes]
    return form


def _review_values(form, review=None) -> dict:
    if policy.may_reassign_chair(current_user):
        chair = users.get(form.chair_id.data) if form.chair_id.data else None
    else:
        chair = review.chair if review is not None else current_user
    return dict(
        reference=form.reference.data, notified_on=form.notified_on.data, chair=chair,
        review_type=form.review_type.data, death_category=form.death_category.data, pseudonym=form.pseudonym.data,
        summary=form.summary.data, restricted_notes=form.restricted_notes.data,
        never_publish_terms=form.never_publish_terms.data,
        panel_agencies=by_ids(agencies.get, form.panel_agencies.data),
        own_themes=picked_themes(form.own_themes, review.own_themes if review is not None else ()),
    )


@bp.route("/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def new():
    form = _review_form()
    if request.method == "GET" and not policy.may_reassign_chair(current_user):
        form.chair_id.data = current_user.id
    if form.validate_on_submit():
        with saving(form):
            review = reviews.create(**_review_values(form))
            flash(f"Review {review.reference} created", "success")
            return redirect(show_url(review))
    return render_template("reviews/form.html", form=form, review=None)


@bp.route("/<int:review_id>/edit", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def edit(review_id: int):
    review = changeable_or_403(review_id)
    form = _review_form(review)
    if form.validate_on_submit():
        with saving(form):
            reviews.update(review, **_review_values(form, review))
            flash("Review details saved", "success")
            return redirect(show_url(review))
    return render_template("reviews/form.html", form=form, review=review)


# Their routes join bp.
from . import (  # noqa: E402,F401
    action_routes,
    contribution_routes,
    copies_routes,
    document_routes,
    family_routes,
    item_routes,
    onboarding_routes,
    panel_routes,
    parallel_routes,
    publish_routes,
    qa_panel_routes,
    register_routes,
    scoping_routes,
    stage_routes,
    theme_routes,
)
