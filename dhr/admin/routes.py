from flask import Blueprint, abort, flash, redirect, render_template, url_for

from dhr.access import roles
from dhr.data import agencies, audit, sessions, users
from dhr.data.vocab import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@roles(Role.ADMIN)
def index():
    return render_template(
        "admin/index.html",
        users=users.list_users(),
        signed_in=sessions.live_counts(),
        agencies=agencies.all_agencies(include_inactive=True),
    )


@bp.route("/users/<int:user_id>/sign-out-everywhere", methods=["POST"])
@roles(Role.ADMIN)
def sign_out_everywhere(user_id: int):
    user = users.get(user_id) or abort(404)
    ended = sessions.sign_out_everywhere(user)
    flash(f"{user.name} is signed out on every device ({ended} session{'' if ended == 1 else 's'} ended). "
          "They need to sign in again.", "success")
    return redirect(url_for("admin.index"))


@bp.route("/audit")
@roles(Role.ADMIN)
def audit_log():
    return render_template("admin/audit.html", events=audit.recent(200))
