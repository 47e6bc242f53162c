"""The form of the API tokens page: whom a new token acts as, its name and when it expires."""
from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from dhr.forms import GovDateField, IntSelect
from dhr.numbers import parse_whole


class ApiTokenForm(FlaskForm):
    user_id = IntSelect("Acts as", coerce=parse_whole, validate_choice=False,
                        description="The token can see and do exactly what this agency user can.",
                        validators=[InputRequired(message="Select the agency user the token acts as")])
    name = StringField("Name", widget=GovTextInput(),
                       description="The system that will use it, like ‘Police case management’.",
                       validators=[DataRequired(message="Enter a name for the token"),
                                   Length(max=200, message="The name must be 200 characters or fewer")])
    expires_on = GovDateField("Expires on (optional)", description="For example, 31 3 2027. Leave it empty for "
                                                                   "a token that works until it is revoked.",
                              validators=[Optional()])
    submit = SubmitField("Make the token", widget=GovSubmitInput())
