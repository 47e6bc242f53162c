"""The coordinator's page of national bodies: the Commissioner's office address, the response
window, and each national body's named contact (dhr.data.national; who may: policy.national)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import refuse, roles
from dhr.data import agencies, national
from dhr.data.policy import national as national_policy
from dhr.data.vocab import Role
from dhr.pipeline import saving

from .national_forms import NationalContactForm, NationalSetupForm
from .routes import bp


def _page(setup: NationalSetupForm, contact: NationalContactForm):
    bodies = [a for a in agencies.all_agencies(include_inactive=True) if a.is_national]
    contact.agency_id.choices = [("", "Choose a national body")] + [(a.id, a.name) for a in bodies]
    return render_template("admin/national.html", setup=setup, contact=contact, bodies=bodies,
                           form=setup if setup.errors else contact)


def _allowed() -> None:
    if not national_policy.may_set_up_national(current_user):
        refuse(f"{current_user.role} may not set up national bodies")


@bp.route("/national-bodies", methods=["GET", "POST"])
@roles(Role.ADMIN)
def national_bodies():
    _allowed()
    setup = NationalSetupForm(data={"commissioner": national.commissioner_email(),
                                    "days": str(national.response_days())})
    if setup.validate_on_submit():
        with saving(setup):
            national.set_up(setup.commissioner.data, int(setup.days.data))
            flash("Saved: national recommendations are copied to the Commissioner's office at "
                  f"{national.commissioner_email()}, and bodies have {setup.days.data.strip()} days to respond.",
                  "success")
            return redirect(url_for("admin.national_bodies"))
    return _page(setup, NationalContactForm(formdata=None))


@bp.route("/national-bodies/contact", methods=["POST"])
@roles(Role.ADMIN)
def national_contact():
    _allowed()
    contact = NationalContactForm()
    if contact.validate_on_submit():
        with saving(contact):
            body = national.set_contact(agencies.get(contact.agency_id.data), contact.contact_email.data)
            flash(f"{body.name}: recommendations are now sent to {body.contact_email}.", "success")
            return redirect(url_for("admin.national_bodies"))
    setup = NationalSetupForm(formdata=None, data={"commissioner": national.commissioner_email(),
                                                   "days": str(national.response_days())})
    return _page(setup, contact)
