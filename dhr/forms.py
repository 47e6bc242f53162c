"""Helpers shared by the areas' forms."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovDateInput,
    GovSelect,
    GovTextInput,
)
from wtforms import DateField, EmailField, SelectField, SelectMultipleField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from . import dates
from .data import themes
from .data.vocab import PICKED_THEME_KINDS


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """Select, radio and checkbox options from (value, label) pairs, in the form WTForms 3.3+ expects."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def email_field(label: str = "Email address", missing: str = "Enter your email address", **kwargs) -> EmailField:
    """An email address as every form takes one: required, at most 254 characters, name@domain."""
    return EmailField(label, widget=GovTextInput(), validators=[
        DataRequired(message=missing),
        Length(max=254, message="Email address must be 254 characters or fewer"),
        Email(message="Enter an email address in the correct format, like name@example.org",
              check_deliverability=False),
    ], **kwargs)


class GovDateField(DateField):
    """A GOV.UK day/month/year date, read by `dates.parse_parts`. It never raises on missing
    parts: govuk-frontend-wtf's widget unpacks raw_data into three parts, so a crafted POST
    that omits them is padded to three blanks, and the message names what is wrong."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("widget", GovDateInput())
        super().__init__(label, validators, format="%d %m %Y", **kwargs)

    def process_formdata(self, valuelist):
        parts = [str(p) for p in list(valuelist or [])[:3]]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data = None
        try:
            self.data = dates.parse_parts(*parts)
        except ValueError as error:
            raise ValueError(f"{self.label.text} {error}") from None


class IntSelect(SelectField):
    """A select whose empty choice ("") means None."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("coerce", lambda v: int(v) if v not in (None, "", "None") else None)
        kwargs.setdefault("widget", GovSelect())
        super().__init__(*args, **kwargs)


class IntCheckboxes(SelectMultipleField):
    """Checkboxes whose values are ids."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("widget", GovCheckboxesInput())
        super().__init__(*args, **kwargs)


class GovLimitedTextArea(GovCharacterCount):
    """A GOV.UK textarea with a character count whose limit is the field's own `Length(max=...)`,
    so the count and the server-side check can never disagree."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        limit = text_limit(field)
        if limit is not None:
            params.setdefault("maxlength", limit)
        return params


def text_limit(field) -> int | None:
    """The most characters the field's `Length` validator allows, or None."""
    limits = [v.max for v in field.validators if isinstance(v, Length) and v.max is not None and v.max >= 0]
    return min(limits) if limits else None


class LongText(TextAreaField):
    """Free text with a character count. Browsers send each line break as two characters (CR LF)
    while the count counts one, so line breaks are kept as one (LF): the count shown is the
    length checked."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", GovLimitedTextArea())
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data:
            self.data = self.data.replace("\r\n", "\n").replace("\r", "\n")


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


def by_ids(getter, ids) -> list:
    return [row for row in (getter(i) for i in ids or []) if row is not None]
