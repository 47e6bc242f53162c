from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import EmailField, PasswordField, RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from dhr.data.users import MIN_PASSWORD_LENGTH
from dhr.data.vocab import NOTIFY_BY_LABELS, NotifyBy


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(message="Enter an email address in the correct format, like name@example.org",
                  check_deliverability=False),
        ],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter your password"), Length(max=200, message="Password is too long")],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter your current password"),
                    Length(max=200, message="Password is too long")],
    )
    new_password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description=f"At least {MIN_PASSWORD_LENGTH} characters. A phrase of several unrelated words is "
                    "easy to remember and hard to guess.",
        validators=[DataRequired(message="Enter a new password"), Length(max=200, message="Password is too long")],
    )
    confirm_password = PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter the new password again"),
                    EqualTo("new_password", message="The new passwords do not match")],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())


class NotificationsForm(FlaskForm):
    notify_by = RadioField(
        "How do you want to be told?",
        choices=[SelectChoice(choice.value, NOTIFY_BY_LABELS[choice]) for choice in NotifyBy],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select how you want to be told")],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
