"""The API's OpenAPI 3 document, as data. A test keeps it in step with the routes: every /api
route is documented here and every path here is a route."""
from __future__ import annotations

from dhr.data import paging
from dhr.data.progress import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES
from dhr.data.uploads import KNOWN_TYPES
from dhr.data.vocab import AGENCY_PROPOSABLE_STATUSES, NATIONAL_RESPONSE_LABELS, NATIONAL_STANDING_LABELS, Status

from .requests import MAX_PAGE

EVIDENCE_TYPES = [KNOWN_TYPES[kind][0] for kind in sorted(EVIDENCE_KINDS)]
EVIDENCE_RULE = (", ".join(KNOWN_TYPES[kind][1] for kind in sorted(EVIDENCE_KINDS))
                 + f", smaller than {EVIDENCE_MAX_BYTES // (1024 * 1024)} MB; its type is judged by its content")

JSON = "application/json"
FORM = "multipart/form-data"
PROBLEM = "application/problem+json"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _text(nullable: bool = False, **more) -> dict:
    return {"type": "string", **({"nullable": True} if nullable else {}), **more}


def _date(nullable: bool = True) -> dict:
    return _text(nullable, format="date")


def _moment(nullable: bool = True) -> dict:
    return _text(nullable, format="date-time")


def _object(properties: dict, required: list[str] | None = None, **more) -> dict:
    return {"type": "object", "properties": properties, "required": required or list(properties), **more}


def _problem(description: str) -> dict:
    return {"description": description, "content": {PROBLEM: {"schema": _ref("Problem")}}}


PROBLEMS = {
    "400": _problem("The request could not be read (a bad page number, a body that is not a JSON object)"),
    "401": _problem("No working token: missing, unknown, revoked, expired, or its user deactivated"),
    "403": _problem("The token's user may not do this"),
    "404": _problem("No such record for this token's agency"),
    "413": _problem("The request is larger than the service takes"),
    "415": _problem("The body was not sent in the form this address takes"),
    "422": _problem("The data was refused; `errors` gives the message for each field"),
    "429": _problem("Too many requests with this token"),
}


def _answer(description: str, schema: dict, *problems: str) -> dict:
    return {"200": {"description": description, "content": {JSON: {"schema": schema}}},
            **{code: PROBLEMS[code] for code in ("401", "429", *problems)}}


def _id(name: str, what: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": what,
            "schema": {"type": "integer", "minimum": 1}}


PAGING = [
    {"name": "page", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
    {"name": "per_page", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": paging.MAX_SIZE, "default": paging.DEFAULT_SIZE}},
]


def _schemas() -> dict:
    review = _object({"reference": _text(), "pseudonym": _text()})
    statuses = [s.value for s in Status]
    update = _object({
        "id": {"type": "integer"}, "created_at": _moment(), "narrative": _text(),
        "proposed_status": _text(True), "assessment": _text(), "assessment_label": _text(),
        "assessment_message": _text(), "assessed_at": _moment(),
        "evidence_count": {"type": "integer", "minimum": 0},
    })
    action = _object({
        "id": {"type": "integer"}, "number": _text(), "text": _text(), "milestones": _text(),
        "lead_agency": _text(True), "target_date": _date(), "status": _text(enum=statuses), "status_label": _text(),
        "completed_on": _date(), "outcome": _text(), "agreed": {"type": "boolean"},
        "recommendation": _object({"id": {"type": "integer"}, "number": _text(), "text": _text(),
                                   "review": review}),
        "updates": {"type": "array", "items": _ref("Update")},
    }, required=["id", "number", "text", "status", "recommendation"])
    referral = _object({
        "id": {"type": "integer"}, "number": _text(), "text": _text(), "review": review, "sent_on": _date(),
        "respond_by": _date(), "standing": _text(enum=list(NATIONAL_STANDING_LABELS)), "standing_label": _text(),
        "response": _text(True, enum=[*NATIONAL_RESPONSE_LABELS, None]), "response_label": _text(True),
        "response_narrative": _text(), "responded_at": _moment(),
    })
    return {
        "Problem": _object({"type": _text(), "title": _text(), "status": {"type": "integer"}, "detail": _text(),
                            "errors": {"type": "object", "additionalProperties": _text()}},
                           required=["title", "status", "detail"]),
        "Update": update,
        "Action": action,
        "ActionPage": _page("Action"),
        "Referral": referral,
        "ReferralPage": _page("Referral"),
        "Evidence": _object({
            "id": {"type": "integer"}, "filename": _text(), "content_type": _text(enum=EVIDENCE_TYPES),
            "size_bytes": {"type": "integer"}, "sha256": _text(), "uploaded_at": _moment(),
            "download": _text(description="The path to download the file from, on this host (from /api/v1 on)"),
        }),
        "EvidenceList": _object({"items": {"type": "array", "items": _ref("Evidence")}}),
        "NewEvidence": _object({"file": _text(format="binary", description=EVIDENCE_RULE)}),
        "NewUpdate": _object({
            "narrative": _text(minLength=1, maxLength=10000, description="What has been done"),
            "proposed_status": _text(enum=[s.value for s in AGENCY_PROPOSABLE_STATUSES]),
            "submission_key": _text(maxLength=64, description="Sent again with the same key, one update is saved"),
        }, required=["narrative", "proposed_status"]),
        "NewResponse": _object({
            "response": _text(enum=list(NATIONAL_RESPONSE_LABELS)),
            "narrative": _text(minLength=1, maxLength=10000, description="What the body has done or will do"),
        }),
    }


def _evidence_paths(action_id: dict) -> dict:
    update_id = _id("update_id", "One of the action's progress updates")
    file = {"description": "The file, as uploaded", "content": {t: {"schema": {"type": "string", "format": "binary"}}
                                                                 for t in EVIDENCE_TYPES}}
    return {
        "/actions/{action_id}/updates/{update_id}/evidence": {
            "get": {"summary": "The evidence files of an update", "parameters": [action_id, update_id],
                    "responses": _answer("The update's evidence files", _ref("EvidenceList"), "404")},
            "post": {"summary": "Attach an evidence file to an update the agency posted, until it is assessed",
                     "parameters": [action_id, update_id],
                     "requestBody": {"required": True, "content": {FORM: {"schema": _ref("NewEvidence")}}},
                     "responses": {"201": {"description": "The file was checked and attached",
                                           "content": {JSON: {"schema": _ref("Evidence")}}},
                                   **{code: PROBLEMS[code] for code in ("401", "403", "404", "413", "415", "422",
                                                                        "429")}}}},
        "/actions/{action_id}/updates/{update_id}/evidence/{document_id}": {"get": {
            "summary": "Download one of an update's evidence files",
            "parameters": [action_id, update_id, _id("document_id", "One of the update's evidence files")],
            "responses": {"200": file, **{code: PROBLEMS[code] for code in ("401", "404", "429")}}}},
    }


def _page(item: str) -> dict:
    return _object({"items": {"type": "array", "items": _ref(item)}, "page": {"type": "integer"},
                    "per_page": {"type": "integer"}, "total": {"type": "integer"}})


def _body(schema: str) -> dict:
    return {"required": True, "content": {JSON: {"schema": _ref(schema)}}}


def _paths() -> dict:
    action_id = _id("action_id", "An action the token's agency leads (or supports the recommendation of)")
    rec_id = _id("rec_id", "A recommendation sent to the token's national body")
    return {
        "/": {"get": {"summary": "This API, described for people", "security": [], "responses": {
            "200": {"description": "A page for people", "content": {"text/html": {"schema": {"type": "string"}}}}}}},
        "/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {
            "200": {"description": "The OpenAPI document", "content": {JSON: {"schema": {"type": "object"}}}}}}},
        "/actions": {"get": {"summary": "The actions the token's agency leads, a page at a time",
                             "parameters": PAGING, "responses": _answer("A page of actions", _ref("ActionPage"),
                                                                        "400")}},
        "/actions/{action_id}": {"get": {"summary": "An action, with its progress updates",
                                         "parameters": [action_id],
                                         "responses": _answer("The action", _ref("Action"), "404")}},
        "/actions/{action_id}/updates": {"post": {
            "summary": "Post a progress update on an action the agency leads, for the partnership to assess",
            "parameters": [action_id], "requestBody": _body("NewUpdate"),
            "responses": {"201": {"description": "The update was saved",
                                  "content": {JSON: {"schema": _ref("Update")}}},
                          **_answer("The update this submission_key already saved", _ref("Update"),
                                    "400", "403", "404", "422")}}},
        **_evidence_paths(action_id),
        "/recommendations": {"get": {"summary": "The recommendations sent to the token's national body",
                                     "parameters": PAGING,
                                     "responses": _answer("A page of recommendations", _ref("ReferralPage"),
                                                          "400", "403")}},
        "/recommendations/{rec_id}": {"get": {"summary": "A recommendation sent to the national body",
                                              "parameters": [rec_id],
                                              "responses": _answer("The recommendation", _ref("Referral"), "404")}},
        "/recommendations/{rec_id}/response": {"post": {
            "summary": "Answer a recommendation in the Domestic Abuse Commissioner's categories",
            "parameters": [rec_id], "requestBody": _body("NewResponse"),
            "responses": _answer("The recommendation with its answer", _ref("Referral"), "400", "404", "422")}},
    }


def document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "DHR learning and recommendations tracker API", "version": "1.0.0",
                 "description": "For agencies' own systems and national bodies. Every request carries an API "
                                "token made by the partnership coordinator; it acts as one agency user."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": _paths(),
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
                       "schemas": _schemas()},
    }
