"""Action plans in the Home Office template columns: importing a spreadsheet into a review
(header variants matched, every row checked, nothing saved unless the whole file is valid)
and exporting rows for a review, an agency or everything.

A row is an action. Rows that share a recommendation number, and rows with no number and no
recommendation under one that has them, are further actions of that recommendation. A row
whose number the review already has is a quarterly progress return for that recommendation:
its actions are matched to the existing ones and changed field by field (dhr.data.plan_reimport).
A spreadsheet exported here (`export_rows`) imports back with no changes."""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from dhr import dates
from dhr.extensions import db
from dhr.wording import counted

from . import actions, agency_aliases, agency_matching, finding_refs, plan_reimport, recommendations
from .models import Action, Agency, Recommendation, Review, User
from .plan_columns import EXPORT_HEADERS, HOME_OFFICE_COLUMNS, TEMPLATE_HEADERS, match_header  # noqa: F401 (the column lists are part of this module's API)
from .plan_columns import normalise as _normalise
from .plan_parsed import ParsedAction, ParsedPlan, ParsedRow, UnknownName
from .plan_reading import (  # noqa: F401 (part of this module's API)
    MAX_COLUMNS,
    MAX_ROWS,
    ImportRefused,
    columns,
    header_row,
    parse_completion,
    parse_date,
    read_table,
    status_of,
    text_of,
)
from .progress import today
from .vocab import SCOPE_LABELS, STATUS_LABELS, Scope, Status

__all__ = ["ImportRefused", "ParsedAction", "ParsedPlan", "ParsedRow", "parse", "save", "export_rows"]


def parse(content: bytes, kind: str, review: Review, user: User | None = None,
          mappings: dict[str, int] | None = None, table: list[list[object]] | None = None) -> ParsedPlan:
    """Read and check every row (by the same rules as the recommendation form, for `user`),
    and compare the rows of recommendations the review already has with what it has;
    `mappings` (name key -> agency id) are lead-agency names mapped on screen; `table`, the
    content already read by read_table. Saves nothing."""
    table = read_table(content, kind) if table is None else table
    header_index = header_row(table)
    if header_index < 0:
        raise ImportRefused(
            "The file has no header row naming the Recommendation and Lead agency columns. "
            "Use the Home Office action plan template column headings"
        )
    positions, written, ignored = columns(table[header_index])
    data_rows = table[header_index + 1:]
    if len(data_rows) > MAX_ROWS:
        raise ImportRefused(f"The file has more than {MAX_ROWS} rows; split it into smaller files")
    agencies = list(db.session.scalars(select(Agency).where(Agency.active).order_by(Agency.name)))
    checker = _RowChecker(review, agencies, {**agency_aliases.known(), **(mappings or {})})
    rows = _rows(checker, header_index + 2, positions, data_rows)  # numbered as the spreadsheet numbers rows
    problems = [] if rows else ["The file has a header row but no recommendations under it"]
    plan = ParsedPlan(columns=written, ignored_headers=ignored, rows=rows, problems=problems,
                      unknown_names=checker.unknown)
    plan_reimport.compare(plan, user, today())
    _check_as_the_form_does(plan, review, user)
    return plan


def _rows(checker: _RowChecker, first_row_number: int, positions: dict[str, int],
          data_rows: list[list[object]]) -> list[ParsedRow]:
    """The recommendations of the file, each with an action per row."""
    rows: list[ParsedRow] = []
    by_number: dict[str, ParsedRow] = {}
    for offset, raw in enumerate(data_rows):
        row_number = first_row_number + offset
        values = {name: (raw[index] if index < len(raw) else None) for name, index in positions.items()}
        if all(text_of(v) == "" for v in values.values()):
            continue
        number, text = text_of(values.get("number")).rstrip("."), text_of(values.get("text"))
        rec = by_number.get(number.lower()) if number else (rows[-1] if rows and not text else None)
        further = rec is not None
        if rec is None:
            rec = checker.recommendation(row_number, number, text, values.get("scope"))
            rows.append(rec)
            by_number.setdefault(rec.number.lower(), rec)
        checker.findings(rec, values.get("findings"))
        action = checker.action(row_number, values)
        if further and not action.lead_name:  # a merged lead-agency cell: the action above's
            action.lead_name, action.lead_agency_id = rec.actions[-1].lead_name, rec.actions[-1].lead_agency_id
            action.unknown_lead = rec.actions[-1].unknown_lead
            if action.unknown_lead:
                checker.unknown[action.unknown_lead].rows.append(row_number)
        if further and text and rec.text and text != rec.text:
            action.errors.append(f"Recommendation {rec.number} is also on row {rec.row_number} with other wording: "
                                 "give each recommendation its own number")
        elif further and not action.text:
            action.errors.append(f"Enter the action to take: a row with no recommendation of its own is a further "
                                 f"action of recommendation {rec.number}")
        rec.actions.append(action)
    return rows


def _check_as_the_form_does(plan: ParsedPlan, review: Review, user: User | None) -> None:
    """The recommendation form's own checks (number, text and scope) first on each
    recommendation, then each new or changed action's status and outcome."""
    for row in plan.rows:
        found = recommendations.problems(review, recommendations.Details(
            number=row.number, text=row.text, scope=row.scope), rec=row.existing, user=user, with_action=False)
        row.errors[:0] = [message for message, _ in found]
        for action in row.actions:
            if action.existing is None:
                status, outcome = action.status, action.outcome
            elif any(c.attribute in ("status", "outcome") for c in action.changes):
                status = action.status if action.status_given else action.existing.status
                outcome = action.outcome if "completion" in plan.columns else action.existing.outcome
            else:
                continue
            action.errors.extend(message for message, _ in actions.status_problems(user, status, outcome))


class _RowChecker:
    """Reads each row of one file against the review (numbers taken) and the active agencies."""

    def __init__(self, review: Review, agencies: list[Agency], aliases: dict[str, int]):
        self.review = review
        self.agencies = agencies
        self.aliases = aliases
        self.existing = {r.number.lower(): r for r in review.recommendations}
        self.next_number = len(review.recommendations) + 1
        self.seen_numbers: set[str] = set()
        self.unknown: dict[str, UnknownName] = {}
        self.findings_by_number = {f.position: f for f in review.findings}

    def recommendation(self, row_number: int, number: str, text: str, scope: object) -> ParsedRow:
        if not number:
            while str(self.next_number) in self.existing or str(self.next_number) in self.seen_numbers:
                self.next_number += 1
            number = str(self.next_number)
        self.seen_numbers.add(number.lower())
        parsed = ParsedRow(row_number=row_number, number=number, text=text,
                           existing=self.existing.get(number.lower()))
        if parsed.existing is not None:
            parsed.text = text or parsed.existing.text  # a return may leave the wording out
            parsed.scope = parsed.existing.scope
        self._scope(parsed, scope)
        return parsed

    def findings(self, parsed: ParsedRow, value: object) -> None:
        """The review's findings a Finding(s) cell names, added to the recommendation's (any of its rows)."""
        numbers = finding_refs.cell_numbers(value)
        if numbers is None:
            parsed.errors.append(f"Finding(s) ‘{text_of(value)}’ must be the numbers of the review's findings, "
                                 "for example 2, 4")
            return
        for number in numbers:
            found = self.findings_by_number.get(number)
            if found is None:
                parsed.errors.append(f"The review has no finding {number} (it has "
                                     f"{counted(len(self.findings_by_number), 'finding')})")
            elif found not in parsed.findings:
                parsed.findings.append(found)
        parsed.findings_given = parsed.findings_given or bool(numbers)

    def action(self, row_number: int, values: dict[str, object]) -> ParsedAction:
        parsed = ParsedAction(row_number=row_number, text=text_of(values.get("action")))
        self._lead(parsed, text_of(values.get("lead")))
        parsed.milestones = text_of(values.get("milestones"))
        try:
            parsed.target_date = parse_date(values.get("target"))
        except ValueError:
            parsed.errors.append(f"Target date ‘{text_of(values.get('target'))}’ is not a date: use day/month/year, "
                                 "for example 31/03/2026")
        parsed.completed_on, parsed.outcome = parse_completion(values.get("completion"))
        self._status(parsed, values.get("status"))
        return parsed

    @staticmethod
    def _scope(parsed: ParsedRow, value: object) -> None:
        scope_text = _normalise(value)
        if scope_text:
            scope = next((s for s in Scope if scope_text.startswith(s.value)), None)
            if scope is None:
                parsed.errors.append(f"Scope ‘{text_of(value)}’ must be local, regional or national")
            else:
                parsed.scope = scope

    def _lead(self, parsed: ParsedAction, lead: str) -> None:
        """The lead agency named (as agency_matching matches names), or a name to be mapped on screen."""
        parsed.lead_name = lead
        if not lead:
            return  # needed for a new action (plan_reimport.compare)
        agency = agency_matching.exact(lead, self.agencies, self.aliases)
        if agency is not None:
            parsed.lead_agency_id, parsed.lead_name = agency.id, agency.name
            return
        key = agency_matching.name_key(lead)
        parsed.unknown_lead = key
        if key not in self.unknown:
            suggestion = agency_matching.suggest(lead, [a.name for a in self.agencies])
            self.unknown[key] = UnknownName(key=key, written=" ".join(lead.split()), suggestion=suggestion)
        self.unknown[key].rows.append(parsed.row_number)

    @staticmethod
    def _status(parsed: ParsedAction, value: object) -> None:
        if _normalise(value):
            status = status_of(value)
            if status is None:
                parsed.errors.append(f"Status ‘{text_of(value)}’ is not one of the statuses used here")
            else:
                parsed.status, parsed.status_given = status, True
        elif parsed.completed_on or parsed.outcome:
            parsed.status = Status.AWAITING_EVIDENCE  # the partnership verifies it deliberately


def save(review: Review, plan: ParsedPlan, user: User | None = None) -> dict[str, int]:
    """Add the new recommendations and actions and make every change, through the same checks as
    the recommendation form; what was done, counted. Refuses unless the whole plan is ready;
    the caller commits once."""
    if not plan.ready:
        raise ImportRefused("The file has errors; nothing was saved")
    agencies = {a.id: a for a in db.session.scalars(select(Agency).where(
        Agency.id.in_({a.lead_agency_id for r in plan.rows for a in r.actions if a.lead_agency_id})))}
    counts = plan.counts()
    try:
        for row in plan.rows:
            if row.is_new:
                _create(review, row, agencies, user)
            else:
                plan_reimport.apply(row, agencies, user, today())
        db.session.flush()
    except StaleDataError as error:  # an action saved by someone else in the same instant
        raise ImportRefused("someone else changed the action plan while it was being saved") from error
    return counts


def _create(review: Review, row: ParsedRow, agencies: dict[int, Agency], user: User | None) -> Recommendation:
    first, *further = row.actions
    rec = recommendations.create(review, recommendations.Details(
        number=row.number, text=row.text, scope=row.scope, findings=row.findings, action_to_take=first.text,
        lead_agency=agencies.get(first.lead_agency_id), milestones=first.milestones, target_date=first.target_date,
        status=first.status, completed_on=first.completed_on, outcome=first.outcome,
        quality_flags=row.quality_flags, quality_kept=row.quality_kept,
    ), user, agreed=True)
    for action in further:
        actions.add(rec, plan_reimport.action_details(action, agencies), user, agreed=True)
    return rec


# --- Export ---------------------------------------------------------------------------------

def completion_text(action: Action) -> str:
    parts = []
    if action.completed_on:
        parts.append(dates.numeric_date(action.completed_on))
    if action.outcome:
        parts.append(action.outcome)
    return " – ".join(parts)


def export_rows(recs: Iterable[Recommendation], on: dt.date) -> list[list[object]]:
    """A row per action, as the Home Office template has them: a recommendation with several
    actions fills several rows, each carrying the recommendation's number and text."""
    rows = []
    for rec in recs:
        for action in rec.actions:
            rows.append(
                [
                    rec.review.reference,
                    rec.number,
                    rec.text,
                    SCOPE_LABELS.get(rec.scope, rec.scope),
                    action.text,
                    action.lead_agency.name if action.lead_agency else "",
                    action.milestones,
                    dates.numeric_date(action.target_date),
                    completion_text(action),
                    ", ".join(a.name for a in rec.supporting_agencies),
                    STATUS_LABELS.get(action.status, action.status),
                    finding_refs.written([f.position for f in rec.findings]),
                    "Yes" if action.is_overdue(on) else "No",
                ]
            )
    return rows
