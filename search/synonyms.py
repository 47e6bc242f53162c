"""Theme synonyms and stemming: a word or phrase naming a theme widens to its other names and tag."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable

from whoosh.query import And, Or, Phrase, Query, Term

from .schema import TEXT_ANALYZER


@functools.lru_cache(maxsize=8192)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in TEXT_ANALYZER(text))


@dataclass(frozen=True)
class ThemeNames:
    """What widening needs of a theme (not the ORM row, so a cached map holds no session state)."""
    id: int
    name: str
    synonyms: str

    @property
    def synonym_list(self) -> list[str]:
        return [p.strip() for p in self.synonyms.replace("\n", ",").split(",") if p.strip()]


_synonyms_cache: tuple[tuple, dict] | None = None


def current_synonyms() -> dict[tuple[str, ...], list]:
    """The synonym map of the active themes, rebuilt whenever any active theme's id, name or
    synonyms differ from what it was built from (the rows themselves are the key, so it is
    never stale: one small SELECT, no stemming, when nothing has changed)."""
    global _synonyms_cache
    from dhr.data import learning

    rows = learning.theme_names()
    cached = _synonyms_cache
    if cached is not None and cached[0] == rows:
        return cached[1]
    built = synonym_map(ThemeNames(row[0], row[1], row[2] or "") for row in rows)
    _synonyms_cache = (rows, built)
    return built


def synonym_map(themes: Iterable) -> dict[tuple[str, ...], list]:
    """Stemmed name or synonym → the themes that it names."""
    out: dict[tuple[str, ...], list] = {}
    for theme in themes:
        for name in [theme.name, *theme.synonym_list]:
            key = _stems(name)
            if key:
                out.setdefault(key, []).append(theme)
    return out


def _text_query(stems: tuple[str, ...], boost: float) -> Query:
    if len(stems) == 1:
        return Term("text", stems[0], boost=boost)
    return Phrase("text", list(stems), boost=boost)


def expand_synonyms(q: Query, synonyms: dict) -> Query:
    """Widen each word or phrase that names a theme to the theme's other names and the tag."""
    key = None
    if isinstance(q, Term) and q.fieldname == "text":
        key = (q.text,)
    elif isinstance(q, Phrase) and q.fieldname == "text":
        key = tuple(q.words)
    if key is not None:
        themes = synonyms.get(key)
        if not themes:
            return q
        alternatives: list[Query] = [q]
        seen = {key}
        for theme in themes:
            alternatives.append(Term("themes", str(theme.id), boost=0.8))
            for name in [theme.name, *theme.synonym_list]:
                stems = _stems(name)
                if stems and stems not in seen:
                    seen.add(stems)
                    alternatives.append(_text_query(stems, 0.8))
        return Or(alternatives)
    if q.is_leaf():
        return q
    if isinstance(q, And):
        q = _expand_runs(q, synonyms)
        if not isinstance(q, And):
            return q
    return q.apply(lambda child: expand_synonyms(child, synonyms))


def _expand_runs(q: And, synonyms: dict) -> Query:
    """Unquoted words that together name a theme ("risk assessment") widen as a phrase would."""
    children = list(q.subqueries)
    longest = max((len(k) for k in synonyms), default=1)
    out: list[Query] = []
    i = 0
    changed = False
    while i < len(children):
        for size in range(min(longest, len(children) - i), 1, -1):
            run = children[i:i + size]
            if all(isinstance(c, Term) and c.fieldname == "text" for c in run):
                key = tuple(c.text for c in run)
                if key in synonyms:
                    widened = expand_synonyms(Phrase("text", list(key)), synonyms)
                    alternatives = [And(run)] + list(widened.subqueries[1:])
                    out.append(Or(alternatives))
                    i += size
                    changed = True
                    break
        else:
            out.append(children[i])
            i += 1
    if not changed:
        return q
    return out[0] if len(out) == 1 else And(out, boost=q.boost)
