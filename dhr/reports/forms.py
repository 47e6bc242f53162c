"""The dashboard's filters (a GET form: no CSRF token, nothing changes)."""
from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import SelectField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice

from dhr.data.figures import Filters
from dhr.dates import parse_date


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
