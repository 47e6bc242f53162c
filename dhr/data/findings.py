"""A review's findings: ordered, tagged with themes and the agencies they concern."""
from __future__ import annotations

from sqlalchemy import select

from dhr.extensions import db
from dhr.numbers import MAX_INT

from . import audit
from .errors import DataError
from .models import Agency, Finding, Review, Theme


class FindingError(DataError):
    """A plain reason the finding cannot be saved."""


def get(finding_id: int) -> Finding | None:
    """The finding with this id; None for a number no id can be (one sent in a form, say)."""
    return db.session.get(Finding, finding_id) if 1 <= finding_id <= MAX_INT else None


def get_for_review(review: Review, finding_id: int) -> Finding | None:
    return db.session.scalar(select(Finding).where(Finding.id == finding_id, Finding.review_id == review.id))


def _clean(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise FindingError("Enter the finding")
    return text


def create(review: Review, text: str, themes: list[Theme] = (), agencies: list[Agency] = (), *,
           early_learning: bool = False) -> Finding:
    position = max((f.position for f in review.findings), default=0) + 1
    finding = Finding(review=review, position=position, text=_clean(text), early_learning=early_learning)
    finding.themes = list(themes)
    finding.agencies = list(agencies)
    db.session.add(finding)
    db.session.flush()
    return finding


def update(finding: Finding, text: str, themes: list[Theme] = (), agencies: list[Agency] = ()) -> Finding:
    finding.text = _clean(text)
    finding.themes = list(themes)
    finding.agencies = list(agencies)
    db.session.flush()
    return finding


def _renumber(review: Review, ordered: list[Finding]) -> None:
    for index, finding in enumerate(ordered, start=1):
        if finding.position != index:
            finding.position = index


def delete(finding: Finding) -> None:
    review = finding.review
    audit.record("finding_deleted", "review", review.id, finding_id=finding.id, position=finding.position,
                 text=finding.text)
    remaining = [f for f in review.findings if f is not finding]
    review.findings.remove(finding)
    db.session.flush()
    _renumber(review, remaining)
    db.session.flush()


def move(finding: Finding, direction: str) -> None:
    """Move a finding one place up or down."""
    review = finding.review
    ordered = sorted(review.findings, key=lambda f: f.position)
    index = ordered.index(finding)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(ordered):
        raise FindingError("That finding cannot move further")
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(review, ordered)
    db.session.flush()
    review.findings.sort(key=lambda f: f.position)
