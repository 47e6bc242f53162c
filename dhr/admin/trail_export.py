"""The audit trail as CSV, in plain words: made in the request when it is small, and by a
worker (as the person who asked, who finds it on "Your downloads") when it is large."""
from __future__ import annotations

import datetime as dt

from dhr.background import Prepared, job_kind
from dhr.data import audit_trail, audit_words, policy
from dhr.data.audit_trail import TrailFilters
from dhr.data.errors import DataError
from exports import tables

KIND = "audit_trail"
# Rows a request may write itself: well inside a second. A longer trail goes to a worker.
INLINE_ROWS = 1000
HEADERS = ("When (UTC)", "Who", "Action", "Kind of record", "What happened")
CONTENT_TYPE = "text/csv; charset=utf-8"


def _rows(filters: TrailFilters, sort: str | None, descending: bool, progress=None, total: int = 0):
    done = 0
    for chunk in audit_trail.each_chunk(filters, sort, descending):
        for told in audit_words.in_words(chunk):
            yield (told.at.replace(microsecond=0) if told.at else None, told.who, told.action, told.kind, told.words)
        done += len(chunk)
        if progress is not None:
            progress(1, 2, f"Written {done:,} of {total:,} events")


def csv_of(filters: TrailFilters, sort: str | None = None, descending: bool = False, progress=None,
           total: int = 0) -> bytes:
    return tables.to_csv(HEADERS, _rows(filters, sort, descending, progress, total))


def file_name(on: dt.date) -> str:
    return f"audit-trail-{on:%Y-%m-%d}"


def job_params(filters: TrailFilters, sort: str | None, descending: bool) -> dict:
    return {"filters": filters.params(), "sort": sort, "descending": descending}


@job_kind(KIND)
def audit_trail_job(user, params: dict, progress) -> Prepared:
    if not policy.may_see_audit_trail(user):
        raise DataError("Only the partnership coordinator may download the audit trail")
    filters = TrailFilters.from_params(params.get("filters") or {})
    total = audit_trail.count(filters)
    progress(0, 2, f"Writing {total:,} events")
    content = csv_of(filters, params.get("sort"), bool(params.get("descending")), progress, total)
    return Prepared(content, f"{file_name(dt.date.today())}.csv", CONTENT_TYPE)
