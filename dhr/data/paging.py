"""Lists a page at a time. Every list asks the database for the page it shows and counts the
rest (one COUNT, one LIMIT/OFFSET): it never loads the whole list. The order is always total,
so that a row never appears on two pages or on none: a list's sorting ends with a unique
tie-breaker (its id). Nothing here decides access: the query given is already limited by the
access policy."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Generic, Mapping, Sequence, TypeVar

from sqlalchemy import Integer, Select, any_, bindparam, func, inspect, select
from sqlalchemy.dialects.postgresql import ARRAY

from dhr.extensions import db

T = TypeVar("T")

DEFAULT_SIZE = 50
MAX_SIZE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: `number` counts from 1; `total` is the whole list's length."""

    items: list[T]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def first(self) -> int:
        """The position in the whole list of the page's first item (0 when the list is empty)."""
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    def with_items(self, items: list) -> "Page":
        """The same page holding other things (e.g. each row's derived flags)."""
        return Page(items=list(items), number=self.number, size=self.size, total=self.total)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Sorting:
    """How a list may be sorted. `columns` maps each sort key people may choose to the SQL
    expressions it orders by (the chosen direction applies to each); `default` is the order
    when none is chosen, its expressions already directed (e.g. open items first, then newest);
    `tie_breaker` is a unique column that ends every order."""

    columns: Mapping[str, Sequence[Any]]
    default: Sequence[Any]
    tie_breaker: Any

    def keys(self) -> tuple[str, ...]:
        return tuple(self.columns)

    def order_by(self, key: str | None, descending: bool = False) -> list:
        """ORDER BY for a sort key (an unknown or missing key gives the default order)."""
        if key not in self.columns:
            return [*self.default, self.tie_breaker.asc()]
        direct = (lambda e: e.desc().nulls_last()) if descending else (lambda e: e.asc().nulls_last())
        tie = self.tie_breaker.desc() if descending else self.tie_breaker.asc()
        return [*(direct(e) for e in self.columns[key]), tie]


def among(column, ids) -> Any:
    """`column IN ids` for a long list of integer ids worked out in Python: PostgreSQL is sent
    one array (= ANY), which it plans far faster than thousands of separate parameters."""
    ids = list(ids)
    if db.engine.dialect.name == "postgresql":
        return column == any_(bindparam("ids", ids, type_=ARRAY(Integer), unique=True))
    return column.in_(ids)


def bounded_size(size: int | None) -> int:
    if not size or size < 1:
        return DEFAULT_SIZE
    return min(size, MAX_SIZE)


def count(query: Select) -> int:
    """How many rows a query gives, counted by the database."""
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def counts(queries: dict[str, Select]) -> dict[str, int]:
    """How many rows each query gives, counted by the database in one statement."""
    columns = [select(func.count()).select_from(query.order_by(None).subquery()).scalar_subquery().label(name)
               for name, query in queries.items()]
    return dict(zip(queries, db.session.execute(select(*columns)).one(), strict=True)) if columns else {}


def page_of(items: Sequence[T], number: int | None = 1, size: int | None = DEFAULT_SIZE) -> Page[T]:
    """The page `number` of a list already in order in Python (a few hundred rows at most, such as
    one row of figures per agency), by the same rules as paginate."""
    size = bounded_size(size)
    last_page = max(1, math.ceil(len(items) / size))
    number = min(max(1, number or 1), last_page)
    return Page(items=list(items[(number - 1) * size:number * size]), number=number, size=size, total=len(items))


def paginate(query: Select, number: int | None = 1, size: int | None = DEFAULT_SIZE, *, order: Sequence = (),
             options: Sequence = (), rows: bool = False) -> Page:
    """The page `number` of `query` in `order` (see Sorting.order_by). A number past the last
    page gives the last page, and anything below 1 the first. `options` (e.g. selectinload)
    load what the page's rows show; `rows` keeps whole result rows instead of their first column."""
    size = bounded_size(size)
    total = count(query)
    last_page = max(1, math.ceil(total / size))
    number = min(max(1, number or 1), last_page)
    ordered = query.order_by(None).order_by(*order).limit(size).offset((number - 1) * size)
    if rows:
        items = list(db.session.execute(ordered.options(*options) if options else ordered).all())
    else:
        items = _entities_in_order(query, ordered, options)
    return Page(items=items, number=number, size=size, total=total)


def _entities_in_order(query: Select, ordered: Select, options: Sequence) -> list:
    """The page's rows: their ids are sorted and cut first (narrow rows sort faster than whole
    ones), then only those rows are loaded, with what they show."""
    entity = query.column_descriptions[0]["entity"]
    key = inspect(entity).primary_key[0]
    ids = list(db.session.scalars(ordered.with_only_columns(key)))
    if not ids:
        return []
    loaded = select(entity).where(key.in_(ids))
    by_id = {getattr(row, key.key): row for row in db.session.scalars(loaded.options(*options) if options else loaded)}
    return [by_id[i] for i in ids if i in by_id]
