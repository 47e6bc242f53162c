"""Turning database rows into index documents."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from sqlalchemy import select

from dhr.data.models import Document, Finding, Recommendation, Review
from dhr.extensions import db


def _review_fields(review: Review) -> dict:
    when = review.published_on or review.notified_on
    return {
        "review_id": review.id,
        "reference": review.reference,
        "published": bool(review.published),
        "panel_agencies": ",".join(str(a.id) for a in review.panel_agencies),
        "review_type": review.review_type,
        "death_category": review.death_category,
        "year": review.notified_on.year,
        "date": dt.datetime.combine(when, dt.time()),
    }


def review_document(review: Review) -> dict:
    return {
        **_review_fields(review),
        "key": f"review:{review.id}",
        "kind": "review",
        "entity_id": review.id,
        "text": review.summary,
        "themes": ",".join(t.name for t in review.themes),
        "title": f"{review.reference} ({review.pseudonym})",
    }


def finding_document(finding: Finding) -> dict:
    return {
        **_review_fields(finding.review),
        "key": f"finding:{finding.id}",
        "kind": "finding",
        "entity_id": finding.id,
        "text": finding.text,
        "themes": ",".join(t.name for t in finding.themes),
        "title": f"{finding.review.reference} finding {finding.position}",
    }


def recommendation_document(rec: Recommendation) -> dict:
    return {
        **_review_fields(rec.review),
        "key": f"recommendation:{rec.id}",
        "kind": "recommendation",
        "entity_id": rec.id,
        "text": "\n".join(part for part in (rec.text, rec.action_to_take) if part),
        "themes": ",".join(t.name for t in rec.themes),
        "lead_agency": rec.lead_agency.name if rec.lead_agency else "",
        "status": rec.status,
        "title": f"{rec.review.reference} recommendation {rec.number}",
    }


def document_document(doc: Document) -> dict | None:
    if doc.review is None or not doc.extracted_text:
        return None  # evidence attached to agency updates is not part of the learning
    return {
        **_review_fields(doc.review),
        "key": f"document:{doc.id}",
        "kind": "document",
        "entity_id": doc.id,
        "text": doc.extracted_text,
        "themes": "",
        "title": f"{doc.review.reference} {doc.filename}",
    }


def documents_for(entity_type: str, entity_id: int) -> tuple[list[str], list[dict]]:
    """The keys to delete and the documents to (re)write for one changed row.

    A review's change (publication, panel) alters every document that belongs to it."""
    key = f"{entity_type}:{entity_id}"
    if entity_type == "review":
        review = db.session.get(Review, entity_id)
        if review is None:
            return [key], []
        docs = list(_review_family(review))
        return [key], docs
    model = {"finding": Finding, "recommendation": Recommendation, "document": Document}[entity_type]
    row = db.session.get(model, entity_id)
    if row is None:
        return [key], []
    doc = _one(row)
    return [key], [doc] if doc else []


def _one(row) -> dict | None:
    if isinstance(row, Finding):
        return finding_document(row)
    if isinstance(row, Recommendation):
        return recommendation_document(row)
    if isinstance(row, Document):
        return document_document(row)
    return review_document(row)


def _review_family(review: Review) -> Iterator[dict]:
    yield review_document(review)
    for finding in review.findings:
        yield finding_document(finding)
    for rec in review.recommendations:
        yield recommendation_document(rec)
    for doc in review.documents:
        built = document_document(doc)
        if built:
            yield built


def all_documents() -> Iterator[dict]:
    for review in db.session.scalars(select(Review).order_by(Review.id)):
        yield from _review_family(review)
