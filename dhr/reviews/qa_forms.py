"""Forms for the Home Office Quality Assurance Panel: a submission, the panel's letter, and an
area for final development."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from dhr.data.practice_vocab import AREA_STATE_LABELS, PANEL_OUTCOME_LABELS
from dhr.forms import GovDateField, IntSelect, LongText, choices

from .forms import date_required


class SubmissionForm(FlaskForm):
    on = GovDateField("Date submitted to the Home Office",
                      validators=[date_required("Enter the date the review was submitted to the Home Office")])
    submit = SubmitField("Record the submission", widget=GovSubmitInput())


class LetterForm(FlaskForm):
    panel_on = GovDateField("Date of the panel's letter",
                            validators=[date_required("Enter the date of the panel's letter")])
    outcome = SelectField("What does the letter say?", widget=GovRadioInput(),
                          choices=choices(PANEL_OUTCOME_LABELS.items()),
                          validators=[InputRequired("Choose what the panel's letter says")])
    letter = FileField("Upload the letter", widget=GovFileInput(),
                       description="A PDF, Word document (DOCX) or plain text file. Leave empty to keep the letter "
                                   "already uploaded.")
    publish_letter = BooleanField("Publish the letter with the report", widget=GovCheckboxInput(),
                                  description="Trainers and the public see it once the review is published")
    submit = SubmitField("Save the letter", widget=GovSubmitInput())


class AreaForm(FlaskForm):
    text = LongText("Area for final development", description="As the panel's letter words it", validators=[
        InputRequired("Enter the area for final development, as the letter words it"),
        Length(max=5000, message="The area for final development must be 5,000 characters or fewer")])
    owner_person = StringField("Person who owns it", widget=GovTextInput(),
                               description="For example the chair or the report's author; or choose an agency",
                               validators=[Length(max=200, message="The person who owns it must be 200 characters "
                                                                   "or fewer")])
    owner_agency_id = IntSelect("Agency that owns it", validators=[Optional()])
    state = SelectField("State", widget=GovRadioInput(), choices=choices(AREA_STATE_LABELS.items()),
                        validators=[InputRequired("Choose the state of this area")])
    done_on = GovDateField("Date done (when it is done)", validators=[Optional()])
    note = LongText("Note", validators=[Length(max=5000, message="The note must be 5,000 characters or fewer")])
    submit = SubmitField("Save", widget=GovSubmitInput())
