from flask import Blueprint, render_template
from flask_login import current_user

from dhr.access import signed_in
from dhr.data import reviews

bp = Blueprint("home", __name__)


@bp.route("/")
@signed_in
def index():
    return render_template(
        "home/index.html",
        review_count=reviews.count_visible(current_user),
        recent=reviews.list_visible(current_user, limit=5),
    )
