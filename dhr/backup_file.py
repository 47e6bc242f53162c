"""The backup file on disk: one header line carrying an HMAC-SHA256 signature of everything
after it, then the archive itself (a .tar.gz):

    DHR-BACKUP 1 hmac-sha256 <64 hex digits>
    <the .tar.gz>

It is written readable by its owner only, beside its destination, and then put in place whole,
never through a symbolic link. It is read by checking the signature over every byte first,
into a private copy, so what is later parsed is exactly what was checked."""
from __future__ import annotations

import hashlib
import hmac
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

import click

MAGIC = b"DHR-BACKUP 1 hmac-sha256 "
HEADER_LENGTH = len(MAGIC) + 64 + 1
CHUNK = 1024 * 1024
IN_MEMORY_UP_TO = 64 * CHUNK


class Refused(click.ClickException):
    pass


def signing_key(secret: bytes) -> bytes:
    """The key backups are signed with, derived from the operator's (so it signs nothing else)."""
    return hmac.new(secret, b"dhr-tracker backup signature", hashlib.sha256).digest()


def _header(signature: str) -> bytes:
    return MAGIC + signature.encode() + b"\n"


def _signature(key: bytes, source: BinaryIO, copy: BinaryIO | None = None) -> str:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for chunk in iter(lambda: source.read(CHUNK), b""):
        mac.update(chunk)
        if copy is not None:
            copy.write(chunk)
    return mac.hexdigest()


@contextmanager
def _replacing(target: Path) -> Iterator[BinaryIO]:
    """A new file beside `target`, mode 0600 from its creation, renamed over `target` when the
    block succeeds (a rename replaces a link itself, never what it points to)."""
    if target.is_symlink():
        raise Refused(f"{target} is a symbolic link: refusing to write the backup through it")
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as error:
        raise Refused(f"Cannot write a backup in {target.parent}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w+b") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_signed(target: Path, key: bytes, write_archive: Callable[[BinaryIO], None]) -> None:
    """Write the archive (by `write_archive(out)`) to `target`, signed with `key`."""
    with _replacing(target) as out:
        out.write(_header("0" * 64))
        write_archive(out)
        out.seek(HEADER_LENGTH)
        signature = _signature(key, out)
        out.seek(0)
        out.write(_header(signature))


@contextmanager
def verified(source: Path, key: bytes) -> Iterator[BinaryIO]:
    """The archive in `source`, once its signature is checked with `key`: a private copy,
    positioned at its start. Refused if the file is not signed, or not with this key."""
    with open(source, "rb") as given, tempfile.SpooledTemporaryFile(IN_MEMORY_UP_TO) as copy:
        header = given.read(HEADER_LENGTH)
        if len(header) < HEADER_LENGTH or not header.startswith(MAGIC) or not header.endswith(b"\n"):
            raise Refused(f"{source} is not a signed backup made by 'flask --app dhr backup': nothing restored")
        if not hmac.compare_digest(_signature(key, given, copy).encode(), header[len(MAGIC):-1]):
            raise Refused(f"{source} does not match its signature: it was changed or cut short after it was made, "
                          "or was signed with another key (--key-file, DHR_BACKUP_KEY): nothing restored")
        copy.seek(0)
        yield copy
