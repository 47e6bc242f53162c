"""The one error type the data layer raises for a change it refuses."""
from __future__ import annotations


class DataError(ValueError):
    """A plain reason a change cannot be made, naming the form field it concerns (None: the
    form as a whole). The request is then answered with the form again and nothing is saved."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
