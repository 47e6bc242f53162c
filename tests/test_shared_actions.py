"""Actions shared with a linked review are counted once: when a Safeguarding Adults Review or
Child Safeguarding Practice Review beside a review is kept in the service as a review of its own,
an action of the one marked as the same work as an action of the other counts once in the board
paper's figures."""
from __future__ import annotations

import datetime as dt

import pytest

from dhr.data import audit_words, board_paper, history, parallel
from dhr.data.figure_data import Filters
from dhr.data.parallel import ParallelError
from dhr.extensions import db

from . import factories as make

TODAY = dt.date.today()
OVERDUE = TODAY - dt.timedelta(days=40)


def _police_rating(user) -> tuple[int, int]:
    paper = board_paper.board_paper(user, Filters(), TODAY)
    police = next(r for r in paper.ratings if r.name == "Northshire Police")
    return police.open_count, police.overdue_count


def _world(chair=None):
    police = make.agency("Northshire Police", "police")
    dhr = make.review("DHR-SHA-01", chair=chair, notified_on=dt.date(2024, 1, 10), decision_on=dt.date(2024, 1, 30),
                      stage="decision")
    sar = make.review("SAR-SHA-01", notified_on=dt.date(2024, 1, 12), review_type="dhr")
    ours = make.recommendation(dhr, "1", "Police should flag repeat callers.", lead=police, target_date=OVERDUE)
    other = make.recommendation(dhr, "2", "Police should audit DASH forms.", lead=police, target_date=OVERDUE)
    theirs = make.recommendation(sar, "1", "Police should flag repeat callers.", lead=police, target_date=OVERDUE)
    process = parallel.save(dhr, parallel.Written("sar", "SAR 2024/01", dt.date(2024, 2, 1),
                                                  linked_reference="SAR-SHA-01"))
    db.session.commit()
    return dhr, process, ours.actions[0], other.actions[0], theirs.actions[0]


def test_only_a_linked_reviews_action_may_be_shared_once(app):
    dhr, process, ours, other, theirs = _world()
    trial = parallel.save(dhr, parallel.Written("criminal_trial", "", dt.date(2024, 2, 1)))
    with pytest.raises(ParallelError, match="Link the Safeguarding Adults Review"):
        parallel.share_action(trial, ours, theirs)
    with pytest.raises(ParallelError, match="Choose the action of SAR-SHA-01 it shares"):
        parallel.share_action(process, ours, other)
    with pytest.raises(ParallelError, match="Choose an action of DHR-SHA-01"):
        parallel.share_action(process, theirs, ours)
    theirs.shared_with = other
    with pytest.raises(ParallelError, match="is itself shared with another action"):
        parallel.share_action(process, ours, theirs)


def test_the_rule_counts_an_action_once_when_what_it_shares_is_counted(app):
    # 3 shares an action not among those counted (not visible, or another agency's), so 3 counts
    assert parallel.counted_once({1: 2, 2: None, 3: 99, 4: None}) == {2, 3, 4}


def test_a_shared_action_counts_once_in_the_board_paper_and_the_history_says_so(sign_in):
    pages, chair = sign_in("chair")
    dhr, process, ours, other, theirs = _world(chair)
    assert _police_rating(chair) == (3, 3)
    url = f"/reviews/{dhr.id}/processes/{process.id}/shared"
    soup = pages.post(url, data={"action_id": str(ours.id), "shared_with_id": ""})
    assert [e.get_text(strip=True) for e in soup.select(".govuk-error-summary__list a")] == [
        "Choose the action of the linked review it shares"]
    assert pages.client.post(url, data={"action_id": str(ours.id), "shared_with_id": str(theirs.id)}
                             ).status_code == 302
    db.session.expire_all()
    assert ours.shared_with_id == theirs.id
    assert _police_rating(chair) == (2, 2)
    page = pages.get(url).get_text(" ", strip=True)
    assert "Action 1.1 Action 1.1" in page
    words = [t.words for t in audit_words.in_words(history.of_review(dhr))]
    assert "Action 1 of Recommendation 1 (DHR-SHA-01): Shared with set to Action 1 of Recommendation 1 " \
           "(SAR-SHA-01)" in words
    assert pages.client.post(f"{url}/{ours.id}/remove").status_code == 302
    db.session.expire_all()
    assert _police_rating(chair) == (3, 3)
