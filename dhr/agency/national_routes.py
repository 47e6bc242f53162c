"""A national body's answer to a recommendation sent to it, in the Domestic Abuse
Commissioner's categories. Who may answer is the access policy's (dhr.data.policy.national)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import hide, roles
from dhr.data import national, recommendations
from dhr.data.policy import national as national_policy
from dhr.pipeline import saving

from .forms import NationalResponseForm
from .routes import bp


@bp.route("/our-recommendations/<int:rec_id>/response", methods=["GET", "POST"])
@roles(*national_policy.NATIONAL_BODIES)
def national_response(rec_id: int):
    rec = recommendations.get(rec_id)
    if rec is None or not national_policy.may_respond(current_user, rec):
        hide("recommendation", rec_id, "the recommendation was not sent to the user's national body")
    referral = rec.referral
    form = NationalResponseForm(data={"response": referral.response, "narrative": referral.response_narrative}
                                if referral.answered else None)
    if form.validate_on_submit():
        with saving(form):
            national.respond(rec, current_user, form.response.data, form.narrative.data)
            flash("Your response was sent to the review's chair and the partnership.", "success")
            return redirect(url_for("agency.recommendation", rec_id=rec.id))
    return render_template("agency/national_response.html", rec=rec, form=form, referral=referral)
