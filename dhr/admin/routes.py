from flask import Blueprint, abort, flash, redirect, render_template

from dhr import listing
from dhr.access import ALL_ROLES, roles
from dhr.data import agencies, audit, sessions, users
from dhr.data.vocab import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@roles(Role.ADMIN)
def index():
    state = listing.from_request(users.SORTING.keys())
    every_agency = agencies.all_agencies(include_inactive=True)
    role = state.choice("role", ALL_ROLES)
    agency_id = state.whole("agency")
    found = users.page_of_users(role=role, agency_id=agency_id, number=state.number, size=state.size,
                                sort=state.sort, descending=state.descending)
    return render_template(
        "admin/index.html",
        users=found,
        listing=state,
        filters={"role": role, "agency_id": agency_id},
        roles=ALL_ROLES,
        signed_in=sessions.live_counts(),
        agencies=every_agency,
    )


@bp.route("/users/<int:user_id>/sign-out-everywhere", methods=["POST"])
@roles(Role.ADMIN)
def sign_out_everywhere(user_id: int):
    user = users.get(user_id) or abort(404)
    ended = sessions.sign_out_everywhere(user)
    flash(f"{user.name} is signed out on every device ({ended} session{'' if ended == 1 else 's'} ended). "
          "They need to sign in again.", "success")
    return redirect(listing.back_to("admin.index"))


@bp.route("/audit")
@roles(Role.ADMIN)
def audit_log():
    state = listing.from_request(audit.SORTING.keys())
    kinds = audit.entity_types()
    entity_type = state.choice("kind", kinds)
    events = audit.page_of_events(entity_type=entity_type, number=state.number, size=state.size, sort=state.sort,
                                  descending=state.descending)
    return render_template("admin/audit.html", events=events, listing=state, kinds=kinds, entity_type=entity_type)
