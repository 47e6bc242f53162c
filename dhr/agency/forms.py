"""Forms for agency users."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovRadioInput, GovSubmitInput
from wtforms import HiddenField, RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, StopValidation

from dhr.data.vocab import (
    AGENCY_PROPOSABLE_STATUSES,
    NATIONAL_RESPONSE_LABELS,
    STATUS_LABELS,
)
from dhr.forms import GovDateField, LongText


class UpdateForm(FlaskForm):
    narrative = LongText(
        "What has been done",
        description="Describe the progress since the last update and what is still to do.",
        validators=[InputRequired(message="Enter what has been done"),
                    Length(max=10000, message="Update must be 10,000 characters or fewer")],
    )
    proposed_status = RadioField(
        "Proposed status",
        choices=[SelectChoice(s.value, STATUS_LABELS[s]) for s in AGENCY_PROPOSABLE_STATUSES],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select the status you propose")],
    )
    evidence = MultipleFileField(
        "Evidence (optional)",
        description="PDF, Word (DOCX), PNG or JPEG files, each smaller than 10 MB.",
        widget=GovFileInput(multiple=True),
    )
    # A one-time key made when the form is shown: the same form sent twice saves one update.
    submission_key = HiddenField()
    submit = SubmitField("Send update", widget=GovSubmitInput())


class ActionPlanForm(FlaskForm):
    text = LongText("What your agency will do", validators=[
        DataRequired("Enter the action your agency will take"),
        Length(max=10000, message="Action must be 10,000 characters or fewer")])
    milestones = LongText("Key milestones",
                          description="The steps on the way, with a date for each if you can.",
                          validators=[Length(max=10000, message="Milestones must be 10,000 characters or fewer")])
    target_date = GovDateField("Target date", description="When the action will be complete.",
                               validators=[Optional()])
    submit = SubmitField("Save the plan", widget=GovSubmitInput())


class MoveDateForm(FlaskForm):
    to_date = GovDateField("New target date", validators=[InputRequired("Enter the new target date")])
    reason = LongText("Why the date needs to move", validators=[
        DataRequired("Enter why the date needs to move"),
        Length(max=10000, message="Reason must be 10,000 characters or fewer")])
    submit = SubmitField("Ask the partnership", widget=GovSubmitInput())


class NationalResponseForm(FlaskForm):
    """A national body's answer, in the Domestic Abuse Commissioner's categories."""

    response = RadioField(
        "How does the recommendation stand?",
        choices=[SelectChoice(value, label) for value, label in NATIONAL_RESPONSE_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select how the recommendation stands")],
    )
    narrative = LongText(
        "What your organisation has done or will do",
        description="The chair and the partnership will see this, and may share it with the family.",
        validators=[DataRequired(message="Enter what your organisation has done or will do"),
                    Length(max=10000, message="The response must be 10,000 characters or fewer")],
    )
    submit = SubmitField("Send the response", widget=GovSubmitInput())


class ContributionUploadForm(FlaskForm):
    file = FileField("Upload your contribution", widget=GovFileInput(),
                     description="A PDF, Word document (DOCX) or plain text file")
    submit = SubmitField("Upload", widget=GovSubmitInput())

    def validate_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise StopValidation("Select a file to upload")
