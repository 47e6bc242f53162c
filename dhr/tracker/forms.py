"""Forms for the partnership's tracking of recommendations."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import HiddenField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from dhr.forms import GovDateField
from dhr.data.vocab import ASSESSMENT_LABELS, STATUS_LABELS, Assessment, Status


STATUS_CHOICES = [SelectChoice(s.value, STATUS_LABELS[s]) for s in Status]


class EditRecommendationForm(FlaskForm):
    version = HiddenField()
    text = TextAreaField(
        "Recommendation",
        widget=GovTextArea(),
        validators=[InputRequired(message="Enter the recommendation"), Length(max=5000)],
    )
    action_to_take = TextAreaField("Action to take", widget=GovTextArea(), validators=[Length(max=5000)])
    milestones = TextAreaField("Key milestones achieved", widget=GovTextArea(), validators=[Length(max=5000)])
    target_date = GovDateField("Target date", validators=[Optional()])
    status = SelectField("Status", choices=STATUS_CHOICES, widget=GovSelect(),
                         validators=[InputRequired(message="Select a status")])
    completed_on = GovDateField("Date of completion", validators=[Optional()])
    outcome = TextAreaField("Outcome", widget=GovTextArea(), validators=[Length(max=5000)])
    submit = SubmitField("Save changes", widget=GovSubmitInput())

    def validate_version(self, field):
        if not str(field.data or "").isdigit():
            raise ValidationError("The form was incomplete: reload the page and try again")

    def validate_outcome(self, field):
        if self.status.data == Status.VERIFIED and not (field.data or "").strip():
            raise ValidationError("Enter the outcome achieved before recording the recommendation as verified")


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
