"""Importing the partnership's reviews register: checked and previewed row by row, saved only
when every row is right and the coordinator confirms, all at once."""
from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_login import current_user

from dhr.access import roles
from dhr.data import plan_reading, policy, previews, register_import, uploads
from dhr.data.register_reading import HEADERS
from dhr.pipeline import saving
from dhr.wording import counted

from . import forms
from .shared import bp

REGISTER_SESSION_KEY = "register_import"


def _checked(form):
    """(plan, checked upload) of the uploaded register, or (None, None) with the form's error."""
    file = form.register.data
    if not file or not getattr(file, "filename", ""):
        form.register.errors = ["Select an XLSX or CSV file"]
        return None, None
    try:
        checked = uploads.check(file.filename, file.read(), allowed={"xlsx", "csv", "text"})
        return register_import.plan(checked.content, _name(checked), current_user), checked
    except (uploads.UploadRefused, plan_reading.ImportRefused) as problem:
        form.register.errors = [str(problem)]
        return None, None


def _name(checked) -> str:
    return checked.filename if checked.kind == "xlsx" else "register.csv"


@bp.route("/register", methods=["GET", "POST"])
@roles(*policy.COORDINATOR)
def import_register():
    form = forms.RegisterForm()
    if form.validate_on_submit():
        register, checked = _checked(form)
        if register is not None:
            previews.discard(session.pop(REGISTER_SESSION_KEY, {}).get("preview", ""))
            ready = not register.problem_rows and (register.new or register.changed)
            if ready:
                session[REGISTER_SESSION_KEY] = {"preview": previews.keep(checked.content), "name": _name(checked)}
            return render_template("reviews/register_preview.html", register=register, filename=checked.filename,
                                   confirm=forms.ConfirmRegisterForm() if ready else None,
                                   form=forms.RegisterForm(formdata=None))
    return render_template("reviews/register.html", form=form, headers=HEADERS)


@bp.route("/register/confirm", methods=["POST"])
@roles(*policy.COORDINATOR)
def confirm_register():
    form = forms.ConfirmRegisterForm()
    pending = session.get(REGISTER_SESSION_KEY) or {}
    if not form.validate_on_submit() or not pending:
        flash("There is no checked register waiting to be saved. Upload it again.", "info")
        return redirect(url_for("reviews.import_register"))
    try:
        content = previews.read(pending.get("preview", ""))
    except previews.PreviewExpired as expired:
        session.pop(REGISTER_SESSION_KEY, None)
        flash(str(expired), "info")
        return redirect(url_for("reviews.import_register"))
    # Checked again, as the service is now.
    register = register_import.plan(content, pending.get("name", "register.csv"), current_user)
    with saving(None, place=lambda error: flash(str(error), "info")):
        saved = register_import.apply(register)
        previews.discard(session.pop(REGISTER_SESSION_KEY)["preview"])
        flash(f"{counted(saved, 'review')} saved from the register", "success")
        return redirect(url_for("reviews.index"))
    return redirect(url_for("reviews.import_register"))
