"""/healthz: whether the service is ok, for anyone (a load balancer, a monitor); the detail of
each check only for those the access policy allows."""
from flask import Blueprint, jsonify
from flask_login import current_user

from dhr import data
from dhr.access import public
from dhr.data import policy
from search import indexing

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@public
def healthz():
    database_ok = data.database_reachable()
    index_ok, index_detail = indexing.healthy()
    healthy = database_ok and index_ok
    answer = {"status": "ok" if healthy else "unavailable"}
    if current_user.is_authenticated and policy.may_see_health_detail(current_user):
        answer["checks"] = {"database": "ok" if database_ok else "unavailable",
                            "index": "ok" if index_ok else "unavailable", "index_detail": index_detail}
    response = jsonify(answer)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
