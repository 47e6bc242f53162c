"""Storing uploaded files: the type is decided by the content, never the name.

Files live under DHR_UPLOAD_DIR with a random storage key ending in the extension of the
detected type; the Document row records the person's name for the file (with that extension
too), the detected type, the size and a SHA-256 digest. What an Office file may expand to, and
the active content refused in one, is dhr.data.office's."""
from __future__ import annotations

import hashlib
import io
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from .errors import DataError

# Detected type -> (content type, what users would call it, the extension its stored files get)
KNOWN_TYPES = {
    "pdf": ("application/pdf", "PDF", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document (DOCX)",
             "docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel spreadsheet (XLSX)", "xlsx"),
    "png": ("image/png", "PNG image", "png"),
    "jpeg": ("image/jpeg", "JPEG image", "jpg"),
    "text": ("text/plain", "plain text", "txt"),
    "csv": ("text/csv", "CSV", "csv"),
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
    if kind == "text" and "csv" in allowed:
        kind = "csv"  # to a caller that takes CSV, text is CSV
    if kind not in allowed:
        names = ", ".join(KNOWN_TYPES[k][1] for k in sorted(allowed))
        raise UploadRefused(f"The selected file must be a {names}; its content is not")
    claimed = CLAIMED_BY_EXTENSION.get(os.path.splitext(name)[1].lower())
    if claimed and claimed != kind:
        label = KNOWN_TYPES[claimed][1]
        article = "an" if label[0] in "AEIOU" else "a"
        raise UploadRefused(f"The selected file is named as {article} {label} but its content is not one")
    return CheckedUpload(filename=named_for(name, kind), kind=kind, content=content)


def named_for(name: str, kind: str) -> str:
    """The person's name for a file with the extension of its content in place of the one it had."""
    extension = KNOWN_TYPES[kind][2]
    stem = os.path.splitext(name)[0] or name
    return f"{stem[:250 - len(extension)]}.{extension}"


def kind_of_content_type(content_type: str) -> str | None:
    return next((kind for kind, (known, _, _) in KNOWN_TYPES.items() if known == content_type), None)



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
    key = f"{uuid.uuid4().hex}.{KNOWN_TYPES[upload.kind][2]}"
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
