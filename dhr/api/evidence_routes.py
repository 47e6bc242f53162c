"""The API's evidence files: an agency's systems attach a file to an update it posted (sent as
multipart/form-data, checked as the update form checks evidence: dhr.data.progress), and list
and download an update's files, with the same rules as the agency's pages (dhr.data.policy)."""
from __future__ import annotations

from flask import jsonify, request, url_for
from flask_login import current_user

from dhr.access import hide
from dhr.data import policy, progress
from dhr.data.errors import DataError
from dhr.data.policy import api as api_policy
from dhr.downloads import stored_file

from . import shapes
from .auth import token_roles
from .problems import Problem
from .routes import _action_or_hide, _used, bp

FILE_FIELD = "file"


def _update_or_hide(action_id: int, update_id: int):
    action = _action_or_hide(action_id)
    update = progress.get_update(update_id)
    if update is None or update.action_id != action.id:
        hide("recommendation_update", update_id, f"the update is not one of action {action.id}'s")
    return update


def _sent_file() -> progress.EvidenceFile:
    if request.mimetype != "multipart/form-data":
        raise Problem(415, f"Send the file as multipart/form-data, in a field named {FILE_FIELD!r}.")
    sent = request.files.getlist(FILE_FIELD)
    if len(sent) != 1 or not sent[0].filename:
        message = "Send one file per request" if sent else "Select a file to attach"
        raise Problem(422, "The evidence was not saved.", {FILE_FIELD: message})
    return progress.EvidenceFile(sent[0].filename, sent[0].read())


# One view for both methods: with two, Werkzeug answers a POST to an address whose number its
# converter refuses (update 0) with 405 instead of 404.
@bp.route("/actions/<int:action_id>/updates/<int:update_id>/evidence", methods=["GET", "POST"])
@token_roles(*api_policy.TOKEN_HOLDERS)
def evidence(action_id: int, update_id: int):
    update = _update_or_hide(action_id, update_id)
    if request.method == "POST":
        return _attach(update, action_id)
    files = sorted(update.evidence, key=lambda d: (d.uploaded_at, d.id))
    return jsonify({"items": [shapes.evidence(d, action_id) for d in files]})


def _attach(update, action_id: int):
    if not api_policy.may_add_evidence(current_user, update):
        raise Problem(403, f"Only the agency that posted update {update.id} adds evidence to it, and only until it "
                           "is assessed: post a new update with the evidence instead.")
    sent = _sent_file()
    try:
        (document,) = progress.add_evidence(update, current_user, [sent])
    except DataError as error:
        raise Problem(422, "The evidence was not saved.", {FILE_FIELD: str(error)}) from None
    _used("recommendation_update", update.id, "attached evidence")
    answer = jsonify(shapes.evidence(document, action_id))
    answer.headers["Location"] = url_for("api.get_evidence", action_id=action_id, update_id=update.id,
                                         document_id=document.id)
    return answer, 201


@bp.route("/actions/<int:action_id>/updates/<int:update_id>/evidence/<int:document_id>")
@token_roles(*api_policy.TOKEN_HOLDERS)
def get_evidence(action_id: int, update_id: int, document_id: int):
    update = _update_or_hide(action_id, update_id)
    document = progress.get_document(document_id)
    if document is None or document.update_id != update.id or not policy.may_see_document(current_user, document):
        hide("document", document_id, f"the file is not evidence of update {update.id} for the token's agency")
    return stored_file(document)
