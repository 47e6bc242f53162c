"""Forms for the partnership's tracking of recommendations."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from dhr.data.vocab import ASSESSMENT_LABELS, Assessment
from dhr.forms import GovDateField


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


class AgreeForm(FlaskForm):
    submit = SubmitField("Agree this action", widget=GovSubmitInput())


class DecideDateForm(FlaskForm):
    decision = RadioField(
        "Your decision",
        choices=[SelectChoice("accepted", "Accept the new date"), SelectChoice("refused", "Keep the agreed date")],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select whether to accept or refuse the new date")],
    )
    message = TextAreaField("Message to the agency", widget=GovTextArea(),
                            description="Needed when you keep the agreed date.", validators=[Length(max=10000)])
    submit = SubmitField("Save decision", widget=GovSubmitInput())
