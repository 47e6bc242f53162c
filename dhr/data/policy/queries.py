"""The access policy's rules written into queries, so lists, counts and search limit rows in
the database exactly as the rules in dhr.data.policy decide for one record."""
from __future__ import annotations

from sqlalchemy import Select, and_, or_, select

from ..models import (
    Action,
    Document,
    Finding,
    Recommendation,
    Review,
    User,
    recommendation_supporters,
    review_panel_agencies,
)
from . import PUBLIC_DOCUMENT_KINDS, _agency_id, is_partnership

# Each condition is "id IN (the ids the agency has)", worked out once per query, rather than a
# subquery run for every row: with 20,000 recommendations a correlated one took SQLite 35 s.

def _on_panel(agency_id: int):
    return Review.id.in_(_panel_review_ids(agency_id))


def _panel_review_ids(agency_id: int) -> Select:
    return select(review_panel_agencies.c.review_id).where(review_panel_agencies.c.agency_id == agency_id)


def _leads_or_supports(agency_id: int):
    supported = select(recommendation_supporters.c.recommendation_id).where(
        recommendation_supporters.c.agency_id == agency_id)
    return or_(Recommendation.lead_agency_id == agency_id, _leads_an_action(agency_id),
               Recommendation.id.in_(supported))


def _leads_an_action(agency_id: int):
    return Recommendation.id.in_(select(Action.recommendation_id).where(Action.lead_agency_id == agency_id))


def _shown_publicly():
    return and_(Review.published, Review.publication_held.is_(False))


def publicly_shown(query: Select) -> Select:
    """Limit a query over Review (or joined to it) to what the public sees (as shown_publicly)."""
    return query.where(_shown_publicly())


def _involved_in_review(user: User, agency_id: int):
    """As involved_agency_ids: on the panel, or (not for a national body) leading or supporting a recommendation."""
    if user.agency is not None and user.agency.is_national:
        return _on_panel(agency_id)
    leads_or_supports = select(Recommendation.review_id).where(_leads_or_supports(agency_id))
    return or_(_on_panel(agency_id), Review.id.in_(leads_or_supports))


def reviews_visible_to(user: User, query: Select) -> Select:
    """Limit a query over Review to the reviews `user` may see (as may_see_review)."""
    if is_partnership(user):
        return query
    agency_id = _agency_id(user)
    if agency_id is None:
        return publicly_shown(query)
    return query.where(or_(_shown_publicly(), _involved_in_review(user, agency_id)))


def visible_review_ids(user: User):
    return reviews_visible_to(user, select(Review.id)).scalar_subquery()


def recommendations_visible_to(user: User, query: Select) -> Select:
    """Limit a query over Recommendation (joined to nothing) as may_see_recommendation."""
    if is_partnership(user):
        return query
    agency_id = _agency_id(user)
    published = publicly_shown(select(Review.id))
    if agency_id is None:
        return query.where(Recommendation.review_id.in_(published))
    return query.where(or_(Recommendation.review_id.in_(published),
                           Recommendation.review_id.in_(_panel_review_ids(agency_id)),
                           _leads_or_supports(agency_id)))


def findings_visible_to(user: User, query: Select) -> Select:
    if is_partnership(user):
        return query
    return query.where(Finding.review_id.in_(visible_review_ids(user)))


def documents_visible_to(user: User, query: Select) -> Select:
    """Limit a query over Document to the review documents the user may see (never evidence),
    as may_see_document."""
    query = query.where(Document.review_id.is_not(None))
    if is_partnership(user):
        return query
    from .qa_panel import published_letters  # (it imports the package, which imports this module)
    published_kind = or_(Document.kind.in_(sorted(PUBLIC_DOCUMENT_KINDS)), published_letters())
    public_reviews = publicly_shown(select(Review.id))
    agency_id = _agency_id(user)
    if agency_id is None:
        return query.where(published_kind, Document.review_id.in_(public_reviews))
    involved_reviews = select(Review.id).where(_involved_in_review(user, agency_id))
    return query.where(or_(Document.review_id.in_(involved_reviews),
                           and_(published_kind, Document.review_id.in_(public_reviews))))


def involving_agency(query: Select, agency_id: int, *, include_supporting: bool = True) -> Select:
    """Recommendations an agency leads (or supports)."""
    if include_supporting:
        return query.where(_leads_or_supports(agency_id))
    return query.where(or_(Recommendation.lead_agency_id == agency_id, _leads_an_action(agency_id)))


def actions_led_by(query: Select, agency_id: int) -> Select:
    """Actions an agency leads (a query over Action)."""
    return query.where(Action.lead_agency_id == agency_id)


def actions_visible_to(user: User, query: Select) -> Select:
    """Limit a query over Action to the actions of the recommendations `user` may see (as
    may_see_recommendation)."""
    if is_partnership(user):
        return query
    return query.where(Action.recommendation_id.in_(recommendations_visible_to(user, select(Recommendation.id))))
