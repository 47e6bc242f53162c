"""A large open data file is checked and saved by a worker, as the coordinator who uploaded it
(checking 2,000 reviews against the schema and saving them takes minutes). The worker keeps what
it found (problems, or theme names to map) as a preview, and the job leads on to the page that
shows it; a file with nothing to map is saved by the same job."""
from __future__ import annotations

import json

from flask import url_for

from dhr.background import Prepared, job_kind
from dhr.data import open_data_import, previews
from dhr.data.errors import DataError
from dhr.data.policy.open_data import may_import_open_data
from dhr.wording import counted

KIND = "open_data_import"
# Files up to this size are checked and saved in the request (about a second's work).
INLINE_BYTES = 300 * 1024


def _checked(result: dict) -> Prepared:
    token = previews.keep(json.dumps(result).encode())
    return Prepared(None, result_url=url_for("external.checked", result=token),
                    note="The file was checked: continue to see what was found.")


@job_kind(KIND)
def import_job(user, params: dict, progress) -> Prepared:
    """params: the uploaded file's preview token, its name, and whether the theme names were
    mapped (then it is saved whatever names are left)."""
    if not may_import_open_data(user):
        raise DataError("Only the coordinator imports external learning")
    progress(0, 2, "Checking the file against the open data format")
    content = previews.read(params["preview"])
    read = open_data_import.read(content)
    if read.doc is None:
        return _checked({"problems": read.problems})
    unknown = open_data_import.unknown_themes(read.doc)
    if unknown and not params.get("mapped"):
        return _checked({"unknown": unknown, "partnership": read.doc["source"]["partnership"],
                         "reviews": len(read.doc["reviews"]), "preview": params["preview"],
                         "filename": params["filename"]})
    progress(1, 2, f"Saving {counted(len(read.doc['reviews']), 'review')}")
    source = open_data_import.save(read.doc, params["filename"], user.id)
    previews.discard(params["preview"])
    return Prepared(None, result_url=url_for("external.index"),
                    note=f"Imported {counted(len(source.reviews), 'review')} of published learning from "
                         f"{source.partnership}.")
