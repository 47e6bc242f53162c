"""A bulk import of action plans and reports run in the background: every file checked again
and saved as dhr.data.onboarding_apply says, one step of progress a file; the job then leads on
to the result page, which reads each file's outcome from what the job kept."""
from __future__ import annotations

import json

from flask import url_for

from dhr import quality
from dhr.background import Prepared, job_kind
from dhr.data import batch_files, onboarding_apply, previews
from dhr.data.errors import DataError
from dhr.data.policy.onboarding import may_import_in_bulk
from dhr.wording import counted

KIND = "bulk_import"


def note(outcomes: list[onboarding_apply.Outcome]) -> str:
    states = [o.state for o in outcomes]
    return (f"{counted(states.count(onboarding_apply.SAVED), 'file')} saved, "
            f"{states.count(onboarding_apply.UNCHANGED)} already as the service has them, "
            f"{states.count(onboarding_apply.PROBLEM)} not saved.")


@job_kind(KIND)
def bulk_import_job(user, params: dict, progress) -> Prepared:
    """Runs as the coordinator who confirmed the batch, who must still be allowed to import it."""
    if not may_import_in_bulk(user):
        raise DataError("Only the partnership coordinator imports action plans and reports at once")
    entries = batch_files.unpacked(previews.read(params.get("preview", "")))
    kinds = {int(index): kind for index, kind in (params.get("kinds") or {}).items()}
    outcomes = onboarding_apply.run(entries, user, kinds, progress, params.get("filename", "the files chosen"),
                                    advise=quality.record_unseen)
    previews.discard(params.get("preview", ""))
    return Prepared(json.dumps(onboarding_apply.as_dicts(outcomes)).encode(), filename="import-outcome.json",
                    content_type="application/json", note=note(outcomes),
                    result_url=url_for("reviews.batch_result", job_id=progress.job.id))
