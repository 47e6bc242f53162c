"""Who downloads the partnership's open data, and who brings in another partnership's (beside
the policy package's other rules; callers import it from here).

- The open-data file holds only what the public reads (reviews shown publicly), so everyone
  who signs in may download it.
- Only the coordinator imports another partnership's file and maps its themes to ours.
- External learning, once imported, is public learning (another area published it): everyone
  who signs in reads it, and no one changes it (re-importing its source replaces it)."""
from __future__ import annotations

from ..models import User
from . import COORDINATOR, READERS_OF_REVIEWS, is_coordinator

OPEN_DATA_READERS = READERS_OF_REVIEWS
OPEN_DATA_IMPORTERS = COORDINATOR


def may_download_open_data(user: User) -> bool:
    return user.role in OPEN_DATA_READERS


def may_import_open_data(user: User) -> bool:
    return is_coordinator(user)


def may_read_external(user: User) -> bool:
    """External learning was published by its partnership: whoever reads reviews reads it."""
    return user.role in READERS_OF_REVIEWS
