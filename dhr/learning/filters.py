"""The search page's filters as the page shows them: each chosen filter with the address of the
same search without it, grouped under its facet's title. The search's state lives in the URL."""
from __future__ import annotations

from typing import Callable


def without(selected: dict[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    """The same choice of filters less one value of one facet."""
    left = {k: [v for v in vs if not (k == name and v == value)] for k, vs in selected.items()}
    return {k: vs for k, vs in left.items() if vs}


def chosen(selected: dict[str, list[str]], titles: dict[str, str], labels: dict[str, dict[str, str]],
           url: Callable[[dict[str, list[str]]], str]) -> list[dict]:
    """[{title, tags: [{label, href}]}] in the order the facets are shown; `url(selected)` is the
    address of the search with those filters."""
    groups = []
    for name, title in titles.items():
        values = selected.get(name, [])
        if values:
            tags = [{"label": labels.get(name, {}).get(v, v), "href": url(without(selected, name, v))} for v in values]
            groups.append({"title": title, "tags": tags})
    return groups
