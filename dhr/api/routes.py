"""The API's actions: an agency's systems list the actions it leads and post progress updates
on them, with the same rules as the agency's pages (dhr.data.policy). Tokens authenticate every
request (dhr.api.auth); errors are JSON problems (dhr.api.problems)."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, render_template, url_for
from flask_login import current_user

from dhr.access import hide, public
from dhr.data import action_rows, actions, audit, policy, progress
from dhr.data.errors import DataError
from dhr.data.policy import api as api_policy
from dhr.data.vocab import AGENCY_PROPOSABLE_STATUSES, STATUS_LABELS
from dhr.errors import ERROR_ANSWERS
from dhr.extensions import csrf

from . import problems, shapes
from .auth import authenticate, token_roles
from .openapi import document
from .problems import Problem
from .requests import PAGING, body, page_number, per_page, text_field

PREFIX = "/api/v1"
bp = Blueprint("api", __name__, url_prefix=PREFIX)
csrf.exempt(bp)  # only token requests pass: one without a token is checked for CSRF and refused (auth)
bp.before_request(authenticate)
USED = "api_token_used"
UPDATE_LIMIT = 10000


@bp.record_once
def _answer_errors_as_problems(state) -> None:
    state.app.extensions.setdefault(ERROR_ANSWERS, []).append((PREFIX, problems.response))


@bp.errorhandler(Problem)
def _problem(error: Problem):
    return problems.response(error.status, error.detail, error.errors)


@bp.route("/openapi.json")
@public
def openapi():
    return jsonify(document())


@bp.route("/")
@public
def guide():
    """A page for people: what the API offers and where its OpenAPI document is."""
    return render_template("api/guide.html", openapi_url=url_for("api.openapi"))


def _used(entity_type: str, entity_id: int, did: str) -> None:
    """Audit that a change came through the request's API token (the change itself is audited as such)."""
    audit.record(USED, entity_type, entity_id, client=g.api_token.name, did=did)


@bp.route("/actions")
@token_roles(*api_policy.TOKEN_HOLDERS, params=PAGING)
def list_actions():
    found = action_rows.page_of(action_rows.led_by(current_user.agency_id), number=page_number(),
                                size=per_page())
    return jsonify(shapes.page(found, [shapes.action(a) for a in found.items]))


def _action_or_hide(action_id: int):
    found = actions.get(action_id)
    if found is None or not policy.may_see_progress(current_user, found.recommendation):
        hide("action", action_id, "the action is not led or supported by the token's agency")
    return found


@bp.route("/actions/<int:action_id>")
@token_roles(*api_policy.TOKEN_HOLDERS)
def get_action(action_id: int):
    return jsonify(shapes.action(_action_or_hide(action_id), with_updates=True))


def _update_fields() -> tuple[str, str, str]:
    sent = body()
    errors = {}
    narrative = text_field(sent, "narrative", errors, missing="Enter what has been done", limit=UPDATE_LIMIT,
                           too_long="Update must be 10,000 characters or fewer")
    status = text_field(sent, "proposed_status", errors, missing="Select the status you propose")
    if status and status not in AGENCY_PROPOSABLE_STATUSES:
        errors["proposed_status"] = "Select the status you propose: one of " + ", ".join(
            f"{s.value} ({STATUS_LABELS[s]})" for s in AGENCY_PROPOSABLE_STATUSES)
    key = text_field(sent, "submission_key", errors, limit=64, too_long="submission_key must be 64 characters or fewer")
    if errors:
        raise Problem(422, "The update was not saved.", errors)
    return narrative, status, key


@bp.route("/actions/<int:action_id>/updates", methods=["POST"])
@token_roles(*api_policy.TOKEN_HOLDERS)
def post_update(action_id: int):
    found = _action_or_hide(action_id)
    if not policy.may_post_update(current_user, found):
        raise Problem(403, f"Only the agency leading action {found.number} posts updates on it.")
    narrative, status, key = _update_fields()
    repeated = progress.already_posted(key) if key else None
    try:
        posted = progress.post_update(found, current_user, narrative, status, submission_key=key or None)
    except DataError as error:
        raise Problem(422, "The update was not saved.", {error.field or "narrative": str(error)}) from None
    if repeated is not None:
        return jsonify(shapes.update(posted)), 200
    _used("action", found.id, "posted an update")
    answer = jsonify(shapes.update(posted))
    answer.headers["Location"] = url_for("api.get_action", action_id=found.id)
    return answer, 201


from . import evidence_routes, national_routes  # noqa: E402,F401  (their routes join bp)
