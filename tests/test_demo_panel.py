"""The demo data exercises the panel and parallel processes: every set-up review has its panel
members, the date its terms of reference were agreed and its chair's declaration; every kind of
parallel process appears, each pause has its process, an ended inquest has a Prevention of
Future Deaths report and a Safeguarding Adults Review is linked to another review, sharing an
action with it."""
from __future__ import annotations

from sqlalchemy import func, select

from dhr.data import audit_words, history, parallel
from dhr.data.models import PanelMember, ParallelProcess, Review
from dhr.data.practice_vocab import ParallelKind
from dhr.demo import load_demo
from dhr.extensions import db


def test_the_demo_reviews_have_panels_and_parallel_processes(app):
    counts = load_demo()
    db.session.commit()
    assert counts["panel_members"] == db.session.scalar(select(func.count()).select_from(PanelMember)) > 0
    assert counts["parallel_processes"] == db.session.scalar(select(func.count()).select_from(ParallelProcess))
    reviews = list(db.session.scalars(select(Review)))
    set_up = [r for r in reviews if r.set_up_on]
    assert set_up and all(r.terms_agreed_on and r.panel_members for r in set_up)
    assert all(r.independence_declared_on and r.independence_statement for r in set_up if r.chair)
    assert all({m.agency for m in r.panel_members} <= set(r.panel_agencies) for r in reviews)
    processes = list(db.session.scalars(select(ParallelProcess)))
    assert {p.kind for p in processes} == set(ParallelKind)
    for review in reviews:
        for pause in review.pauses:
            if pause.reason != "other":
                assert any(parallel.pause_reason(p) == pause.reason and p.started_on == pause.started_on
                           for p in review.parallel_processes), review.reference
    inquest = next(p for p in processes if p.pfd_report_on)
    assert inquest.kind == ParallelKind.INQUEST and inquest.pfd_report_on > inquest.ended_on
    linked = next(p for p in processes if p.linked_review)
    assert linked.kind in (ParallelKind.SAFEGUARDING_ADULTS_REVIEW, ParallelKind.CHILD_SAFEGUARDING_REVIEW)
    assert linked.linked_review.id != linked.review_id
    shared = parallel.shared_actions(linked)
    assert len(shared) == 1 and shared[0].shared_with.recommendation.review == linked.linked_review
    words = [t.words for t in audit_words.in_words(history.of_review(inquest.review))]
    assert any(w.startswith("Recorded the inquest COR-") for w in words)
    assert any(w.startswith("Added the panel member for ") for w in words)
