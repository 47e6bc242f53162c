from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import HiddenField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange
from wtforms.widgets import HiddenInput

from dhr.numbers import MAX_INT


class CollectionForm(FlaskForm):
    name = StringField("Name of the collection", widget=GovTextInput(),
                       validators=[InputRequired("Enter a name for the collection"),
                                   Length(max=200, message="Name must be 200 characters or fewer")])
    submit = SubmitField("Create collection", widget=GovSubmitInput())


class AddToCollectionForm(FlaskForm):
    collection_id = SelectField("Collection", coerce=int, widget=GovSelect(),
                                validators=[InputRequired("Choose a collection")])
    finding_id = IntegerField(widget=HiddenInput(), validators=[InputRequired(), NumberRange(1, MAX_INT)])
    next = HiddenField()
    submit = SubmitField("Add to collection", widget=GovSubmitInput())
