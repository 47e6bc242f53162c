from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSelect, GovSubmitInput
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice

UNMAPPED = "unmapped"


class UploadForm(FlaskForm):
    upload = FileField("Upload an open data file (JSON)", widget=GovFileInput(),
                       description="The open data file another partnership downloaded from its service, or an "
                                   "extract prepared in the same format from the Home Office DHR Library.")
    submit = SubmitField("Check the file", widget=GovSubmitInput())


class MappingForm(FlaskForm):
    submit = SubmitField("Save the external learning", widget=GovSubmitInput())


def field_name(number: int) -> str:
    return f"theme_{number}"


def mapping_form(unknown: list[str], themes, formdata=None) -> MappingForm:
    """A choice of one of our themes (or none) for each theme name the file uses that we do not."""

    class Mapping(MappingForm):
        pass

    options = [SelectChoice(UNMAPPED, "Leave unmapped"), *[SelectChoice(str(t.id), t.name) for t in themes]]
    for number, name in enumerate(unknown):
        setattr(Mapping, field_name(number), SelectField(f"‘{name}’ is", choices=options, default=UNMAPPED,
                                                         widget=GovSelect()))
    return Mapping() if formdata is not None else Mapping(formdata=None)
