"""A forgotten password, and the emailed links that set a password (an invitation's or a
reset's). The forgotten-password page answers the same whether or not the email has an
account, and is limited per client address as sign-in is."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import public
from dhr.data import accounts
from dhr.pipeline import saving
from dhr.security import end_session, rate_limited

from .forms import ForgottenPasswordForm, SetPasswordForm
from .routes import bp


@bp.route("/forgotten-password", methods=["GET", "POST"])
@rate_limited("DHR_SIGN_IN_LIMIT")
@public
def forgotten_password():
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        accounts.request_reset(form.email.data)  # emailed once committed, if the account may have it
        return render_template("auth/reset_sent.html", email=form.email.data,
                               minutes=int(accounts.LIFETIMES[accounts.RESET].total_seconds() // 60))
    return render_template("auth/forgotten_password.html", form=form)


def _refused(refusal: accounts.LinkRefused):
    return render_template("auth/link_refused.html", message=refusal.message), 404


@bp.route("/set-password/<token>", methods=["GET", "POST"])
@rate_limited("DHR_SIGN_IN_LIMIT")
@public
def set_password(token: str):
    try:
        link = accounts.open_link(token)
    except accounts.LinkRefused as refusal:
        return _refused(refusal)
    form = SetPasswordForm()
    if form.validate_on_submit():
        with saving(form):
            try:
                accounts.set_password(link, form.new_password.data)
            except accounts.LinkRefused as refusal:
                return _refused(refusal)
            if current_user.is_authenticated:
                end_session()  # this browser was signed in as someone: it now signs in as the link's person
            flash("Your password is set. Sign in with your email address and your new password.", "success")
            return redirect(url_for("auth.sign_in"))
    return render_template("auth/set_password.html", form=form, link=link, invitation=link.purpose == accounts.INVITE)
