"""What the review pages share: the blueprint, finding a review the user may see or change,
and the choices the forms offer."""
from __future__ import annotations

from flask import Blueprint, abort, url_for
from flask_login import current_user

from dhr.access import refuse
from dhr.data import agencies, policy, reviews
from dhr.data.vocab import ThemeKind
from dhr.wording import shortened

FINDING_LABEL_CHARACTERS = 90

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


def visible_or_404(review_id: int):
    review = reviews.get_visible(current_user, review_id)
    if review is None:
        abort(404)
    return review


def changeable_or_403(review_id: int):
    review = reviews.get(review_id)
    if review is None:
        abort(404)
    if not policy.may_change_review(current_user, review):
        refuse(f"{current_user.role} {current_user.id} does not chair review {review.id}")
    return review


def agency_choices(blank: str | None = None) -> list[tuple]:
    choices = [(a.id, a.name) for a in agencies.all_agencies()]
    return ([("", blank)] if blank is not None else []) + choices


def tagged_priority(item) -> int | None:
    """The strategy priority an item was tagged with as a theme, if any (the lowest, if several)."""
    numbers = [t.strategy_priority for t in item.themes
               if t.kind == ThemeKind.STRATEGY_PRIORITY and t.strategy_priority is not None]
    return min(numbers) if numbers else None


def finding_choices(review) -> list[tuple]:
    """The review's findings, as a recommendation's form offers them: "Finding 2: <its start>"."""
    return [(f.id, f"Finding {f.position}: {shortened(f.text, FINDING_LABEL_CHARACTERS)}") for f in review.findings]


def show_url(review, anchor: str | None = None) -> str:
    return url_for("reviews.show", review_id=review.id) + (f"#{anchor}" if anchor else "")
