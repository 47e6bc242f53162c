"""The review processes a partnership may follow, as data: each names its stages in order and its
deadline rules (the date a deadline runs from, how many calendar months, what meets it, and
whether days paused extend it). Everything that knows a stage's place or a deadline asks here:
lifecycle (stage moves, deadlines, lateness), the reviews list, the dashboard, the board report
and the exports.

The partnership chooses its process (a Setting). Changing it keeps every recorded date: a review
at a stage the chosen process does not list stays there and moves on to the next stage the
process does list."""
from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_app_context

from . import settings
from .errors import DataError
from .vocab import STAGE_LABELS, STAGE_ORDER, Stage

SETTING = "review_process"


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline: `months` calendar months after the date in `starts`, met by the date in
    `met_by` (or by reaching `met_at` or a later stage). `pauses_count`: days paused extend it.
    `only_if_recorded`: a review already past `met_at` without this date recorded never had the
    stage, so the rule does not apply to it (a review begun before its process was chosen)."""

    key: str
    name: str
    starts: str
    months: int
    met_by: str
    met_at: Stage
    pauses_count: bool
    in_words: str
    only_if_recorded: str = ""


@dataclass(frozen=True)
class Process:
    key: str
    label: str
    description: str
    stages: tuple[Stage, ...]
    deadlines: tuple[DeadlineRule, ...]

    def rule(self, key: str) -> DeadlineRule | None:
        return next((r for r in self.deadlines if r.key == key), None)

    @property
    def completion(self) -> DeadlineRule:
        return self.rule(COMPLETION)

    def next_stage(self, stage: str) -> Stage | None:
        """The next stage this process lists after `stage` (which it may not list itself)."""
        if stage == Stage.NOT_COMMISSIONED:
            return None
        position = STAGE_ORDER.index(Stage(stage))
        return next((s for s in STAGE_ORDER[position + 1:] if s in self.stages), None)

    @property
    def stage_labels(self) -> list[tuple[Stage, str]]:
        return [(s, STAGE_LABELS[s]) for s in self.stages]


DECISION = "decision"
SCOPING = "scoping"
COMPLETION = "completion"

_DECISION_RULE = DeadlineRule(
    key=DECISION, name="Decision whether to commission", starts="notified_on", months=1, met_by="decision_on",
    met_at=Stage.DECISION, pauses_count=False,
    in_words="The decision whether to hold the review is due within 1 month of notification.")
# Scoping: the 2024 draft asks for early learning and immediate actions before the full review.
# The partnership's working figure: the scoping review finishes (set-up begins) a month after the decision.
_SCOPING_RULE = DeadlineRule(
    key=SCOPING, name="Scoping review (early learning and immediate actions)", starts="decision_on", months=1,
    met_by="set_up_on", met_at=Stage.SET_UP, pauses_count=True, only_if_recorded="scoping_on",
    in_words="The scoping review is due to finish, and set-up to begin, 1 month after the decision.")
_COMPLETION_RULE = DeadlineRule(
    key=COMPLETION, name="Completion (submission to the Home Office)", starts="decision_on", months=6,
    met_by="submitted_on", met_at=Stage.SUBMITTED, pauses_count=True,
    in_words="The review is due 6 months after the decision to hold it, to submission to the Home Office "
             "Quality Assurance Panel")

GUIDANCE_2016 = Process(
    key="guidance_2016", label="Statutory guidance 2016",
    description="Notification, decision, set-up, information gathering, drafting, sign-off, submission to the "
                "Home Office, approval, publication, monitoring and closure.",
    stages=tuple(s for s in STAGE_ORDER if s is not Stage.SCOPING),
    deadlines=(_DECISION_RULE, _COMPLETION_RULE),
)
DRAFT_2024 = Process(
    key="draft_2024", label="Draft guidance 2024 (with scoping review)",
    description="As 2016, with a scoping review after the decision: early learning and immediate actions "
                "are recorded and tracked before the full review.",
    stages=tuple(STAGE_ORDER),
    deadlines=(_DECISION_RULE, _SCOPING_RULE, _COMPLETION_RULE),
)
PROCESSES = {p.key: p for p in (GUIDANCE_2016, DRAFT_2024)}
DEFAULT = GUIDANCE_2016


_CACHE = "dhr_review_process"


def current() -> Process:
    """The process the partnership follows, read once a request (outside the application, as
    when a rule is worked out on its own, the default)."""
    if not has_app_context():
        return DEFAULT
    found = g.get(_CACHE)
    if found is None:
        found = PROCESSES.get(settings.get(SETTING) or "", DEFAULT)
        setattr(g, _CACHE, found)
    return found


def choose(key: str) -> Process:
    """Follow another process from now on (the Setting row's change is audited). Recorded dates stay."""
    if key not in PROCESSES:
        raise DataError("Choose the process the partnership follows", "choice")
    settings.put(SETTING, key)
    if has_app_context():
        setattr(g, _CACHE, PROCESSES[key])
    return PROCESSES[key]


def position(stage: str) -> int:
    """A stage's place in the order every process shares (not commissioned last)."""
    return len(STAGE_ORDER) if stage == Stage.NOT_COMMISSIONED else STAGE_ORDER.index(Stage(stage))


def at_or_after(stage: str, other: Stage) -> bool:
    return stage != Stage.NOT_COMMISSIONED and position(stage) >= position(other)
