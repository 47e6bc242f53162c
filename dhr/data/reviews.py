"""Reviews: reading them with each user's access applied in the query."""
from __future__ import annotations

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from .models import Recommendation, Review, User, recommendation_supporters, review_panel_agencies
from .vocab import Role


def visible_to(user: User, query: Select) -> Select:
    """Limit a query over Review to what `user` may see.

    Admins and chairs see everything; trainers only published reviews; agencies published
    reviews plus those their agency sat on the panel of or has recommendations in."""
    if user.role in (Role.ADMIN, Role.CHAIR):
        return query
    if user.role == Role.AGENCY and user.agency_id:
        on_panel = exists().where(
            review_panel_agencies.c.review_id == Review.id,
            review_panel_agencies.c.agency_id == user.agency_id,
        )
        leads = exists().where(
            Recommendation.review_id == Review.id, Recommendation.lead_agency_id == user.agency_id
        )
        supports = exists().where(
            Recommendation.review_id == Review.id,
            recommendation_supporters.c.recommendation_id == Recommendation.id,
            recommendation_supporters.c.agency_id == user.agency_id,
        )
        return query.where(or_(Review.published, on_panel, leads, supports))
    return query.where(Review.published)


def list_visible(user: User, limit: int | None = None) -> list[Review]:
    query = visible_to(user, select(Review)).order_by(Review.notified_on.desc(), Review.id.desc())
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query.options(selectinload(Review.chair))))


def count_visible(user: User) -> int:
    return db.session.scalar(visible_to(user, select(func.count(Review.id)))) or 0


def get_visible(user: User, review_id: int) -> Review | None:
    return db.session.scalar(visible_to(user, select(Review).where(Review.id == review_id)))


def by_reference(reference: str) -> Review | None:
    return db.session.scalar(select(Review).where(Review.reference == reference))


def count_all() -> int:
    return db.session.scalar(select(func.count(Review.id))) or 0
