"""Open data: a partnership's published learning in a documented, versioned JSON format (the JSON
Schema is open_data.schema.json beside this module) for another partnership, or a national
library, to read.

Only reviews shown publicly (published and not withdrawn while a change is checked) are
written, and of them only what the public already reads: reference, type, VKPP death category,
year, pseudonym, summary, the month each stage was reached, findings with their themes, and the
action plan (recommendations with scope, addressee, status, intended outcome and measure, and
their actions). Restricted notes, pause notes, decision reasons, family contact, never-publish
terms, documents and agencies' progress updates are never read here."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import policy
from .action_models import Action
from .models import Finding, Recommendation, Review
from .numbering import in_number_order
from .vocab import (
    DEATH_CATEGORY_LABELS,
    REVIEW_TYPE_LABELS,
    SCOPE_LABELS,
    STAGE_DATE_FIELDS,
    STAGE_LABELS,
    STAGE_ORDER,
    STATUS_LABELS,
)

FORMAT = "dhr-open-data"
FORMAT_VERSION = "1.0"
SCHEMA_PATH = Path(__file__).with_name("open_data.schema.json")
CHUNK = 200  # reviews loaded at a time, so a national-scale export holds little in memory

_LOADING = (
    selectinload(Review.own_themes),
    selectinload(Review.findings).selectinload(Finding.themes),
    selectinload(Review.recommendations).options(
        selectinload(Recommendation.themes), selectinload(Recommendation.lead_agency),
        selectinload(Recommendation.supporting_agencies), selectinload(Recommendation.findings),
        selectinload(Recommendation.actions).selectinload(Action.lead_agency)),
)


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _iso(day: Optional[dt.date]) -> Optional[str]:
    return day.isoformat() if day else None


def _names(themes) -> list[str]:
    return sorted(t.name for t in themes)


def _stages(review: Review) -> list[dict]:
    reached = []
    for stage in STAGE_ORDER:
        day = getattr(review, STAGE_DATE_FIELDS[stage], None)
        if day:  # the month only: a day could help identify a death
            reached.append({"stage": STAGE_LABELS[stage], "reached": f"{day:%Y-%m}"})
    return reached


def _action(action: Action) -> dict:
    return {
        "text": action.text or "", "lead_agency": action.lead_agency.name if action.lead_agency else None,
        "milestones": action.milestones or "", "target_date": _iso(action.target_date),
        "completed_on": _iso(action.completed_on), "status": STATUS_LABELS.get(action.status, action.status),
        "outcome": action.outcome or "",
    }


def _recommendation(rec: Recommendation) -> dict:
    return {
        "number": rec.number, "text": rec.text, "scope": SCOPE_LABELS.get(rec.scope, "Local"),
        "addressee": rec.lead_agency.name if rec.lead_agency else None,
        "supporting": sorted(a.name for a in rec.supporting_agencies),
        "status": rec.status_label, "target_date": _iso(rec.target_date), "completed_on": _iso(rec.completed_on),
        "intended_outcome": rec.intended_outcome or "", "outcome_measure": rec.outcome_measure or "",
        "themes": _names(rec.themes), "answers_findings": sorted(f.position for f in rec.findings),
        "actions": [_action(a) for a in sorted(rec.actions, key=lambda a: a.position)],
    }


def review_entry(review: Review) -> dict:
    """One review as open data (the caller has checked it is shown publicly)."""
    return {
        "reference": review.reference,
        "review_type": REVIEW_TYPE_LABELS.get(review.review_type, REVIEW_TYPE_LABELS["other"]),
        "death_category": DEATH_CATEGORY_LABELS.get(review.death_category, DEATH_CATEGORY_LABELS["other"]),
        "year": review.notified_on.year, "pseudonym": review.pseudonym or "", "summary": review.summary or "",
        "stage": STAGE_LABELS.get(review.stage, review.stage), "stages": _stages(review),
        "published_on": _iso(review.published_on), "published_url": review.published_url or "",
        "themes": _names(review.own_themes),
        "findings": [{"number": f.position, "text": f.text, "early_learning": bool(f.early_learning),
                      "themes": _names(f.themes)} for f in sorted(review.findings, key=lambda f: f.position)],
        "recommendations": [_recommendation(r) for r in in_number_order(review.recommendations)],
    }


def public_review_count() -> int:
    return db.session.scalar(policy.publicly_shown(select(func.count()).select_from(Review))) or 0


def each_public_review(progress: Callable[[int, int], None] | None = None) -> Iterator[Review]:
    """Every review shown publicly, in reference order, loaded a chunk at a time."""
    ids = list(db.session.scalars(policy.publicly_shown(select(Review.id)).order_by(Review.reference)))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        loaded = db.session.scalars(select(Review).where(Review.id.in_(chunk)).options(*_LOADING)).all()
        for review in sorted(loaded, key=lambda r: r.reference):
            yield review
            db.session.expunge(review)  # with its findings and action plan; shared themes stay
        if progress is not None:
            progress(start + len(chunk), len(ids))


def document(partnership: str, today: Optional[dt.date] = None,
             progress: Callable[[int, int], None] | None = None) -> dict:
    """The whole open-data document for this partnership."""
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "source": {"partnership": partnership, "generated_on": (today or dt.date.today()).isoformat()},
        "reviews": [review_entry(r) for r in each_public_review(progress)],
    }


def to_json(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
