"""Forms for the partnership's tracking of recommendations."""
from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import DateField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from dhr.data.vocab import ASSESSMENT_LABELS, Assessment


class GovDateField(DateField):
    """A day/month/year date that never raises on a missing or partial POST.

    govuk-frontend-wtf's GovDateInput expects exactly three values under the field's name; a
    crafted POST that omits them would otherwise break the page. Missing parts become blanks and
    a clear message names what is wrong."""

    def __init__(self, label=None, validators=None, format="%d %m %Y", **kwargs):
        kwargs.setdefault("widget", GovDateInput())
        super().__init__(label, validators, format=format, **kwargs)

    def process_formdata(self, valuelist):
        parts = [str(v).strip() for v in (valuelist or [])][:3]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        if not any(parts):
            self.data = None
            return
        if not all(parts):
            self.data = None
            raise ValueError(f"{self.label.text} must include a day, month and year")
        try:
            self.data = dt.datetime.strptime(" ".join(parts), "%d %m %Y").date()
        except ValueError:
            self.data = None
            raise ValueError(f"{self.label.text} must be a real date")


class AssessForm(FlaskForm):
    decision = RadioField(
        "Your assessment",
        choices=[SelectChoice(a.value, ASSESSMENT_LABELS[a]) for a in
                 (Assessment.ACCEPTED, Assessment.CHALLENGED, Assessment.MORE_EVIDENCE)],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select whether to accept, challenge or ask for more evidence")],
    )
    message = TextAreaField("Message to the agency", widget=GovTextArea(), validators=[Length(max=5000)])
    completed_on = GovDateField("Date of completion (if accepting a completion)", validators=[Optional()])
    outcome = TextAreaField("Outcome achieved (if accepting a completion)", widget=GovTextArea(),
                            validators=[Length(max=5000)])
    submit = SubmitField("Save assessment", widget=GovSubmitInput())

    def validate_message(self, field):
        if self.decision.data in (Assessment.CHALLENGED, Assessment.MORE_EVIDENCE) and not (field.data or "").strip():
            raise ValidationError("Enter a message telling the agency what is needed")


class ImportForm(FlaskForm):
    spreadsheet = FileField("Upload an action plan (XLSX or CSV)", widget=GovFileInput())
    submit = SubmitField("Check the file", widget=GovSubmitInput())


class ConfirmImportForm(FlaskForm):
    submit = SubmitField("Save these recommendations", widget=GovSubmitInput())
