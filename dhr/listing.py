"""A list page's state in its URL: which page (`page`), how many a page (`size`), the column it
is sorted by (`sort`, `order`) and its filters. Read from the query string so that no input is
a server error: numbers are bounded, unknown sort keys fall back to the list's default order,
and over-long or repeated values are cut. Links to other pages and sorts keep every other
argument, so filters survive paging and sorting."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlencode

from flask import request, url_for

from dhr.data import action_rows
from dhr.data.paging import DEFAULT_SIZE, MAX_SIZE, Page
from dhr.data.plan_rows import DUE_FILTERS, PLAN_NEEDS, PlanFilters
from dhr.data.vocab import NATIONAL_STANDING_LABELS, STATUS_LABELS
from dhr.numbers import MAX_INT, parse_whole

MAX_VALUE_LENGTH = 200
MAX_VALUES = 50
# Pages either side of the current one that the pagination links to, beside the first and last.
NEIGHBOURS = 2
LIST_ARGS = ("page", "size", "sort", "order")


@dataclass(frozen=True)
class Listing:
    endpoint: str
    view_args: dict
    args: tuple[tuple[str, str], ...]
    number: int
    size: int
    sort: str | None
    descending: bool

    # --- reading filters -----------------------------------------------------------------------

    def arg(self, name: str) -> str:
        return next((value for key, value in self.args if key == name), "")

    def choice(self, name: str, allowed: Iterable[str]) -> str:
        """A filter's value if it is one of `allowed`, else "" (no filter)."""
        value = self.arg(name)
        return value if value in set(allowed) else ""

    def whole(self, name: str) -> int | None:
        return parse_whole(self.arg(name))

    # --- links -----------------------------------------------------------------------------------

    def url(self, **changes) -> str:
        """This list's URL with some arguments changed (None removes one), the rest kept."""
        pairs = [(k, v) for k, v in self.args if k not in changes]
        for key, value in changes.items():
            if value is not None and value != "":
                pairs.append((key, str(value)))
        base = url_for(self.endpoint, **self.view_args)
        return base + ("?" + urlencode(pairs) if pairs else "")

    def page_url(self, number: int) -> str:
        return self.url(page=number if number > 1 else None)

    def sort_url(self, key: str) -> str:
        """Sort by a column: ascending first, and the other way round when it already is."""
        descending = self.sort == key and not self.descending
        return self.url(sort=key, order="desc" if descending else "asc", page=None)

    def aria_sort(self, key: str) -> str:
        if self.sort != key:
            return "none"
        return "descending" if self.descending else "ascending"

    def kept_fields(self) -> list[tuple[str, str]]:
        """Hidden fields a filter form carries so that filtering keeps the sort (and the page size)."""
        kept = [("sort", self.sort), ("order", "desc" if self.descending else "asc")] if self.sort else []
        return kept + ([("size", str(self.size))] if self.arg("size") and self.size != DEFAULT_SIZE else [])

    def page_numbers(self, page: Page) -> list[int | None]:
        """The page numbers to link to: the first, the last and the current one's neighbours,
        with None where numbers are left out (shown as an ellipsis)."""
        wanted = sorted({1, page.pages, *range(page.number - NEIGHBOURS, page.number + NEIGHBOURS + 1)})
        shown: list[int | None] = []
        for number in (n for n in wanted if 1 <= n <= page.pages):
            previous = next((n for n in reversed(shown) if n is not None), None)
            if previous is not None and number - previous == 2:
                shown.append(previous + 1)
            elif previous is not None and number - previous > 2:
                shown.append(None)
            shown.append(number)
        return shown


def _request_args() -> tuple[tuple[str, str], ...]:
    pairs = []
    for key in list(request.args.keys())[:MAX_VALUES]:
        for value in request.args.getlist(key)[:MAX_VALUES]:
            if value:
                pairs.append((key[:MAX_VALUE_LENGTH], value[:MAX_VALUE_LENGTH]))
    return tuple(pairs)


def back_to(endpoint: str, **values) -> str:
    """Where a form sent from a list returns: the list's page, sort and filters it names in its
    `next` field, if that is this list; otherwise the list's first page."""
    target = request.form.get("next", "")
    base = url_for(endpoint, **values)
    return target if target.startswith(base) and not target.startswith("//") else base


def _page_number(text: str) -> int:
    """A page number: a number past any page reads as the last page (the data layer stops there),
    anything that is not a whole number as the first."""
    text = text.strip()
    if text.isascii() and text.isdigit() and int(text) > MAX_INT:
        return MAX_INT
    return parse_whole(text) or 1


def from_request(sort_keys: Iterable[str], *, size: int = DEFAULT_SIZE) -> Listing:
    """The list state the query string asks for. `sort_keys` are the columns this list sorts by."""
    args = _request_args()
    first = {}
    for key, value in args:
        first.setdefault(key, value)
    sort = first.get("sort") if first.get("sort") in set(sort_keys) else None
    chosen_size = parse_whole(first.get("size"), high=MAX_SIZE)
    return Listing(
        endpoint=request.endpoint,
        view_args=dict(request.view_args or {}),
        args=args,
        number=_page_number(first.get("page", "")),
        size=chosen_size or size,
        sort=sort,
        descending=sort is not None and first.get("order") == "desc",
    )


def plan_filters(state: Listing, *, by_agency: bool = True) -> PlanFilters:
    """The filters of a list of recommendations (status, review, overdue or due soon, agency, need,
    national body's answer, the review's chair)."""
    return PlanFilters(
        status=state.choice("status", STATUS_LABELS),
        review_id=state.whole("review"),
        reference=state.arg("reference")[:60].strip(),
        due=state.choice("due", DUE_FILTERS),
        agency_id=state.whole("agency") if by_agency else None,
        need=state.choice("need", PLAN_NEEDS),
        answer=state.choice("answer", NATIONAL_STANDING_LABELS),
        chair_id=state.whole("chair"),
    )


def plan_page(list_page, state: Listing, filters: PlanFilters, *args):
    """A page of one of plan_rows' lists, as the listing asks for."""
    return list_page(*args, filters, number=state.number, size=state.size, sort=state.sort,
                     descending=state.descending)


def action_need(state: Listing) -> str:
    """The `need` filter of a list of actions (one of action_rows.NEEDS, or "" for every action)."""
    return state.choice("need", action_rows.NEEDS)


def action_page(query, state: Listing):
    """A page of a query over actions, filtered by the `need` the listing asks for."""
    return action_rows.page_of(query, action_need(state), number=state.number, size=state.size, sort=state.sort,
                               descending=state.descending)
