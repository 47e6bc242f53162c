"""What the review pages share: the blueprint, finding a review the user may see or change,
and the choices the forms offer."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, url_for
from flask_login import current_user

from dhr.access import refuse
from dhr.data import agencies, policy, reviews, themes
from dhr.data.vocab import PICKED_THEME_KINDS, ThemeKind
from dhr.wording import shortened

FINDING_LABEL_CHARACTERS = 90

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


def visible_or_404(review_id: int):
    review = reviews.get_visible(current_user, review_id)
    if review is None:
        abort(404)
    return review


def changeable_or_403(review_id: int):
    review = reviews.get(review_id)
    if review is None:
        abort(404)
    if not policy.may_change_review(current_user, review):
        refuse(f"{current_user.role} {current_user.id} does not chair review {review.id}")
    return review


def agency_choices(blank: str | None = None) -> list[tuple]:
    choices = [(a.id, a.name) for a in agencies.all_agencies()]
    return ([("", blank)] if blank is not None else []) + choices


@dataclass
class ThemeGroup:
    """One fieldset of the theme picker: the themes of one kind."""
    kind: str
    legend: str
    choices: list[tuple[int, str]]

    def items(self, chosen) -> list[dict]:
        """The group's GOV.UK checkbox items, ticked where the form's data holds them."""
        chosen = {str(value) for value in chosen or ()}
        return [{"value": str(value), "text": text, "checked": str(value) in chosen} for value, text in self.choices]


def offer_themes(field, selected=()) -> None:
    """Give a theme field its choices, grouped by kind (as `field.groups`, for the picker). A
    retired theme already on the item stays offered, marked retired."""
    offered = themes.all_themes()
    ids = {t.id for t in offered}
    shown = [*offered, *(t for t in selected if t.id not in ids)]
    groups = [ThemeGroup(str(kind), legend, [(t.id, t.name + (" (retired)" if t.retired else ""))
                                             for t in shown if t.kind == kind])
              for kind, legend in PICKED_THEME_KINDS.items()]
    field.groups = [group for group in groups if group.choices]
    field.choices = [choice for group in field.groups for choice in group.choices]


def picked_themes(field, current=(), held_elsewhere=()) -> list:
    """The themes the picker chose, plus those of kinds it does not offer already on the item
    (a death category tagged as a theme), which it leaves alone; kinds in `held_elsewhere` are
    dropped because another field of the same form now holds them."""
    kept = [t for t in current if t.kind not in PICKED_THEME_KINDS and t.kind not in held_elsewhere]
    return by_ids(themes.get, field.data) + kept


def tagged_priority(item) -> int | None:
    """The strategy priority an item was tagged with as a theme, if any (the lowest, if several)."""
    numbers = [t.strategy_priority for t in item.themes
               if t.kind == ThemeKind.STRATEGY_PRIORITY and t.strategy_priority is not None]
    return min(numbers) if numbers else None


def finding_choices(review) -> list[tuple]:
    """The review's findings, as a recommendation's form offers them: "Finding 2: <its start>"."""
    return [(f.id, f"Finding {f.position}: {shortened(f.text, FINDING_LABEL_CHARACTERS)}") for f in review.findings]


def by_ids(getter, ids) -> list:
    return [row for row in (getter(i) for i in ids or []) if row is not None]


def show_url(review, anchor: str | None = None) -> str:
    return url_for("reviews.show", review_id=review.id) + (f"#{anchor}" if anchor else "")
