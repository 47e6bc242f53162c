from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from dhr.data.vocab import ROLE_LABELS
from dhr.forms import IntSelect, choices, email_field
from dhr.numbers import parse_whole

AGENCY_HINT = "Only for agency users: the agency whose recommendations and actions they see and report on."


def _role(label: str) -> RadioField:
    # The data layer names a role or agency that is not offered (dhr.data.accounts).
    return RadioField(label, choices=choices((role.value, text) for role, text in ROLE_LABELS.items()),
                      widget=GovRadioInput(), validate_choice=False,
                      validators=[InputRequired(message="Select a role")])


def _agency() -> IntSelect:
    return IntSelect("Agency", description=AGENCY_HINT, coerce=parse_whole, validate_choice=False,
                     validators=[Optional()])


class InviteForm(FlaskForm):
    name = StringField("Full name", widget=GovTextInput(), validators=[
        DataRequired(message="Enter the person’s full name"),
        Length(max=200, message="Full name must be 200 characters or fewer")])
    email = email_field(missing="Enter the person’s email address",
                        description="The invitation is sent here, and they sign in with it.")
    role = _role("Role")
    agency_id = _agency()
    submit = SubmitField("Send invitation", widget=GovSubmitInput())


class AccountForm(FlaskForm):
    role = _role("Role")
    agency_id = _agency()
    submit = SubmitField("Save role and agency", widget=GovSubmitInput())


class ButtonForm(FlaskForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())
