"""The form of the allow-list page: a public contact detail and what it is."""
from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from dhr.data.allow_list import MAX_NOTE, MAX_VALUE


class AllowEntryForm(FlaskForm):
    value = StringField(
        "Contact detail", widget=GovTextInput(),
        description="As it is written in reports, for example 0808 2000 247 or the partnership's address",
        validators=[DataRequired("Enter the contact detail that is safe to publish"),
                    Length(max=MAX_VALUE, message=f"The contact detail must be {MAX_VALUE} characters or fewer")])
    note = StringField("What it is (optional)", widget=GovTextInput(),
                       description="For example, the National Domestic Abuse Helpline",
                       validators=[Length(max=MAX_NOTE, message=f"What it is must be {MAX_NOTE} characters or fewer")])
    submit = SubmitField("Add to the allow-list", widget=GovSubmitInput())
