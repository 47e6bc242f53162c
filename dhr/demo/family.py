"""The demo's family involvement: once a review is set up, its chair offers contact to one or two
of the family, mostly through specialist advocacy; most take part, some decline, and on reviews
still gathering information some answers are not yet known. Drawn from a generator of its own,
so the rest of the demo is the same with or without it."""
from __future__ import annotations

import datetime as dt
import random

from dhr.data.family_models import FamilyContact
from dhr.data.models import Review
from dhr.data.practice_vocab import ContactRoute, Participation

RELATIVES = ["Her mother", "Her father", "Her sister", "Her brother", "Her daughter", "His mother", "A close friend"]
ROUTES = [ContactRoute.AAFDA, ContactRoute.AAFDA, ContactRoute.LEAFLET, ContactRoute.FAMILY_LIAISON,
          ContactRoute.CHAIR_LETTER, ContactRoute.OTHER_ADVOCACY]
VIEWS = ["They would like the report published with the tribute.", "They ask that the children are not described.",
         ""]


def _answer(rng: random.Random, review: Review) -> str:
    if review.drafting_on is None and rng.random() < 0.4:
        return Participation.NOT_KNOWN
    return Participation.TOOK_PART if rng.random() < 0.75 else Participation.DECLINED


def family_for(reviews: list[Review], today: dt.date) -> list[FamilyContact]:
    rng = random.Random("demo family")
    made = []
    for review in reviews:
        if review.set_up_on is None:
            continue
        for who in rng.sample(RELATIVES, rng.randint(1, 2)):
            offered = min(review.set_up_on + dt.timedelta(days=rng.randint(3, 30)), today)
            answer = _answer(rng, review)
            saw_terms = offered + dt.timedelta(days=14) if answer == Participation.TOOK_PART else None
            made.append(FamilyContact(
                review=review, who=who, route=rng.choice(ROUTES), offered_on=offered, participation=answer,
                saw_terms_on=min(saw_terms, today) if saw_terms else None,
                saw_draft_on=review.family_saw_draft_on if answer == Participation.TOOK_PART else None,
                publication_view=rng.choice(VIEWS) if answer == Participation.TOOK_PART else ""))
        if rng.random() < 0.6:
            review.pseudonym_chosen_by = rng.choice(["family", "family", "panel", "chair"])
    return made
