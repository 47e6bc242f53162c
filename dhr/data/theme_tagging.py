"""A review's learning that has no themes yet (imported, proposed from a report, brought in at
onboarding), and giving it themes in bulk: each item keeps the themes it has, and gains those
chosen for it."""
from __future__ import annotations

from dhr.extensions import db

from .errors import DataError
from .models import Finding, Recommendation, Review, Theme
from .vocab import PICKED_THEME_KINDS

TAGGABLE_KINDS = frozenset(PICKED_THEME_KINDS)


class TaggingError(DataError):
    """A choice of themes that cannot be saved."""


def item_key(item: Finding | Recommendation) -> str:
    return f"{'finding' if isinstance(item, Finding) else 'recommendation'}-{item.id}"


def _untagged(item) -> bool:
    return not any(theme.kind in TAGGABLE_KINDS for theme in item.themes)


def untagged(review: Review) -> list[Finding | Recommendation]:
    """The review's findings, then its recommendations, that carry no theme learning is tagged with."""
    return [item for item in [*review.findings, *review.recommendations] if _untagged(item)]


def tag_in_bulk(review: Review, chosen: dict[str, list[str]]) -> int:
    """Add the chosen themes (item key -> theme ids) to the review's untagged items; returns how
    many items gained a theme. Every id must be an active theme learning is tagged with."""
    items = {item_key(item): item for item in untagged(review)}
    wanted = {int(theme_id) for ids in chosen.values() for theme_id in ids if str(theme_id).isdigit()}
    themes = {theme.id: theme for theme in db.session.scalars(db.select(Theme).where(Theme.id.in_(wanted)))}
    if any(theme.retired_at is not None or theme.kind not in TAGGABLE_KINDS for theme in themes.values()) or (
            len(themes) != len(wanted)):
        raise TaggingError("Choose themes from the list: one of those chosen is not a theme learning is tagged with")
    tagged = 0
    for key, item in items.items():
        adding = [themes[int(i)] for i in chosen.get(key, []) if str(i).isdigit()]
        adding = [theme for theme in dict.fromkeys(adding) if theme not in item.themes]
        if adding:
            item.themes = [*item.themes, *adding]
            tagged += 1
    db.session.flush()
    return tagged
