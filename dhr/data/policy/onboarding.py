"""Who brings a partnership's existing action plans and reports in at once (beside the policy
package's other rules; callers import it from here): the coordinator alone, and each file only
into a review they may change (may_change_review). A batch's result is seen only by whoever
asked for it (may_see_job)."""
from __future__ import annotations

from ..models import User
from ..vocab import Role
from . import is_coordinator

BULK_IMPORTERS = (Role.ADMIN,)  # the roles whose routes are open to it


def may_import_in_bulk(user: User) -> bool:
    return is_coordinator(user)
