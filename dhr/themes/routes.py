"""The partnership coordinator edits the theme list. Retiring a theme hides it from new
tagging but keeps it on everything already tagged (and in the audit trail)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from dhr import listing
from dhr.access import roles
from dhr.data import themes
from dhr.data.vocab import THEME_KIND_LABELS, Role
from dhr.pipeline import saving

from .forms import ButtonForm, ThemeForm

bp = Blueprint("themes", __name__, url_prefix="/admin/themes")


@bp.route("/")
@roles(Role.ADMIN)
def index():
    state = listing.from_request(themes.SORTING.keys())
    filters = {"kind": state.choice("kind", THEME_KIND_LABELS), "state": state.choice("state", themes.THEME_STATES)}
    listed = themes.page_of_themes(**filters, number=state.number, size=state.size, sort=state.sort,
                                   descending=state.descending)
    return render_template("themes/index.html", themes=listed, listing=state, filters=filters,
                           kinds=THEME_KIND_LABELS, button=ButtonForm())


def _form(theme=None) -> ThemeForm:
    form = ThemeForm(obj=theme)
    form.parent_id.choices = [("", "None (a top-level theme)")] + [
        (t.id, t.name) for t in themes.all_themes() if theme is None or t.id != theme.id
    ]
    return form


def _save(form: ThemeForm, theme=None):
    parent = themes.get(form.parent_id.data) if form.parent_id.data else None
    return themes.save(theme, name=form.name.data, kind=form.kind.data, description=form.description.data,
                       synonyms=form.synonyms.data, parent=parent, strategy_priority=form.strategy_priority.data)


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.ADMIN)
def new():
    form = _form()
    if form.validate_on_submit():
        with saving(form):
            theme = _save(form)
            flash(f"Theme “{theme.name}” added", "success")
            return redirect(url_for("themes.index"))
    return render_template("themes/form.html", form=form, theme=None)


@bp.route("/<int:theme_id>/edit", methods=["GET", "POST"])
@roles(Role.ADMIN)
def edit(theme_id: int):
    theme = themes.get(theme_id) or abort(404)
    form = _form(theme)
    if form.validate_on_submit():
        with saving(form):
            _save(form, theme)
            flash(f"Theme “{theme.name}” saved", "success")
            return redirect(url_for("themes.index"))
    return render_template("themes/form.html", form=form, theme=theme, usage=themes.usage(theme))


@bp.route("/<int:theme_id>/retire", methods=["POST"])
@roles(Role.ADMIN)
def retire(theme_id: int):
    theme = themes.get(theme_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    themes.retire(theme)
    flash(f"Theme “{theme.name}” retired: it stays on what is already tagged but is no longer offered", "success")
    return redirect(listing.back_to("themes.index"))


@bp.route("/<int:theme_id>/restore", methods=["POST"])
@roles(Role.ADMIN)
def restore(theme_id: int):
    theme = themes.get(theme_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    themes.restore(theme)
    flash(f"Theme “{theme.name}” is offered again", "success")
    return redirect(listing.back_to("themes.index"))
