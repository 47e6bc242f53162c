"""The coordinator's management of accounts: inviting people, each account's page (role and
agency, deactivation and reactivation), and an invitation sent again or withdrawn."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import roles
from dhr.data import accounts, agencies, policy, sessions, users
from dhr.pipeline import saving
from dhr.wording import counted

from .forms import AccountForm, ButtonForm, InviteForm
from .routes import bp


def _agency_choices() -> list[tuple]:
    return [("", "Not an agency user")] + [(a.id, a.name) for a in agencies.all_agencies()]


def _user_or_404(user_id: int):
    return users.get(user_id) or abort(404)


@bp.route("/users/invite", methods=["GET", "POST"])
@roles(*policy.USER_MANAGERS)
def invite():
    form = InviteForm()
    form.agency_id.choices = _agency_choices()
    if form.validate_on_submit():
        with saving(form):
            user, _ = accounts.invite(form.email.data, form.name.data, form.role.data, form.agency_id.data)
            flash(f"An invitation has been sent to {user.email}. It works for "
                  f"{counted(accounts.LIFETIMES[accounts.INVITE].days, 'day')}.", "success")
            return redirect(url_for("admin.account", user_id=user.id))
    return render_template("admin/invite.html", form=form, days=accounts.LIFETIMES[accounts.INVITE].days)


def _account_page(user, form: AccountForm, problems: list[str] = ()):
    state = accounts.states([user])[user.id]
    return render_template("admin/account.html", user=user, form=form, state=state, problems=list(problems),
                           devices=sessions.live_counts().get(user.id, 0))


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles(*policy.USER_MANAGERS)
def account(user_id: int):
    user = _user_or_404(user_id)
    form = AccountForm(data={"role": user.role, "agency_id": user.agency_id})
    form.agency_id.choices = _agency_choices()
    if form.validate_on_submit():
        with saving(form):
            changed = accounts.change_role(user, form.role.data, form.agency_id.data)
            flash(f"{user.name}’s role and agency are saved." if changed else "Nothing was changed.", "success")
            return redirect(url_for("admin.account", user_id=user.id))
    return _account_page(user, form)


def _act(user, change, done: str):
    """Run one of the account page's buttons: on success say so and go back to the page; on
    the data layer's refusal show the page again with the reason."""
    problems: list[str] = []
    if not ButtonForm().validate_on_submit():
        abort(400)
    with saving(None, place=lambda error: problems.append(str(error))):
        change()
        flash(done, "success")
        return redirect(url_for("admin.account", user_id=user.id))
    form = AccountForm(formdata=None, data={"role": user.role, "agency_id": user.agency_id})
    form.agency_id.choices = _agency_choices()
    return _account_page(user, form, problems)


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@roles(*policy.USER_MANAGERS)
def deactivate(user_id: int):
    user = _user_or_404(user_id)
    return _act(user, lambda: accounts.deactivate(user, current_user),
                f"{user.name}’s account is deactivated: they are signed out everywhere and cannot sign in.")


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@roles(*policy.USER_MANAGERS)
def reactivate(user_id: int):
    user = _user_or_404(user_id)
    return _act(user, lambda: accounts.reactivate(user), f"{user.name}’s account is active again.")


@bp.route("/users/<int:user_id>/resend-invitation", methods=["POST"])
@roles(*policy.USER_MANAGERS)
def resend_invitation(user_id: int):
    user = _user_or_404(user_id)
    return _act(user, lambda: accounts.resend_invitation(user),
                f"A new invitation has been sent to {user.email}. The earlier link no longer works.")


@bp.route("/users/<int:user_id>/withdraw-invitation", methods=["POST"])
@roles(*policy.USER_MANAGERS)
def withdraw_invitation(user_id: int):
    user = _user_or_404(user_id)
    return _act(user, lambda: accounts.withdraw_invitation(user),
                f"{user.name}’s invitation is withdrawn: its link no longer works.")

