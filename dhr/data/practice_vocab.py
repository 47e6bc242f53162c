"""The controlled vocabularies of a review's wider work (the stored value and the plain words
shown to people): how a family was offered involvement and took part, and the ways learning
was shared with practitioners. The review's own vocabularies are in dhr.data.vocab."""
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
