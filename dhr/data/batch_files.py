"""The files of a bulk import: a ZIP opened safely, or several files chosen at once, kept
together as one ZIP until the coordinator confirms.

A ZIP is refused as a whole when it is damaged or password-protected, holds more than
MAX_FILES files, names a file outside its own folders (an absolute path or ".."), or would
expand to more than MAX_UNZIPPED_BYTES or far more than its size (declared, then counted as it
is read, since an archive may lie about its sizes). A file inside that is itself a ZIP is not
opened; each file is then checked as a single upload would be (dhr.data.uploads)."""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from .uploads import UploadRefused

MB = 1024 * 1024
MAX_FILES = 200
MAX_FILE_BYTES = 20 * MB
MAX_UNZIPPED_BYTES = 200 * MB
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1 * MB
_CHUNK = 64 * 1024
_IGNORED_NAMES = {"thumbs.db", "desktop.ini"}

DAMAGED = "The ZIP file is damaged and cannot be opened"
LOCKED = "The ZIP file is protected by a password: make it again without one"
TOO_MANY = f"The ZIP file holds more than {MAX_FILES} files: split it into smaller ZIP files"
OUTSIDE = "The ZIP file names a file outside its own folders ({name}), so it was refused as unsafe"
TOO_BIG = f"The ZIP file expands to more than {MAX_UNZIPPED_BYTES // MB} MB when opened, so it was refused as unsafe"
SQUEEZED = "The ZIP file expands to far more than its size when opened, so it was refused as unsafe"
FILE_TOO_BIG = f"The file expands to more than {MAX_FILE_BYTES // MB} MB, so it was not opened"
NESTED = "A ZIP file inside the ZIP file is not opened: put its files in the outer ZIP file instead"


@dataclass(frozen=True)
class BatchEntry:
    """One file of the batch: its name (without its folders), its bytes, or why it was not opened."""

    name: str
    content: bytes = b""
    problem: str = ""


def is_zip(content: bytes) -> bool:
    """A ZIP that is not itself an Office file (those are ZIPs too)."""
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return True
    return not ({"word/document.xml", "xl/workbook.xml", "[Content_Types].xml"} & names)


def _skipped(name: str) -> bool:
    base = posixpath.basename(name)
    return (name.endswith("/") or name.startswith("__MACOSX/") or base.startswith(".") or not base
            or base.lower() in _IGNORED_NAMES)


def _unsafe(name: str) -> bool:
    plain = name.replace("\\", "/")
    return plain.startswith("/") or ".." in plain.split("/") or (len(plain) > 1 and plain[1] == ":")


def _check_declared(parts: list[zipfile.ZipInfo]) -> None:
    for part in parts:
        if _unsafe(part.filename):
            raise UploadRefused(OUTSIDE.format(name=part.filename[:80]))
        if part.flag_bits & 0x1:
            raise UploadRefused(LOCKED)
    files = [p for p in parts if not _skipped(p.filename)]
    if len(files) > MAX_FILES:
        raise UploadRefused(TOO_MANY)
    total = sum(p.file_size for p in parts)
    if total > MAX_UNZIPPED_BYTES:
        raise UploadRefused(TOO_BIG)
    if total > RATIO_CHECKED_FROM and total > MAX_RATIO * max(1, sum(p.compress_size for p in parts)):
        raise UploadRefused(SQUEEZED)
    if any(p.file_size > RATIO_CHECKED_FROM and p.file_size > MAX_RATIO * max(1, p.compress_size) for p in parts):
        raise UploadRefused(SQUEEZED)


def _read(archive: zipfile.ZipFile, part: zipfile.ZipInfo, so_far: int) -> bytes | None:
    """The part's bytes, counted as they come out; None if it holds more than a file may."""
    chunks, read = [], 0
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            if so_far + read > MAX_UNZIPPED_BYTES:
                raise UploadRefused(TOO_BIG)
            if read > MAX_FILE_BYTES:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


def open_zip(content: bytes) -> list[BatchEntry]:
    """The files of a ZIP, in its order, each opened or with the reason it was not."""
    entries, total = [], 0
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            _check_declared(parts)
            for part in parts:
                if _skipped(part.filename):
                    continue
                name = posixpath.basename(part.filename.replace("\\", "/"))
                if part.file_size > MAX_FILE_BYTES:
                    entries.append(BatchEntry(name, problem=FILE_TOO_BIG))
                    continue
                data = _read(archive, part, total)
                if data is None:
                    entries.append(BatchEntry(name, problem=FILE_TOO_BIG))
                    continue
                total += len(data)
                entries.append(BatchEntry(name, problem=NESTED) if is_zip(data) else BatchEntry(name, data))
    except UploadRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as error:
        raise UploadRefused(DAMAGED) from error
    except RuntimeError as error:  # zipfile's word for an encrypted part
        raise UploadRefused(LOCKED) from error
    if not entries:
        raise UploadRefused("The ZIP file holds no files")
    return entries


def entries_of(files: list[tuple[str, bytes]]) -> list[BatchEntry]:
    """The batch's files: each chosen file, and the files of each chosen ZIP."""
    entries: list[BatchEntry] = []
    for name, content in files:
        base = posixpath.basename((name or "").replace("\\", "/")) or "upload"
        entries += open_zip(content) if is_zip(content) else [BatchEntry(base, content)]
    if len(entries) > MAX_FILES:
        raise UploadRefused(f"The files chosen are more than {MAX_FILES}: import them in smaller batches")
    return entries


def packed(entries: list[BatchEntry]) -> bytes:
    """The batch as one ZIP (stored, not compressed again) to keep until confirmation, each file
    in its place and those not opened with the reason; `unpacked` reads it back as it was."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for number, entry in enumerate(entries):
            info = zipfile.ZipInfo(f"{number:03d}/{entry.name}")
            info.comment = entry.problem.encode()
            archive.writestr(info, entry.content)
    return buffer.getvalue()


def unpacked(content: bytes) -> list[BatchEntry]:
    """The batch `packed` kept, in its order."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return [BatchEntry(posixpath.basename(info.filename), archive.read(info), info.comment.decode())
                    for info in archive.infolist()]
    except (zipfile.BadZipFile, zlib.error, UnicodeDecodeError) as error:
        raise UploadRefused("The files kept for this import cannot be read: upload them again") from error
