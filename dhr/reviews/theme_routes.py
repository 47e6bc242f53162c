"""Suggested themes for a review's learning that has none: the chair or coordinator accepts or
changes them for every item at once."""
from __future__ import annotations

from flask import flash, redirect, render_template, request
from flask_login import current_user

from dhr.access import roles
from dhr.data import policy, theme_tagging
from dhr.pipeline import saving
from dhr.wording import counted
from search import indexing, theme_suggestions

from . import forms
from .shared import bp, changeable_or_403, show_url


def _suggestions(items) -> tuple[dict[str, list], bool]:
    """Each item's suggestions, and whether they could read the learning already tagged (not
    while this server's search index is being built: then from the themes' names alone)."""
    themes = theme_suggestions.taggable_themes()
    try:
        return {theme_tagging.item_key(item): theme_suggestions.suggest(item.text, themes, user=current_user)
                for item in items}, True
    except indexing.IndexUnavailable:
        return {theme_tagging.item_key(item): theme_suggestions.suggest(item.text, themes, from_tagged=False)
                for item in items}, False


@bp.route("/<int:review_id>/suggested-themes", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def suggested_themes(review_id: int):
    review = changeable_or_403(review_id)
    items = theme_tagging.untagged(review)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        chosen = {theme_tagging.item_key(item): request.form.getlist(theme_tagging.item_key(item)) for item in items}
        with saving(form, place=lambda error: setattr(form.submit, "errors", [str(error)])):
            tagged = theme_tagging.tag_in_bulk(review, chosen)
            flash(f"Themes added to {counted(tagged, 'item')}", "success")
            return redirect(show_url(review, "findings"))
    suggestions, from_tagged = _suggestions(items)
    return render_template("reviews/suggested_themes.html", review=review, items=items, form=form,
                           suggestions=suggestions, from_tagged=from_tagged, key=theme_tagging.item_key,
                           chosen={k: request.form.getlist(k) for k in request.form} if request.method == "POST"
                           else None)
