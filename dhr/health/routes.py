"""/healthz: whether the service is ok, for anyone (a load balancer, a monitor); the detail of
each check only for those the access policy allows.

"degraded" (still HTTP 200) means this host serves everything but search, whose index is
missing or of an older format and is being built on this host in the background; a load
balancer should keep sending it traffic. "unavailable" (503) means the database cannot be
reached or the index is damaged."""
from flask import Blueprint, jsonify
from flask_login import current_user

from dhr import data
from dhr.access import public
from dhr.data import policy
from search import host

bp = Blueprint("health", __name__)


def _status(database_ok: bool, index_state: str) -> str:
    if not database_ok or index_state == "unavailable":
        return "unavailable"
    return index_state  # "ok" or "degraded"


@bp.route("/healthz")
@public
def healthz():
    database_ok = data.database_reachable()
    index_state, index_detail = host.index_health()
    status = _status(database_ok, index_state)
    answer = {"status": status}
    if current_user.is_authenticated and policy.may_see_health_detail(current_user):
        answer["checks"] = {"database": "ok" if database_ok else "unavailable",
                            "index": index_state, "index_detail": index_detail}
    response = jsonify(answer)
    response.status_code = 503 if status == "unavailable" else 200
    response.headers["Cache-Control"] = "no-store"
    return response
