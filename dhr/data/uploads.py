"""Storing uploaded files: the type is decided by the content, never the name.

Files live under DHR_UPLOAD_DIR with a random storage key; the Document row records the
original name, the detected type, the size and a SHA-256 digest. What an Office file may
expand to is dhr.data.office's."""
from __future__ import annotations

import hashlib
import io
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from .errors import DataError

# Detected type -> (content type, extensions users would recognise)
KNOWN_TYPES = {
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document (DOCX)"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel spreadsheet (XLSX)"),
    "png": ("image/png", "PNG image"),
    "jpeg": ("image/jpeg", "JPEG image"),
    "text": ("text/plain", "plain text"),
    "csv": ("text/csv", "CSV"),
}
# A name ending in one of these claims that type; the content must agree.
CLAIMED_BY_EXTENSION = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".png": "png", ".jpg": "jpeg",
                        ".jpeg": "jpeg"}


class UploadRefused(DataError):
    """A plain reason the upload cannot be accepted."""


@dataclass(frozen=True)
class CheckedUpload:
    filename: str
    kind: str  # a key of KNOWN_TYPES
    content: bytes

    @property
    def content_type(self) -> str:
        return KNOWN_TYPES[self.kind][0]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _looks_like_text(content: bytes) -> bool:
    if b"\x00" in content[:8192]:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect_kind(content: bytes) -> str | None:
    """Name the file's real type from its first bytes (and, for Office files, its parts)."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content.startswith(b"PK\x03\x04"):
        from .office import office_kind

        return office_kind(content)
    if _looks_like_text(content):
        return "text"
    return None


def check(filename: str, content: bytes, allowed: set[str], max_bytes: int | None = None) -> CheckedUpload:
    """Accept the file only if its content is one of the `allowed` kinds and within the size limit."""
    name = os.path.basename((filename or "").replace("\\", "/")).strip() or "upload"
    if not content:
        raise UploadRefused("The selected file is empty")
    limit = max_bytes or current_app.config["MAX_CONTENT_LENGTH"]
    if len(content) > limit:
        raise UploadRefused(f"The selected file must be smaller than {limit // (1024 * 1024)} MB")
    kind = detect_kind(content)
    if kind == "text" and "csv" in allowed and name.lower().endswith(".csv"):
        kind = "csv"
    if kind not in allowed:
        names = ", ".join(KNOWN_TYPES[k][1] for k in sorted(allowed))
        raise UploadRefused(f"The selected file must be a {names}; its content is not")
    claimed = CLAIMED_BY_EXTENSION.get(os.path.splitext(name)[1].lower())
    if claimed and claimed != kind:
        label = KNOWN_TYPES[claimed][1]
        article = "an" if label[0] in "AEIOU" else "a"
        raise UploadRefused(f"The selected file is named as {article} {label} but its content is not one")
    return CheckedUpload(filename=name[:255], kind=kind, content=content)


def ensure_readable(upload: CheckedUpload) -> None:
    """Refuse a PDF that cannot be opened (damaged or cut short): its first bytes alone prove nothing."""
    if upload.kind != "pdf":
        return
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(upload.content), strict=False)
        if not reader.is_encrypted and len(reader.pages) < 1:
            raise ValueError("no pages")
    except Exception as error:  # pypdf raises many kinds of error on broken files
        raise UploadRefused("The PDF is damaged and cannot be opened") from error


def upload_dir() -> Path:
    return Path(current_app.config["DHR_UPLOAD_DIR"])


def store(upload: CheckedUpload) -> str:
    """Write the file and return its storage key. The caller records the key in a Document row."""
    key = f"{uuid.uuid4().hex}.{upload.kind}"
    directory = upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / f".{key}.part"
    temporary.write_bytes(upload.content)
    os.replace(temporary, directory / key)
    return key


def path_of(storage_key: str) -> Path:
    path = (upload_dir() / storage_key).resolve()
    if path.parent != upload_dir().resolve():
        raise UploadRefused("Unknown file")
    return path


def remove(storage_key: str) -> None:
    try:
        path_of(storage_key).unlink()
    except FileNotFoundError:
        pass


# --- Files that follow the transaction --------------------------------------------------------
# A stored file belongs to the Document row written in the same transaction: if the
# transaction is rolled back the file goes, and a deleted Document's file goes only once the
# deletion is committed. The request pipeline commits, so no view has to remember this.

_STORED = "dhr_files_stored"
_TO_REMOVE = "dhr_files_to_remove"


def store_in_transaction(upload: CheckedUpload) -> str:
    from dhr.extensions import db

    key = store(upload)
    db.session.info.setdefault(_STORED, []).append(key)
    return key


def remove_after_commit(storage_key: str) -> None:
    from dhr.extensions import db

    db.session.info.setdefault(_TO_REMOVE, []).append(storage_key)


def _transaction_committed(session) -> None:
    session.info.pop(_STORED, None)
    for key in session.info.pop(_TO_REMOVE, []):
        remove(key)


def _transaction_rolled_back(session) -> None:
    session.info.pop(_TO_REMOVE, None)
    for key in session.info.pop(_STORED, []):
        remove(key)


def _listen() -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    event.listen(Session, "after_commit", _transaction_committed)
    event.listen(Session, "after_rollback", _transaction_rolled_back)


_listen()
