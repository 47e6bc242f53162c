from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user

from dhr.access import signed_in
from dhr.data import policy, reviews

bp = Blueprint("home", __name__)


@bp.route("/")
@signed_in
def index():
    if current_user.role in policy.AGENCIES and "agency.our_recommendations" in current_app.view_functions:
        return redirect(url_for("agency.our_recommendations"))  # agency users' home
    return render_template(
        "home/index.html",
        review_count=reviews.count_visible(current_user),
        recent=reviews.list_visible(current_user, limit=5),
    )
