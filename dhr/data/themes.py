"""The controlled theme list."""
from __future__ import annotations

from sqlalchemy import select

from dhr.extensions import db

from .models import Theme


def all_themes(include_retired: bool = False) -> list[Theme]:
    query = select(Theme).order_by(Theme.kind, Theme.name)
    if not include_retired:
        query = query.where(Theme.retired_at.is_(None))
    return list(db.session.scalars(query))


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
