"""Forms for the partnership's tracking of recommendations."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
)
from wtforms import RadioField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from dhr.data.practice_vocab import EVIDENCE_GRADE_LABELS
from dhr.data.vocab import ASSESSMENT_CHOICES, Assessment
from dhr.forms import GovDateField, LongText


class AssessForm(FlaskForm):
    decision = RadioField(
        "Your assessment",
        choices=[SelectChoice(a.value, label) for a, label in ASSESSMENT_CHOICES.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select whether to accept, challenge or ask for more evidence")],
    )
    message = LongText("Message to the agency",
                       validators=[Length(max=5000, message="Message must be 5,000 characters or fewer")])
    completed_on = GovDateField("Date of completion", validators=[Optional()],
                                description="If the update reports the work complete")
    outcome = LongText("Outcome achieved",
                       description="If the update reports the work complete",
                       validators=[Length(max=5000, message="Outcome must be 5,000 characters or fewer")])
    evidence_grade = RadioField(
        "What does the evidence show?", widget=GovRadioInput(), validators=[Optional()],
        choices=[SelectChoice(g.value, label) for g, label in EVIDENCE_GRADE_LABELS.items()],
        description="Needed to verify completion. Judge what the evidence shows, not how much of it there is.",
    )
    submit = SubmitField("Save assessment", widget=GovSubmitInput())

    def validate_message(self, field):
        if self.decision.data in (Assessment.CHALLENGED, Assessment.MORE_EVIDENCE) and not (field.data or "").strip():
            raise ValidationError("Enter a message telling the agency what is needed")


class ImportForm(FlaskForm):
    spreadsheet = FileField("Upload an action plan (XLSX or CSV)", widget=GovFileInput())
    submit = SubmitField("Check the file", widget=GovSubmitInput())


class ConfirmImportForm(FlaskForm):
    submit = SubmitField("Save these recommendations", widget=GovSubmitInput())


def confirm_import_form(unknown_names, agencies, formdata=None) -> ConfirmImportForm:
    """The confirmation, with a choice of agency for each lead-agency name the file uses that
    names no agency (the choice is remembered for later imports). `formdata=None` starts it empty."""

    class Confirm(ConfirmImportForm):
        pass

    choices = [SelectChoice("", "Choose an agency"), *[SelectChoice(str(a.id), a.name) for a in agencies]]
    for name in unknown_names:
        rows = ", ".join(str(n) for n in name.rows)
        hint = f"Used on row{'s' if len(name.rows) > 1 else ''} {rows}."
        if name.suggestion:
            hint += f" Did you mean ‘{name.suggestion}’?"
        setattr(Confirm, name.field_name, SelectField(
            f"‘{name.written}’ is", choices=choices, description=hint, widget=GovSelect(),
            validators=[InputRequired(message=f"Unknown lead agency ‘{name.written}’: choose the agency it is")]))
    return Confirm() if formdata is not None else Confirm(formdata=None)


class ForgetAgencyNameForm(FlaskForm):
    submit = SubmitField("Remove", widget=GovSubmitInput())


class AgreeForm(FlaskForm):
    submit = SubmitField("Agree this action", widget=GovSubmitInput())


class DecideDateForm(FlaskForm):
    decision = RadioField(
        "Your decision",
        choices=[SelectChoice("accepted", "Accept the new date"), SelectChoice("refused", "Keep the agreed date")],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select whether to accept or refuse the new date")],
    )
    message = LongText("Message to the agency",
                       description="Tell the agency why the agreed date stays. They see this message.",
                       validators=[Length(max=10000, message="Message must be 10,000 characters or fewer")])
    submit = SubmitField("Save decision", widget=GovSubmitInput())


class SendNationalForm(FlaskForm):
    submit = SubmitField("Send to the national body", widget=GovSubmitInput())
