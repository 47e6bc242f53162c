"""Reviews: reading them with each user's access (dhr.data.policy) applied in the query, and
the chair's changes to a review's details."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import policy
from .errors import DataError
from .models import Review, User
from .vocab import Role


def list_visible(user: User, limit: int | None = None) -> list[Review]:
    query = policy.reviews_visible_to(user, select(Review)).order_by(Review.notified_on.desc(), Review.id.desc())
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query.options(selectinload(Review.chair))))


def count_visible(user: User) -> int:
    return db.session.scalar(policy.reviews_visible_to(user, select(func.count(Review.id)))) or 0


def get_visible(user: User, review_id: int) -> Review | None:
    return db.session.scalar(policy.reviews_visible_to(user, select(Review).where(Review.id == review_id)))


def by_reference(reference: str) -> Review | None:
    return db.session.scalar(select(Review).where(Review.reference == reference))


def count_all() -> int:
    return db.session.scalar(select(func.count(Review.id))) or 0


# --- chairs' review management ------------------------------------------------------------

class ReviewError(DataError):
    """A plain reason the review cannot be saved, with the form field it concerns."""



def get(review_id: int) -> Review | None:
    return db.session.get(Review, review_id)


def chairs() -> list[User]:
    return list(db.session.scalars(
        select(User).where(User.role == Role.CHAIR, User.active).order_by(User.name)
    ))


def _check_reference(reference: str, review: Review | None = None) -> str:
    reference = (reference or "").strip()
    if not reference:
        raise ReviewError("Enter the review reference", "reference")
    existing = by_reference(reference)
    if existing is None:
        existing = db.session.scalar(select(Review).where(func.lower(Review.reference) == reference.lower()))
    if existing is not None and existing is not review:
        raise ReviewError(f"A review with the reference {reference} already exists", "reference")
    return reference


DETAIL_FIELDS = ("review_type", "death_category", "pseudonym", "summary", "restricted_notes", "never_publish_terms")


def create(*, reference: str, notified_on, chair: User | None, panel_agencies=(), own_themes=(),
           **details) -> Review:
    reference = _check_reference(reference)
    if notified_on is None:
        raise ReviewError("Enter the date of notification", "notified_on")
    if notified_on > dt.date.today():
        raise ReviewError("The date of notification must be today or in the past", "notified_on")
    review = Review(reference=reference, notified_on=notified_on, chair=chair, stage="notified",
                    **{k: (details.get(k) or "").strip() for k in DETAIL_FIELDS})
    review.panel_agencies = list(panel_agencies)
    review.own_themes = list(own_themes)
    db.session.add(review)
    db.session.flush()
    return review


def update(review: Review, *, reference: str, notified_on, chair: User | None, panel_agencies=(),
           own_themes=(), **details) -> Review:
    review.reference = _check_reference(reference, review)
    if notified_on is None:
        raise ReviewError("Enter the date of notification", "notified_on")
    if notified_on > dt.date.today():
        raise ReviewError("The date of notification must be today or in the past", "notified_on")
    later = [d for d in (review.decision_on, review.set_up_on) if d]
    if later and notified_on > min(later):
        raise ReviewError("The date of notification must be on or before the decision date", "notified_on")
    review.notified_on = notified_on
    review.chair = chair
    for key in DETAIL_FIELDS:
        setattr(review, key, (details.get(key) or "").strip())
    review.panel_agencies = list(panel_agencies)
    review.own_themes = list(own_themes)
    db.session.flush()
    return review


SORTS = {
    "notified-desc": (Review.notified_on.desc(), Review.id.desc()),
    "notified-asc": (Review.notified_on.asc(), Review.id.asc()),
    "reference": (Review.reference.asc(),),
    "stage": (Review.stage.asc(), Review.notified_on.desc()),
}


def filtered(user: User, *, stage: str = "", review_type: str = "", year: int | None = None,
             lateness: str = "", chair_id: int | None = None, sort: str = "notified-desc",
             today=None) -> list[Review]:
    """The Reviews list: access applied in the query, then the filters; lateness is derived."""
    from . import lifecycle

    query = policy.reviews_visible_to(user, select(Review))
    if stage:
        query = query.where(Review.stage == stage)
    if review_type:
        query = query.where(Review.review_type == review_type)
    if year:
        query = query.where(Review.notified_on >= dt.date(year, 1, 1), Review.notified_on <= dt.date(year, 12, 31))
    if chair_id:
        query = query.where(Review.chair_id == chair_id)
    query = query.order_by(*SORTS.get(sort, SORTS["notified-desc"]))
    found = list(db.session.scalars(query.options(selectinload(Review.chair), selectinload(Review.pauses))))
    if lateness == "late":
        found = [r for r in found if lifecycle.is_late(r, today)]
    elif lateness == "on-time":
        found = [r for r in found if not lifecycle.is_late(r, today)]
    return found


def years(user: User) -> list[int]:
    dates = db.session.scalars(policy.reviews_visible_to(user, select(Review.notified_on)).distinct())
    return sorted({d.year for d in dates}, reverse=True)
