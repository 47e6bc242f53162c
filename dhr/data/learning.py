"""Loading search hits back from the database, with each user's access applied again, and
the labels the learning pages show for facet values."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import vocab
from .models import Agency, Document, Finding, Recommendation, Review, Theme
from .reviews import visible_to
from .vocab import Role

_MODELS = {"finding": Finding, "recommendation": Recommendation, "document": Document}


def sees_restricted(user, review: Review) -> bool:
    """Restricted notes: chairs and admins, and agencies involved in the review."""
    if user.role in (Role.ADMIN, Role.CHAIR):
        return True
    if user.role != Role.AGENCY or not user.agency_id:
        return False
    if any(a.id == user.agency_id for a in review.panel_agencies):
        return True
    return any(
        rec.lead_agency_id == user.agency_id or any(a.id == user.agency_id for a in rec.supporting_agencies)
        for rec in review.recommendations
    )


def visible_rows(user, keys: list[str]) -> dict[str, object]:
    """key → row for each search key whose row `user` may see (the re-check at load time)."""
    wanted: dict[str, set[int]] = {}
    for key in keys:
        kind, _, ident = key.partition(":")
        if ident.isdigit():
            wanted.setdefault(kind, set()).add(int(ident))
    out: dict[str, object] = {}
    review_ids = wanted.get("review", set()) | wanted.get("notes", set())
    if review_ids:
        query = visible_to(user, select(Review).where(Review.id.in_(review_ids)))
        for review in db.session.scalars(query):
            if review.id in wanted.get("review", set()):
                out[f"review:{review.id}"] = review
            if review.id in wanted.get("notes", set()) and sees_restricted(user, review):
                out[f"notes:{review.id}"] = review
    for kind, model in _MODELS.items():
        ids = wanted.get(kind)
        if not ids:
            continue
        query = select(model).where(model.id.in_(ids), model.review_id.in_(_visible_review_ids(user)))
        for row in db.session.scalars(query.options(selectinload(model.review))):
            out[f"{kind}:{row.id}"] = row
    return out


def _visible_review_ids(user):
    """A subquery of the ids of the reviews `user` may see (dhr.data.reviews.visible_to)."""
    return visible_to(user, select(Review.id)).scalar_subquery()


def visible_finding(user, finding_id: int) -> Finding | None:
    return db.session.scalar(
        select(Finding).where(Finding.id == finding_id, Finding.review_id.in_(_visible_review_ids(user)))
    )


def visible_recommendation(user, rec_id: int) -> Recommendation | None:
    return db.session.scalar(
        select(Recommendation).where(Recommendation.id == rec_id,
                                     Recommendation.review_id.in_(_visible_review_ids(user)))
    )


def reviews_by_id(user, review_ids) -> dict[int, Review]:
    if not review_ids:
        return {}
    query = visible_to(user, select(Review).where(Review.id.in_(set(review_ids))))
    return {r.id: r for r in db.session.scalars(query)}


KIND_LABELS = {
    "finding": "Finding",
    "recommendation": "Recommendation",
    "review": "Review summary",
    "document": "Report text",
    "notes": "Restricted notes",
}

FACET_TITLES = {
    "kind": "Type of learning",
    "themes": "Theme",
    "review_type": "Review type",
    "death_category": "Death category",
    "year": "Year",
    "lead_agency": "Lead agency",
    "status": "Recommendation status",
}


def facet_labels() -> dict[str, dict[str, str]]:
    """Plain words for every facet value (themes and agencies are indexed by id)."""
    themes = {str(t.id): t.name for t in db.session.scalars(select(Theme))}
    agencies = {str(a.id): a.name for a in db.session.scalars(select(Agency))}
    return {
        "kind": KIND_LABELS,
        "themes": themes,
        "review_type": {str(k): v for k, v in vocab.REVIEW_TYPE_LABELS.items()},
        "death_category": {str(k): v for k, v in vocab.DEATH_CATEGORY_LABELS.items()},
        "year": {},
        "lead_agency": agencies,
        "status": {str(k): v for k, v in vocab.STATUS_LABELS.items()},
    }


def active_themes() -> list[Theme]:
    return list(db.session.scalars(select(Theme).where(Theme.retired_at.is_(None))))


def theme_names() -> tuple[tuple[int, str, str], ...]:
    """(id, name, synonyms) of every active theme in id order: what a search widens with, and
    (being the whole content) the key its synonym map is cached under."""
    return tuple(db.session.connection().execute(_THEME_NAMES).all())  # Core, not ORM: read on every search


_THEME_NAMES = select(Theme.id, Theme.name, Theme.synonyms).where(Theme.retired_at.is_(None)).order_by(Theme.id)
