"""The quality check on the recommendation form, the proposals imported from a report and the new
recommendations of an action-plan spreadsheet: the advice for what the chair typed or imported,
with near-duplicates of other reviews' recommendations from the search index (none while the
index is unavailable: the advice then says nothing about repeats)."""
from __future__ import annotations

from flask_login import current_user

from dhr.data import quality_advice
from dhr.data.recommendation_quality import Flag
from dhr.data.recommendations import Details
from search import quality_repeats
from search.indexing import IndexUnavailable


def repeats_for(text: str, review, user=None) -> list:
    """Near-duplicates that `user` (the signed-in user unless named: a background job names its own) may see."""
    try:
        return quality_repeats.for_draft(current_user if user is None else user, text, review)
    except IndexUnavailable:
        return []


def advice(details: Details, review, rec=None) -> list[Flag]:
    return quality_advice.advise(details, rec, repeats_for(details.text, review))


def shown(form) -> set[str]:
    return {name for name in (form.shown_flags.data or "").split(",") if name}


def record_on(details: Details, form, flags: list[Flag], rec=None) -> Details:
    """The advice to record with the save: the flags raised, kept as written if the chair chose
    that seeing every one of them (or had kept them before)."""
    details.quality_flags = [f.name for f in flags]
    seen = bool(form.keep.data) and {f.name for f in flags} <= shown(form)
    details.quality_kept = bool(flags) and (seen or quality_advice.already_kept(rec, flags))
    return details


def unanswered(rec) -> list[Flag]:
    """The advice recorded at the last save that the chair has not kept the recommendation despite."""
    return [] if rec is None or rec.quality_kept else quality_advice.recorded(rec)


def advice_on_rows(rows, review, user=None) -> dict[int, list[Flag]]:
    """The advice on each new recommendation of an action-plan spreadsheet, by its row number."""
    return {row.row_number: quality_advice.advise_row(row, repeats_for(row.text, review, user))
            for row in rows if row.is_new}


def shown_on_rows(advice: dict[int, list[Flag]]) -> dict[str, list[str]]:
    """What a preview showed, to keep with the file waiting for confirmation (JSON keys are text)."""
    return {str(number): [f.name for f in flags] for number, flags in advice.items()}


def record_on_rows(rows, review, shown: dict[str, list[str]], user=None) -> None:
    """The advice to record as the new recommendations are saved, checked again: kept as written
    where every flag raised was shown on the preview confirmed."""
    for number, flags in advice_on_rows(rows, review, user).items():
        row = next(r for r in rows if r.row_number == number)
        row.quality_flags = [f.name for f in flags]
        row.quality_kept = bool(flags) and set(row.quality_flags) <= set(shown.get(str(number), ()))


def record_unseen(plan, review, user) -> None:
    """For a plan imported in bulk, whose preview shows no recommendation's advice: recorded, never
    kept, so that the review shows its chair the advice not yet answered."""
    record_on_rows(plan.rows, review, {}, user)
