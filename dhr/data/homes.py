"""What each person's home page lists: the work waiting for them now, counted by the database in
a handful of aggregate queries. Each count is the total of the list its link opens, built with
the same filters (dhr.data.action_rows, dhr.data.reviews, dhr.data.plan_rows), so that the two
never disagree; which rows a person may see is the access policy's (dhr.data.policy)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select

from dhr.extensions import db

from . import (
    action_rows,
    agency_overview,
    collections,
    contributions,
    lifecycle,
    paging,
    plan_rows,
    policy,
    reviews,
    statutory_copies,
)
from .models import Finding, Pause, Review, User
from .progress import today as default_today
from .vocab import NATIONAL_NO_RESPONSE, Stage

# A chair's table of their reviews stops here and links to the full list.
CHAIR_ROWS = 50
RECENT_PUBLISHED = 10
COLLECTIONS_SHOWN = 10


def agency(agency_id: int, on: Optional[dt.date] = None) -> dict[str, int]:
    """How many of the agency's actions have each of action_rows.AGENCY_NEEDS, and how many
    contributions to reviews it owes (the list of contributions.owed_by)."""
    counts = action_rows.counts(action_rows.led_by(agency_id), action_rows.AGENCY_NEEDS, on)
    return {**counts, "contributions-owed": contributions.count_owed_by(agency_id)}


# The coordinator's counts: each names the list it opens (see the home page's template).
PAST_DEADLINE = reviews.ListFilters(lateness="past-deadline")
DECISIONS_DUE = reviews.ListFilters(stage=Stage.NOTIFIED)
NATIONAL_QUIET = plan_rows.PlanFilters(need="no-update")
NATIONAL_SILENT = plan_rows.PlanFilters(answer=NATIONAL_NO_RESPONSE)


def coordinator(user: User, on: Optional[dt.date] = None) -> dict[str, int]:
    """Updates awaiting assessment, reviews past a deadline not yet met, decisions due,
    target date changes waiting, open national recommendations with no update yet, those sent to
    a national body that gave no response within the response window, and the
    publication register's copies owed and reports due to come down, and the agencies'
    contributions overdue (the list of contributions.overdue)."""
    on = on or default_today()
    return {
        "awaiting": agency_overview.count_awaiting_assessment(),
        "past-deadline": reviews.count_of(user, PAST_DEADLINE, on),
        "decisions": reviews.count_of(user, DECISIONS_DUE, on),
        "date-change": action_rows.counts(action_rows.visible_to(user), ["date-change"], on)["date-change"],
        **plan_rows.counts_national({"national": NATIONAL_QUIET, "no-response": NATIONAL_SILENT}, on),
        **{f"copies-{need}": count for need, count in statutory_copies.counts_needing(user, on).items()},
        "contributions-overdue": contributions.count_overdue(on),
    }


@dataclass(frozen=True)
class ChairRow:
    """One of a chair's reviews: the stage it moves to next and the deadline it is working to."""

    review: Review
    next_stage: Optional[str]
    deadline: Optional[lifecycle.Deadline]
    pause: Optional[Pause]


@dataclass(frozen=True)
class ChairHome:
    rows: paging.Page
    paused: int
    no_response: int  # national recommendations of the chair's reviews with no response (national_silent_of)


def chaired_by(user: User) -> reviews.ListFilters:
    return reviews.ListFilters(chair_id=user.id)


def paused_chaired_by(user: User) -> reviews.ListFilters:
    return reviews.ListFilters(chair_id=user.id, paused=True)


def national_silent_of(user: User) -> plan_rows.PlanFilters:
    return plan_rows.PlanFilters(answer=NATIONAL_NO_RESPONSE, chair_id=user.id)


def _working_to(review: Review, on: dt.date) -> Optional[lifecycle.Deadline]:
    """The first of the review's deadlines not yet met."""
    return next((d for d in lifecycle.deadlines(review, on) if not d.is_met), None)


def chair(user: User, on: Optional[dt.date] = None) -> ChairHome:
    """The first CHAIR_ROWS reviews the user chairs, in the Reviews list's order, how many are
    paused, and how many of their national recommendations have had no response."""
    on = on or default_today()
    found = reviews.page_of(user, chaired_by(user), size=CHAIR_ROWS, today=on)
    rows = [ChairRow(r, lifecycle.next_stage(r), _working_to(r, on), r.open_pause) for r in found]
    silent = plan_rows.counts_national({"no-response": national_silent_of(user)}, on)["no-response"]
    return ChairHome(rows=found.with_items(rows), paused=reviews.count_of(user, paused_chaired_by(user), on),
                     no_response=silent)


@dataclass(frozen=True)
class TrainerHome:
    published: list  # (Review, how many findings it holds), newest publication first
    collections: paging.Page


_FINDINGS = select(func.count(Finding.id)).where(Finding.review_id == Review.id).correlate(Review).scalar_subquery()


def trainer(user: User) -> TrainerHome:
    """The most recently published reviews the user may see, and the user's own collections."""
    query = policy.publicly_shown(policy.reviews_visible_to(user, select(Review, _FINDINGS.label("findings"))))
    query = query.order_by(Review.published_on.desc().nulls_last(), Review.id.desc()).limit(RECENT_PUBLISHED)
    return TrainerHome(published=list(db.session.execute(query).all()),
                       collections=collections.page_owned_by(user, size=COLLECTIONS_SHOWN))
