"""Index documents for external learning (another partnership's published findings and
recommendations, dhr.data.external_models).

An external review's family is keyed in the index by the negative of its id, so it never meets
one of our reviews' families (whose ids are positive) and is deleted and re-added the same way.
External learning was published by its partnership, so its readers are the public."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dhr.data import policy
from dhr.data.external_models import ExternalFinding, ExternalRecommendation, ExternalReview
from dhr.data.vocab import DEATH_CATEGORY_LABELS, REVIEW_TYPE_LABELS
from dhr.extensions import db

KINDS = ("external_finding", "external_recommendation")
_TYPE_CODES = {label: str(code) for code, label in REVIEW_TYPE_LABELS.items()}
_CATEGORY_CODES = {label: str(code) for code, label in DEATH_CATEGORY_LABELS.items()}
_EAGER = (
    selectinload(ExternalReview.source),
    selectinload(ExternalReview.findings).selectinload(ExternalFinding.themes),
    selectinload(ExternalReview.recommendations).selectinload(ExternalRecommendation.themes),
)


def family_key(external_review_id: int) -> int:
    return -external_review_id


def _ids(items) -> str:
    return ",".join(str(i.id) for i in sorted(items, key=lambda i: i.id))


def _fields(review: ExternalReview) -> dict:
    return {
        "review_id": str(family_key(review.id)),
        "reference": review.reference,
        "review_type": _TYPE_CODES.get(review.review_type, "other"),
        "death_category": _CATEGORY_CODES.get(review.death_category, "other"),
        "year": str(review.year),
        "date": dt.datetime(review.year, 1, 1),
        "audience": policy.PUBLIC,
        "lead_agency": "",
        "status": "",
    }


def family(review: ExternalReview, finish) -> Iterator[dict]:
    """The review's findings and recommendations as documents (`finish` adds the digest)."""
    facts = _fields(review)
    where = f"External: {review.source.partnership}, {review.reference}"
    for finding in review.findings:
        yield finish({**facts, "key": f"external_finding:{finding.id}", "kind": "external_finding",
                      "entity_id": finding.id, "text": finding.text, "themes": _ids(finding.themes),
                      "title": f"{where} finding {finding.number}"})
    for rec in review.recommendations:
        actions = [a.get("text", "") for a in rec.actions or [] if isinstance(a, dict)]
        yield finish({**facts, "key": f"external_recommendation:{rec.id}", "kind": "external_recommendation",
                      "entity_id": rec.id, "text": "\n".join(part for part in (rec.text, *actions) if part),
                      "themes": _ids(rec.themes), "title": f"{where} recommendation {rec.number}"})


def families(external_ids: Iterable[int], finish) -> Iterator[tuple[int, list[dict]]]:
    """(family key, its documents) for each external review id; none for one that is gone."""
    wanted = sorted(set(external_ids))
    found: set[int] = set()
    for start in range(0, len(wanted), 200):
        chunk = wanted[start:start + 200]
        for review in db.session.scalars(select(ExternalReview).where(ExternalReview.id.in_(chunk)).options(*_EAGER)):
            found.add(review.id)
            yield family_key(review.id), list(family(review, finish))
    for missing in set(wanted) - found:
        yield family_key(missing), []


def all_documents(finish, batch: int = 100) -> Iterator[dict]:
    last = 0
    while True:
        reviews = list(db.session.scalars(select(ExternalReview).where(ExternalReview.id > last)
                                          .order_by(ExternalReview.id).limit(batch).options(*_EAGER)))
        if not reviews:
            return
        for review in reviews:
            yield from family(review, finish)
        last = reviews[-1].id


def estimate_count() -> int:
    return sum(db.session.scalar(select(func.count(model.id))) or 0
               for model in (ExternalFinding, ExternalRecommendation))
