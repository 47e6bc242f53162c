from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from dhr.access import public, signed_in
from dhr.data import audit, notifications, users
from dhr.pipeline import saving
from dhr.security import begin_session, client_address, current_session_token, end_session, local_path, rate_limited

from .forms import ChangePasswordForm, NotificationsForm, SignInForm

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow a local path after sign-in, never another site."""
    return local_path(target) or url_for("home.index")


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


@bp.route("/account/password", methods=["GET", "POST"])
@rate_limited("DHR_SIGN_IN_LIMIT")
@signed_in
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with saving(form):
            ended = users.change_password(current_user, form.current_password.data, form.new_password.data,
                                          current_session_token())
            elsewhere = " You have been signed out everywhere else." if ended else ""
            flash(f"Your password has been changed.{elsewhere}", "success")
            return redirect(url_for("home.index"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/account/notifications", methods=["GET", "POST"])
@signed_in
def notification_preferences():
    form = NotificationsForm()
    if form.validate_on_submit():
        with saving(form):
            notifications.choose(current_user, form.notify_by.data)
            flash("Your choice has been saved.", "success")
            return redirect(url_for("auth.notification_preferences"))
    elif request.method == "GET":
        form.notify_by.data = current_user.notify_by
    return render_template("auth/notifications.html", form=form)


from . import link_routes  # noqa: E402,F401  (their routes join bp)
