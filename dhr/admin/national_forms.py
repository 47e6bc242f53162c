"""The forms of the national bodies page: where national recommendations are copied, how long a
body has to respond, and each body's named contact."""
from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Regexp

from dhr.forms import IntSelect, email_field


class NationalSetupForm(FlaskForm):
    commissioner = email_field("The Domestic Abuse Commissioner's office email address",
                               missing="Enter the Commissioner's office email address",
                               description="Every national recommendation sent, and every chase, is copied here.")
    days = StringField("Days a national body has to respond", widget=GovTextInput(),
                       description="56 is the coroners' Prevention of Future Deaths standard.",
                       validators=[DataRequired("Enter the number of days, like 56"),
                                   Regexp(r"^\s*\d{1,3}\s*$",
                                          message="Enter the number of days as a whole number, like 56")])
    submit = SubmitField("Save", widget=GovSubmitInput())


class NationalContactForm(FlaskForm):
    agency_id = IntSelect("National body", validate_choice=False,
                          validators=[InputRequired(message="Select the national body")])
    contact_email = email_field("Named contact's email address", missing="Enter the named contact's email address",
                                description="The recommendations made to the body are sent here.")
    save_contact = SubmitField("Save the contact", widget=GovSubmitInput())
