"""Forms for agency users."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from dhr.data.vocab import AGENCY_PROPOSABLE_STATUSES, STATUS_LABELS


class UpdateForm(FlaskForm):
    narrative = TextAreaField(
        "What has been done",
        description="Describe the progress since the last update and what is still to do.",
        widget=GovTextArea(),
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
    submit = SubmitField("Send update", widget=GovSubmitInput())
