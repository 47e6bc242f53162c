"""The API's national recommendations: a national body's systems list the recommendations sent
to it and answer them in the Domestic Abuse Commissioner's categories, with the same rules as
its pages (dhr.data.policy.national)."""
from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from dhr.access import hide
from dhr.data import national, recommendations
from dhr.data.errors import DataError
from dhr.data.policy import api as api_policy
from dhr.data.policy import national as national_policy
from dhr.data.vocab import NATIONAL_RESPONSE_LABELS

from . import shapes
from .auth import token_roles
from .problems import Problem
from .requests import PAGING, body, page_number, per_page, text_field
from .routes import _used, bp


@bp.route("/recommendations")
@token_roles(*national_policy.NATIONAL_BODIES, params=PAGING)
def list_recommendations():
    if not api_policy.may_list_referrals(current_user):
        raise Problem(403, "Only a national body's token lists the recommendations sent to it.")
    found = national.page_made_to(current_user.agency_id, page_number(), per_page())
    return jsonify(shapes.page(found, [shapes.referral(r) for r in found.items]))


def _sent_or_hide(rec_id: int):
    rec = recommendations.get(rec_id)
    if rec is None or not national_policy.may_respond(current_user, rec):
        hide("recommendation", rec_id, "the recommendation was not sent to the token's national body")
    return rec


@bp.route("/recommendations/<int:rec_id>")
@token_roles(*national_policy.NATIONAL_BODIES)
def get_recommendation(rec_id: int):
    return jsonify(shapes.referral(_sent_or_hide(rec_id)))


def _response_fields() -> tuple[str, str]:
    sent = body()
    errors = {}
    response = text_field(sent, "response", errors, missing="Select how the recommendation stands")
    if response and response not in NATIONAL_RESPONSE_LABELS:
        errors["response"] = "Select how the recommendation stands: one of " + ", ".join(
            f"{value} ({label})" for value, label in NATIONAL_RESPONSE_LABELS.items())
    narrative = text_field(sent, "narrative", errors, missing="Enter what your organisation has done or will do",
                           limit=national.NARRATIVE_LIMIT, too_long="The response must be 10,000 characters or fewer")
    if errors:
        raise Problem(422, "The response was not saved.", errors)
    return response, narrative


@bp.route("/recommendations/<int:rec_id>/response", methods=["POST"])
@token_roles(*national_policy.NATIONAL_BODIES)
def respond(rec_id: int):
    rec = _sent_or_hide(rec_id)
    response, narrative = _response_fields()
    try:
        national.respond(rec, current_user, response, narrative)
    except DataError as error:
        raise Problem(422, "The response was not saved.", {error.field or "response": str(error)}) from None
    _used("recommendation", rec.id, "answered")
    return jsonify(shapes.referral(rec))
