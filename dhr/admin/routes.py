from flask import Blueprint, render_template

from dhr.access import roles
from dhr.data import agencies, audit, users
from dhr.data.vocab import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@roles(Role.ADMIN)
def index():
    return render_template(
        "admin/index.html",
        users=users.list_users(),
        agencies=agencies.all_agencies(include_inactive=True),
    )


@bp.route("/audit")
@roles(Role.ADMIN)
def audit_log():
    return render_template("admin/audit.html", events=audit.recent(200))
