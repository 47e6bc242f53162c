from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovRadioInput, GovSubmitInput
from wtforms import PasswordField, RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length

from dhr.data.users import MIN_PASSWORD_LENGTH
from dhr.data.vocab import NOTIFY_BY_LABELS, NotifyBy
from dhr.forms import email_field


def _new_password(label: str = "New password") -> PasswordField:
    """A new password, described by the password policy (dhr.data.users checks it)."""
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        description=f"At least {MIN_PASSWORD_LENGTH} characters. A phrase of several unrelated words is "
                    "easy to remember and hard to guess.",
        validators=[DataRequired(message="Enter a new password"), Length(max=200, message="Password is too long")],
    )


def _confirm_password(label: str = "Confirm new password") -> PasswordField:
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        validators=[DataRequired(message="Enter the new password again"),
                    EqualTo("new_password", message="The new passwords do not match")],
    )


class SignInForm(FlaskForm):
    email = email_field()
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
    new_password = _new_password()
    confirm_password = _confirm_password()
    submit = SubmitField("Change password", widget=GovSubmitInput())


class SetPasswordForm(FlaskForm):
    """A password set through an emailed link: an invitation's or a forgotten password's."""
    new_password = _new_password("Password")
    confirm_password = _confirm_password("Confirm password")
    submit = SubmitField("Set password", widget=GovSubmitInput())


class ForgottenPasswordForm(FlaskForm):
    email = email_field(description="The email address you sign in with.")
    submit = SubmitField("Send me a link", widget=GovSubmitInput())


class NotificationsForm(FlaskForm):
    notify_by = RadioField(
        "How do you want to be told?",
        choices=[SelectChoice(choice.value, NOTIFY_BY_LABELS[choice]) for choice in NotifyBy],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select how you want to be told")],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
