from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from dhr.data.vocab import ROLE_LABELS
from dhr.forms import IntSelect, choices, email_field

AGENCY_HINT = "Only for agency users: the agency whose recommendations and actions they see and report on."


def _role(label: str) -> RadioField:
    return RadioField(label, choices=choices((role.value, text) for role, text in ROLE_LABELS.items()),
                      widget=GovRadioInput(), validators=[InputRequired(message="Select a role")])


class InviteForm(FlaskForm):
    name = StringField("Full name", widget=GovTextInput(), validators=[
        DataRequired(message="Enter the person’s full name"),
        Length(max=200, message="Full name must be 200 characters or fewer")])
    email = email_field(missing="Enter the person’s email address",
                        description="The invitation is sent here, and they sign in with it.")
    role = _role("Role")
    agency_id = IntSelect("Agency", description=AGENCY_HINT, validators=[Optional()])
    submit = SubmitField("Send invitation", widget=GovSubmitInput())


class AccountForm(FlaskForm):
    role = _role("Role")
    agency_id = IntSelect("Agency", description=AGENCY_HINT, validators=[Optional()])
    submit = SubmitField("Save role and agency", widget=GovSubmitInput())


class ButtonForm(FlaskForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())
