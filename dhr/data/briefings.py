"""Learning into practice: recording the briefings, training sessions and bulletins that carried
reviews' learning to practitioners, and reading them back by review, theme, kind and period."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import paging, reviews, themes
from .briefing_models import Briefing, briefing_reviews, briefing_themes
from .errors import DataError
from .models import Recommendation, Review, Theme, User
from .policy import briefings as briefing_policy
from .practice_vocab import BRIEFING_KIND_LABELS, BriefingKind

MAX_TITLE = 200
MAX_AUDIENCE = 500
MAX_DESCRIPTION = 5000
MAX_REACHED = 1_000_000
MAX_REVIEWS = 50


class BriefingError(DataError):
    """A briefing that cannot be saved as written, naming the field at fault."""


@dataclass(frozen=True)
class Written:
    """A briefing as the person wrote it: references are the reviews' references as typed."""

    kind: str
    title: str
    held_on: Optional[dt.date]
    audience: str = ""
    reached: Optional[int] = None
    description: str = ""
    references: str = ""
    theme_ids: tuple[int, ...] = ()
    recommendation_ids: tuple[int, ...] = ()


def split_references(written: str) -> list[str]:
    """The references in a list typed with commas, semicolons or one to a line, each once."""
    found = [part.strip() for part in re.split(r"[,;\n]+", written or "")]
    return list(dict.fromkeys(part for part in found if part))


def _reviews_named(user: User, written: str) -> list[Review]:
    named = split_references(written)
    if len(named) > MAX_REVIEWS:
        raise BriefingError(f"Name {MAX_REVIEWS} reviews or fewer", "references")
    found = []
    for reference in named:
        review = reviews.by_reference_in_any_case(reference)
        if review is None or not briefing_policy.may_link_review(user, review):
            raise BriefingError(f"No review you can see has the reference ‘{reference[:60]}’", "references")
        found.append(review)
    return found


def _checked_text(written: Written) -> None:
    if written.kind not in set(BriefingKind):
        raise BriefingError("Choose what kind of briefing or session it was", "kind")
    if not written.title.strip():
        raise BriefingError("Enter the title of the briefing or session", "title")
    if len(written.title) > MAX_TITLE:
        raise BriefingError(f"The title must be {MAX_TITLE} characters or fewer", "title")
    if written.held_on is None:
        raise BriefingError("Enter the date it was held or published", "held_on")
    if len(written.audience) > MAX_AUDIENCE:
        raise BriefingError(f"The audience must be {MAX_AUDIENCE} characters or fewer", "audience")
    if written.reached is not None and not 0 < written.reached <= MAX_REACHED:
        raise BriefingError("The number of people reached must be a whole number from 1 to 1,000,000", "reached")
    if len(written.description) > MAX_DESCRIPTION:
        raise BriefingError(f"What it covered must be {MAX_DESCRIPTION:,} characters or fewer", "description")


def save(user: User, written: Written, briefing: Optional[Briefing] = None) -> Briefing:
    """Add a briefing (or change `briefing`) as written: it shares the learning of at least one
    review or theme; its recommendations are those of its reviews."""
    _checked_text(written)
    linked = _reviews_named(user, written.references)
    chosen_themes = [t for t in (themes.get(i) for i in written.theme_ids) if t is not None]
    if not linked and not chosen_themes:
        raise BriefingError("Name at least one review or choose at least one theme the briefing shared", "references")
    review_ids = {review.id for review in linked}
    recs = [r for r in (db.session.get(Recommendation, i) for i in written.recommendation_ids)
            if r is not None and r.review_id in review_ids]
    if briefing is None:
        briefing = Briefing(created_by=user)
        db.session.add(briefing)
    briefing.kind, briefing.title, briefing.held_on = written.kind, written.title.strip(), written.held_on
    briefing.audience, briefing.reached = written.audience.strip(), written.reached
    briefing.description = written.description.strip()
    briefing.reviews, briefing.themes, briefing.recommendations = linked, chosen_themes, recs
    db.session.flush()
    return briefing


def delete(briefing: Briefing) -> None:
    db.session.delete(briefing)
    db.session.flush()


def get(briefing_id: int) -> Optional[Briefing]:
    return db.session.get(Briefing, briefing_id)


@dataclass(frozen=True)
class ListFilters:
    kind: str = ""
    theme_id: Optional[int] = None


def _visible(user: User, filters: ListFilters = ListFilters()):
    query = briefing_policy.briefings_visible_to(user, select(Briefing))
    if filters.kind:
        query = query.where(Briefing.kind == filters.kind)
    if filters.theme_id:
        query = query.where(Briefing.id.in_(select(briefing_themes.c.briefing_id).where(
            briefing_themes.c.theme_id == filters.theme_id)))
    return query


_LOADED = (selectinload(Briefing.reviews), selectinload(Briefing.themes))


def page_of(user: User, filters: ListFilters = ListFilters(), number: int = 1) -> paging.Page:
    """The briefings the user may see, most recent first."""
    return paging.paginate(_visible(user, filters), number, order=(Briefing.held_on.desc(), Briefing.id.desc()),
                           options=_LOADED)


def of_review(user: User, review: Review) -> list[Briefing]:
    query = _visible(user).where(Briefing.id.in_(
        select(briefing_reviews.c.briefing_id).where(briefing_reviews.c.review_id == review.id)))
    return list(db.session.scalars(query.order_by(Briefing.held_on.desc()).options(*_LOADED)))


@dataclass(frozen=True)
class KindCount:
    label: str
    held: int
    reached: int


def in_period(user: User, start: dt.date, end: dt.date) -> list[KindCount]:
    """How many of each kind were held in the period, and how many people they reached (where
    recorded): the board paper's "learning into practice"."""
    query = _visible(user).where(Briefing.held_on >= start, Briefing.held_on <= end).subquery()
    rows = db.session.execute(select(query.c.kind, func.count(), func.coalesce(func.sum(query.c.reached), 0))
                              .group_by(query.c.kind)).all()
    found = {kind: (held, reached) for kind, held, reached in rows}
    return [KindCount(label, *found[kind]) for kind, label in BRIEFING_KIND_LABELS.items() if kind in found]


def themes_in_use() -> list[Theme]:
    """The themes a briefings list can filter by: those some briefing shared."""
    used = select(briefing_themes.c.theme_id).distinct()
    return list(db.session.scalars(select(Theme).where(Theme.id.in_(used)).order_by(Theme.name)))
