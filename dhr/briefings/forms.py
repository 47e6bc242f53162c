"""The form for a briefing, training session or bulletin."""
from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, StopValidation

from dhr.data.briefings import MAX_AUDIENCE, MAX_DESCRIPTION, MAX_TITLE
from dhr.data.practice_vocab import BRIEFING_KIND_LABELS
from dhr.forms import GovDateField, IntCheckboxes, LongText, choices
from dhr.numbers import parse_whole


def _date_required(form, field):
    if field.data is None and not field.process_errors:
        raise StopValidation("Enter the date it was held or published")


class BriefingForm(FlaskForm):
    kind = SelectField("What kind of briefing or session was it?", widget=GovRadioInput(),
                       choices=choices(BRIEFING_KIND_LABELS.items()),
                       validators=[InputRequired("Choose what kind of briefing or session it was")])
    title = StringField(
        "Title", widget=GovTextInput(), description="For example, 7-minute briefing: Adult A",
        validators=[InputRequired("Enter the title of the briefing or session"),
                    Length(max=MAX_TITLE, message=f"The title must be {MAX_TITLE} characters or fewer")])
    held_on = GovDateField("Date it was held or published", validators=[_date_required],
                           description="A date still to come records a session planned")
    audience = StringField("Audience", widget=GovTextInput(),
                           description="Who it was for, for example police response officers and call handlers",
                           validators=[Length(max=MAX_AUDIENCE,
                                              message=f"The audience must be {MAX_AUDIENCE} characters or fewer")])
    reached = StringField("Number of people reached (if known)", widget=GovTextInput())
    references = TextAreaField("References of the reviews whose learning it shared", widget=GovTextArea(),
                               description="One to a line, or separated by commas")
    themes = IntCheckboxes("Themes it covered")
    recommendations = IntCheckboxes("Recommendations it carried")
    description = LongText("What it covered", validators=[Length(
        max=MAX_DESCRIPTION, message=f"What it covered must be {MAX_DESCRIPTION:,} characters or fewer")])
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate_reached(self, field):
        field.data = (field.data or "").strip()
        if field.data and parse_whole(field.data.replace(",", ""), high=1_000_000) is None:
            raise StopValidation("Enter the number of people reached as a whole number, for example 40")

    @property
    def reached_number(self) -> int | None:
        return parse_whole((self.reached.data or "").replace(",", ""), high=1_000_000)


class DeleteForm(FlaskForm):
    submit = SubmitField("Delete the briefing", widget=GovSubmitInput())
