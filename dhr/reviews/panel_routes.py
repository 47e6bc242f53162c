"""A review's panel and set-up: its panel members, the date its terms of reference were agreed
and its chair's declaration of independence, kept by the review's editors."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import agencies, panel, policy
from dhr.data.policy import panel as panel_policy
from dhr.data.vocab import DocumentKind
from dhr.pipeline import saving

from . import panel_forms
from .shared import agency_choices, bp, changeable_or_403


def _panel_or_403(review_id: int):
    review = changeable_or_403(review_id)
    if not panel_policy.may_change_panel(current_user, review):
        refuse(f"{current_user.role} {current_user.id} may not keep the panel of review {review.id}")
    return review


def _panel_url(review) -> str:
    return url_for("reviews.panel_page", review_id=review.id)


@bp.route("/<int:review_id>/panel")
@roles(*policy.EDITORS)
def panel_page(review_id: int):
    review = _panel_or_403(review_id)
    terms = [d for d in policy.visible_documents(current_user, review) if d.kind == DocumentKind.TERMS_OF_REFERENCE]
    return render_template("reviews/panel.html", review=review, terms=terms, set_up=panel.set_up_outcome(review),
                           unrepresented=panel.agencies_without_members(review),
                           may_declare=panel_policy.may_declare_independence(current_user, review))


def _member_form(member=None) -> panel_forms.PanelMemberForm:
    form = panel_forms.PanelMemberForm(obj=member)
    form.agency_id.choices = agency_choices("Choose an agency")
    return form


def _save_member(review, form, member=None):
    agency = agencies.get(form.agency_id.data) if form.agency_id.data else None
    return panel.save_member(review, agency, form.role.data or "", form.name.data or "", member)


@bp.route("/<int:review_id>/panel/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def new_panel_member(review_id: int):
    review = _panel_or_403(review_id)
    form = _member_form()
    if form.validate_on_submit():
        with saving(form):
            member = _save_member(review, form)
            flash(f"Added the panel member for {member.agency.name}", "success")
            return redirect(_panel_url(review))
    return render_template("reviews/panel_member.html", review=review, form=form, member=None)


@bp.route("/<int:review_id>/panel/<int:member_id>", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def panel_member(review_id: int, member_id: int):
    review = _panel_or_403(review_id)
    member = panel.member_of(review, member_id)
    if member is None:
        abort(404)
    form = _member_form(member)
    if form.validate_on_submit():
        with saving(form):
            _save_member(review, form, member)
            flash(f"Saved the panel member for {member.agency.name}", "success")
            return redirect(_panel_url(review))
    return render_template("reviews/panel_member.html", review=review, form=form, member=member)


@bp.route("/<int:review_id>/panel/<int:member_id>/remove", methods=["POST"])
@roles(*policy.EDITORS)
def remove_panel_member(review_id: int, member_id: int):
    review = _panel_or_403(review_id)
    member = panel.member_of(review, member_id)
    if member is None:
        abort(404)
    panel.remove_member(member)
    flash("Removed the panel member. Their agency stays on the panel until the review's details are edited",
          "success")
    return redirect(_panel_url(review))


@bp.route("/<int:review_id>/panel/terms", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def terms_of_reference(review_id: int):
    review = _panel_or_403(review_id)
    form = panel_forms.TermsForm(agreed_on=review.terms_agreed_on)
    if form.validate_on_submit():
        with saving(form):
            panel.agree_terms(review, form.agreed_on.data)
            flash("Saved the date the terms of reference were agreed", "success")
            return redirect(_panel_url(review))
    return render_template("reviews/panel_terms.html", review=review, form=form)


@bp.route("/<int:review_id>/panel/declaration", methods=["GET", "POST"])
@roles(*panel_policy.DECLARERS)
def declaration(review_id: int):
    review = _panel_or_403(review_id)
    if not panel_policy.may_declare_independence(current_user, review):
        refuse(f"{current_user.role} {current_user.id} is not the chair of review {review.id}")
    form = panel_forms.DeclarationForm(declared_on=review.independence_declared_on,
                                       statement=review.independence_statement)
    if form.validate_on_submit():
        with saving(form):
            panel.declare_independence(review, form.declared_on.data, form.statement.data or "")
            flash("Your declaration of independence is recorded", "success")
            return redirect(_panel_url(review))
    return render_template("reviews/panel_declaration.html", review=review, form=form)
