"""Remembered spellings of agency names: a lead-agency name an imported spreadsheet wrote that
matched no agency, mapped once by the person importing it, is read as that agency in every
later import (agency_matching.exact). Who may remember and forget them is the access policy's."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from dhr.extensions import db

from . import policy
from .action_models import AgencyAlias
from .agency_matching import name_key
from .errors import DataError
from .models import Agency, User
from .progress import NotAllowed

MAX_NAME = 200


class AliasError(DataError):
    """A plain reason a name cannot be remembered."""


def known() -> dict[str, int]:
    """name key -> agency id, for every remembered spelling."""
    rows = db.session.execute(select(AgencyAlias.name_key, AgencyAlias.agency_id))
    return {key: agency_id for key, agency_id in rows}


def all_remembered() -> list[AgencyAlias]:
    return list(db.session.scalars(select(AgencyAlias).options(selectinload(AgencyAlias.agency))
                                   .order_by(AgencyAlias.name_key)))


def get(alias_id: int) -> AgencyAlias | None:
    return db.session.get(AgencyAlias, alias_id)


def remember(written: str, agency: Agency, user: User) -> AgencyAlias:
    """Remember that `written` means `agency` (replacing what it meant before)."""
    if not policy.may_remember_agency_name(user):
        raise NotAllowed("only the partnership maps agency names")
    key = name_key(written)
    if not key or len(key) > MAX_NAME:
        raise AliasError(f"An agency name must be 1 to {MAX_NAME} characters", None)
    alias = _remembered(key) or _new(key, agency)
    alias.written_as = " ".join(written.split())[:MAX_NAME]
    alias.agency = agency
    db.session.flush()
    return alias


def _remembered(key: str) -> AgencyAlias | None:
    return db.session.scalar(select(AgencyAlias).where(AgencyAlias.name_key == key))


def _new(key: str, agency: Agency) -> AgencyAlias:
    """A new spelling; if someone else remembered the same one a moment ago, theirs (which the
    caller then maps as this person chose: the later choice wins)."""
    alias = AgencyAlias(name_key=key, written_as=key, agency=agency)
    try:
        with db.session.begin_nested():
            db.session.add(alias)
    except IntegrityError:
        alias = _remembered(key)
    return alias


def forget(alias: AgencyAlias, user: User) -> None:
    if not policy.may_forget_agency_name(user):
        raise NotAllowed("only the partnership coordinator removes a remembered agency name")
    db.session.delete(alias)
    db.session.flush()
