"""Importing a reviews register: each row a new review or changes to the review with its
reference, previewed with every change and problem; saved only when no row has a problem, all in
one transaction. Importing the same register again changes nothing."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from dhr.dates import long_date
from dhr.extensions import db

from . import policy, reviews
from .models import Pause, Review, User
from .register_reading import RegisterRow, read_register, stage_dates_out_of_order
from .vocab import (
    DEATH_CATEGORY_LABELS,
    PAUSE_REASON_LABELS,
    PUBLISHED_STAGES,
    REVIEW_TYPE_LABELS,
    STAGE_DATE_FIELDS,
    STAGE_LABELS,
    STAGE_ORDER,
    Role,
    Stage,
)

_DATE_FIELDS = ["notified_on", *[STAGE_DATE_FIELDS[s] for s in STAGE_ORDER[1:]]]
_LABELS = {"review_type": "Type", "death_category": "Death category", "pseudonym": "Pseudonym", "chair": "Chair",
           "stage": "Stage", "published_url": "Published URL", "notified_on": "Notification date",
           **{STAGE_DATE_FIELDS[s]: f"{STAGE_LABELS[s]} date" for s in STAGE_ORDER[1:]}}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class PlannedRow:
    row: RegisterRow
    review: Review | None  # the review it changes; None: a new one
    chair: User | None = None
    changes: list[Change] = field(default_factory=list)
    new_pauses: list = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.row.problems


@dataclass
class RegisterPlan:
    rows: list[PlannedRow]

    @property
    def problem_rows(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.problems]

    @property
    def new(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.review is None]

    @property
    def changed(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.review is not None and (r.changes or r.new_pauses)]

    @property
    def unchanged(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.review is not None and not r.changes and not r.new_pauses]


def _shown(name: str, value) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, dt.date):
        return long_date(value)
    if name == "review_type":
        return REVIEW_TYPE_LABELS.get(value, value)
    if name == "death_category":
        return DEATH_CATEGORY_LABELS.get(value, value)
    if name == "stage":
        return STAGE_LABELS[Stage(value)]
    return str(value)


def _chair(row: RegisterRow, chairs: list[User]) -> User | None:
    if not row.chair:
        return None
    wanted = " ".join(row.chair.lower().split())
    found = next((u for u in chairs if wanted in (u.email.lower(), " ".join(u.name.lower().split()))), None)
    if found is None:
        row.problems.append(f"Chair: '{row.chair}' is not one of the partnership's chairs: add them first, or "
                            "leave the cell blank")
    return found


def _values_wanted(row: RegisterRow, review: Review | None) -> dict:
    """The fields the row sets: every one given; the stage only ever moves forward."""
    wanted = {k: v for k, v in row.values.items() if v not in (None, "") and k != "reference"}
    if review is not None and "stage" in wanted and review.stage != Stage.NOT_COMMISSIONED and (
            STAGE_ORDER.index(Stage(wanted["stage"])) < STAGE_ORDER.index(Stage(review.stage))):
        del wanted["stage"]
    return wanted


def _plan_row(row: RegisterRow, chairs: list[User], user: User) -> PlannedRow:
    review = reviews.by_reference_in_any_case(row.reference) if row.reference else None
    if review is not None and not policy.may_change_review(user, review):
        row.problems.append(f"Reference: {row.reference} is a review you may not change")
    planned = PlannedRow(row, review, _chair(row, chairs))
    wanted = _values_wanted(row, review)
    if review is not None:
        merged = {name: getattr(review, name) for name in _DATE_FIELDS} | {k: v for k, v in wanted.items()
                                                                         if k in _DATE_FIELDS}
        row.problems += [f"{p} (with the dates the service already has)" for p in stage_dates_out_of_order(merged)
                         if p not in row.problems]
        planned.changes = [Change(_LABELS[k], _shown(k, getattr(review, k)), _shown(k, v))
                           for k, v in wanted.items() if getattr(review, k) != v]
        if planned.chair is not None and review.chair_id != planned.chair.id:
            planned.changes.append(Change("Chair", review.chair.name if review.chair else "(blank)",
                                          planned.chair.name))
    known = {p.started_on for p in review.pauses} if review is not None else set()
    planned.new_pauses = [p for p in row.pauses if p.started_on not in known]
    return planned


def plan(content: bytes, filename: str, user: User, today: dt.date | None = None) -> RegisterPlan:
    """What importing the register would do for `user` (ImportRefused if it cannot be read at all)."""
    chairs = list(db.session.scalars(select(User).where(User.role == Role.CHAIR, User.active)))
    return RegisterPlan([_plan_row(row, chairs, user) for row in read_register(content, filename, today)])


def _apply_row(planned: PlannedRow) -> Review:
    row, wanted = planned.row, _values_wanted(planned.row, planned.review)
    review = planned.review
    if review is None:
        review = reviews.create(reference=row.reference, notified_on=row.values["notified_on"], chair=planned.chair,
                                review_type=wanted.get("review_type"), death_category=wanted.get("death_category"),
                                pseudonym=wanted.get("pseudonym", ""))
    elif planned.chair is not None:
        review.chair = planned.chair
    for name, value in wanted.items():
        setattr(review, name, value)
    review.published = review.stage in PUBLISHED_STAGES
    for pause in planned.new_pauses:
        review.pauses.append(Pause(started_on=pause.started_on, ended_on=pause.ended_on, reason=pause.reason,
                                   note=f"From the reviews register: {PAUSE_REASON_LABELS.get(pause.reason, '')}"))
    return review


def apply(register: RegisterPlan) -> int:
    """Save every row (the caller commits); refuses if any row has a problem. Returns how many
    reviews were made or changed."""
    if register.problem_rows:
        raise reviews.ReviewError("Nothing was saved: fix the rows with problems and upload the register again")
    touched = register.new + register.changed
    for planned in touched:
        _apply_row(planned)
    db.session.flush()
    return len(touched)
