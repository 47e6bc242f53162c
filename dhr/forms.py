"""Helpers shared by the areas' forms."""
from __future__ import annotations

from typing import Iterable

from wtforms.fields import SelectChoice


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """Select, radio and checkbox options from (value, label) pairs, in the form WTForms 3.3+ expects."""
    return [SelectChoice(str(value), label) for value, label in pairs]
