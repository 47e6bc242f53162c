from flask import Blueprint, abort, render_template
from flask_login import current_user

from dhr.access import roles
from dhr.data import reviews
from dhr.data.vocab import Role

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


@bp.route("/")
@roles(Role.ADMIN, Role.CHAIR, Role.TRAINER)
def index():
    return render_template("reviews/index.html", reviews=reviews.list_visible(current_user))


@bp.route("/<int:review_id>")
@roles(Role.ADMIN, Role.CHAIR, Role.TRAINER, Role.AGENCY)
def show(review_id: int):
    review = reviews.get_visible(current_user, review_id)
    if review is None:
        abort(404)
    return render_template("reviews/show.html", review=review)
