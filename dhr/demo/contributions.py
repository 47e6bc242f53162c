"""The demo's agencies' contributions: each review gathering information asked the police, the
mental health trust and housing for a scoping return (all received), a chronology (some received,
some overdue, some chased) and an IMR (due after the demo's day, one overdue); each review in
drafting has every contribution received. Drawn from a generator of their own."""
from __future__ import annotations

import datetime as dt
import random

from dhr.data.contribution_models import Contribution
from dhr.data.models import Agency, Review
from dhr.data.practice_vocab import ContributionKind
from dhr.data.vocab import Stage

ASKED_OF = ("Police", "Mental health trust", "Housing")


def _days(day: dt.date, low: int, high: int, rng: random.Random) -> dt.date:
    return day + dt.timedelta(days=rng.randint(low, high))


def _for(review: Review, agency: Agency, today: dt.date, rng: random.Random) -> list[Contribution]:
    start = min(review.information_gathering_on or today, today)
    gathering = review.stage == Stage.INFORMATION_GATHERING
    scoping = Contribution(review=review, agency=agency, kind=ContributionKind.SCOPING_RETURN, asked_on=start,
                           due_on=start + dt.timedelta(days=14), received_on=_days(start, 7, 14, rng), chases=0)
    chronology_due = _days(today, -40, -5, rng) if gathering and rng.random() < 0.5 else start + dt.timedelta(42)
    late = gathering and chronology_due < today
    chronology = Contribution(review=review, agency=agency, kind=ContributionKind.CHRONOLOGY, asked_on=start,
                              due_on=chronology_due, received_on=None if late else min(chronology_due, today),
                              chases=rng.randint(1, 3) if late else 0,
                              last_chased_on=_days(chronology_due, 1, 4, rng) if late else None)
    imr_due = _days(today, 45, 90, rng) if gathering else start + dt.timedelta(days=84)
    imr = Contribution(review=review, agency=agency, kind=ContributionKind.IMR, asked_on=start, due_on=imr_due,
                       received_on=None if gathering else min(imr_due, today), chases=0,
                       note="Cover contact with the victim and the perpetrator in the three years before the death")
    return [scoping, chronology, imr]


def contributions_for(reviews: list[Review], agencies_by_name: dict[str, Agency], today: dt.date) -> list[Contribution]:
    rng = random.Random("demo contributions")
    made = []
    for review in reviews:
        if review.stage in (Stage.INFORMATION_GATHERING, Stage.DRAFTING):
            for name in ASKED_OF:
                made.extend(_for(review, agencies_by_name[name], today, rng))
    overdue_imr = next((c for c in made if c.kind == ContributionKind.IMR and c.received_on is None), None)
    if overdue_imr is not None:  # one IMR long overdue, chased twice
        overdue_imr.due_on, overdue_imr.chases = today - dt.timedelta(days=21), 2
        overdue_imr.last_chased_on = today - dt.timedelta(days=7)
    return made
