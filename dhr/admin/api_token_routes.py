"""The coordinator's API tokens: each made for one agency user (shown once) and revoked here
(dhr.data.api_tokens; who may: policy.api)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import api_tokens, users
from dhr.data.policy import api as api_policy
from dhr.numbers import parse_whole
from dhr.pipeline import saving

from .api_token_forms import ApiTokenForm
from .forms import ButtonForm
from .routes import bp


def _allowed() -> None:
    if not api_policy.may_manage_api_tokens(current_user):
        refuse(f"{current_user.role} may not manage API tokens")


def _page(form: ApiTokenForm, made: str | None = None, status: int = 200):
    form.user_id.choices = [("", "Choose an agency user")] + [
        (u.id, f"{u.name or u.email} ({u.agency.name})") for u in api_tokens.holders()]
    found = api_tokens.page_of_tokens(parse_whole(request.args.get("page")) or 1, size=200)
    return render_template("admin/api_tokens.html", form=form, tokens=found, made=made, revoke=ButtonForm(),
                           openapi_url=url_for("api.guide")), status


@bp.route("/api-tokens", methods=["GET", "POST"])
@roles(*api_policy.TOKEN_MANAGERS)
def api_token_list():
    _allowed()
    form = ApiTokenForm()
    if form.validate_on_submit():
        with saving(form):
            token, secret = api_tokens.create(users.get(form.user_id.data) if form.user_id.data else None,
                                              form.name.data, current_user, form.expires_on.data)
            flash(f"The token ‘{token.name}’ is made. Copy it now: it is shown only once.", "success")
            return _page(ApiTokenForm(formdata=None), made=secret)
    return _page(form)


@bp.route("/api-tokens/<int:api_token_id>/revoke", methods=["POST"])
@roles(*api_policy.TOKEN_MANAGERS)
def api_token_revoke(api_token_id: int):
    _allowed()
    token = api_tokens.get(api_token_id) or abort(404)
    form = ButtonForm()
    if form.validate_on_submit():
        with saving(form, place=lambda error: flash(str(error), "error")):
            api_tokens.revoke(token)
            flash(f"The token ‘{token.name}’ is revoked: it no longer works.", "success")
    return redirect(url_for("admin.api_token_list"))
