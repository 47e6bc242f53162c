"""The controlled theme list."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased, selectinload

from dhr.extensions import db

from . import paging
from .errors import DataError
from .models import Theme


def all_themes(include_retired: bool = False) -> list[Theme]:
    query = select(Theme).order_by(Theme.kind, Theme.name)
    if not include_retired:
        query = query.where(Theme.retired_at.is_(None))
    return list(db.session.scalars(query))


_PARENT = aliased(Theme)
_PARENT_NAME = select(_PARENT.name).where(_PARENT.id == Theme.parent_id).correlate(Theme).scalar_subquery()
SORTING = paging.Sorting(
    columns={"name": (Theme.name,), "kind": (Theme.kind, Theme.name), "parent": (_PARENT_NAME, Theme.name),
             "status": (Theme.retired_at.is_not(None), Theme.name)},
    default=(Theme.kind.asc(), Theme.name.asc()),
    tie_breaker=Theme.id,
)
THEME_STATES = ("in-use", "retired")


def page_of_themes(*, kind: str = "", state: str = "", number: int = 1, size: int = paging.DEFAULT_SIZE,
                   sort: str | None = None, descending: bool = False) -> paging.Page:
    """The coordinator's theme list, by kind and by whether a theme is in use or retired."""
    query = select(Theme)
    if kind:
        query = query.where(Theme.kind == kind)
    if state == "in-use":
        query = query.where(Theme.retired_at.is_(None))
    elif state == "retired":
        query = query.where(Theme.retired_at.is_not(None))
    return paging.paginate(query, number, size, order=SORTING.order_by(sort, descending),
                           options=(selectinload(Theme.parent),))


def get(theme_id: int) -> Theme | None:
    return db.session.get(Theme, theme_id)


def by_name(name: str) -> Theme | None:
    return db.session.scalar(select(Theme).where(Theme.name == name))


def create(name: str, kind: str, description: str = "", synonyms: str = "", parent: Theme | None = None,
           strategy_priority: int | None = None) -> Theme:
    theme = Theme(
        name=name, kind=kind, description=description, synonyms=synonyms, parent=parent,
        strategy_priority=strategy_priority,
    )
    db.session.add(theme)
    db.session.flush()
    return theme


class ThemeError(DataError):
    """A plain reason this cannot be saved, naming the form field."""


def _check(name: str, kind: str, parent: Theme | None, theme: Theme | None = None) -> str:
    from sqlalchemy import func

    from .vocab import ThemeKind

    name = (name or "").strip()
    if not name:
        raise ThemeError("Enter the theme name", "name")
    if len(name) > 200:
        raise ThemeError("Theme name must be 200 characters or fewer", "name")
    clash = db.session.scalar(select(Theme).where(func.lower(Theme.name) == name.lower()))
    if clash is not None and clash is not theme:
        raise ThemeError(f"A theme called {clash.name} already exists", "name")
    if kind not in set(ThemeKind):
        raise ThemeError("Choose the kind of theme", "kind")
    ancestor = parent
    while ancestor is not None:
        if theme is not None and ancestor is theme:
            raise ThemeError("A theme cannot sit under itself or one of its own sub-themes", "parent_id")
        ancestor = ancestor.parent
    return name


def save(theme: Theme | None, *, name: str, kind: str, description: str = "", synonyms: str = "",
         parent: Theme | None = None, strategy_priority: int | None = None) -> Theme:
    """Create (theme=None) or edit a theme."""
    name = _check(name, kind, parent, theme)
    if theme is None:
        return create(name, kind, (description or "").strip(), (synonyms or "").strip(), parent, strategy_priority)
    theme.name = name
    theme.kind = kind
    theme.description = (description or "").strip()
    theme.synonyms = (synonyms or "").strip()
    theme.parent = parent
    theme.strategy_priority = strategy_priority
    db.session.flush()
    return theme


def retire(theme: Theme) -> None:
    """Retired themes stay on the findings and recommendations already tagged, but are not offered."""
    from .models import utcnow

    if theme.retired_at is None:
        theme.retired_at = utcnow()
        db.session.flush()


def restore(theme: Theme) -> None:
    if theme.retired_at is not None:
        theme.retired_at = None
        db.session.flush()


def usage(theme: Theme) -> dict[str, int]:
    from sqlalchemy import func

    from .models import finding_themes, recommendation_themes, review_themes

    def count(table) -> int:
        return db.session.scalar(select(func.count()).select_from(table).where(table.c.theme_id == theme.id)) or 0

    return {"findings": count(finding_themes), "recommendations": count(recommendation_themes),
            "reviews": count(review_themes)}
