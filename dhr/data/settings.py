"""Installation facts kept in the database."""
from __future__ import annotations

from dhr.extensions import db

from .models import Setting

DEMO_DATA = "demo_data_loaded"


def get(key: str, default: str | None = None) -> str | None:
    row = db.session.get(Setting, key)
    return row.value if row else default


def put(key: str, value: str) -> None:
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value


def demo_data_loaded() -> bool:
    return get(DEMO_DATA) == "yes"
