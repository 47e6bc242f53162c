from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SubmitField


class RetryForm(FlaskForm):
    submit = SubmitField("Try again", widget=GovSubmitInput())
