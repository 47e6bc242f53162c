"""Office files (DOCX, XLSX) are zip archives of XML parts: what one may expand to when it is
opened, and the active content refused in one (macros, a template fetched from elsewhere).

The sizes the archive declares are checked first, then every part is read through and counted,
so a part that holds more than it declares (or is damaged) is refused before anything parses it."""
from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from .uploads import UploadRefused

MB = 1024 * 1024
MAX_PARTS = 2000
MAX_PART_BYTES = 10 * MB
MAX_UNZIPPED_BYTES = 20 * MB
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1 * MB  # small parts of real files compress far better than big ones
_CHUNK = 64 * 1024
LABELS = {"docx": ("Word document", "DOCX"), "xlsx": ("spreadsheet", "XLSX")}

TOO_MANY_PARTS = f"The file has too many parts (over {MAX_PARTS}) to be opened safely, so it was refused"
PART_TOO_BIG = (f"Part of the file expands to more than {MAX_PART_BYTES // MB} MB when opened, "
                "so it was refused as unsafe")
TOO_BIG = f"The file expands to more than {MAX_UNZIPPED_BYTES // MB} MB when opened, so it was refused as unsafe"
SQUEEZED = "The file expands to far more than its size when opened, so it was refused as unsafe"
DAMAGED = "The file is damaged and cannot be opened"
ATTACHED_TEMPLATE = "/attachedTemplate"  # how the relationship's type ends (transitional and strict)
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def office_kind(content: bytes) -> str | None:
    """"docx" or "xlsx" for an Office file within the limits and free of active content, None
    for any other zip; UploadRefused for one that is damaged, too big opened or active."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            _check_declared(parts)
            names = {part.filename for part in parts}
            kind = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else None
            if kind:
                _check_read(archive, parts)
                _refuse_active_content(archive, names, kind)
            return kind
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as error:
        # RuntimeError: an encrypted part; NotImplementedError: a compression zipfile cannot read
        raise UploadRefused(DAMAGED) from error


def _check_declared(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise UploadRefused(TOO_MANY_PARTS)
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            raise UploadRefused(PART_TOO_BIG)
        if part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_RATIO * max(1, part.compress_size):
            raise UploadRefused(SQUEEZED)
    total = sum(part.file_size for part in parts)
    if total > MAX_UNZIPPED_BYTES:
        raise UploadRefused(TOO_BIG)
    if total > MAX_RATIO * max(1, sum(part.compress_size for part in parts)):
        raise UploadRefused(SQUEEZED)


def _check_read(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> None:
    """Read every part through (zipfile checks each one's CRC at its end), counting what comes out."""
    total = 0
    for part in parts:
        read = 0
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                total += len(chunk)
                if read > MAX_PART_BYTES:
                    raise UploadRefused(PART_TOO_BIG)
                if total > MAX_UNZIPPED_BYTES:
                    raise UploadRefused(TOO_BIG)


def _refuse_active_content(archive: zipfile.ZipFile, names: set[str], kind: str) -> None:
    label, file_format = LABELS[kind]
    types = archive.read("[Content_Types].xml").lower() if "[Content_Types].xml" in names else b""
    if any("vbaproject" in name.lower() for name in names) or b"macroenabled" in types or b"vbaproject" in types:
        raise UploadRefused(f"The {label} contains macros, which are not accepted: save it as {file_format} "
                            "without macros and upload it again")
    for name in sorted(n for n in names if n.endswith(".rels")):
        if _has_outside_template(archive.read(name)):
            raise UploadRefused(f"The {label} is attached to a template stored elsewhere, which could run code "
                                "when it is opened: save its content in a new blank document and upload that")


def _has_outside_template(rels: bytes) -> bool:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(rels, parser)
    except etree.XMLSyntaxError as error:
        raise UploadRefused(DAMAGED) from error
    return any((r.get("Type") or "").endswith(ATTACHED_TEMPLATE) and (r.get("TargetMode") or "") == "External"
               for r in root.iter(_RELATIONSHIP))
