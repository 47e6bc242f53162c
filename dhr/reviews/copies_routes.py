"""The statutory copies of a review's report and the partnership's publication register."""
from __future__ import annotations

import datetime as dt

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from dhr import listing
from dhr.access import roles
from dhr.data import audit, policy, statutory_copies
from dhr.dates import numeric_date
from dhr.downloads import SPREADSHEET_TYPES, attachment
from dhr.pipeline import saving
from exports import tables

from . import forms
from .shared import bp, changeable_or_403, show_url

REGISTER_HEADERS = ["Reference", "Pseudonym", "Approved by the Home Office", "Copy sent to the Commissioner",
                    "Published", "Web address", "Uploaded to the DHR Library", "Due to come down"]


@bp.route("/<int:review_id>/copies", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def statutory_copies_form(review_id: int):
    review = changeable_or_403(review_id)
    form = forms.StatutoryCopiesForm(obj=review)
    if form.validate_on_submit():
        with saving(form):
            statutory_copies.record(review, commissioner_copy_on=form.commissioner_copy_on.data,
                                    published_url=form.published_url.data or "",
                                    library_uploaded_on=form.library_uploaded_on.data)
            flash("Saved the statutory copies and publication record", "success")
            return redirect(show_url(review, "copies"))
    return render_template("reviews/copies.html", form=form, review=review)


@bp.route("/publication-register")
@roles(*policy.EDITORS)
def publication_register():
    state = listing.from_request(())
    need = state.choice("need", statutory_copies.NEEDS)
    page = statutory_copies.register_page(current_user, need, state.number)
    counts = statutory_copies.counts_needing(current_user)
    return render_template("reviews/publication_register.html", page=page, listing=state, need=need, counts=counts,
                           needs=statutory_copies.NEEDS, years_up=statutory_copies.years_up(),
                           today=dt.date.today(), may_set_rule=current_user.role in policy.COORDINATOR)


def _register_row(record) -> list[str]:
    review = record.review
    return [review.reference, review.pseudonym, numeric_date(review.approved_on),
            numeric_date(review.commissioner_copy_on),
            numeric_date(review.published_on) if review.published else "", review.published_url,
            numeric_date(review.library_uploaded_on), numeric_date(record.comes_down_on)]


@bp.route("/publication-register.csv")
@roles(*policy.EDITORS)
def publication_register_csv():
    today = dt.date.today()
    rows = [_register_row(record) for record in statutory_copies.register_rows(current_user, today)]
    audit.record("export", "report", None, what="publication register", format="csv", rows=len(rows))
    return attachment(tables.to_csv(REGISTER_HEADERS, rows), SPREADSHEET_TYPES["csv"],
                      f"publication-register-{today:%Y-%m-%d}", "csv")


@bp.route("/publication-register/rule", methods=["GET", "POST"])
@roles(*policy.COORDINATOR)
def publication_rule():
    years = statutory_copies.years_up()
    form = forms.YearsUpForm(years=str(years or ""))
    if form.validate_on_submit():
        with saving(form):
            chosen = int(form.years.data) if form.years.data else None
            statutory_copies.set_years_up(chosen)
            flash("Saved how long published reports stay up", "success")
            return redirect(url_for("reviews.publication_register"))
    return render_template("reviews/publication_rule.html", form=form)
