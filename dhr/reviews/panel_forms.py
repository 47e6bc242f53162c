"""Forms for a review's panel, terms of reference, chair's declaration and parallel processes."""
from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from dhr.data.practice_vocab import PARALLEL_KIND_LABELS
from dhr.forms import GovDateField, IntSelect, LongText, choices

from .forms import date_required


class PanelMemberForm(FlaskForm):
    agency_id = IntSelect("Agency they represent", validators=[InputRequired(
        "Choose the agency the panel member represents")])
    role = StringField("Role or title", widget=GovTextInput(), description="For example Detective Inspector, "
                       "Named Nurse for Safeguarding Adults, or Head of Service",
                       validators=[InputRequired("Enter the panel member's role or title, for example Detective "
                                                 "Inspector"),
                                   Length(max=200, message="The role or title must be 200 characters or fewer")])
    name = StringField("Name (optional)", widget=GovTextInput(), validators=[
        Optional(), Length(max=200, message="The name must be 200 characters or fewer")])
    submit = SubmitField("Save", widget=GovSubmitInput())


class TermsForm(FlaskForm):
    agreed_on = GovDateField("Date the panel agreed the terms of reference", validators=[
        date_required("Enter the date the terms of reference were agreed")])
    submit = SubmitField("Save", widget=GovSubmitInput())


class DeclarationForm(FlaskForm):
    declared_on = GovDateField("Date of the declaration", validators=[
        date_required("Enter the date of the declaration")])
    statement = LongText("Your declaration of independence", description="Say that you are independent of the "
                         "agencies involved: that you have not worked for them or had contact with the people in "
                         "this case, or what any link was and why it does not affect your independence",
                         validators=[InputRequired("Enter the declaration, for example that you have never worked "
                                                   "for or with the agencies involved"),
                                     Length(max=5000, message="The declaration must be 5,000 characters or fewer")])
    submit = SubmitField("Make the declaration", widget=GovSubmitInput())


class ParallelProcessForm(FlaskForm):
    kind = SelectField("Which process is it?", widget=GovRadioInput(), choices=choices(PARALLEL_KIND_LABELS.items()),
                       validators=[InputRequired("Choose which process it is")])
    reference = StringField("Reference (optional)", widget=GovTextInput(),
                            description="For example the court's case number or the coroner's reference",
                            validators=[Length(max=200, message="The reference must be 200 characters or fewer")])
    started_on = GovDateField("Date it started", validators=[date_required("Enter the date it started")])
    ended_on = GovDateField("Date it ended (if it has)", validators=[Optional()])
    pfd_report_on = GovDateField("Date of the Prevention of Future Deaths report (inquests only, if the coroner "
                                 "issued one)", validators=[Optional()])
    linked_reference = StringField("Reference of the review in this service (a Safeguarding Adults Review or Child "
                                   "Safeguarding Practice Review kept here, optional)", widget=GovTextInput(),
                                   validators=[Length(max=40, message="The linked review's reference must be 40 "
                                                                      "characters or fewer")])
    outcome = LongText("Outcome and notes", validators=[
        Length(max=5000, message="The outcome and notes must be 5,000 characters or fewer")])
    submit = SubmitField("Save", widget=GovSubmitInput())


class SharedActionForm(FlaskForm):
    action_id = IntSelect("Action of this review", validators=[InputRequired("Choose an action of this review")])
    shared_with_id = IntSelect("The action of the linked review it shares", validators=[
        InputRequired("Choose the action of the linked review it shares")])
    submit = SubmitField("Record the shared action", widget=GovSubmitInput())


class OfferForm(FlaskForm):
    submit = SubmitField("Yes", widget=GovSubmitInput())
