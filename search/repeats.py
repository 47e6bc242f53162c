"""The repeat-recommendations report, computed in the background and kept beside the index.

Finding repeats runs one more-like-this per recommendation (minutes at national scale), so no
page view does it. After this host's index changes, a background thread on this host (the work
reads this host's index, so it is host-local like the index) finds, over every recommendation,
which ones resemble recommendations of other reviews, and stores only keys, review ids and
scores, with the index position they were computed at. A page filters the stored pairs through
the access policy for the person asking and groups what is left, so nobody's report is shaped by
recommendations they may not see."""
from __future__ import annotations

import fcntl
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from dhr.data import learning

from . import external_documents, indexing
from .similar import _like_query
from .state import _State, facet_sets

RESULT_FILE = "repeat_recommendations.json"
LOCK_FILE = "repeats.lock"
THRESHOLD = 0.35  # a match must score this share of the recommendation's match with itself
MATCHES_PER_RECOMMENDATION = 10
MAX_ROUNDS = 5


@dataclass
class RepeatGroup:
    keys: list[str]
    review_ids: set[int]  # an external review's is negative (search.external_documents)
    years: list[int]
    themes: list[str]
    other_areas: list[str] = field(default_factory=list)  # the partnerships of its external recommendations
    since: int | None = None  # the first year another area made it


@dataclass
class Report:
    """What a person may see of the last computed report (None: none computed yet), and whether
    a newer one is on its way."""

    groups: list[dict] | None
    updating: bool


def _result_path() -> Path:
    return indexing.index_root() / RESULT_FILE


def stored() -> dict | None:
    try:
        return json.loads(_result_path().read_text())
    except (OSError, ValueError):
        return None


def _store(result: dict) -> None:
    path = _result_path()
    tmp = path.with_name(f".{RESULT_FILE}.{uuid.uuid4().hex}")
    tmp.write_text(json.dumps(result))
    os.replace(tmp, path)


def refresh(wait: bool = False) -> bool:
    """Compute and store the report until it matches the index's position (a few rounds at
    most). Another process on this host already computing it is left to it, or with `wait`
    waited for. Returns whether the stored report is now current."""
    root = indexing.index_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_FILE, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        try:
            for _ in range(MAX_ROUNDS):
                position = indexing.position_key()
                found = stored()
                if found is not None and found.get("position") == position:
                    return True
                _store(_compute(position))
            return False
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _compute(position: str) -> dict:
    ix = indexing.open_index()
    with ix.searcher() as searcher:
        state = _State(Path(indexing.current_dir()), ix, searcher)
        kinds = facet_sets(state, "kind")
        recs = set(kinds.get("recommendation", set())) | set(kinds.get("external_recommendation", set()))
        fields = {d: searcher.stored_fields(d) for d in recs}
        pairs = []
        for docnum in sorted(recs):
            like = _like_query(state, docnum, numterms=10)
            if like is None:
                continue
            results = searcher.search(like, filter=recs, limit=MATCHES_PER_RECOMMENDATION)
            own = next((h.score for h in results if h.docnum == docnum), None) or (results[0].score if results else 0)
            for h in results if own else []:
                other = fields[h.docnum]
                if other["review_id"] != fields[docnum]["review_id"] and h.score / own >= THRESHOLD:
                    pairs.append([fields[docnum]["key"], other["key"], round(h.score / own, 4)])
    keys = {k for pair in pairs for k in pair[:2]}
    reviews = {f["key"]: int(f["review_id"]) for f in fields.values() if f["key"] in keys}
    return {"position": position, "reviews": reviews, "pairs": pairs}


def report(user) -> Report:
    """The last computed report as `user` may see it, starting a newer one if the index has
    moved on. Raises IndexBeingBuilt if the index is missing, having started its build."""
    from . import host  # imported here: host's work calls this module

    host.require_index()
    position = indexing.position_key()
    found = stored()
    current = found is not None and found.get("position") == position
    if not current:
        host.refresh_repeats_in_background()
    return Report(None if found is None else groups_for(user, found), updating=not current)


def groups_for(user, result: dict) -> list[dict]:
    """The stored pairs both of whose recommendations `user` may see (asked of the access
    policy), joined into groups that span at least two reviews, largest first."""
    rows = learning.visible_rows(user, sorted(result.get("reviews", {})))
    parent = {key: key for key in rows}

    def find(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b, _score in result.get("pairs", []):
        if a in parent and b in parent:
            parent[find(b)] = find(a)
    clusters: dict[str, list] = {}
    for key, row in rows.items():
        clusters.setdefault(find(key), []).append((key, row))
    groups = [_group(members) for members in clusters.values() if len({_family(k, r) for k, r in members}) >= 2]
    groups.sort(key=lambda g: (-len(g["group"].review_ids), -len(g["group"].keys)))
    return groups


def _is_external(key: str) -> bool:
    return key.startswith("external_")


def _family(key: str, row) -> int:
    return external_documents.family_key(row.review_id) if _is_external(key) else row.review_id


def _year(key: str, row) -> int:
    return row.review.year if _is_external(key) else row.review.notified_on.year


def _group(members: list) -> dict:
    """A cluster as a report row: its recommendations by year, years, shared themes, and the
    other areas (partnerships) that made it, since when."""
    members = sorted(members, key=lambda kr: (_year(*kr), kr[0]))
    theme_counts: dict[str, int] = {}
    for _, row in members:
        for theme in {str(t.id) for t in row.themes}:
            theme_counts[theme] = theme_counts.get(theme, 0) + 1
    external = [(key, row) for key, row in members if _is_external(key)]
    group = RepeatGroup(
        keys=[key for key, _ in members],
        review_ids={_family(key, row) for key, row in members},
        years=sorted({_year(key, row) for key, row in members}),
        themes=[t for t, n in sorted(theme_counts.items(), key=lambda tn: -tn[1]) if n > 1],
        other_areas=sorted({row.review.source.partnership for _, row in external}),
        since=min((row.review.year for _, row in external), default=None),
    )
    return {"group": group, "recommendations": [row for _, row in members]}


def repeat_recommendations(user) -> list[RepeatGroup]:
    """The report as `user` may see it, computed now if it is out of date (commands and tests;
    pages use `report`, which never waits)."""
    refresh(wait=True)
    found = stored()
    return [] if found is None else [g["group"] for g in groups_for(user, found)]
