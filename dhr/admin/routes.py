from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr import listing
from dhr.access import ALL_ROLES, refuse, roles
from dhr.data import agencies, agency_aliases, audit, policy, sessions, users
from dhr.data.vocab import Role
from dhr.wording import counted

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
    flash(f"{user.name} is signed out on every device ({counted(ended, 'session')} ended). "
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


@bp.route("/agency-names")
@roles(*policy.COORDINATOR)
def agency_names():
    """The lead-agency spellings remembered from imported spreadsheets, each removable."""
    if not policy.may_forget_agency_name(current_user):
        refuse(f"{current_user.role} may not see remembered agency names")
    return render_template("admin/agency_names.html", aliases=agency_aliases.all_remembered())


@bp.route("/agency-names/<int:alias_id>/remove", methods=["POST"])
@roles(*policy.COORDINATOR)
def forget_agency_name(alias_id: int):
    if not policy.may_forget_agency_name(current_user):
        refuse(f"{current_user.role} may not remove remembered agency names")
    alias = agency_aliases.get(alias_id) or abort(404)
    # the form's CSRF token is checked for every POST (dhr.extensions.csrf)
    written, agency_name = alias.written_as, alias.agency.name
    agency_aliases.forget(alias, current_user)
    flash(f"‘{written}’ is no longer read as {agency_name}.", "success")
    return redirect(url_for("admin.agency_names"))
