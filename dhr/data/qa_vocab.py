"""The Home Office Quality Assurance Panel's words: a letter's outcome and the state of each area
for final development it names."""
from __future__ import annotations

from enum import StrEnum


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
