"""The request pipeline: one commit per request, nothing saved when the data layer refuses,
and the search index caught up only after a commit that queued changes for it."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from dhr.data import AFTER_SEARCH_CHANGES, commit, progress
from dhr.data.models import Review, SearchOutbox
from dhr.extensions import db

from . import factories as make
from .helpers import date_fields, error_summary


def test_a_refused_change_saves_nothing_even_what_was_set_before_the_refusal(app, sign_in):
    page, chair = sign_in("chair")
    review = make.review("DHR-2024-09", chair=chair, stage="decision", decision_on=dt.date(2023, 3, 1))
    after_the_decision = dt.date(2023, 4, 1)
    # the data layer sets the new reference, then refuses the date: the reference must not stick
    form = MultiDict([("reference", "DHR-RENAMED"), ("pseudonym", "Adult A"), ("review_type", "dhr"),
                      ("death_category", "intimate_partner"), *date_fields("notified_on", after_the_decision)])
    soup = page.post(f"/reviews/{review.id}/edit", data=form)
    assert error_summary(soup) == ["The date of notification must be on or before the decision date"]
    assert soup.select_one("#reference")["value"] == "DHR-RENAMED"  # what was typed is kept
    db.session.expire_all()
    assert db.session.scalar(select(Review.reference).where(Review.id == review.id)) == "DHR-2024-09"


def test_the_index_catches_up_only_after_a_commit_that_queued_search_changes(app):
    calls = []
    app.extensions[AFTER_SEARCH_CHANGES] = lambda: calls.append(1)
    police = make.agency("Northshire Police")
    assert calls == []  # an agency is not searched
    review = make.review()
    assert calls == [1]
    make.user("trainer")
    assert calls == [1]
    make.finding(review, "Agencies missed the separation.")
    assert calls == [1, 1]
    rec = make.recommendation(review, lead=police)
    calls.clear()
    author = make.agency_user(police)
    progress.post_update(rec.actions[0], author, "Done", "on_track", [progress.EvidenceFile("register.pdf", make.PDF)])
    outbox_before = db.session.scalar(select(func.count()).select_from(SearchOutbox))
    commit()
    # evidence attached to an update is not learning: no outbox row, no index work
    assert db.session.scalar(select(func.count()).select_from(SearchOutbox)) == outbox_before
    assert db.session.scalar(select(func.count()).select_from(SearchOutbox)
                             .where(SearchOutbox.entity_type == "document")) == 0
    assert calls == []
