"""The demo's learning into practice: a 7-minute briefing after most published reviews, and a
training session now and then on a theme several of them share."""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from dhr.data.briefing_models import Briefing
from dhr.data.models import Review, User
from dhr.data.practice_vocab import BriefingKind

AUDIENCES = ["Police response officers and call handlers", "GP practice safeguarding leads",
             "Housing officers and tenancy sustainment staff", "Adult social care practitioners",
             "Mental health crisis teams", "Multi-agency safeguarding hub staff",
             "Probation officers", "Specialist domestic abuse advocates"]


def briefings_for(reviews: list[Review], trainer: User, today: dt.date) -> list[Briefing]:
    """Briefings after the published reviews (drawn from a generator of their own)."""
    rng = random.Random("demo briefings")
    published = sorted((r for r in reviews if r.published and r.published_on), key=lambda r: r.published_on)
    made = []
    for review in published:
        if rng.random() < 0.8:
            held = min(review.published_on + dt.timedelta(days=rng.randint(14, 90)), today)
            made.append(Briefing(kind=BriefingKind.SEVEN_MINUTE_BRIEFING,
                                 title=f"7-minute briefing: {review.pseudonym}", held_on=held,
                                 audience=rng.choice(AUDIENCES), reached=rng.randint(20, 300),
                                 created_by=trainer, reviews=[review], themes=list(review.themes)[:3]))
    shared = Counter(theme for review in published for theme in review.themes)
    for theme, count in shared.most_common(4):
        if count < 2:
            break
        about = [r for r in published if theme in r.themes][-3:]
        made.append(Briefing(kind=BriefingKind.TRAINING, title=f"Learning from reviews: {theme.name.lower()}",
                             held_on=min(about[-1].published_on + dt.timedelta(days=rng.randint(30, 120)), today),
                             audience="Multi-agency practitioners", reached=rng.randint(15, 60), created_by=trainer,
                             reviews=about, themes=[theme],
                             description=f"A half-day session on {theme.name.lower()} using the learning of "
                                         f"{len(about)} reviews."))
    return made
