"""A review's family involvement, recorded by its chair or the coordinator and seen by nobody
else."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import family, policy, reviews
from dhr.data.policy import family as family_policy
from dhr.pipeline import saving

from . import forms
from .shared import bp


def _family_or_403(review_id: int):
    review = reviews.get(review_id) or abort(404)
    if not family_policy.may_record_family(current_user, review):
        refuse(f"{current_user.role} {current_user.id} may not see the family involvement of review {review.id}")
    return review


def _family_url(review) -> str:
    return url_for("reviews.family_involvement", review_id=review.id)


@bp.route("/<int:review_id>/family")
@roles(*policy.EDITORS)
def family_involvement(review_id: int):
    review = _family_or_403(review_id)
    done, standing = family.involvement_outcome(review)
    return render_template("reviews/family.html", review=review, done=done, standing=standing)


def _written(form) -> family.Contact:
    return family.Contact(who=form.who.data or "", route=form.route.data or "", offered_on=form.offered_on.data,
                          participation=form.participation.data or "", saw_terms_on=form.saw_terms_on.data,
                          saw_draft_on=form.saw_draft_on.data, publication_view=form.publication_view.data or "")


@bp.route("/<int:review_id>/family/new", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def new_family_contact(review_id: int):
    review = _family_or_403(review_id)
    form = forms.FamilyContactForm()
    if form.validate_on_submit():
        with saving(form):
            contact = family.save_contact(review, _written(form))
            flash(f"Recorded the offer of contact to {contact.who}", "success")
            return redirect(_family_url(review))
    return render_template("reviews/family_contact.html", review=review, form=form, contact=None)


@bp.route("/<int:review_id>/family/<int:contact_id>", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def family_contact(review_id: int, contact_id: int):
    review = _family_or_403(review_id)
    contact = family.contact_of(review, contact_id)
    if contact is None:
        abort(404)
    form = forms.FamilyContactForm(obj=contact)
    if form.validate_on_submit():
        with saving(form):
            family.save_contact(review, _written(form), contact)
            flash(f"Saved the contact with {contact.who}", "success")
            return redirect(_family_url(review))
    return render_template("reviews/family_contact.html", review=review, form=form, contact=contact)


@bp.route("/<int:review_id>/family/<int:contact_id>/remove", methods=["POST"])
@roles(*policy.EDITORS)
def remove_family_contact(review_id: int, contact_id: int):
    review = _family_or_403(review_id)
    contact = family.contact_of(review, contact_id)
    if contact is None:
        abort(404)
    family.remove_contact(contact)
    flash("Removed the record of contact", "success")
    return redirect(_family_url(review))


@bp.route("/<int:review_id>/family/about", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def family_about(review_id: int):
    review = _family_or_403(review_id)
    form = forms.FamilyAboutForm(pseudonym_chosen_by=review.pseudonym_chosen_by, tribute=review.family_tribute)
    if form.validate_on_submit():
        with saving(form):
            family.save_about(review, form.pseudonym_chosen_by.data or "", form.tribute.data or "")
            flash("Saved the pseudonym's choice and the family's tribute", "success")
            return redirect(_family_url(review))
    return render_template("reviews/family_about.html", review=review, form=form)
