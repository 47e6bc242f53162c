"""Forms for asking agencies for their contributions to a review, chasing them and recording them."""
from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import SelectField, SubmitField
from wtforms.validators import InputRequired, Length

from dhr.data.practice_vocab import CONTRIBUTION_KIND_LABELS
from dhr.forms import GovDateField, IntSelect, LongText, choices

from .forms import date_required


class AskForm(FlaskForm):
    agency_id = IntSelect("Agency", validators=[InputRequired("Choose the agency to ask")])
    kind = SelectField("What is the agency asked for?", widget=GovRadioInput(),
                       choices=choices(CONTRIBUTION_KIND_LABELS.items()),
                       validators=[InputRequired("Choose what the agency is asked for")])
    due_on = GovDateField("Date it is due", description="For example, 27 3 2027",
                          validators=[date_required("Enter the date it is due")])
    note = LongText("Note to the agency (optional)", description="For example, the period the chronology covers",
                    validators=[Length(max=2000, message="The note must be 2,000 characters or fewer")])
    submit = SubmitField("Ask the agency", widget=GovSubmitInput())


class ChaseForm(FlaskForm):
    submit = SubmitField("Send the chase", widget=GovSubmitInput())


class ReceivedForm(FlaskForm):
    received_on = GovDateField("Date it was received", validators=[date_required("Enter the date it was received")])
    submit = SubmitField("Record as received", widget=GovSubmitInput())
