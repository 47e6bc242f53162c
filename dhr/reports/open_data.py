"""The partnership's open data as a file (JSON, or CSV tables in a zip): made in the request
while the published learning is small, and by a worker (as the person who asked, who finds it
on "Your downloads") at national scale."""
from __future__ import annotations

import datetime as dt

from flask import current_app

from dhr.background import Prepared, job_kind
from dhr.data import open_data, partnership
from dhr.data.errors import DataError
from dhr.data.policy.open_data import may_download_open_data
from exports import open_data as open_data_csv

KIND = "open_data"
# Published reviews a request may write itself (about a tenth of a second each hundred).
INLINE_REVIEWS = 100
FORMATS = {"json": ("application/json", "json"), "csv": ("application/zip", "zip")}


def partnership_name() -> str:
    return partnership.name(current_app.config["DHR_PARTNERSHIP_NAME"])


def content_of(fmt: str, today: dt.date | None = None, progress=None) -> bytes:
    doc = open_data.document(partnership_name(), today, progress)
    return open_data.to_json(doc) if fmt == "json" else open_data_csv.to_zip(doc)


def file_name(fmt: str, today: dt.date | None = None) -> str:
    return f"open-data-{(today or dt.date.today()):%Y-%m-%d}.{FORMATS[fmt][1]}"


@job_kind(KIND)
def open_data_job(user, params: dict, progress) -> Prepared:
    if not may_download_open_data(user):
        raise DataError("You may not download the open data")
    fmt = params.get("format") if params.get("format") in FORMATS else "json"
    progress(0, 1, "Gathering the published reviews")
    content = content_of(fmt, progress=lambda done, total: progress(done, total, f"Written {done:,} of {total:,} "
                                                                                 "reviews"))
    return Prepared(content, file_name(fmt), FORMATS[fmt][0])
