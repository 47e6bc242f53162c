"""Turning database rows into index documents.

Every document carries its readers (`audience`) as the access policy (dhr.data.policy) gives
them, and those depend on the whole review (its panel and the agencies leading or supporting
any of its recommendations). So a change to any row of a review re-indexes the review's whole family:
a review is small (tens of rows) and this keeps every document's access true."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dhr.data import policy
from dhr.data.models import Document, Finding, Recommendation, Review
from dhr.data.vocab import DocumentKind
from dhr.extensions import db

from . import external_documents
from .schema import STORED_TEXT_CHARS


def _ids(items: Iterable) -> str:
    return ",".join(str(i.id) for i in sorted(items, key=lambda i: i.id))


class _ReviewFacts:
    def __init__(self, review: Review):
        when = review.published_on or review.notified_on
        self.notes_audience = _audience(policy.notes_readers(review))
        self.audience = _audience(policy.review_readers(review))
        self.fields = {
            "review_id": str(review.id),
            "reference": review.reference,
            "review_type": review.review_type or "",
            "death_category": review.death_category or "",
            "year": str(review.notified_on.year),
            "date": dt.datetime.combine(when, dt.time()),
        }


def _audience(readers) -> str:
    return ",".join(sorted(readers))


def _finish(doc: dict) -> dict:
    payload = json.dumps({k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in doc.items()},
                         sort_keys=True)
    doc["digest"] = hashlib.sha1(payload.encode()).hexdigest()
    if len(doc["text"]) > STORED_TEXT_CHARS:
        doc["_stored_text"] = doc["text"][:STORED_TEXT_CHARS]  # Whoosh stores this, and indexes all the text
    return doc


def review_document(review: Review, facts: _ReviewFacts) -> dict:
    return _finish({
        **facts.fields,
        "audience": facts.audience,
        "key": f"review:{review.id}",
        "kind": "review",
        "entity_id": review.id,
        "text": review.summary or "",
        "themes": _ids(review.own_themes),
        "title": f"{review.reference} ({review.pseudonym}): summary",
    })


def notes_document(review: Review, facts: _ReviewFacts) -> dict | None:
    """Restricted notes, for their own readers."""
    if not (review.restricted_notes or "").strip():
        return None
    return _finish({
        **facts.fields,
        "audience": facts.notes_audience,
        "key": f"notes:{review.id}",
        "kind": "notes",
        "entity_id": review.id,
        "text": review.restricted_notes,
        "themes": "",
        "title": f"{review.reference}: restricted notes",
    })


def finding_document(finding: Finding, facts: _ReviewFacts) -> dict:
    return _finish({
        **facts.fields,
        "audience": facts.audience,
        "key": f"finding:{finding.id}",
        "kind": "finding",
        "entity_id": finding.id,
        "text": finding.text or "",
        "themes": _ids(finding.themes),
        "title": f"{finding.review.reference} finding {finding.position}",
    })


def recommendation_document(rec: Recommendation, facts: _ReviewFacts) -> dict:
    return _finish({
        **facts.fields,
        "audience": _audience(policy.recommendation_readers(rec)),
        "key": f"recommendation:{rec.id}",
        "kind": "recommendation",
        "entity_id": rec.id,
        "text": "\n".join(part for part in (rec.text, *(a.text for a in rec.actions)) if part),
        "themes": _ids(rec.themes),
        "lead_agency": str(rec.lead_agency_id or ""),
        "status": rec.status or "",
        "title": f"{rec.review.reference} recommendation {rec.number}",
    })


def document_document(doc: Document, facts: _ReviewFacts) -> dict | None:
    if doc.review is None or doc.kind == DocumentKind.CONTRIBUTION or not (doc.extracted_text or "").strip():
        return None  # evidence attached to agency updates, and agencies' contributions, are not part of the learning
    return _finish({
        **facts.fields,
        "audience": _audience(policy.document_readers(doc)),
        "key": f"document:{doc.id}",
        "kind": "document",
        "entity_id": doc.id,
        "text": doc.extracted_text,
        "themes": "",
        "title": f"{doc.review.reference}: {doc.filename}",
    })


def review_family(review: Review) -> Iterator[dict]:
    facts = _ReviewFacts(review)
    yield review_document(review, facts)
    notes = notes_document(review, facts)
    if notes:
        yield notes
    for finding in review.findings:
        yield finding_document(finding, facts)
    for rec in review.recommendations:
        yield recommendation_document(rec, facts)
    for doc in review.documents:
        built = document_document(doc, facts)
        if built:
            yield built


_EAGER = (
    selectinload(Review.panel_agencies),
    selectinload(Review.own_themes),
    selectinload(Review.findings).selectinload(Finding.themes),
    selectinload(Review.recommendations).selectinload(Recommendation.themes),
    selectinload(Review.recommendations).selectinload(Recommendation.supporting_agencies),
    selectinload(Review.documents),
)


def review_id_of(entity_type: str, entity_id: int) -> int | None:
    """The review a changed row belongs to, or None if the row is gone (or not the learning's)."""
    if entity_type in ("review", "notes"):
        return entity_id
    if entity_type == "external_review":  # its family's key, even when it is gone
        return external_documents.family_key(entity_id)
    model = {"finding": Finding, "recommendation": Recommendation, "document": Document}.get(entity_type)
    if model is None:
        return None
    return db.session.scalar(select(model.review_id).where(model.id == entity_id))


def families(review_ids: Iterable[int]) -> Iterator[tuple[int, list[dict]]]:
    """(review id, its documents) for each id; an empty list for a review that no longer exists.
    A negative id is an external review's family (search.external_documents)."""
    asked = set(review_ids)
    yield from external_documents.families([-i for i in asked if i < 0], _finish)
    wanted = sorted(i for i in asked if i > 0)
    found: set[int] = set()
    for start in range(0, len(wanted), 200):
        chunk = wanted[start:start + 200]
        for review in db.session.scalars(select(Review).where(Review.id.in_(chunk)).options(*_EAGER)):
            found.add(review.id)
            yield review.id, list(review_family(review))
    for missing in set(wanted) - found:
        yield missing, []


def all_documents(batch: int = 100) -> Iterator[dict]:
    """Every document, reading reviews in batches with their rows loaded eagerly."""
    last = 0
    while True:
        reviews = list(db.session.scalars(
            select(Review).where(Review.id > last).order_by(Review.id).limit(batch).options(*_EAGER)
        ))
        if not reviews:
            break
        for review in reviews:
            yield from review_family(review)
        last = reviews[-1].id
    yield from external_documents.all_documents(_finish)


def estimate_count() -> int:
    """Roughly how many documents a rebuild writes (for a progress bar)."""
    from sqlalchemy import func

    total = 0
    for model in (Review, Finding, Recommendation, Document):
        total += db.session.scalar(select(func.count(model.id))) or 0
    return total + external_documents.estimate_count()
