"""Learning into practice: the briefings, training sessions and bulletins that shared reviews'
learning, recorded by the partnership and its trainers, and listed by kind and theme."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr import listing
from dhr.access import refuse, roles
from dhr.data import briefings, reviews
from dhr.data.policy import briefings as briefing_policy
from dhr.data.practice_vocab import BRIEFING_KIND_LABELS
from dhr.forms import offer_themes
from dhr.pipeline import saving
from dhr.wording import shortened

from . import forms

bp = Blueprint("briefings", __name__, url_prefix="/briefings")

RECOMMENDATION_LABEL_CHARACTERS = 90


def _visible_or_404(briefing_id: int):
    briefing = briefings.get(briefing_id)
    if briefing is None or not briefing_policy.may_see_briefing(current_user, briefing):
        abort(404)
    return briefing


def _changeable_or_403(briefing_id: int):
    briefing = _visible_or_404(briefing_id)
    if not briefing_policy.may_change_briefing(current_user, briefing):
        refuse(f"{current_user.role} {current_user.id} did not record briefing {briefing.id}")
    return briefing


@bp.route("/")
@roles(*briefing_policy.READERS)
def index():
    state = listing.from_request(())
    filters = briefings.ListFilters(kind=state.choice("kind", BRIEFING_KIND_LABELS),
                                    theme_id=state.whole("theme"))
    return render_template("briefings/index.html", page=briefings.page_of(current_user, filters, state.number),
                           listing=state, filters=filters, kinds=BRIEFING_KIND_LABELS,
                           themes=briefings.themes_in_use(),
                           may_record=briefing_policy.may_record_briefings(current_user))


def _offer(form, linked_reviews, briefing=None) -> None:
    offer_themes(form.themes, briefing.themes if briefing else ())
    form.recommendations.choices = [
        (rec.id, f"{review.reference} recommendation {rec.number}: "
                 f"{shortened(rec.text, RECOMMENDATION_LABEL_CHARACTERS)}")
        for review in linked_reviews for rec in review.recommendations]


def _written(form) -> briefings.Written:
    return briefings.Written(
        kind=form.kind.data or "", title=form.title.data or "", held_on=form.held_on.data,
        audience=form.audience.data or "", reached=form.reached_number, description=form.description.data or "",
        references=form.references.data or "", theme_ids=tuple(form.themes.data or ()),
        recommendation_ids=tuple(form.recommendations.data or ()))


def _starting_review():
    review = reviews.get(request.args.get("review", 0, type=int) or 0)
    return review if review is not None and briefing_policy.may_link_review(current_user, review) else None


@bp.route("/new", methods=["GET", "POST"])
@roles(*briefing_policy.RECORDERS)
def new():
    start = _starting_review()
    form = forms.BriefingForm(references=start.reference if start else "")
    named = [r for r in (reviews.by_reference_in_any_case(ref) for ref in
                         briefings.split_references(form.references.data)) if r is not None
             and briefing_policy.may_link_review(current_user, r)]
    _offer(form, named)
    if form.validate_on_submit():
        with saving(form):
            made = briefings.save(current_user, _written(form))
            flash(f"Recorded ‘{made.title}’", "success")
            return redirect(url_for("briefings.show", briefing_id=made.id))
    return render_template("briefings/form.html", form=form, briefing=None, start=start)


@bp.route("/<int:briefing_id>")
@roles(*briefing_policy.READERS)
def show(briefing_id: int):
    briefing = _visible_or_404(briefing_id)
    return render_template("briefings/show.html", briefing=briefing,
                           may_change=briefing_policy.may_change_briefing(current_user, briefing))


@bp.route("/<int:briefing_id>/edit", methods=["GET", "POST"])
@roles(*briefing_policy.RECORDERS)
def edit(briefing_id: int):
    briefing = _changeable_or_403(briefing_id)
    form = forms.BriefingForm(obj=briefing, references="\n".join(r.reference for r in briefing.reviews))
    if request.method == "GET":
        form.themes.data = [t.id for t in briefing.themes]
        form.recommendations.data = [r.id for r in briefing.recommendations]
        form.reached.data = str(briefing.reached or "")
    _offer(form, briefing.reviews, briefing)
    if form.validate_on_submit():
        with saving(form):
            briefings.save(current_user, _written(form), briefing)
            flash("Saved the briefing", "success")
            return redirect(url_for("briefings.show", briefing_id=briefing.id))
    return render_template("briefings/form.html", form=form, briefing=briefing, start=None)


@bp.route("/<int:briefing_id>/delete", methods=["GET", "POST"])
@roles(*briefing_policy.RECORDERS)
def delete(briefing_id: int):
    briefing = _changeable_or_403(briefing_id)
    form = forms.DeleteForm()
    if form.validate_on_submit():
        title = briefing.title
        briefings.delete(briefing)
        flash(f"Deleted ‘{title}’", "success")
        return redirect(url_for("briefings.index"))
    return render_template("briefings/delete.html", form=form, briefing=briefing)
