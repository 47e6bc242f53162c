"""Sending a national recommendation to the national body it is addressed to (copied to the
Domestic Abuse Commissioner's office): a confirmation page, then the email. Who may send is the
access policy's (dhr.data.policy.national)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from dhr import mail
from dhr.access import hide, refuse, roles
from dhr.data import national, policy, progress, recommendations
from dhr.data.policy import national as national_policy
from dhr.dates import long_date

from .forms import SendNationalForm
from .routes import bp


@bp.route("/<int:rec_id>/send-to-national-body", methods=["GET", "POST"])
@roles(*policy.EDITORS)
def send_national(rec_id: int):
    rec = recommendations.get(rec_id)
    if rec is None or not rec.is_national:
        hide("recommendation", rec_id, "only a national recommendation is sent to a national body")
    if not national_policy.may_send_to_national(current_user, rec):
        refuse(f"recommendation {rec.id} belongs to a review the user does not chair")
    form = SendNationalForm()
    problem = national.problem_sending(rec)
    if form.validate_on_submit() and problem is None:
        message = national.send(rec, current_user)
        mail.send_email(message, f"national-{rec.id}-sent.eml")
        flash(f"Recommendation {rec.number} was sent to {rec.referral.agency.name} and the Commissioner's office. "
              f"A response is asked for by {long_date(rec.referral.respond_by)}.", "success")
        return redirect(url_for("tracker.show", rec_id=rec.id))
    day = progress.today()
    return render_template("tracker/send_national.html", rec=rec, form=form, problem=problem,
                           body=national.body_of(rec), commissioner=national.commissioner_email(),
                           respond_by=national.respond_by(day), days=national.response_days())
