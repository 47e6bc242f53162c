"""Reading a partnership's reviews register (CSV or XLSX): one review a row, under a header row
naming the columns partnerships keep, each row checked on its own and every problem said by row."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dhr import dates

from .plan_columns import normalise
from .plan_reading import ImportRefused, read_table, text_of
from .vocab import (
    DEATH_CATEGORY_LABELS,
    PAUSE_REASON_LABELS,
    REVIEW_TYPE_LABELS,
    STAGE_DATE_FIELDS,
    STAGE_LABELS,
    STAGE_ORDER,
    DeathCategory,
    PauseReason,
    ReviewType,
    Stage,
)

# field -> header variants (compared normalised: lower case, letters and digits only)
HEADERS = {
    "reference": ["reference", "ref", "review reference", "dhr reference", "dhr ref", "case reference", "review"],
    "review_type": ["type", "review type", "kind of review"],
    "death_category": ["death category", "category", "category of death", "type of death"],
    "pseudonym": ["pseudonym", "victim pseudonym", "name used", "subject"],
    "chair": ["chair", "independent chair", "chair name", "chair email"],
    "notified_on": ["notified", "notification", "notification date", "date notified", "date of notification",
                    "notified on", "date of death notification", "referral date"],
    "decision_on": ["decision", "decision date", "date of decision", "decided", "decision to hold",
                    "date commissioned", "commissioned"],
    "scoping_on": ["scoping", "scoping review", "scoping review began", "scoping started", "scoping date"],
    "set_up_on": ["set up", "set up date", "panel set up", "first panel", "first panel meeting"],
    "information_gathering_on": ["information gathering", "information gathering started", "imrs requested"],
    "drafting_on": ["drafting", "drafting started", "draft"],
    "signed_off_on": ["sign off", "signed off", "partnership sign off", "csp sign off", "approved by csp"],
    "submitted_on": ["submitted", "submitted to home office", "home office submission", "date submitted",
                     "sent to home office", "submitted to qa panel"],
    "approved_on": ["approved", "home office approval", "qa panel approval", "approved by home office",
                    "date approved"],
    "published_on": ["published", "published date", "date published", "publication date", "publication"],
    "published_url": ["url", "published url", "link", "publication url", "web link", "published at"],
    "stage": ["stage", "current stage", "status"],
    "pauses": ["pauses", "pause", "paused", "pause dates", "pauses reason"],
}
_BY_VARIANT = {normalise(v): name for name, variants in HEADERS.items() for v in variants}
# The stage dates a register carries (monitoring and closure are the service's own).
STAGE_FIELDS = [STAGE_DATE_FIELDS[s] for s in STAGE_ORDER[1:] if s not in (Stage.MONITORING, Stage.CLOSED)]
MAX_URL = 500
_PAUSE = re.compile(r"^(?P<start>.+?)\s*(?:-|–|—|\bto\b)\s*(?P<end>.*?)(?:\((?P<reason>[^)]*)\))?\s*$",
                    re.IGNORECASE)


@dataclass
class PausePlan:
    started_on: dt.date
    ended_on: dt.date | None
    reason: str


@dataclass
class RegisterRow:
    number: int
    values: dict = field(default_factory=dict)  # field -> a checked value (dates as dates)
    pauses: list[PausePlan] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    chair: str = ""  # as written; matched against the partnership's chairs by the import

    @property
    def reference(self) -> str:
        return self.values.get("reference", "")


def match_header(cell: object) -> str | None:
    return _BY_VARIANT.get(normalise(cell))


def _choice(written: str, labels: dict, aliases: dict[str, str]) -> str | None:
    key = normalise(written)
    for value, label in labels.items():
        if key in (normalise(value), normalise(label)):
            return str(value)
    return aliases.get(key)


TYPE_ALIASES = {"dhr": ReviewType.DHR, "domestic homicide": ReviewType.DHR, "dardr": ReviewType.DHR,
                "suicide": ReviewType.SUICIDE, "dars": ReviewType.SUICIDE, "suicide review": ReviewType.SUICIDE}
CATEGORY_ALIASES = {"intimate partner": DeathCategory.INTIMATE_PARTNER, "ipv": DeathCategory.INTIMATE_PARTNER,
                    "adult family": DeathCategory.ADULT_FAMILY, "familial": DeathCategory.ADULT_FAMILY,
                    "suicide": DeathCategory.SUSPECTED_SUICIDE, "unexpected": DeathCategory.UNEXPECTED}
REASON_ALIASES = {"trial": PauseReason.CRIMINAL_TRIAL, "criminal": PauseReason.CRIMINAL_TRIAL,
                  "court": PauseReason.CRIMINAL_TRIAL, "police investigation": PauseReason.CRIMINAL_TRIAL,
                  "coroner": PauseReason.INQUEST, "sar": PauseReason.SAFEGUARDING_ADULT_REVIEW,
                  "cspr": PauseReason.CHILD_REVIEW}


def _date(row: RegisterRow, name: str, written: str, label: str, today: dt.date) -> None:
    try:
        day = dates.parse_date(written)
    except ValueError:
        row.problems.append(f"{label}: '{written}' is not a date")
        return
    if day is not None and day > today:
        row.problems.append(f"{label}: {dates.long_date(day)} is in the future")
    elif day is not None:
        row.values[name] = day


def _pauses(row: RegisterRow, written: str, today: dt.date) -> None:
    for part in [p.strip() for p in written.split(";") if p.strip()]:
        found = _PAUSE.match(part)
        try:
            start = dates.parse_date(found["start"]) if found else None
            end = dates.parse_date(found["end"]) if found and found["end"].strip() else None
        except ValueError:
            start = None
        reason = _choice(found["reason"] or "", PAUSE_REASON_LABELS, REASON_ALIASES) if found else None
        if start is None:
            row.problems.append(f"Pauses: '{part}' is not a pause: write it as 1/3/2020 - 1/9/2020 (criminal trial)")
        elif end is not None and end < start:
            row.problems.append(f"Pauses: the pause from {dates.long_date(start)} ends before it starts")
        elif start > today or (end is not None and end > today):
            row.problems.append(f"Pauses: the pause from {dates.long_date(start)} has a date in the future")
        else:
            row.pauses.append(PausePlan(start, end, reason or PauseReason.OTHER.value))


def stage_dates_out_of_order(values: dict) -> list[str]:
    """Each stage's date must be on or after the one before it (notification first)."""
    problems, earlier_name, earlier = [], "the notification", values.get("notified_on")
    for stage in STAGE_ORDER[1:]:
        day = values.get(STAGE_DATE_FIELDS[stage])
        if day is None:
            continue
        if earlier is not None and day < earlier:
            problems.append(f"{STAGE_LABELS[stage]}: {dates.long_date(day)} is before {earlier_name} "
                            f"({dates.long_date(earlier)})")
        earlier_name, earlier = STAGE_LABELS[stage].lower(), day
    return problems


def _stage(row: RegisterRow, written: str) -> None:
    """The stage reached: as written, or else the latest stage with a date."""
    dated = [s for s in STAGE_ORDER[1:] if row.values.get(STAGE_DATE_FIELDS[s])]
    latest = dated[-1] if dated else Stage.NOTIFIED
    if not written:
        row.values["stage"] = str(latest)
        return
    stage = _choice(written, STAGE_LABELS, {})
    if stage is None or stage == Stage.NOT_COMMISSIONED:
        row.problems.append(f"Stage: '{written}' is not a stage of a review")
    elif STAGE_ORDER.index(Stage(stage)) < STAGE_ORDER.index(latest):
        row.problems.append(f"Stage: '{written}', but the row has a date for {STAGE_LABELS[latest].lower()}, "
                            "a later stage")
    else:
        row.values["stage"] = stage


def _text_fields(row: RegisterRow, cells: dict[str, str]) -> None:
    row.values["reference"] = cells.get("reference", "")
    if not row.reference:
        row.problems.append("Reference: enter the review's reference")
    row.values["pseudonym"] = cells.get("pseudonym", "")
    row.chair = cells.get("chair", "")
    url = cells.get("published_url", "")
    if url and (len(url) > MAX_URL or not re.match(r"https?://\S+$", url)):
        row.problems.append(f"Published URL: '{url[:80]}' is not a web address (it starts https://)")
    elif url:
        row.values["published_url"] = url


def _choices(row: RegisterRow, cells: dict[str, str]) -> None:
    written = cells.get("review_type", "")
    kind = _choice(written, REVIEW_TYPE_LABELS, TYPE_ALIASES) if written else ReviewType.DHR.value
    if kind is None:
        row.problems.append(f"Type: '{written}' is not a type of review: use DHR or suicide review")
    row.values["review_type"] = kind
    written = cells.get("death_category", "")
    category = _choice(written, DEATH_CATEGORY_LABELS, CATEGORY_ALIASES) if written else DeathCategory.OTHER.value
    if category is None:
        labels = ", ".join(DEATH_CATEGORY_LABELS.values())
        row.problems.append(f"Death category: '{written}' is not one of {labels}")
    row.values["death_category"] = category


def read_row(number: int, cells: dict, today: dt.date) -> RegisterRow:
    """A row of cells by field (text, or a date where a spreadsheet holds one), checked."""
    row = RegisterRow(number)
    _text_fields(row, cells)
    _choices(row, cells)
    if not cells.get("notified_on"):
        row.problems.append("Notification date: enter the date the review was notified")
    for name in ["notified_on", *STAGE_FIELDS]:
        if cells.get(name):
            _date(row, name, cells[name], _label(name), today)
    row.problems += stage_dates_out_of_order(row.values)
    _stage(row, cells.get("stage", ""))
    if cells.get("pauses"):
        _pauses(row, cells["pauses"], today)
    return row


def _label(name: str) -> str:
    if name == "notified_on":
        return "Notification date"
    stage = next(s for s in STAGE_ORDER if STAGE_DATE_FIELDS[s] == name)
    return f"{STAGE_LABELS[stage]} date"


def _header(table: list[list[object]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(table[:15]):
        positions: dict[str, int] = {}
        for position, cell in enumerate(row):
            name = match_header(cell)
            if name and name not in positions:
                positions[name] = position
        if "reference" in positions and "notified_on" in positions:
            return index, positions
    raise ImportRefused("No header row found: the register needs columns headed Reference and Notification date "
                        "(or Date notified) in one of its first 15 rows")


def _cell(value: object):
    """A spreadsheet's date cell as its date; any other cell as its text."""
    return value if isinstance(value, dt.date) else text_of(value)


def read_register(content: bytes, filename: str, today: dt.date | None = None) -> list[RegisterRow]:
    """Every row of the register, checked; a reference given twice is a problem on both rows."""
    today = today or dt.date.today()
    table = read_table(content, "xlsx" if filename.lower().endswith(".xlsx") else "csv")
    start, positions = _header(table)
    rows = []
    for number, cells in enumerate(table[start + 1:], start=start + 2):
        texts = {name: _cell(cells[at]) if at < len(cells) else "" for name, at in positions.items()}
        if any(texts.values()):
            rows.append(read_row(number, texts, today))
    if not rows:
        raise ImportRefused("The register has no reviews under its header row")
    seen: dict[str, int] = {}
    for row in rows:
        key = row.reference.lower()
        if key and key in seen:
            row.problems.append(f"Reference: {row.reference} is also on row {seen[key]}")
        seen.setdefault(key, row.number)
    return rows
