"""Each person's home page at `/`: what needs them now, with counts that link to the lists they
count. Which page is whose, and what it may count, is the access policy's (dhr.data.policy)."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from dhr.access import signed_in
from dhr.data import action_rows, homes, national, policy, reviews
from dhr.data.policy import national as national_policy

bp = Blueprint("home", __name__)


def _agency() -> dict:
    agency_id = current_user.agency_id
    made_to = None
    if national_policy.is_national_body(current_user):
        recs = national.made_to(agency_id)
        made_to = dict(recs=recs, counts=national.count_made_to(agency_id), standings=national.standings(recs))
    return dict(counts=homes.agency(agency_id) if agency_id else None, needs=action_rows.NEEDS,
                order=action_rows.AGENCY_NEEDS, made_to=made_to)


def _coordinator() -> dict:
    return dict(counts=homes.coordinator(current_user), lateness=reviews.LATENESS)


def _chair() -> dict:
    return dict(home=homes.chair(current_user), cap=homes.CHAIR_ROWS)


def _trainer() -> dict:
    return dict(home=homes.trainer(current_user))


PAGES = {"agency": _agency, "coordinator": _coordinator, "chair": _chair, "trainer": _trainer}


@bp.route("/")
@signed_in
def index():
    page = policy.home_page(current_user)
    return render_template(f"home/{page}.html", **PAGES[page]())
