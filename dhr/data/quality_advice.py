"""The quality check as the service runs it on a recommendation being written: the draft read
from what the chair typed, the partnership's agency list, and the advice recorded with it (the
flags shown, and whether the chair kept it as written). Finding near-duplicates needs the search
index, so the caller finds them and passes them in."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from . import agencies
from .models import Recommendation
from .recommendation_quality import ADVICE, TITLES, AgencyName, Draft, Earlier, Flag, check
from .recommendations import Details

if TYPE_CHECKING:
    from .plan_parsed import ParsedRow


def known_agencies() -> list[AgencyName]:
    return [AgencyName(a.name, a.kind) for a in agencies.all_agencies()]


def draft_of(details: Details, rec: Recommendation | None = None) -> Draft:
    """The draft the check reads: the details typed, and the target dates of its actions so far."""
    dates = [details.target_date] if details.target_date else []
    if rec is not None:
        dates += [a.target_date for a in rec.actions if a.target_date]
    return Draft(text=details.text or "", lead_agency=details.lead_agency.name if details.lead_agency else None,
                 target_dates=tuple(dates), intended_outcome=details.intended_outcome or "",
                 outcome_measure=details.outcome_measure or "")


def draft_of_row(row: ParsedRow) -> Draft:
    """The draft the check reads for a new recommendation of an action-plan spreadsheet: its
    wording, the lead agency it is saved with (its first action's) and every action's target date."""
    first = row.actions[0] if row.actions else None
    return Draft(text=row.text or "", lead_agency=(first.lead_name or None) if first else None,
                 target_dates=tuple(a.target_date for a in row.actions if a.target_date))


def advise(details: Details, rec: Recommendation | None = None, repeats: Iterable[Earlier] = ()) -> list[Flag]:
    return check(draft_of(details, rec), known_agencies(), repeats)


def advise_row(row: ParsedRow, repeats: Iterable[Earlier] = ()) -> list[Flag]:
    return check(draft_of_row(row), known_agencies(), repeats)


def recorded(rec: Recommendation) -> list[Flag]:
    """The advice recorded when the recommendation was last saved through the check."""
    return [Flag(name, TITLES[name], ADVICE[name]) for name in (rec.quality_flags or "").split(",") if name in TITLES]


def already_kept(rec: Recommendation | None, flags: list[Flag]) -> bool:
    """Whether the chair already chose to keep it as written despite every flag now raised."""
    if rec is None or not rec.quality_kept:
        return False
    return {f.name for f in flags} <= set((rec.quality_flags or "").split(","))
