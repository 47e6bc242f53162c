"""Which proposals from a report the review already has, so that uploading a corrected report
offers only what is new or changed: a proposal whose words (case, punctuation and white space
aside) are those of a saved recommendation is already saved; one with a saved recommendation's
number but other words is changed; any other is new."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import Review
from .proposals import Proposal

NEW, CHANGED = "new", "changed"


def _words(text: str) -> str:
    return re.sub(r"\W+", " ", (text or "").casefold()).strip()


def _number(number: str) -> str:
    return " ".join((number or "").split()).casefold()


@dataclass
class Offered:
    proposal: Proposal
    state: str = NEW
    saved_number: str = ""  # of a changed one: the saved recommendation with its number


@dataclass
class Sorted:
    offered: list[Offered] = field(default_factory=list)
    already_saved: list[Proposal] = field(default_factory=list)


def sort_out(review: Review, found: list[Proposal]) -> Sorted:
    """The proposals to offer (new or changed, in order) and those the review has already."""
    saved_words = {_words(r.text) for r in review.recommendations}
    saved_numbers = {_number(r.number): r.number for r in review.recommendations}
    result = Sorted()
    for proposal in found:
        if _words(proposal.text) in saved_words:
            result.already_saved.append(proposal)
        elif _number(proposal.number) in saved_numbers:
            result.offered.append(Offered(proposal, CHANGED, saved_numbers[_number(proposal.number)]))
        else:
            result.offered.append(Offered(proposal))
    return result
