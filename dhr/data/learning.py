"""Loading search hits back from the database, with each user's access applied again, and
the labels the learning pages show for facet values."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import policy, vocab
from .external_models import ExternalFinding, ExternalRecommendation, ExternalReview
from .models import Agency, Document, Finding, Recommendation, Review, Theme
from .policy.open_data import may_read_external

_VISIBLE = {
    "finding": (Finding, policy.findings_visible_to),
    "recommendation": (Recommendation, policy.recommendations_visible_to),
    "document": (Document, policy.documents_visible_to),
}


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
        query = policy.reviews_visible_to(user, select(Review).where(Review.id.in_(review_ids)))
        for review in db.session.scalars(query):
            if review.id in wanted.get("review", set()):
                out[f"review:{review.id}"] = review
            if review.id in wanted.get("notes", set()) and policy.may_see_notes(user, review):
                out[f"notes:{review.id}"] = review
    for kind, (model, visible) in _VISIBLE.items():
        ids = wanted.get(kind)
        if not ids:
            continue
        query = visible(user, select(model).where(model.id.in_(ids)))
        for row in db.session.scalars(query.options(selectinload(model.review))):
            out[f"{kind}:{row.id}"] = row
    out.update(_external_rows(user, wanted))
    return out


_EXTERNAL = {"external_finding": ExternalFinding, "external_recommendation": ExternalRecommendation}


def _external_rows(user, wanted: dict[str, set[int]]) -> dict[str, object]:
    """Another partnership's published learning, for whoever may read it (policy.open_data)."""
    out: dict[str, object] = {}
    if not may_read_external(user):
        return out
    for kind, model in _EXTERNAL.items():
        ids = wanted.get(kind)
        if ids:
            query = select(model).where(model.id.in_(ids)).options(
                selectinload(model.review).selectinload(ExternalReview.source))
            out.update({f"{kind}:{row.id}": row for row in db.session.scalars(query)})
    return out


def visible_finding(user, finding_id: int) -> Finding | None:
    return db.session.scalar(policy.findings_visible_to(user, select(Finding).where(Finding.id == finding_id)))


def visible_recommendation(user, rec_id: int) -> Recommendation | None:
    return db.session.scalar(
        policy.recommendations_visible_to(user, select(Recommendation).where(Recommendation.id == rec_id)))


KIND_LABELS = {
    "finding": "Finding",
    "recommendation": "Recommendation",
    "review": "Review summary",
    "document": "Report text",
    "notes": "Restricted notes",
    "external_finding": "External finding",
    "external_recommendation": "External recommendation",
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


def taggable_theme_names() -> tuple[tuple[int, str, str], ...]:
    """(id, name, synonyms) of every active theme that learning is tagged with (the kinds the
    theme picker offers), in id order."""
    query = _THEME_NAMES.where(Theme.kind.in_([str(kind) for kind in vocab.PICKED_THEME_KINDS]))
    return tuple(db.session.connection().execute(query).all())
