"""The statutory copies and the publication record of each review, and the partnership's
publication register built from them.

- The copy of the completed report to the Domestic Abuse Commissioner is owed once the Home
  Office Quality Assurance Panel has approved the report. The law asks for it "as soon as
  reasonably practicable", so it is owed, never "late" by an invented deadline.
- Once published, the report's web address is recorded and its upload to the Home Office DHR
  Library is owed.
- A partnership may keep its published reports up for a set number of years; each report is then
  due to come down that many years after it was published."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.orm import aliased

from dhr.dates import add_months, long_date
from dhr.extensions import db

from . import paging, policy, settings
from .errors import DataError
from .models import Review, User

MAX_URL = 500
YEARS_UP = "publication_years_up"
MAX_YEARS_UP = 50

NEEDS = {
    "commissioner": "Copy owed to the Domestic Abuse Commissioner",
    "library": "Upload owed to the Home Office DHR Library",
    "come-down": "Due to come down",
}


class CopiesError(DataError):
    """A date or address that cannot be recorded, with the field it belongs to."""


def web_address_problem(url: str) -> Optional[str]:
    """Why `url` is not a published report's web address, or None if it is one."""
    if len(url) > MAX_URL:
        return f"The web address must be {MAX_URL} characters or fewer"
    if not re.match(r"https?://[^\s/]+\.[^\s]+$", url):
        return "Enter the web address as it is shown in a browser, starting https://"
    return None


def years_up() -> Optional[int]:
    """How many years the partnership keeps a published report up, or None if it has no such rule."""
    written = settings.get(YEARS_UP) or ""
    return int(written) if written.isdigit() and int(written) > 0 else None


def set_years_up(years: Optional[int]) -> None:
    if years is not None and not 1 <= years <= MAX_YEARS_UP:
        raise CopiesError(f"The number of years must be a whole number from 1 to {MAX_YEARS_UP}", "years")
    settings.put(YEARS_UP, str(years or ""))


def comes_down_on(review: Review, years: Optional[int]) -> Optional[dt.date]:
    if years is None or review.published_on is None or not review.published:
        return None
    return add_months(review.published_on, 12 * years)


@dataclass(frozen=True)
class Record:
    """Where a review's statutory copies and publication stand."""

    review: Review
    comes_down_on: Optional[dt.date]

    @property
    def commissioner_owed(self) -> bool:
        return self.review.approved_on is not None and self.review.commissioner_copy_on is None

    @property
    def library_owed(self) -> bool:
        return bool(self.review.published) and self.review.library_uploaded_on is None

    def due_down(self, today: dt.date) -> bool:
        return self.comes_down_on is not None and self.comes_down_on <= today


def record_of(review: Review) -> Record:
    return Record(review, comes_down_on(review, years_up()))


def _checked_date(on: Optional[dt.date], floor: Optional[dt.date], floor_name: str, what: str, field: str,
                  today: dt.date) -> Optional[dt.date]:
    if on is None:
        return None
    if floor is None:
        raise CopiesError(f"{what} can only be recorded once {floor_name} is recorded", field)
    if on > today:
        raise CopiesError(f"{what} must be today or in the past", field)
    if on < floor:
        raise CopiesError(f"{what} must be on or after {floor_name} ({long_date(floor)})", field)
    return on


def record(review: Review, *, commissioner_copy_on: Optional[dt.date], published_url: str,
           library_uploaded_on: Optional[dt.date], today: Optional[dt.date] = None) -> None:
    """Record the copy to the Commissioner, the published address and the Library upload. The
    copy follows the Home Office's approval, the upload the publication; none is in the future."""
    today = today or dt.date.today()
    url = (published_url or "").strip()
    if url and (problem := web_address_problem(url)):
        raise CopiesError(problem, "published_url")
    review.commissioner_copy_on = _checked_date(
        commissioner_copy_on, review.approved_on, "the Home Office's approval", "The date the copy was sent",
        "commissioner_copy_on", today)
    review.library_uploaded_on = _checked_date(
        library_uploaded_on, review.published_on if review.published else None, "the publication",
        "The date of the upload to the DHR Library", "library_uploaded_on", today)
    review.published_url = url


def _latest_publication_due_down(today: dt.date, years: int) -> dt.date:
    """The last publication date whose report is due down by `today`, by comes_down_on's rule
    (a report published on 29 February comes down on 28 February)."""
    latest = add_months(today, -12 * years)
    while add_months(latest + dt.timedelta(days=1), 12 * years) <= today:
        latest += dt.timedelta(days=1)
    return latest


def _need_condition(need: str, years: Optional[int], today: dt.date, review=Review):
    if need == "commissioner":
        return and_(review.approved_on.is_not(None), review.commissioner_copy_on.is_(None))
    if need == "library":
        return and_(review.published.is_(True), review.library_uploaded_on.is_(None))
    if need == "come-down":
        if years is None:
            return false()
        return and_(review.published.is_(True), review.published_on <= _latest_publication_due_down(today, years))
    return or_(review.approved_on.is_not(None), review.published.is_(True))


def _register_query(user: User, need: str, today: dt.date, years: Optional[int]):
    query = policy.reviews_visible_to(user, select(Review))
    return query.where(_need_condition(need if need in NEEDS else "", years, today))


# Most recently approved first, then most recently published, then by reference.
_REGISTER_ORDER = (Review.approved_on.desc().nulls_last(), Review.published_on.desc().nulls_last(), Review.reference)


def register_page(user: User, need: str = "", number: int = 1, today: Optional[dt.date] = None) -> paging.Page:
    """The publication register: every approved or published review the user may see (or only
    those with `need`), most recently approved first, each as a Record."""
    today, years = today or dt.date.today(), years_up()
    found = paging.paginate(_register_query(user, need, today, years), number, order=_REGISTER_ORDER)
    return found.with_items([Record(review, comes_down_on(review, years)) for review in found])


def register_rows(user: User, today: Optional[dt.date] = None):
    """Every record of the register, for a download, in the same order."""
    today, years = today or dt.date.today(), years_up()
    query = _register_query(user, "", today, years).order_by(*_REGISTER_ORDER)
    for review in db.session.scalars(query.execution_options(yield_per=500)):
        yield Record(review, comes_down_on(review, years))


def counts_needing(user: User, today: Optional[dt.date] = None) -> dict[str, int]:
    """How many reviews the register shows with each need, in one query: the home page's counts."""
    today, years = today or dt.date.today(), years_up()
    base = policy.reviews_visible_to(user, select(Review)).where(_need_condition("", years, today)).subquery()
    register = aliased(Review, base)
    sums = [func.coalesce(func.sum(case((_need_condition(need, years, today, register), 1), else_=0)), 0)
            for need in NEEDS]
    return dict(zip(NEEDS, db.session.execute(select(*sums).select_from(register)).one(), strict=True))
