"""The admin area's forms: the audit trail's filters (a GET form: no CSRF token, nothing
changes), inviting a user, and changing an account."""
from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextInput
from wtforms import RadioField, SelectField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from dhr.data import audit_words
from dhr.data.audit_trail import TrailFilters
from dhr.data.vocab import ROLE_LABELS
from dhr.forms import GovDateField, IntSelect, choices, email_field
from dhr.numbers import parse_whole

RECORD_LENGTH = 200


class TrailForm(FlaskForm):
    class Meta:
        csrf = False

    person = SelectField("Person", widget=GovSelect(), validate_choice=False)
    kind = SelectField("Kind of record", widget=GovSelect(), validate_choice=False)
    record = StringField("Record", widget=GovTextInput())
    action = SelectField("Action", widget=GovSelect(), validate_choice=False)
    start = GovDateField("From")
    end = GovDateField("To")

    def offer(self, people, kinds, actions) -> None:
        self.person.choices = choices([("", "Anyone"), *((str(p.id), f"{p.name} ({p.email})") for p in people)])
        self.kind.choices = choices([("", "Any kind"), *((k, audit_words.kind_of(k)) for k in kinds)])
        self.action.choices = choices([("", "Any action"), *((a, audit_words.action_of(a)) for a in actions)])

    @staticmethod
    def _offered(field) -> None:
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(f"Select a {field.label.text.lower()} from the list")

    def validate_person(self, field):
        self._offered(field)

    def validate_kind(self, field):
        self._offered(field)

    def validate_action(self, field):
        self._offered(field)

    def validate_record(self, field):
        if field.data and len(field.data.strip()) > RECORD_LENGTH:
            raise ValidationError(f"The record must be {RECORD_LENGTH} characters or fewer")

    def validate_end(self, field):
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError("The To date must be the same as or after the From date")

    def filters(self) -> TrailFilters:
        return TrailFilters(user_id=int(self.person.data) if self.person.data else None, kind=self.kind.data or "",
                            record=(self.record.data or "").strip(), action=self.action.data or "",
                            start=self.start.data, end=self.end.data)


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


class ProcessForm(FlaskForm):
    choice = RadioField("Which review process does the partnership follow?", widget=GovRadioInput(),
                         validators=[InputRequired("Choose the process the partnership follows")])
    submit = SubmitField("Save the process", widget=GovSubmitInput())

    def offer(self, processes) -> None:
        self.choice.choices = [(p.key, p.label) for p in processes]
