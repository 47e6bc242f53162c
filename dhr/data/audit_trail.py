"""The whole audit trail, filtered: by person, kind of record and record, action and date range.
Every filter is a condition an index answers (the event's person, its action, its record's type
and id, its time); a record is named as people know it (a review's reference, an agency's,
theme's or person's name) and read as the ids of the events' records first."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Iterator

from sqlalchemy import Select, and_, func, or_, select

from dhr.dates import parse_iso
from dhr.extensions import db

from . import paging
from .action_models import Action, TargetDateChange
from .audit import SORTING
from .errors import DataError
from .models import (
    Agency,
    AuditEvent,
    Document,
    Finding,
    Pause,
    Recommendation,
    RecommendationUpdate,
    Review,
    Theme,
    User,
)

# The kinds of record that belong to a review, and how to find a review's ones.
_OF_REVIEW = {
    "finding": select(Finding.id).where(Finding.review_id == Review.id),
    "recommendation": select(Recommendation.id).where(Recommendation.review_id == Review.id),
    "pause": select(Pause.id).where(Pause.review_id == Review.id),
    "document": select(Document.id).outerjoin(RecommendationUpdate, Document.update_id == RecommendationUpdate.id)
    .outerjoin(Recommendation, RecommendationUpdate.recommendation_id == Recommendation.id)
    .where(or_(Document.review_id == Review.id, Recommendation.review_id == Review.id)),
    "action": select(Action.id).join(Recommendation).where(Recommendation.review_id == Review.id),
    "recommendation_update": select(RecommendationUpdate.id).join(Recommendation)
    .where(Recommendation.review_id == Review.id),
    "target_date_change": select(TargetDateChange.id).join(Action).join(Recommendation)
    .where(Recommendation.review_id == Review.id),
}
# Kinds of record found by name.
_BY_NAME = {"agency": (Agency.id, Agency.name), "theme": (Theme.id, Theme.name),
            "user_account": (User.id, User.email, User.name)}
RECORD_HINT = "a review’s reference (for example BDHR2011/12-01), or an agency’s, theme’s or person’s email"


@dataclass(frozen=True)
class TrailFilters:
    user_id: int | None = None
    kind: str = ""
    record: str = ""
    action: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

    def params(self) -> dict:
        """The filters as a background job keeps them."""
        values = asdict(self)
        values["start"] = self.start.isoformat() if self.start else None
        values["end"] = self.end.isoformat() if self.end else None
        return values

    @classmethod
    def from_params(cls, params: dict) -> "TrailFilters":
        return cls(user_id=params.get("user_id"), kind=params.get("kind") or "", record=params.get("record") or "",
                   action=params.get("action") or "", start=parse_iso(params.get("start")),
                   end=parse_iso(params.get("end")))


def kinds() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.entity_type).distinct().order_by(AuditEvent.entity_type)))


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def people() -> list[User]:
    """Everyone whose actions the trail may hold, by name."""
    return list(db.session.scalars(select(User).order_by(User.name, User.id)))


def _about(entity_type: str, ids) -> object:
    return and_(AuditEvent.entity_type == entity_type, AuditEvent.entity_id.in_(ids))


def _review_conditions(review: Review, kind: str) -> list:
    if kind == "review":
        return [_about("review", [review.id])]
    if kind in _OF_REVIEW:
        ids = list(db.session.scalars(_OF_REVIEW[kind].where(Review.id == review.id)))
        return [_about(kind, ids)]
    if kind:
        raise DataError(f"A {kind.replace('_', ' ')} does not belong to a review: choose another kind of record, "
                        "or leave the record blank", "record")
    conditions = [_about("review", [review.id])]
    for child, query in _OF_REVIEW.items():
        ids = list(db.session.scalars(query.where(Review.id == review.id)))
        if ids:
            conditions.append(_about(child, ids))
    return conditions


def record_conditions(kind: str, record: str) -> list:
    """The events about the record named (and, for a review with no kind chosen, about
    everything in it); DataError naming the field when no record has that name."""
    text = record.strip()
    if not text:
        return []
    if kind in _BY_NAME:
        ident, *columns = _BY_NAME[kind]
        found = db.session.scalars(select(ident).where(or_(*(func.lower(c) == text.lower() for c in columns)))
                                   .order_by(ident)).first()
        if found is None:
            raise DataError(f"No {kind.replace('_', ' ').replace('user account', 'person')} is called ‘{text}’: "
                            f"enter {RECORD_HINT}", "record")
        return [_about(kind, [found])]
    review = db.session.scalars(select(Review).where(func.lower(Review.reference) == text.lower())).first()
    if review is None:
        raise DataError(f"No review has the reference ‘{text}’: enter {RECORD_HINT}", "record")
    return _review_conditions(review, kind)


def filtered(filters: TrailFilters) -> Select:
    """The events the filters ask for (DataError if the record named is not there)."""
    query = select(AuditEvent)
    if filters.user_id is not None:
        query = query.where(AuditEvent.user_id == filters.user_id)
    conditions = record_conditions(filters.kind, filters.record)
    if conditions:
        query = query.where(or_(*conditions))
    elif filters.kind:
        query = query.where(AuditEvent.entity_type == filters.kind)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.start:
        query = query.where(AuditEvent.at >= dt.datetime.combine(filters.start, dt.time()))
    if filters.end:
        query = query.where(AuditEvent.at < dt.datetime.combine(filters.end + dt.timedelta(days=1), dt.time()))
    return query


def page_of_events(filters: TrailFilters, *, number: int = 1, size: int = paging.DEFAULT_SIZE,
                   sort: str | None = None, descending: bool = False) -> paging.Page:
    return paging.paginate(filtered(filters), number, size, order=SORTING.order_by(sort, descending))


def count(filters: TrailFilters) -> int:
    return db.session.scalar(select(func.count()).select_from(filtered(filters).subquery())) or 0


def each_chunk(filters: TrailFilters, sort: str | None, descending: bool, size: int = 1000) -> Iterator[list]:
    """The events in the list's order, a chunk at a time, each let go once read. The ids come
    first, in order; each chunk is then read by id, so a commit between chunks (a worker saving
    its progress) loses nothing."""
    order = SORTING.order_by(sort, descending)
    ids = list(db.session.scalars(filtered(filters).with_only_columns(AuditEvent.id).order_by(*order)))
    for start in range(0, len(ids), size):
        wanted = ids[start:start + size]
        found = {event.id: event for event in db.session.scalars(select(AuditEvent).where(AuditEvent.id.in_(wanted)))}
        chunk = [found[i] for i in wanted if i in found]
        yield chunk
        for event in chunk:
            db.session.expunge(event)
