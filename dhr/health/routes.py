from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from dhr.access import public
from dhr.extensions import db
from search import indexing

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@public
def healthz():
    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except SQLAlchemyError:
        db.session.rollback()
        checks["database"] = "unavailable"
    index_ok, detail = indexing.healthy()
    checks["index"] = "ok" if index_ok else "unavailable"
    checks["index_detail"] = detail
    healthy = checks["database"] == "ok" and index_ok
    response = jsonify(status="ok" if healthy else "unavailable", checks=checks)
    response.status_code = 200 if healthy else 503
    return response
