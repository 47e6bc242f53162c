"""The links between a review's findings and the recommendations that answer them, as one reader
may see them: a link is shown only when the reader may see what it leads to (the rules of
dhr.data.policy), so a finding's page never names a recommendation its reader may not see."""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from ..models import Finding, Recommendation, User, recommendation_findings
from ..numbering import order_key
from . import may_see_finding, may_see_recommendation
from .queries import recommendations_visible_to


def answering(user: User, finding: Finding) -> list[Recommendation]:
    """The recommendations answering `finding` that `user` may see, in number order."""
    return sorted((r for r in finding.recommendations if may_see_recommendation(user, r)), key=order_key)


def answered(user: User, rec: Recommendation) -> list[Finding]:
    """The findings `rec` answers that `user` may see, in their order."""
    return [f for f in rec.findings if may_see_finding(user, f)]


def answering_each(user: User, findings: Iterable[Finding]) -> dict[int, list[Recommendation]]:
    """finding id → the recommendations answering it that `user` may see (one query for a page of findings)."""
    ids = {f.id for f in findings}
    found: dict[int, list[Recommendation]] = {i: [] for i in ids}
    if not ids:
        return found
    query = (select(recommendation_findings.c.finding_id, Recommendation)
             .join(recommendation_findings, recommendation_findings.c.recommendation_id == Recommendation.id)
             .where(recommendation_findings.c.finding_id.in_(ids))
             .options(selectinload(Recommendation.review)))
    for finding_id, rec in db.session.execute(recommendations_visible_to(user, query)):
        found[finding_id].append(rec)
    return {i: sorted(recs, key=order_key) for i, recs in found.items()}


def within(recommendations: Iterable[Recommendation], findings: Iterable[Finding]) -> dict[int, list[Recommendation]]:
    """finding id → those of `recommendations` (already what the reader may see) answering it."""
    shown = list(recommendations)
    return {f.id: [r for r in shown if f in r.findings] for f in findings}
