"""Forms for the chairs' review management."""
from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, StopValidation

from dhr.data.documents import REPORT_KINDS
from dhr.data.practice_vocab import CONTACT_ROUTE_LABELS, PARTICIPATION_LABELS, PSEUDONYM_CHOOSERS
from dhr.data.vocab import (
    DEATH_CATEGORY_LABELS,
    DOCUMENT_KIND_LABELS,
    PAUSE_REASON_LABELS,
    REVIEW_TYPE_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    STRATEGY_PRIORITIES,
)
from dhr.forms import GovDateField, IntCheckboxes, IntSelect, LongText, choices


def date_required(message: str):
    def check(form, field):
        if field.data is None and not field.process_errors:
            raise StopValidation(message)

    return check


def not_in_future(form, field):
    if field.data and field.data > dt.date.today():
        raise StopValidation(f"{field.label.text} must be today or in the past")


def _choices(labels: dict):
    return choices(labels.items())


class ReviewForm(FlaskForm):
    reference = StringField(
        "Reference", widget=GovTextInput(), description="The partnership's reference, for example BDHR2024/25-03",
        validators=[InputRequired("Enter the review reference"),
                    Length(max=40, message="Reference must be 40 characters or fewer")],
    )
    review_type = SelectField(
        "Type of review", widget=GovRadioInput(), choices=_choices(REVIEW_TYPE_LABELS),
        validators=[InputRequired("Choose the type of review")],
    )
    death_category = SelectField(
        "Death category", widget=GovSelect(), choices=_choices(DEATH_CATEGORY_LABELS),
        validators=[InputRequired("Choose the death category")],
    )
    pseudonym = StringField(
        "Pseudonym of the person who died", widget=GovTextInput(),
        description="As chosen with the family; never the real name",
        validators=[InputRequired("Enter the pseudonym"),
                    Length(max=100, message="Pseudonym must be 100 characters or fewer")],
    )
    notified_on = GovDateField(
        "Date of notification", description="When the police told the partnership. For example, 27 3 2024",
        validators=[date_required("Enter the date of notification"), not_in_future],
    )
    chair_id = IntSelect("Independent chair", validators=[Optional()])
    summary = LongText("Summary", description="Anonymised: this is published",
                       validators=[Length(max=20000, message="Summary must be 20,000 characters or fewer")])
    restricted_notes = LongText(
        "Restricted notes",
        description="Seen only by the partnership and the agencies on the panel; never published",
        validators=[Length(max=20000, message="Restricted notes must be 20,000 characters or fewer")],
    )
    never_publish_terms = LongText(
        "Names never to publish",
        description="Real names and other words that must never appear in published text, one a line. "
                    "The publication check looks for them.",
        validators=[Length(max=5000, message="The list of names must be 5,000 characters or fewer")],
    )
    panel_agencies = IntCheckboxes("Agencies on the panel")
    own_themes = IntCheckboxes("Themes of the review")
    submit = SubmitField("Save review", widget=GovSubmitInput())


class StageForm(FlaskForm):
    on = GovDateField("Date reached", validators=[date_required("Enter the date the stage was reached")])
    submit = SubmitField("Record stage", widget=GovSubmitInput())


class RegisterForm(FlaskForm):
    register = FileField("Upload the reviews register (XLSX or CSV)", widget=GovFileInput())
    submit = SubmitField("Check the register", widget=GovSubmitInput())


class ConfirmRegisterForm(FlaskForm):
    submit = SubmitField("Save these reviews", widget=GovSubmitInput())


class BatchForm(FlaskForm):
    files = MultipleFileField(
        "Upload a ZIP file, or choose several files",
        description="Action plans as XLSX or CSV; overview reports and executive summaries as PDF or Word (DOCX).",
        widget=GovFileInput(multiple=True))
    submit = SubmitField("Check the files", widget=GovSubmitInput())


class ConfirmBatchForm(FlaskForm):
    submit = SubmitField("Import these files", widget=GovSubmitInput())


class FamilySawReportForm(FlaskForm):
    on = GovDateField("Date the family saw the report",
                      validators=[date_required("Enter the date the family saw the report")])
    submit = SubmitField("Save", widget=GovSubmitInput())


class PublishForm(FlaskForm):
    on = GovDateField("Date published", validators=[date_required("Enter the date the review was published")])
    submit = SubmitField("Publish the review", widget=GovSubmitInput())


class DecisionForm(FlaskForm):
    outcome = SelectField(
        "Decision", widget=GovRadioInput(),
        choices=choices([("commission", "Commission a review"), ("not_commissioned", "Do not commission a review")]),
        validators=[InputRequired("Choose whether a review is commissioned")],
    )
    on = GovDateField("Date of the decision", validators=[date_required("Enter the date of the decision")])
    reason = LongText("Why is the review not commissioned?",
                      validators=[Length(max=5000, message="Reason must be 5,000 characters or fewer")])
    home_office_notified_on = GovDateField("Date the Home Office was told (if known)", validators=[Optional()])
    submit = SubmitField("Record decision", widget=GovSubmitInput())

    def validate_reason(self, field):
        if self.outcome.data == "not_commissioned" and not (field.data or "").strip():
            raise StopValidation("Enter the reason the review was not commissioned")


class PauseForm(FlaskForm):
    reason = SelectField("Why is the review paused?", widget=GovRadioInput(), choices=_choices(PAUSE_REASON_LABELS),
                         validators=[InputRequired("Choose why the review is paused")])
    started_on = GovDateField("Date the pause started", validators=[date_required("Enter the date the pause started")])
    note = LongText("Details", validators=[Length(max=2000, message="Details must be 2,000 characters or fewer")])
    submit = SubmitField("Record pause", widget=GovSubmitInput())


class EndPauseForm(FlaskForm):
    ended_on = GovDateField("Date the pause ended", validators=[date_required("Enter the date the pause ended")])
    submit = SubmitField("Record end of pause", widget=GovSubmitInput())


class FindingForm(FlaskForm):
    text = LongText("Finding", validators=[
        DataRequired("Enter the finding"), Length(max=20000, message="Finding must be 20,000 characters or fewer")])
    agencies = IntCheckboxes("Agencies it concerns")
    themes = IntCheckboxes("Themes")
    submit = SubmitField("Save finding", widget=GovSubmitInput())


class RecommendationForm(FlaskForm):
    number = StringField("Number", widget=GovTextInput(), description="As in the report, for example 3, 5.1 or R2",
                         validators=[InputRequired("Enter the recommendation number"),
                                     Length(max=20, message="Recommendation number must be 20 characters or fewer")])
    text = LongText("Recommendation", validators=[
        DataRequired("Enter the recommendation"),
        Length(max=10000, message="Recommendation must be 10,000 characters or fewer")])
    scope = SelectField("Scope", widget=GovRadioInput(), choices=_choices(SCOPE_LABELS), default="local",
                        validators=[InputRequired("Choose the scope")])
    lead_agency_id = IntSelect("Lead agency", validators=[Optional()])
    supporting_agencies = IntCheckboxes("Supporting agencies")
    action_to_take = LongText("Action to take",
                              validators=[Length(max=10000, message="Action must be 10,000 characters or fewer")])
    milestones = LongText("Key milestones",
                          validators=[Length(max=10000, message="Milestones must be 10,000 characters or fewer")])
    target_date = GovDateField("Target date", validators=[Optional()])
    strategy_priority = IntSelect(
        "Strategy priority (2024–29)",
        choices=choices([("", "Not mapped")] + [(str(k), f"{k}. {v}") for k, v in STRATEGY_PRIORITIES.items()]),
        validators=[Optional()],
    )
    themes = IntCheckboxes("Themes")
    # Which findings may be chosen is the data layer's check (findings of this review), so that a
    # finding of another review is refused with its own message rather than "not a valid choice".
    findings = IntCheckboxes("Findings it answers", validate_choice=False,
                             description="The findings of this review that this recommendation responds to")
    status = SelectField("Status", widget=GovSelect(), choices=_choices(STATUS_LABELS), default="not_started",
                         validators=[Optional()])
    completed_on = GovDateField("Date of completion", validators=[Optional()])
    outcome = LongText("Outcome",
                       description="What was achieved, or why the recommendation was not accepted",
                       validators=[Length(max=10000, message="Outcome must be 10,000 characters or fewer")])
    intended_outcome = LongText(
        "Intended outcome", description="What will be different for victims, families or practice if this works",
        validators=[Length(max=5000, message="Intended outcome must be 5,000 characters or fewer")])
    outcome_measure = LongText(
        "How it will be measured",
        description="How we will know it worked: what will be counted, audited or compared, and the target",
        validators=[Length(max=5000, message="How it will be measured must be 5,000 characters or fewer")])
    # The quality advice shown with the form (flag names), so that keeping it as written keeps what was seen.
    shown_flags = HiddenField()
    version = HiddenField()
    submit = SubmitField("Save recommendation", widget=GovSubmitInput())
    check = SubmitField("Check this recommendation", widget=GovSubmitInput())
    keep = SubmitField("Keep it as written", widget=GovSubmitInput())


class DocumentForm(FlaskForm):
    kind = SelectField("What is this document?", widget=GovRadioInput(),
                       choices=choices((k.value, DOCUMENT_KIND_LABELS[k]) for k in REPORT_KINDS),
                       validators=[InputRequired("Choose what kind of document this is")])
    file = FileField("Upload a file", widget=GovFileInput(),
                     description="A PDF, Word document (DOCX) or plain text file")
    submit = SubmitField("Upload", widget=GovSubmitInput())

    def validate_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise StopValidation("Select a file to upload")


class ProposalEntry(Form):
    accept = BooleanField("Save this recommendation", widget=GovCheckboxInput())
    number = StringField("Number", widget=GovTextInput())
    text = TextAreaField("Recommendation", widget=GovTextArea())
    lead_agency_id = IntSelect("Lead agency", validators=[Optional()])
    scope = SelectField("Scope", widget=GovSelect(), choices=_choices(SCOPE_LABELS))
    findings = IntCheckboxes("Findings it answers", validate_choice=False,
                             description="Ticked where the report names the findings this recommendation answers")
    intended_outcome = TextAreaField(
        "Intended outcome", widget=GovTextArea(),
        description="What will be different for victims, families or practice if this works",
        validators=[Length(max=5000, message="Intended outcome must be 5,000 characters or fewer")])
    outcome_measure = TextAreaField(
        "How it will be measured", widget=GovTextArea(),
        description="How we will know it worked: what will be counted, audited or compared, and the target",
        validators=[Length(max=5000, message="How it will be measured must be 5,000 characters or fewer")])
    action_to_take = HiddenField()
    milestones = HiddenField()
    target_date = HiddenField()
    shown_flags = HiddenField()  # the quality advice shown with the proposal, so saving it keeps what was seen

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if not self.accept.data:
            return ok
        if not (self.number.data or "").strip():
            self.number.errors.append("Enter the number of the recommendation you are saving")
            ok = False
        elif len(self.number.data.strip()) > 20:
            self.number.errors.append("Recommendation number must be 20 characters or fewer")
            ok = False
        if not (self.text.data or "").strip():
            self.text.errors.append("Enter the text of the recommendation you are saving")
            ok = False
        return ok


class ProposalsForm(FlaskForm):
    proposals = FieldList(FormField(ProposalEntry))
    submit = SubmitField("Save the selected recommendations", widget=GovSubmitInput())


class PublicationAcceptForm(FlaskForm):
    keys = SelectMultipleField("Items you accept for publication", widget=GovCheckboxesInput(),
                               validators=[DataRequired("Select the items you accept for publication")])
    reason = LongText("Why is each selected item safe to publish?",
                      validators=[DataRequired("Enter why these items are safe to publish"),
                                  Length(max=2000, message="Reason must be 2,000 characters or fewer")])
    submit = SubmitField("Accept the selected items", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    submit = SubmitField("Yes, delete", widget=GovSubmitInput())


class ActionForm(FlaskForm):
    text = LongText("Action to take", validators=[
        DataRequired("Enter the action to take"),
        Length(max=10000, message="Action must be 10,000 characters or fewer")])
    lead_agency_id = IntSelect("Lead agency", validators=[Optional()])
    milestones = LongText("Key milestones",
                          validators=[Length(max=10000, message="Milestones must be 10,000 characters or fewer")])
    target_date = GovDateField("Target date", validators=[Optional()])
    status = SelectField("Status", widget=GovSelect(), choices=_choices(STATUS_LABELS), default="not_started",
                         validators=[Optional()])
    completed_on = GovDateField("Date of completion", validators=[Optional()])
    outcome = LongText("Outcome",
                       description="What was achieved, or why the action was not accepted",
                       validators=[Length(max=10000, message="Outcome must be 10,000 characters or fewer")])
    version = HiddenField()
    submit = SubmitField("Save action", widget=GovSubmitInput())


class StatutoryCopiesForm(FlaskForm):
    commissioner_copy_on = GovDateField(
        "Date the report was sent to the Domestic Abuse Commissioner", validators=[Optional()],
        description="The law asks for a copy of the completed report as soon as reasonably practicable")
    published_url = StringField(
        "Web address of the published report", widget=GovTextInput(), validators=[Optional()],
        description="As shown in a browser: it starts https://", filters=[lambda v: (v or "").strip()])
    library_uploaded_on = GovDateField("Date the report was uploaded to the Home Office DHR Library",
                                       validators=[Optional()])
    submit = SubmitField("Save", widget=GovSubmitInput())


class YearsUpForm(FlaskForm):
    years = StringField("Years a published report stays up", widget=GovTextInput(),
                        description="Leave blank if reports stay up with no end date",
                        filters=[lambda v: (v or "").strip()])
    submit = SubmitField("Save the rule", widget=GovSubmitInput())

    def validate_years(self, field):
        if field.data and not field.data.isdigit():
            raise StopValidation("Enter the number of years as a whole number, for example 5")


class FamilyContactForm(FlaskForm):
    who = StringField("Who was offered contact", widget=GovTextInput(),
                      description="Their relationship to the person who died, and their name if the panel uses it",
                      validators=[InputRequired("Enter who was offered contact, for example the person's mother"),
                                  Length(max=200, message="Who was offered contact must be 200 characters or fewer")])
    route = SelectField("How was contact offered?", widget=GovRadioInput(), choices=_choices(CONTACT_ROUTE_LABELS),
                        validators=[InputRequired("Choose how contact was offered")])
    offered_on = GovDateField("Date contact was offered",
                              validators=[date_required("Enter the date contact was offered")])
    participation = SelectField("Did they take part?", widget=GovRadioInput(), choices=_choices(PARTICIPATION_LABELS),
                                validators=[InputRequired("Choose whether they took part")])
    saw_terms_on = GovDateField("Date they saw the terms of reference (if they did)", validators=[Optional()])
    saw_draft_on = GovDateField("Date they saw the draft report (if they did)", validators=[Optional()])
    publication_view = LongText("Their view on publication", validators=[
        Length(max=5000, message="Their view on publication must be 5,000 characters or fewer")])
    submit = SubmitField("Save", widget=GovSubmitInput())


class FamilyAboutForm(FlaskForm):
    pseudonym_chosen_by = SelectField("Who chose the pseudonym?", widget=GovRadioInput(),
                                      choices=_choices(PSEUDONYM_CHOOSERS), validators=[Optional()])
    tribute = LongText("The family's tribute", description="In the family's own words",
                       validators=[Length(max=20000, message="The tribute must be 20,000 characters or fewer")])
    submit = SubmitField("Save", widget=GovSubmitInput())


class EarlyLearningForm(FlaskForm):
    text = LongText("Early learning", description="What the scoping review has already learned, before the full review",
                    validators=[DataRequired("Enter the early learning"),
                                Length(max=20000, message="Early learning must be 20,000 characters or fewer")])
    submit = SubmitField("Record early learning", widget=GovSubmitInput())


class ImmediateActionForm(FlaskForm):
    text = LongText("Immediate action", description="What an agency will do now, without waiting for the full review",
                    validators=[DataRequired("Enter the immediate action"),
                                Length(max=10000, message="Immediate action must be 10,000 characters or fewer")])
    lead_agency_id = IntSelect("Lead agency", validators=[
        InputRequired("Choose the agency that leads the immediate action")])
    target_date = GovDateField("Target date", validators=[
        date_required("Enter the target date of the immediate action")])
    submit = SubmitField("Record immediate action", widget=GovSubmitInput())
