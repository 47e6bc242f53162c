"""The board paper's key messages: plain sentences made from its figures, never typed by hand."""
from __future__ import annotations

from dhr.dates import long_date
from dhr.wording import counted

from .board_paper import AGE_BANDS, BoardPaper, Measures


def _be(number: int) -> str:
    return "is" if number == 1 else "are"


def _was(number: int) -> str:
    return "was" if number == 1 else "were"


def _against(now: int, before: int) -> str:
    """How `now` compares with `before`: "4 more than", "2 fewer than", "the same as"."""
    if now == before:
        return "the same number as"
    return f"{abs(now - before):,} {'more' if now > before else 'fewer'} than"


def _names(ratings, most: int = 5) -> str:
    names = [r.name for r in ratings[:most]]
    if len(ratings) > most:
        names.append(counted(len(ratings) - most, "other"))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _overdue(paper: BoardPaper) -> str:
    now, before = paper.current.overdue_actions, paper.previous.overdue_actions
    return (f"{counted(now, 'action')} {_be(now)} overdue, {_against(now, before)} at the end of the "
            f"previous period ({long_date(paper.previous.period.end)}).")


def _oldest(paper: BoardPaper) -> str | None:
    if not paper.current.overdue_actions:
        return None
    longest_label, longest = paper.bands[-1]
    if not longest:
        return f"No action has been overdue for {AGE_BANDS[-1][0].lower()}."
    return f"{counted(longest, 'action')} {'has' if longest == 1 else 'have'} been overdue for {longest_label.lower()}."


def _rated(paper: BoardPaper) -> str | None:
    red, amber = paper.rated("red"), paper.rated("amber")
    if not paper.ratings:
        return None
    if red:
        return f"{counted(len(red), 'agency', 'agencies')} {_be(len(red))} rated red: {_names(red)}."
    if amber:
        return f"No agency is rated red; {counted(len(amber), 'agency', 'agencies')} {_be(len(amber))} amber."
    return "Every agency with open actions is rated green."


def _work(m: Measures) -> str:
    return (f"In the period {counted(m.recommendations_made, 'recommendation')} {_was(m.recommendations_made)} "
            f"made, {counted(m.actions_completed, 'action')} completed and {m.actions_verified:,} verified, "
            f"and {counted(m.reviews_published, 'review')} {_was(m.reviews_published)} published.")


def _notified(paper: BoardPaper) -> str:
    now = paper.current.reviews_notified
    return (f"{counted(now, 'review')} {_was(now)} notified in the period, against "
            f"{paper.previous.reviews_notified:,} in the previous period and {paper.year_before.reviews_notified:,} "
            f"in the same period last year.")


def key_messages(paper: BoardPaper) -> list[str]:
    found = [_overdue(paper), _oldest(paper), _rated(paper), _work(paper.current), _notified(paper)]
    return [sentence for sentence in found if sentence]
