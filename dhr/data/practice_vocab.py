"""The controlled vocabularies of a review's wider work (the stored value and the plain words
shown to people): how a family was offered involvement and took part, the ways learning was
shared with practitioners, how a recommendation's wording and the evidence of its actions are
judged, and what the Home Office Quality Assurance Panel's letter says. The review's own
vocabularies are in dhr.data.vocab."""
from enum import StrEnum


class ContactRoute(StrEnum):
    LEAFLET = "leaflet"
    AAFDA = "aafda"
    OTHER_ADVOCACY = "other_advocacy"
    FAMILY_LIAISON = "family_liaison"
    CHAIR_LETTER = "chair_letter"


CONTACT_ROUTE_LABELS = {
    ContactRoute.LEAFLET: "The Home Office leaflet for families",
    ContactRoute.AAFDA: "Advocacy After Fatal Domestic Abuse (AAFDA)",
    ContactRoute.OTHER_ADVOCACY: "Other specialist advocacy",
    ContactRoute.FAMILY_LIAISON: "Through the police family liaison officer",
    ContactRoute.CHAIR_LETTER: "A letter or email from the chair",
}


class Participation(StrEnum):
    TOOK_PART = "took_part"
    DECLINED = "declined"
    NOT_KNOWN = "not_known"


PARTICIPATION_LABELS = {
    Participation.TOOK_PART: "Took part",
    Participation.DECLINED: "Chose not to take part",
    Participation.NOT_KNOWN: "Not known yet",
}

PSEUDONYM_CHOOSERS = {"family": "The family", "panel": "The panel", "chair": "The chair"}


class BriefingKind(StrEnum):
    SEVEN_MINUTE_BRIEFING = "seven_minute_briefing"
    TRAINING = "training"
    LEARNING_EVENT = "learning_event"
    BULLETIN = "bulletin"
    PRACTICE_GUIDANCE = "practice_guidance"


BRIEFING_KIND_LABELS = {
    BriefingKind.SEVEN_MINUTE_BRIEFING: "7-minute briefing",
    BriefingKind.TRAINING: "Training session",
    BriefingKind.LEARNING_EVENT: "Learning event or conference",
    BriefingKind.BULLETIN: "Newsletter or bulletin",
    BriefingKind.PRACTICE_GUIDANCE: "Practice guidance",
}


class EvidenceGrade(StrEnum):
    """How far the evidence of a completed action shows the change, graded when it is verified."""

    SHOWS_CHANGE = "shows_change"
    DOCUMENT_ONLY = "document_only"
    NO_EVIDENCE = "no_evidence"


EVIDENCE_GRADE_LABELS = {
    EvidenceGrade.SHOWS_CHANGE: "Shows the change happened",
    EvidenceGrade.DOCUMENT_ONLY: "Shows only that a document or plan exists",
    EvidenceGrade.NO_EVIDENCE: "No evidence",
}
EVIDENCE_GRADE_HINTS = {
    EvidenceGrade.SHOWS_CHANGE: "For example an audit, data or records showing practice is now different",
    EvidenceGrade.DOCUMENT_ONLY: "For example a new policy, a procedure or a training plan, with nothing yet showing "
                                 "it is followed",
    EvidenceGrade.NO_EVIDENCE: "The agency sent nothing that shows the work was done",
}

# The recommendation quality check's flags (dhr.data.recommendation_quality), in the order shown.
QUALITY_FLAG_LABELS = {
    "no_accountable_body": "No accountable body",
    "no_measurable_outcome": "No measurable outcome",
    "no_date": "No date",
    "vague_verb": "A vague verb without a concrete change",
    "training_only": "Training only",
    "repeat_not_implemented": "Repeats an earlier recommendation that was not implemented",
}


class ParallelKind(StrEnum):
    """A process running beside a review, each with the pause reason it offers."""

    CRIMINAL_TRIAL = "criminal_trial"
    INQUEST = "inquest"
    SAFEGUARDING_ADULTS_REVIEW = "sar"
    CHILD_SAFEGUARDING_REVIEW = "cspr"
    IOPC = "iopc"


PARALLEL_KIND_LABELS = {
    ParallelKind.CRIMINAL_TRIAL: "Criminal trial",
    ParallelKind.INQUEST: "Inquest",
    ParallelKind.SAFEGUARDING_ADULTS_REVIEW: "Safeguarding Adults Review",
    ParallelKind.CHILD_SAFEGUARDING_REVIEW: "Child Safeguarding Practice Review",
    ParallelKind.IOPC: "IOPC investigation",
}
# The kinds that are themselves reviews, which may be kept in this service and linked.
LINKABLE_KINDS = frozenset({ParallelKind.SAFEGUARDING_ADULTS_REVIEW, ParallelKind.CHILD_SAFEGUARDING_REVIEW})
# Within a sentence ("Recorded the inquest COR-88"): the names of reviews and of the IOPC keep their capitals.
PARALLEL_KIND_IN_SENTENCE = {kind: label if kind in LINKABLE_KINDS or kind == ParallelKind.IOPC else label.lower()
                             for kind, label in PARALLEL_KIND_LABELS.items()}


class ContributionKind(StrEnum):
    """What a review asks an agency for while it gathers information."""

    SCOPING_RETURN = "scoping_return"
    CHRONOLOGY = "chronology"
    IMR = "imr"


CONTRIBUTION_KIND_LABELS = {
    ContributionKind.SCOPING_RETURN: "Scoping return",
    ContributionKind.CHRONOLOGY: "Chronology",
    ContributionKind.IMR: "Individual Management Review (IMR)",
}
# The same, inside a sentence ("asked for its chronology").
CONTRIBUTION_KIND_WORDS = {
    ContributionKind.SCOPING_RETURN: "scoping return",
    ContributionKind.CHRONOLOGY: "chronology",
    ContributionKind.IMR: "Individual Management Review (IMR)",
}


class PanelOutcome(StrEnum):
    APPROVED = "approved"
    FINAL_DEVELOPMENT = "final_development"
    NOT_APPROVED = "not_approved"


PANEL_OUTCOME_LABELS = {
    PanelOutcome.APPROVED: "Approved",
    PanelOutcome.FINAL_DEVELOPMENT: "Areas for final development",
    PanelOutcome.NOT_APPROVED: "Not approved",
}


class AreaState(StrEnum):
    TO_DO = "to_do"
    IN_PROGRESS = "in_progress"
    DONE = "done"


AREA_STATE_LABELS = {
    AreaState.TO_DO: "To do",
    AreaState.IN_PROGRESS: "In progress",
    AreaState.DONE: "Done",
}
