"""Reviews: reading them with each user's access (dhr.data.policy) applied in the query, and
the chair's changes to a review's details."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import paging, policy
from .errors import DataError
from .models import Pause, Review, User
from .vocab import STAGE_ORDER, Role, Stage


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


def by_reference_in_any_case(reference: str) -> Review | None:
    """The review with this reference, or else the one whose reference differs only in case."""
    return by_reference(reference) or db.session.scalar(
        select(Review).where(func.lower(Review.reference) == reference.lower()))


_REFERENCE_PART = re.compile(r"[a-z]+|[0-9]+")


class ReferenceFinder:
    """Finds the references of the given reviews written in a text (a file's name or its
    content): in any case, as by_reference_in_any_case, and with nothing or one of space, -, _,
    /, ., an en or em dash between the letters and numbers ("dhr_2019_04" is DHR-2019-04), standing on its own
    (not part of a longer reference)."""

    def __init__(self, known: list[Review]):
        self.by_key: dict[str, list[Review]] = {}
        alternatives: dict[str, str] = {}
        for review in known:
            parts = _REFERENCE_PART.findall(review.reference.lower())
            if parts:
                self.by_key.setdefault("".join(parts), []).append(review)
                alternatives.setdefault(r"[\s_\-/.–—]?".join(re.escape(p) for p in parts), "")
        written = sorted(alternatives, key=len, reverse=True)
        self.pattern = re.compile(rf"(?<![a-z0-9])(?:{'|'.join(written)})(?![a-z0-9])") if written else None

    def reviews_in(self, text: str) -> list[Review]:
        """Each review whose reference the text names, once, in the order first named."""
        if self.pattern is None or not text:
            return []
        found: dict[int, Review] = {}
        for match in self.pattern.finditer(text.lower()):
            for review in self.by_key.get("".join(_REFERENCE_PART.findall(match.group(0))), []):
                found.setdefault(review.id, review)
        return list(found.values())


def reference_finder() -> ReferenceFinder:
    return ReferenceFinder(list(db.session.scalars(select(Review).order_by(Review.id))))


def _check_reference(reference: str, review: Review | None = None) -> str:
    reference = (reference or "").strip()
    if not reference:
        raise ReviewError("Enter the review reference", "reference")
    existing = by_reference_in_any_case(reference)
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


FINISHED_STAGES = (Stage.CLOSED, Stage.NOT_COMMISSIONED)
_STAGE_POSITION = case({stage.value: n for n, stage in enumerate([*STAGE_ORDER, Stage.NOT_COMMISSIONED])},
                       value=Review.stage, else_=len(STAGE_ORDER) + 1)
_CHAIR_NAME = select(User.name).where(User.id == Review.chair_id).correlate(Review).scalar_subquery()

# The reviews list's columns; by default unfinished reviews come first, the newest notified first.
SORTING = paging.Sorting(
    columns={"reference": (Review.reference,), "type": (Review.review_type,), "stage": (_STAGE_POSITION,),
             "notified": (Review.notified_on,), "chair": (_CHAIR_NAME,)},
    default=(Review.stage.in_(FINISHED_STAGES).asc(), Review.notified_on.desc()),
    tie_breaker=Review.id,
)


# The reviews list's deadline filter: late or on time against the completion target, or past a
# deadline (the decision or completion) not yet met.
LATENESS = {"late": "Late", "on-time": "On time", "past-deadline": "Past a deadline not yet met"}


@dataclass(frozen=True)
class ListFilters:
    stage: str = ""
    review_type: str = ""
    year: int | None = None
    lateness: str = ""
    chair_id: int | None = None
    paused: bool = False


def _past_a_deadline(row, spans, today: dt.date, process) -> bool:
    """A deadline of the partnership's process is past and not met (see deadlines.by_rule)."""
    from . import deadlines

    dates = row._asdict()
    found = (deadlines.by_rule(rule, dates, row.stage, spans, today) for rule in process.deadlines)
    return any(d is not None and not d.is_met and d.is_late for d in found)


def _late_ids(query, lateness: str, today: dt.date | None) -> list[int]:
    """The reviews of `query` that are late (or on time, or past a deadline not yet met), by the
    deadline rules: read from their plain columns and pauses, never whole rows, so that the list
    can then be paged in SQL."""
    from . import lifecycle, processes

    today = today or dt.date.today()
    process = processes.current()
    dated = sorted({f for r in process.deadlines for f in (r.starts, r.met_by, r.only_if_recorded) if f})
    columns = query.with_only_columns(Review.id, Review.stage, *(getattr(Review, f) for f in dated)).order_by(None)
    if lateness == "past-deadline":  # submitted or not commissioned: every deadline it has is met
        columns = columns.where(Review.stage.not_in(sorted({*lifecycle.SUBMITTED_OR_LATER, Stage.NOT_COMMISSIONED})))
    found = db.session.execute(columns).all()
    pauses: dict[int, list] = {}
    wanted = select(Pause.review_id, Pause.started_on, Pause.ended_on).where(
        Pause.review_id.in_(columns.with_only_columns(Review.id)))
    for review_id, started, ended in db.session.execute(wanted):
        pauses.setdefault(review_id, []).append((started, ended))
    if lateness == "past-deadline":
        return sorted(row.id for row in found if _past_a_deadline(row, pauses.get(row.id, []), today, process))
    paused = {row.id: lifecycle.days_paused(pauses.get(row.id, []), today, until=row.submitted_on) for row in found}
    late = {row.id for row in found if lifecycle.is_late_from(
        row.stage, row.notified_on, row.decision_on, row.submitted_on, paused[row.id], today)}
    return sorted(late) if lateness == "late" else sorted({row.id for row in found} - late)


def _filtered(user: User, filters: ListFilters, today: dt.date | None):
    """The Reviews list's query: access applied in the query, then the filters."""
    query = policy.reviews_visible_to(user, select(Review))
    if filters.stage:
        query = query.where(Review.stage == filters.stage)
    if filters.review_type:
        query = query.where(Review.review_type == filters.review_type)
    if filters.year:
        query = query.where(Review.notified_on >= dt.date(filters.year, 1, 1),
                            Review.notified_on <= dt.date(filters.year, 12, 31))
    if filters.chair_id:
        query = query.where(Review.chair_id == filters.chair_id)
    if filters.paused:
        query = query.where(exists().where(Pause.review_id == Review.id, Pause.ended_on.is_(None)))
    if filters.lateness in LATENESS:
        query = query.where(paging.among(Review.id, _late_ids(query, filters.lateness, today)))
    return query


def page_of(user: User, filters: ListFilters = ListFilters(), *, number: int = 1, size: int = paging.DEFAULT_SIZE,
            sort: str | None = None, descending: bool = False, today: dt.date | None = None) -> paging.Page:
    """A page of the Reviews list, in the order asked for."""
    return paging.paginate(_filtered(user, filters, today), number, size, order=SORTING.order_by(sort, descending),
                           options=(selectinload(Review.chair), selectinload(Review.pauses)))


def count_of(user: User, filters: ListFilters = ListFilters(), today: dt.date | None = None) -> int:
    """How many reviews the Reviews list shows with these filters."""
    return paging.count(_filtered(user, filters, today))


def years(user: User) -> list[int]:
    dates = db.session.scalars(policy.reviews_visible_to(user, select(Review.notified_on)).distinct())
    return sorted({d.year for d in dates}, reverse=True)
