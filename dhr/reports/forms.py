"""The dashboard's filters (a GET form: no CSRF token, nothing changes)."""
from __future__ import annotations

import datetime as dt
import re

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import SelectField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice

from dhr.data.figures import Filters

MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}


def parse_date(text: str) -> dt.date:
    """Read 1/4/2023, 01-04-2023, 2023-04-01 or 1 April 2023; ValueError if it is not a real date."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})", text):
        day, month, year = (int(g) for g in m.groups())
    elif (m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)) and m.group(2).lower()[:3] in {
            k[:3] for k in MONTHS}:
        day, year = int(m.group(1)), int(m.group(3))
        month = next(v for k, v in MONTHS.items() if k[:3] == m.group(2).lower()[:3])
    else:
        raise ValueError(text)
    if not 1900 <= year <= 2200:
        raise ValueError(text)
    return dt.date(year, month, day)


class DateText(StringField):
    """A plain text date with a clear hint; the parsed date is in `.date`."""

    date: dt.date | None = None

    def __init__(self, label, which: str, **kwargs):
        super().__init__(label, widget=GovTextInput(), **kwargs)
        self.which = which

    def pre_validate(self, form):
        self.date = None
        if self.data and self.data.strip():
            try:
                self.date = parse_date(self.data)
            except ValueError:
                raise ValidationError(f"Enter the {self.which} date as a real date, for example 1/4/2024") from None


class FiguresForm(FlaskForm):
    class Meta:
        csrf = False

    start = DateText("From (date notified)", "start")
    end = DateText("To (date notified)", "end")
    agency = SelectField("Agency", widget=GovSelect(), choices=[SelectChoice("", "All agencies")],
                         validate_choice=False)

    def set_agencies(self, agencies) -> None:
        self.agency.choices = [SelectChoice("", "All agencies"),
                               *(SelectChoice(str(a.id), a.name) for a in agencies)]

    def validate_agency(self, field):
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError("Select an agency from the list")

    def validate_end(self, field):
        if self.start.date and field.date and field.date < self.start.date:
            raise ValidationError("The end date must be on or after the start date")

    def filters(self) -> Filters:
        return Filters(self.start.date, self.end.date, int(self.agency.data) if self.agency.data else None)
