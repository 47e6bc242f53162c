from flask import Blueprint, jsonify

from dhr import data
from dhr.access import public
from search import indexing

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@public
def healthz():
    checks = {}
    checks["database"] = "ok" if data.database_reachable() else "unavailable"
    index_ok, detail = indexing.healthy()
    checks["index"] = "ok" if index_ok else "unavailable"
    checks["index_detail"] = detail
    healthy = checks["database"] == "ok" and index_ok
    response = jsonify(status="ok" if healthy else "unavailable", checks=checks)
    response.status_code = 200 if healthy else 503
    return response
