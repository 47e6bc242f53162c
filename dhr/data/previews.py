"""Files checked and shown for confirmation but not yet saved: an action-plan import's preview.

They are kept in a folder of their own under DHR_UPLOAD_DIR, apart from stored documents, and
for an hour: whenever one is kept or read, those older are removed, and so does
`flask --app dhr housekeeping`."""
from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path

from .errors import DataError
from .uploads import upload_dir

MAX_AGE_SECONDS = 60 * 60
EXPIRED = "This preview has expired: a checked file waits an hour at most to be saved. Upload it again."
_TOKEN = re.compile(r"[0-9a-f]{32}")


class PreviewExpired(DataError):
    """The preview is older than an hour, or there never was one."""


def _directory() -> Path:
    return upload_dir() / "previews"


def _path(token: str) -> Path:
    if not _TOKEN.fullmatch(token or ""):
        raise PreviewExpired(EXPIRED)
    return _directory() / token


def keep(content: bytes) -> str:
    """Keep the content for an hour; the token that reads it back."""
    remove_expired()
    token = secrets.token_hex(16)
    directory = _directory()
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / f".{token}.part"
    temporary.write_bytes(content)
    os.replace(temporary, directory / token)
    return token


def read(token: str) -> bytes:
    """The content kept under `token`; PreviewExpired once it is older than an hour."""
    remove_expired()
    try:
        return _path(token).read_bytes()
    except FileNotFoundError as error:
        raise PreviewExpired(EXPIRED) from error


def discard(token: str) -> None:
    try:
        _path(token).unlink(missing_ok=True)
    except PreviewExpired:
        pass


def remove_expired() -> int:
    """Remove the previews (and half-written ones) older than an hour; how many previews went."""
    return sum(not path.name.startswith(".") for path in _remove_older_than(_directory(), "*"))


def remove_unfinished_uploads() -> int:
    """Remove stored files left half-written (a worker stopped mid-write) over an hour ago."""
    return len(_remove_older_than(upload_dir(), ".*.part"))


def _remove_older_than(directory: Path, pattern: str) -> list[Path]:
    cutoff = time.time() - MAX_AGE_SECONDS
    removed = []
    for path in directory.glob(pattern) if directory.is_dir() else ():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except FileNotFoundError:  # another worker removed it first
            pass
    return removed
