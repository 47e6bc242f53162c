from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr.access import public, signed_in
from dhr.data import audit, users
from dhr.security import begin_session, client_address, end_session, rate_limited

from .forms import SignInForm

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow a local path after sign-in, never another site."""
    if not target:
        return url_for("home.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("home.index")
    return target


@bp.route("/sign-in", methods=["GET", "POST"])
@rate_limited("DHR_SIGN_IN_LIMIT")
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = users.authenticate(form.email.data, form.password.data, client_address())
        except users.SignInRefused as refusal:
            form.password.errors.append(refusal.message)
            form.password.data = ""
            return render_template("auth/sign_in.html", form=form), 200
        begin_session(user)
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@signed_in
def sign_out():
    audit.record("sign_out", "user_account", current_user.id)
    end_session()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))
