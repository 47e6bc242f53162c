from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from dhr.data.vocab import PICKED_THEME_KINDS, STRATEGY_PRIORITIES, THEME_KIND_LABELS
from dhr.forms import IntSelect, LongText, choices


class ThemeForm(FlaskForm):
    name = StringField("Name", widget=GovTextInput(), validators=[
        InputRequired("Enter the theme name"), Length(max=200, message="Theme name must be 200 characters or fewer")])
    description = LongText("Description", validators=[
        Length(max=5000, message="Description must be 5,000 characters or fewer")])
    kind = SelectField("Kind", widget=GovSelect(),
                       choices=choices([(k.value, v) for k, v in THEME_KIND_LABELS.items()]),
                       description="Findings, recommendations and reviews are tagged with "
                                   + ", ".join(v.lower() for v in PICKED_THEME_KINDS.values())
                                   + ". A review's death category and a recommendation's strategy priority are "
                                     "fields of their own, so themes of those kinds are not offered for tagging.",
                       validators=[InputRequired("Choose the kind of theme")])
    synonyms = LongText("Synonyms",
                        description="Other words people use for this theme, separated by commas. "
                                    "Search uses them.",
                        validators=[Length(max=5000, message="Synonyms must be 5,000 characters or fewer")])
    parent_id = IntSelect("Sits under (parent theme)", validators=[Optional()])
    strategy_priority = IntSelect(
        "Strategy priority it maps to",
        choices=choices([("", "None")] + [(str(k), f"{k}. {v}") for k, v in STRATEGY_PRIORITIES.items()]),
        validators=[Optional()],
    )
    submit = SubmitField("Save theme", widget=GovSubmitInput())


class ButtonForm(FlaskForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())
