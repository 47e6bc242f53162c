"""Controlled vocabularies: the stored value and the plain words shown to people."""
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CHAIR = "chair"
    AGENCY = "agency"
    TRAINER = "trainer"


ROLE_LABELS = {
    Role.ADMIN: "Partnership coordinator",
    Role.CHAIR: "Panel chair",
    Role.AGENCY: "Agency",
    Role.TRAINER: "Trainer",
}


class AgencyKind(StrEnum):
    POLICE = "police"
    HEALTH = "health"
    PRIMARY_CARE = "primary_care"
    MENTAL_HEALTH = "mental_health"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care"
    ADULT_SOCIAL_CARE = "adult_social_care"
    HOUSING = "housing"
    PROBATION = "probation"
    SPECIALIST_DA = "specialist_da"
    SUBSTANCE_MISUSE = "substance_misuse"
    EDUCATION = "education"
    PARTNERSHIP = "partnership"
    NATIONAL = "national"
    OTHER = "other"


AGENCY_KIND_LABELS = {
    AgencyKind.POLICE: "Police",
    AgencyKind.HEALTH: "Health (hospital or community trust)",
    AgencyKind.PRIMARY_CARE: "GP / integrated care board",
    AgencyKind.MENTAL_HEALTH: "Mental health",
    AgencyKind.CHILDRENS_SOCIAL_CARE: "Children's social care",
    AgencyKind.ADULT_SOCIAL_CARE: "Adult social care",
    AgencyKind.HOUSING: "Housing",
    AgencyKind.PROBATION: "Probation",
    AgencyKind.SPECIALIST_DA: "Specialist domestic abuse service",
    AgencyKind.SUBSTANCE_MISUSE: "Substance misuse service",
    AgencyKind.EDUCATION: "Education",
    AgencyKind.PARTNERSHIP: "Community safety partnership",
    AgencyKind.NATIONAL: "National body",
    AgencyKind.OTHER: "Other",
}


class ReviewType(StrEnum):
    DHR = "dhr"
    SUICIDE = "suicide"
    OTHER = "other"


REVIEW_TYPE_LABELS = {
    ReviewType.DHR: "Domestic homicide review",
    ReviewType.SUICIDE: "Domestic abuse related suicide review",
    ReviewType.OTHER: "Other review",
}


class DeathCategory(StrEnum):
    INTIMATE_PARTNER = "intimate_partner"
    ADULT_FAMILY = "adult_family"
    SUSPECTED_SUICIDE = "suspected_suicide"
    UNEXPECTED = "unexpected"
    OTHER = "other"


DEATH_CATEGORY_LABELS = {
    DeathCategory.INTIMATE_PARTNER: "Intimate partner homicide",
    DeathCategory.ADULT_FAMILY: "Adult family homicide",
    DeathCategory.SUSPECTED_SUICIDE: "Suspected victim suicide",
    DeathCategory.UNEXPECTED: "Unexpected death",
    DeathCategory.OTHER: "Other",
}


class Stage(StrEnum):
    """Lifecycle stages in order. Pauses are recorded separately, not as a stage."""

    NOTIFIED = "notified"
    DECISION = "decision"
    SCOPING = "scoping"
    SET_UP = "set_up"
    INFORMATION_GATHERING = "information_gathering"
    DRAFTING = "drafting"
    SIGN_OFF = "sign_off"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    PUBLISHED = "published"
    MONITORING = "monitoring"
    CLOSED = "closed"
    NOT_COMMISSIONED = "not_commissioned"


# Every stage any process has, in order (dhr.data.processes says which stages each process uses).
STAGE_ORDER = [s for s in Stage if s is not Stage.NOT_COMMISSIONED]
# A review at one of these stages has been published.
PUBLISHED_STAGES = frozenset(STAGE_ORDER[STAGE_ORDER.index(Stage.PUBLISHED):])

STAGE_LABELS = {
    Stage.NOTIFIED: "Notified",
    Stage.DECISION: "Decision made",
    Stage.SCOPING: "Scoping review",
    Stage.SET_UP: "Set-up",
    Stage.INFORMATION_GATHERING: "Information gathering",
    Stage.DRAFTING: "Drafting",
    Stage.SIGN_OFF: "Partnership sign-off",
    Stage.SUBMITTED: "Submitted to the Home Office",
    Stage.APPROVED: "Approved by the Quality Assurance Panel",
    Stage.PUBLISHED: "Published",
    Stage.MONITORING: "Monitoring the action plan",
    Stage.CLOSED: "Closed",
    Stage.NOT_COMMISSIONED: "Not commissioned",
}

# The Review date column that records reaching each stage.
STAGE_DATE_FIELDS = {
    Stage.NOTIFIED: "notified_on",
    Stage.DECISION: "decision_on",
    Stage.SCOPING: "scoping_on",
    Stage.SET_UP: "set_up_on",
    Stage.INFORMATION_GATHERING: "information_gathering_on",
    Stage.DRAFTING: "drafting_on",
    Stage.SIGN_OFF: "signed_off_on",
    Stage.SUBMITTED: "submitted_on",
    Stage.APPROVED: "approved_on",
    Stage.PUBLISHED: "published_on",
    Stage.MONITORING: "monitoring_on",
    Stage.CLOSED: "closed_on",
    Stage.NOT_COMMISSIONED: "decision_on",
}


class PauseReason(StrEnum):
    CRIMINAL_TRIAL = "criminal_trial"
    INQUEST = "inquest"
    IOPC = "iopc"
    SAFEGUARDING_ADULT_REVIEW = "sar"
    CHILD_REVIEW = "child_review"
    OTHER = "other"


PAUSE_REASON_LABELS = {
    PauseReason.CRIMINAL_TRIAL: "Criminal trial",
    PauseReason.INQUEST: "Inquest",
    PauseReason.IOPC: "IOPC investigation",
    PauseReason.SAFEGUARDING_ADULT_REVIEW: "Safeguarding adult review",
    PauseReason.CHILD_REVIEW: "Child safeguarding practice review",
    PauseReason.OTHER: "Other parallel process",
}


class Scope(StrEnum):
    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"


SCOPE_LABELS = {Scope.LOCAL: "Local", Scope.REGIONAL: "Regional", Scope.NATIONAL: "National"}


class Status(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    AWAITING_EVIDENCE = "awaiting_evidence"
    VERIFIED = "verified"
    ALREADY_IN_PLACE = "already_in_place"
    PARTIAL = "partial"
    NOT_ACCEPTED = "not_accepted"
    SUPERSEDED = "superseded"


STATUS_LABELS = {
    Status.NOT_STARTED: "Not started",
    Status.ON_TRACK: "In progress (on track)",
    Status.AT_RISK: "In progress (at risk)",
    Status.AWAITING_EVIDENCE: "Complete, awaiting evidence",
    Status.VERIFIED: "Complete, verified",
    Status.ALREADY_IN_PLACE: "Already in place",
    Status.PARTIAL: "Partially implemented",
    Status.NOT_ACCEPTED: "Not accepted",
    Status.SUPERSEDED: "Superseded",
}

# GOV.UK tag colour modifiers for each status.
STATUS_TAG_CLASSES = {
    Status.NOT_STARTED: "govuk-tag--grey",
    Status.ON_TRACK: "govuk-tag--blue",
    Status.AT_RISK: "govuk-tag--orange",
    Status.AWAITING_EVIDENCE: "govuk-tag--yellow",
    Status.VERIFIED: "govuk-tag--green",
    Status.ALREADY_IN_PLACE: "govuk-tag--turquoise",
    Status.PARTIAL: "govuk-tag--purple",
    Status.NOT_ACCEPTED: "govuk-tag--red",
    Status.SUPERSEDED: "govuk-tag--grey",
}

# Statuses that end the agency's work: such a recommendation is never overdue.
CLOSED_STATUSES = frozenset(
    {Status.VERIFIED, Status.ALREADY_IN_PLACE, Status.NOT_ACCEPTED, Status.SUPERSEDED}
)

# What an agency may propose; verification is the partnership's alone.
AGENCY_PROPOSABLE_STATUSES = [
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.AWAITING_EVIDENCE,
    Status.ALREADY_IN_PLACE,
    Status.PARTIAL,
]


class Assessment(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    CHALLENGED = "challenged"
    MORE_EVIDENCE = "more_evidence"


class NotifyBy(StrEnum):
    """How a person is told of what concerns them: an email each time, or one each morning."""

    IMMEDIATE = "immediate"
    DAILY = "daily"


NOTIFY_BY_LABELS = {
    NotifyBy.IMMEDIATE: "An email each time",
    NotifyBy.DAILY: "One email each morning at 7am, listing them all",
}


ASSESSMENT_LABELS = {
    Assessment.PENDING: "Awaiting assessment",
    Assessment.ACCEPTED: "Accepted",
    Assessment.CHALLENGED: "Challenged",
    Assessment.MORE_EVIDENCE: "More evidence requested",
}

# What the coordinator chooses to do with an update, in the order offered; stored as the Assessment.
ASSESSMENT_CHOICES = {
    Assessment.ACCEPTED: "Accept the update",
    Assessment.MORE_EVIDENCE: "Ask for more evidence",
    Assessment.CHALLENGED: "Challenge the update",
}


class ThemeKind(StrEnum):
    LEARNING = "learning"
    PRACTICE = "practice"
    CASE_FACTOR = "case_factor"
    DEATH_CATEGORY = "death_category"
    STRATEGY_PRIORITY = "strategy_priority"


THEME_KIND_LABELS = {
    ThemeKind.LEARNING: "Learning from reviews",
    ThemeKind.PRACTICE: "Practice theme",
    ThemeKind.CASE_FACTOR: "Case factor",
    ThemeKind.DEATH_CATEGORY: "Death category",
    ThemeKind.STRATEGY_PRIORITY: "Strategy priority (2024–29)",
}

# Death category and strategy priority are fields of their own (a review's death category, a
# recommendation's strategy priority), so the theme picker offers only these kinds, each under
# its own legend.
PICKED_THEME_KINDS = {
    ThemeKind.LEARNING: "Learning from reviews",
    ThemeKind.PRACTICE: "Practice themes",
    ThemeKind.CASE_FACTOR: "Case factors",
}

STRATEGY_PRIORITIES = {
    1: "Whole-system approach",
    2: "Prevention – changing attitudes",
    3: "Early identification and help",
    4: "Children and young people protected",
    5: "Safety, support and recovery",
    6: "Holding perpetrators to account",
}


class DocumentKind(StrEnum):
    OVERVIEW_REPORT = "overview_report"
    EXECUTIVE_SUMMARY = "executive_summary"
    ACTION_PLAN = "action_plan"
    TERMS_OF_REFERENCE = "terms_of_reference"
    EVIDENCE = "evidence"
    OTHER = "other"
    CONTRIBUTION = "contribution"  # an agency's scoping return, chronology or IMR: never public, never indexed
    HOME_OFFICE_LETTER = "home_office_letter"


DOCUMENT_KIND_LABELS = {
    DocumentKind.OVERVIEW_REPORT: "Overview report",
    DocumentKind.EXECUTIVE_SUMMARY: "Executive summary",
    DocumentKind.ACTION_PLAN: "Action plan",
    DocumentKind.TERMS_OF_REFERENCE: "Terms of reference",
    DocumentKind.EVIDENCE: "Evidence",
    DocumentKind.OTHER: "Other document",
    DocumentKind.CONTRIBUTION: "Agency's contribution",
    DocumentKind.HOME_OFFICE_LETTER: "Home Office Quality Assurance Panel letter",
}


class AccountState(StrEnum):
    ACTIVE = "active"
    INVITED = "invited"  # an invitation whose link still works
    INVITATION_LAPSED = "invitation_lapsed"  # invited, but the link expired or was withdrawn
    DEACTIVATED = "deactivated"


ACCOUNT_STATE_LABELS = {
    AccountState.ACTIVE: "Active",
    AccountState.INVITED: "Invited",
    AccountState.INVITATION_LAPSED: "Invitation lapsed",
    AccountState.DEACTIVATED: "Deactivated",
}
ACCOUNT_STATE_TAG_CLASSES = {
    AccountState.ACTIVE: "govuk-tag--green",
    AccountState.INVITED: "govuk-tag--blue",
    AccountState.INVITATION_LAPSED: "govuk-tag--yellow",
    AccountState.DEACTIVATED: "govuk-tag--grey",
}


class NationalResponse(StrEnum):
    """A national body's answer to a recommendation made to it, in the Domestic Abuse
    Commissioner's categories."""

    FULLY_IMPLEMENTED = "fully_implemented"
    ALREADY_HAPPENING = "already_happening"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"


NATIONAL_RESPONSE_LABELS = {
    NationalResponse.FULLY_IMPLEMENTED: "Fully implemented",
    NationalResponse.ALREADY_HAPPENING: "Already happening",
    NationalResponse.PARTLY_MET: "Partly met",
    NationalResponse.NOT_MET: "Not met",
}

NATIONAL_RESPONSE_HINTS = {
    NationalResponse.FULLY_IMPLEMENTED: "The recommendation has been acted on in full.",
    NationalResponse.ALREADY_HAPPENING: "What was recommended was already in place or under way.",
    NationalResponse.PARTLY_MET: "Some of what was recommended has been done.",
    NationalResponse.NOT_MET: "The recommendation will not be acted on: say why.",
}

# Where a national recommendation stands when the body has not answered: not yet sent to it,
# sent and within the time to respond, or past that time with no answer.
NATIONAL_NOT_SENT = "not_sent"
NATIONAL_AWAITING = "awaiting"
NATIONAL_NO_RESPONSE = "no_response"
NATIONAL_STANDING_LABELS = {
    **NATIONAL_RESPONSE_LABELS,
    NATIONAL_NO_RESPONSE: "No response",
    NATIONAL_AWAITING: "Awaiting a response",
    NATIONAL_NOT_SENT: "Not yet sent",
}
NATIONAL_STANDING_TAG_CLASSES = {
    NationalResponse.FULLY_IMPLEMENTED: "govuk-tag--green",
    NationalResponse.ALREADY_HAPPENING: "govuk-tag--turquoise",
    NationalResponse.PARTLY_MET: "govuk-tag--purple",
    NationalResponse.NOT_MET: "govuk-tag--red",
    NATIONAL_NO_RESPONSE: "govuk-tag--orange",
    NATIONAL_AWAITING: "govuk-tag--blue",
    NATIONAL_NOT_SENT: "govuk-tag--grey",
}
