import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr import listing
from dhr.access import ALL_ROLES, refuse, roles
from dhr.data import accounts, agencies, agency_aliases, audit, audit_trail, jobs, policy, processes, sessions, users
from dhr.data import allow_list as allow_list_data
from dhr.data.audit_trail import TrailFilters
from dhr.data.errors import DataError
from dhr.data.policy.process import may_choose_process
from dhr.data.policy.publication import may_keep_allow_list
from dhr.data.vocab import Role
from dhr.downloads import attachment
from dhr.pipeline import add_error, saving
from dhr.wording import counted

from . import trail_export
from .allow_forms import AllowEntryForm
from .forms import ProcessForm, TrailForm

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
        states=accounts.states(found.items),
        agencies=every_agency,
    )


@bp.route("/users/<int:user_id>/sign-out-everywhere", methods=["POST"])
@roles(*policy.USER_MANAGERS)
def sign_out_everywhere(user_id: int):
    user = users.get(user_id) or abort(404)
    ended = sessions.sign_out_everywhere(user)
    flash(f"{user.name} is signed out on every device ({counted(ended, 'session')} ended). "
          "They need to sign in again.", "success")
    return redirect(listing.back_to("admin.index"))


def _trail_form() -> tuple[TrailForm, TrailFilters | None]:
    """The trail's filters from the URL; None (and the form showing why) if they are not valid."""
    if not policy.may_see_audit_trail(current_user):
        refuse(f"{current_user.role} may not see the audit trail")
    form = TrailForm(formdata=request.args)
    form.offer(audit_trail.people(), audit_trail.kinds(), audit_trail.actions())
    valid = form.validate()
    if not form.record.errors:
        try:
            audit_trail.record_conditions(form.kind.data if not form.kind.errors else "", form.record.data or "")
        except DataError as error:
            add_error(form, error.field, str(error))
            valid = False
    return form, form.filters() if valid else None


def _with_query(endpoint: str) -> str:
    """The endpoint's URL with this request's filters (every value of each, as a date input repeats its name)."""
    query = request.query_string.decode("ascii", "replace")
    return url_for(endpoint) + (f"?{query}" if query else "")


@bp.route("/audit")
@roles(*policy.COORDINATOR)
def audit_log():
    state = listing.from_request(audit.SORTING.keys())
    form, filters = _trail_form()
    events = None
    if filters is not None:
        events = audit_trail.page_of_events(filters, number=state.number, size=state.size, sort=state.sort,
                                            descending=state.descending)
    return render_template("admin/audit.html", form=form, events=events, listing=state,
                           export_url=_with_query("admin.audit_export"), export_limit=trail_export.INLINE_ROWS)


@bp.route("/audit.csv")
@roles(*policy.COORDINATOR)
def audit_export():
    """The filtered trail as CSV: at once when small, else prepared by a worker."""
    state = listing.from_request(audit.SORTING.keys())
    form, filters = _trail_form()
    if filters is None:
        return render_template("admin/audit.html", form=form, events=None, listing=state, export_url=None,
                               export_limit=trail_export.INLINE_ROWS)
    rows = audit_trail.count(filters)
    audit.record("export", "audit_event", None, document="audit_trail", rows=rows, filters=filters.params())
    if rows > trail_export.INLINE_ROWS:
        try:
            job = jobs.submit(current_user, trail_export.KIND, f"Audit trail ({counted(rows, 'event')})",
                              trail_export.job_params(filters, state.sort, state.descending))
        except jobs.JobError as refusal:
            flash(str(refusal), "info")
            return redirect(url_for("prepared.index"))
        return redirect(url_for("prepared.show", job_id=job.id))
    content = trail_export.csv_of(filters, state.sort, state.descending)
    return attachment(content, trail_export.CONTENT_TYPE, trail_export.file_name(dt.date.today()), "csv")


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


@bp.route("/allow-list", methods=["GET", "POST"])
@roles(*policy.COORDINATOR)
def allow_list():
    """The public contact details the publication check never flags, each removable."""
    if not may_keep_allow_list(current_user):
        refuse(f"{current_user.role} may not keep the allow-list")
    form = AllowEntryForm()
    if form.validate_on_submit():
        with saving(form):
            entry = allow_list_data.add(form.value.data, form.note.data, current_user)
            flash(f"‘{entry.value}’ is added to the allow-list: the publication check no longer flags it.", "success")
            return redirect(url_for("admin.allow_list"))
    return render_template("admin/allow_list.html", form=form, entries=allow_list_data.entries())


@bp.route("/allow-list/<int:entry_id>/remove", methods=["POST"])
@roles(*policy.COORDINATOR)
def remove_allowed(entry_id: int):
    if not may_keep_allow_list(current_user):
        refuse(f"{current_user.role} may not keep the allow-list")
    entry = allow_list_data.get(entry_id) or abort(404)
    # the form's CSRF token is checked for every POST (dhr.extensions.csrf)
    value = entry.value
    allow_list_data.remove(entry, current_user)
    flash(f"‘{value}’ is removed from the allow-list: the publication check flags it again.", "success")
    return redirect(url_for("admin.allow_list"))


from . import account_routes, api_token_routes, national_routes  # noqa: E402,F401  (their routes join bp)


@bp.route("/process", methods=["GET", "POST"])
@roles(*policy.COORDINATOR)
def process():
    """The review process the partnership follows: its stages and deadline rules."""
    if not may_choose_process(current_user):
        refuse(f"{current_user.role} may not choose the review process")
    chosen = processes.current()
    form = ProcessForm(data={"choice": chosen.key})
    form.offer(processes.PROCESSES.values())
    if form.validate_on_submit():
        with saving(form):
            if form.choice.data != chosen.key:
                new = processes.choose(form.choice.data)  # audited as the setting's change
                flash(f"The partnership now follows {new.label}. Every recorded date is kept.", "success")
            return redirect(url_for("admin.process"))
    return render_template("admin/process.html", form=form, chosen=chosen, processes=processes.PROCESSES.values())
