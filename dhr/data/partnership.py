"""The partnership the service belongs to: its name, and a clean start without the demo data
(the partnership's name, its agencies, the first coordinator's account and the starting themes,
all in one transaction or none of it)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from dhr.extensions import db

from . import agencies, agency_matching, settings
from . import users as user_data
from .errors import DataError
from .models import Review, User
from .plan_reading import ImportRefused, read_table, text_of
from .starting_themes import ensure_starting_themes
from .vocab import AGENCY_KIND_LABELS, AgencyKind, Role

NAME = "partnership_name"
SET_UP = "partnership_set_up"
MAX_NAME = 200
AGENCY_HEADERS = {"agency", "agency name", "name", "organisation"}
KIND_HEADERS = {"kind", "type", "sector", "kind of agency"}


class SetUpRefused(DataError):
    """The clean start cannot be made: nothing was saved."""


def name(default: str) -> str:
    """The name set at the clean start, or `default` (the configured name) if none was."""
    return settings.get(NAME) or default


def is_set_up() -> bool:
    return settings.get(SET_UP) == "yes"


@dataclass
class AgencyList:
    agencies: list[tuple[str, str]] = field(default_factory=list)  # (name, kind)
    problems: list[str] = field(default_factory=list)  # "Row 3: …", one per row at fault


def kind_of(written: str) -> str | None:
    """An agency kind from its label or its short name ("Police", "specialist_da", "Housing")."""
    wanted = " ".join(written.replace("_", " ").lower().split())
    for kind, label in AGENCY_KIND_LABELS.items():
        if wanted in (kind.value.replace("_", " "), label.lower()):
            return kind.value
    return None


def read_agency_list(content: bytes, filename: str) -> AgencyList:
    """Agencies from a CSV or XLSX file: a name and a kind per row, under an optional header."""
    try:
        table = read_table(content, "xlsx" if filename.lower().endswith(".xlsx") else "csv")
    except ImportRefused as refusal:
        return AgencyList(problems=[str(refusal)])
    rows = [[text_of(cell) for cell in row] for row in table]
    start = 1 if rows and rows[0] and rows[0][0].lower() in AGENCY_HEADERS and (
        len(rows[0]) < 2 or rows[0][1].lower() in KIND_HEADERS) else 0
    written = [(number, row) for number, row in enumerate(rows[start:], start=start + 1) if any(row)]
    return agency_list([(f"Row {number}", row[0] if row else "", row[1] if len(row) > 1 else "")
                        for number, row in written])


def agency_list(rows: list[tuple[str, str, str]]) -> AgencyList:
    """Check (where, name, kind) rows: every name given once, every kind known (no kind: other)."""
    found, seen = AgencyList(), set()
    kinds = ", ".join(AGENCY_KIND_LABELS.values())
    for where, agency_name, written_kind in rows:
        agency_name = " ".join(agency_name.split())
        kind = kind_of(written_kind) if written_kind.strip() else AgencyKind.OTHER.value
        if not agency_name:
            found.problems.append(f"{where}: enter the agency's name")
        elif len(agency_name) > MAX_NAME:
            found.problems.append(f"{where}: the agency's name must be {MAX_NAME} characters or fewer")
        elif agency_matching.name_key(agency_name) in seen:
            found.problems.append(f"{where}: {agency_name} is listed twice")
        elif kind is None:
            found.problems.append(f"{where}: '{written_kind}' is not a kind of agency: use one of {kinds}")
        else:
            seen.add(agency_matching.name_key(agency_name))
            found.agencies.append((agency_name, kind))
    return found


@dataclass(frozen=True)
class Coordinator:
    email: str
    name: str
    password: str


def _refusals(partnership_name: str, listed: AgencyList) -> list[str]:
    problems = []
    if db.session.scalar(select(func.count()).select_from(User)) or db.session.scalar(
            select(func.count()).select_from(Review)):
        problems.append("The service already has users or reviews: a clean start is only made on an empty database")
    if not partnership_name.strip():
        problems.append("Enter the partnership's name")
    elif len(partnership_name) > MAX_NAME:
        problems.append(f"The partnership's name must be {MAX_NAME} characters or fewer")
    if not listed.agencies and not listed.problems:
        problems.append("List at least one agency")
    return problems + listed.problems


def set_up(partnership_name: str, listed: AgencyList, coordinator: Coordinator) -> dict:
    """Make the clean start in the session (the caller commits), or refuse with every problem."""
    problems = _refusals(partnership_name, listed)
    if problems:
        raise SetUpRefused("; ".join(problems))
    try:
        user = user_data.create(coordinator.email, coordinator.password, Role.ADMIN, name=coordinator.name)
    except user_data.UserError as problem:
        raise SetUpRefused(f"The coordinator's account: {problem}") from problem
    for agency_name, kind in listed.agencies:
        agencies.create(agency_name, kind)
    themes = ensure_starting_themes()
    settings.put(NAME, " ".join(partnership_name.split()))
    settings.put(SET_UP, "yes")
    db.session.flush()
    return {"agencies": len(listed.agencies), "themes": themes, "coordinator": user.email}


def agency_list_file(path: str) -> AgencyList:
    with open(path, "rb") as source:
        return read_agency_list(source.read(), path)
