"""Who records the partnership's briefings and training sessions, and who sees them (beside the
policy package's other rules; callers import it from here). A briefing names the reviews whose
learning it shared, so it is shown only to people who may see every one of those reviews."""
from __future__ import annotations

from sqlalchemy import Select, exists, select

from ..briefing_models import Briefing, briefing_reviews
from ..models import Review, User
from ..vocab import Role
from . import is_partnership, may_see_review
from .queries import visible_review_ids

RECORDERS = (Role.ADMIN, Role.CHAIR, Role.TRAINER)
READERS = (Role.ADMIN, Role.CHAIR, Role.TRAINER, Role.AGENCY)


def may_record_briefings(user: User) -> bool:
    return user.role in RECORDERS


def may_change_briefing(user: User, briefing: Briefing) -> bool:
    """The partnership (coordinator and chairs) keeps every briefing; a trainer changes those
    they recorded."""
    return is_partnership(user) or (user.role in RECORDERS and briefing.created_by_id == user.id)


def may_link_review(user: User, review: Review) -> bool:
    return may_see_review(user, review)


def may_see_briefing(user: User, briefing: Briefing) -> bool:
    return user.role in READERS and all(may_see_review(user, review) for review in briefing.reviews)


def briefings_visible_to(user: User, query: Select) -> Select:
    """Limit a query over Briefing as may_see_briefing does."""
    if is_partnership(user):
        return query
    hidden = select(briefing_reviews.c.briefing_id).where(
        briefing_reviews.c.briefing_id == Briefing.id,
        briefing_reviews.c.review_id.not_in(visible_review_ids(user)))
    return query.where(~exists(hidden))
