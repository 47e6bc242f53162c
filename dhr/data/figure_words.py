"""The one-sentence summary that goes with each chart: what a reader should take from it."""
from __future__ import annotations

from dhr.wording import counted

from .figure_data import Breakdown

PERIODS = {"year": ("financial year", "financial years")}


def _noun(breakdown: Breakdown) -> tuple[str, str]:
    plural = breakdown.shows
    return plural[:-1], plural


def _periods(breakdown: Breakdown, singular: str, plural: str) -> str:
    rows = breakdown.rows
    busiest = max(rows, key=lambda r: r.count)
    empty = [r for r in rows if r.count == 0]
    period, periods = PERIODS[breakdown.name]
    sentence = (f"{counted(breakdown.total, singular, plural)} from {rows[0].label} to {rows[-1].label}: "
                f"the most, {busiest.count:,}, in {busiest.label}")
    if empty:
        sentence += f"; {counted(len(empty), period, periods)} with none"
    return sentence + "."


def summary(breakdown: Breakdown) -> str:
    """A plain sentence from the breakdown's own figures, e.g. "12 recommendations counted. Most:
    Not started (5); next: In progress (on track) (4)."."""
    singular, plural = _noun(breakdown)
    rows = [r for r in breakdown.rows if r.count]
    if not rows:
        return f"No {plural} for this selection."
    if breakdown.name in PERIODS:
        return _periods(breakdown, singular, plural)
    rows = sorted(rows, key=lambda r: -r.count)
    sentence = f"{counted(breakdown.total, singular, plural)} counted. Most: {rows[0].label} ({rows[0].count:,})"
    if len(rows) > 1:
        sentence += f"; next: {rows[1].label} ({rows[1].count:,})"
    if breakdown.left_out:
        sentence += f"; {breakdown.left_out:,} more not shown"
    return sentence + "."
