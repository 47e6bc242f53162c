"""A review's reports: upload (type by content), text extraction, and draft recommendations
proposed from the text for the chair to accept, edit or discard.

Numbering seen in real reports: `1.`, `5.1`, `21.10.1`, `R1`, `Rec 3`, `Recommendation 3`,
`a)`; wording such as "It is recommended that…" and "[Agency] should…"; and the rows of the
Home Office action-plan table."""
from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select

from dhr import dates
from dhr.extensions import db

from . import uploads
from .models import Agency, Document, Review, User
from .uploads import CheckedUpload, UploadRefused
from .vocab import AgencyKind, DocumentKind, Scope

log = logging.getLogger(__name__)

REPORT_TYPES = {"pdf", "docx", "text"}
DEFAULT_REPORT_MAX_BYTES = 10 * 1024 * 1024
REPORT_KINDS = [DocumentKind.OVERVIEW_REPORT, DocumentKind.EXECUTIVE_SUMMARY, DocumentKind.ACTION_PLAN,
                DocumentKind.OTHER]
CELL = " | "  # how table cells are joined in the extracted text


def report_max_bytes() -> int:
    return int(current_app.config.get("DHR_REPORT_MAX_BYTES", DEFAULT_REPORT_MAX_BYTES))


# --- extraction ---------------------------------------------------------------------------

def _pdf_text(content: bytes) -> str:
    import pdfplumber
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadRefused("The PDF is password-protected: upload a copy without a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UploadRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise UploadRefused("The PDF is damaged and its text cannot be read") from error
    except Exception as error:  # pypdf raises assorted errors on broken files
        log.info("PDF could not be read: %r", error)
        raise UploadRefused("The PDF is damaged and its text cannot be read") from error
    rows: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            for page in pdf.pages:
                for table in page.extract_tables():
                    for row in table:
                        cells = [re.sub(r"\s+", " ", c or "").strip() for c in row]
                        if any(cells):
                            rows.append(CELL.join(cells))
    except Exception as error:  # tables are a bonus: the text above is what matters
        log.info("PDF tables could not be read: %r", error)
    text = "\n".join(pages)
    if rows:
        text += "\n\n[Tables]\n" + "\n".join(rows)
    return text


def _docx_text(content: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise UploadRefused("The Word document is damaged and its text cannot be read") from error
    except Exception as error:
        log.info("DOCX could not be read: %r", error)
        raise UploadRefused("The Word document is damaged and its text cannot be read") from error
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.append("")
        for row in table.rows:
            cells = [re.sub(r"\s+", " ", cell.text).strip() for cell in row.cells]
            lines.append(CELL.join(cells))
    return "\n".join(lines)


def extract_text(upload: CheckedUpload) -> str:
    """The text of a checked PDF, DOCX or text file; UploadRefused if it cannot be read."""
    if upload.kind == "pdf":
        text = _pdf_text(upload.content)
    elif upload.kind == "docx":
        text = _docx_text(upload.content)
    elif upload.kind == "text":
        text = upload.content.decode("utf-8")
    else:
        raise UploadRefused("The selected file must be a PDF, a Word document (DOCX) or plain text")
    return text.replace("\x00", "").replace("\r\n", "\n").strip()


# --- storing ------------------------------------------------------------------------------

def add_report(review: Review, kind: str, filename: str, content: bytes, user: User | None) -> Document:
    """Check, read and store an uploaded report. Nothing is stored if any step fails.

    The caller commits; if that fails it must call `forget_file(document.storage_key)`."""
    if kind not in set(REPORT_KINDS):
        raise UploadRefused("Choose what kind of document this is")
    upload = uploads.check(filename, content, allowed=REPORT_TYPES, max_bytes=report_max_bytes())
    text = extract_text(upload)
    key = uploads.store(upload)
    try:
        document = Document(
            review=review, kind=kind, filename=upload.filename, content_type=upload.content_type,
            size_bytes=len(upload.content), sha256=upload.sha256, storage_key=key,
            extracted_text=text, uploaded_by=user,
        )
        db.session.add(document)
        db.session.flush()
    except Exception:
        uploads.remove(key)
        raise
    return document


def forget_file(storage_key: str) -> None:
    uploads.remove(storage_key)


def get_for_review(review: Review, document_id: int) -> Document | None:
    return db.session.scalar(
        select(Document).where(Document.id == document_id, Document.review_id == review.id)
    )


def delete(document: Document) -> str:
    key = document.storage_key
    db.session.delete(document)
    db.session.flush()
    return key


# --- lead agency guessing -----------------------------------------------------------------

KIND_KEYWORDS: dict[str, list[str]] = {
    AgencyKind.POLICE: ["police", "constabulary", "force"],
    AgencyKind.PRIMARY_CARE: ["gp", "gps", "general practice", "general practitioner", "primary care", "icb",
                              "integrated care board", "clinical commissioning group", "ccg"],
    AgencyKind.MENTAL_HEALTH: ["mental health", "psychiatric", "crisis team"],
    AgencyKind.HEALTH: ["hospital", "nhs trust", "health trust", "health visiting", "health visitor",
                        "midwifery", "emergency department", "ambulance"],
    AgencyKind.CHILDRENS_SOCIAL_CARE: ["children's social care", "childrens social care", "children's services",
                                       "children’s social care", "children’s services", "children's trust"],
    AgencyKind.ADULT_SOCIAL_CARE: ["adult social care", "adult services", "adults' services"],
    AgencyKind.HOUSING: ["housing", "homeless", "landlord"],
    AgencyKind.PROBATION: ["probation"],
    AgencyKind.SPECIALIST_DA: ["idva", "women's aid", "women’s aid", "domestic abuse service",
                               "specialist domestic abuse", "refuge"],
    AgencyKind.SUBSTANCE_MISUSE: ["substance misuse", "drug and alcohol", "drug service", "alcohol service"],
    AgencyKind.EDUCATION: ["school", "schools", "education", "college"],
    AgencyKind.PARTNERSHIP: ["community safety partnership", "csp", "the partnership"],
    AgencyKind.NATIONAL: ["home office", "nhs england", "department of health", "ministry of justice",
                          "department for education", "government", "domestic abuse commissioner"],
}
_NAME_STOPWORDS = {"the", "of", "and", "for", "nhs", "trust", "city", "council", "service", "services",
                   "foundation", "west", "midlands", "birmingham", "&"}


def _keyword_positions(text: str, keyword: str) -> int | None:
    match = re.search(rf"(?<![\w']){re.escape(keyword)}(?![\w])", text, re.IGNORECASE)
    return match.start() if match else None


def guess_lead_agency(text: str, agencies: list[Agency]) -> Agency | None:
    """The agency the text is addressed to: the earliest one named, by name or by its kind's words."""
    best: tuple[int, int, Agency] | None = None  # (position, -specificity, agency)
    for agency in agencies:
        candidates: list[tuple[int, int]] = []
        position = _keyword_positions(text, agency.name)
        if position is not None:
            candidates.append((position, -3))
        distinctive = [w for w in re.findall(r"[\w']+", agency.name.lower()) if w not in _NAME_STOPWORDS and len(w) > 2]
        for word in distinctive:
            position = _keyword_positions(text, word)
            if position is not None:
                candidates.append((position, -2))
        for keyword in KIND_KEYWORDS.get(agency.kind, []):
            position = _keyword_positions(text, keyword)
            if position is not None:
                candidates.append((position, -1 - (len(keyword) > 12)))
        for position, specificity in candidates:
            rank = (position, specificity, agency)
            if best is None or (position, specificity, agency.name) < (best[0], best[1], best[2].name):
                best = rank
    return best[2] if best else None


# --- proposals ----------------------------------------------------------------------------

@dataclass
class Proposal:
    number: str
    text: str
    lead_agency: Agency | None = None
    scope: str = Scope.LOCAL
    action_to_take: str = ""
    milestones: str = ""
    target_date: dt.date | None = None
    source: str = "text"
    notes: list[str] = field(default_factory=list)


NUMBER_PATTERNS = [
    ("rec", re.compile(r"^\s*(?:Rec(?:ommendation)?\.?\s*(?:No\.?\s*)?)(\d+(?:\.\d+)*[a-z]?)\s*[.:)\-–]?\s+(.*)$", re.IGNORECASE)),
    ("r", re.compile(r"^\s*(R\s?\d+(?:\.\d+)*[a-z]?)\s*[.:)\-–]?\s+(.*)$")),
    ("decimal", re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(.*)$")),
    ("integer", re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")),
    ("letter", re.compile(r"^\s*\(?([a-z])\)\s+(.*)$")),
]
RECOMMENDING = re.compile(
    r"\b(?:it is recommended|we recommend|recommends?|recommendation|should|must|to ensure|will ensure|"
    r"ought to)\b",
    re.IGNORECASE,
)
UNNUMBERED_START = re.compile(r"^\s*(?:It is (?:therefore )?recommended that|We recommend that|The panel recommends)\b", re.IGNORECASE)
AGENCY_SHOULD = re.compile(r"^\s*(?:The |That |All )?[A-Z][\w'’&,. -]{1,80}?\s+(?:should|must)\b")
HEADING_WORDS = re.compile(r"recommendations?\b", re.IGNORECASE)


def _numbered(line: str) -> tuple[str, str, str] | None:
    for style, pattern in NUMBER_PATTERNS:
        match = pattern.match(line)
        if match:
            number = re.sub(r"\s+", "", match.group(1)) if style == "r" else match.group(1)
            if style == "rec":
                prefix = re.match(r"^\s*(Rec(?:ommendation)?)", line, re.IGNORECASE).group(1).lower()
                number = number if prefix == "recommendation" else f"Rec {number}"
            return style, number, match.group(2).strip()
    return None


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 70 or stripped.endswith((".", ":", ";", ",")):
        return False
    words = re.sub(r"^\d+(?:\.\d+)*\.?\s*", "", stripped)
    if not words or RECOMMENDING.search(words) and not HEADING_WORDS.fullmatch(words.strip().split()[-1]):
        return False
    return len(words.split()) <= 8 and words[0].isupper()


def _paragraphs(text: str) -> list[tuple[str, bool]]:
    """Split text into (paragraph, in_recommendations_section), each numbered item its own paragraph."""
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []
    in_section = False

    def flush():
        if current:
            blocks.append((" ".join(s.strip() for s in current).strip(), in_section))
            current.clear()

    for line in text.splitlines():
        if CELL.strip() in line and line.count(CELL.strip()) >= 2:
            flush()
            continue  # table rows are read separately
        if not line.strip():
            flush()
            continue
        if _is_heading(line) and not _numbered_recommendation_like(line):
            flush()
            in_section = bool(HEADING_WORDS.search(line))
            continue
        if _numbered(line) or (
            current and current[-1].rstrip().endswith((".", ";", ":"))
            and (UNNUMBERED_START.match(line) or AGENCY_SHOULD.match(line))
        ):
            flush()
        current.append(line)
    flush()
    return blocks


def _numbered_recommendation_like(line: str) -> bool:
    found = _numbered(line)
    return bool(found and RECOMMENDING.search(found[2]))


def _table_rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("|")] for line in text.splitlines() if line.count("|") >= 2]


COLUMN_WORDS = {
    "number": ["no.", "no", "number", "ref", "#"],
    "text": ["recommendation"],
    "scope": ["scope"],
    "action_to_take": ["action"],
    "lead": ["lead"],
    "milestones": ["milestone"],
    "target_date": ["target"],
}


def _table_columns(header: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        lowered = cell.lower()
        for name, words in COLUMN_WORDS.items():
            if name in columns:
                continue
            if name == "number" and lowered.strip() in words:
                columns[name] = index
                break
            if name != "number" and any(lowered.startswith(w) or f" {w}" in lowered for w in words):
                if name == "text" and ("action" in lowered or "lead" in lowered):
                    continue
                columns[name] = index
                break
    if "text" in columns and ("lead" in columns or "action_to_take" in columns):
        return columns
    return None


def parse_date(value: str) -> dt.date | None:
    """A date from a table cell (see `dates.parse_date`); None if it is not one."""
    try:
        return dates.parse_date(value, month_only="first")
    except ValueError:
        return None


TABLE_NUMBER = re.compile(r"^\s*((?:R\s?|Rec\.?\s*)?\d{1,3}(?:\.\d{1,3})*[a-z]?)[.):]?\s+(.*)$")


def _from_table(text: str, agencies: list[Agency]) -> list[Proposal]:
    proposals: list[Proposal] = []
    columns: dict[str, int] | None = None
    for row in _table_rows(text):
        header = _table_columns(row)
        if header:
            columns = header
            continue
        if columns is None:
            continue

        def cell(name: str) -> str:
            index = columns.get(name)
            return row[index] if index is not None and index < len(row) else ""

        body = cell("text")
        number = cell("number")
        if not number:
            found = TABLE_NUMBER.match(body)
            if not found:
                continue
            number, body = re.sub(r"\s+", " ", found.group(1)), found.group(2).strip()
        number = number.rstrip(".)").strip()
        if not body or not number:
            continue
        scope_text = cell("scope").lower()
        scope = next((s.value for s in Scope if s.value in scope_text), Scope.LOCAL)
        lead_text = cell("lead")
        lead = guess_lead_agency(lead_text, agencies) if lead_text else None
        lead = lead or guess_lead_agency(body, agencies)
        proposals.append(Proposal(
            number=number[:20], text=body, lead_agency=lead, scope=scope, action_to_take=cell("action_to_take"),
            milestones=cell("milestones"), target_date=parse_date(cell("target_date")), source="table",
        ))
    return proposals


def propose(text: str, agencies: list[Agency] | None = None) -> list[Proposal]:
    """Draft recommendations found in a report's text, in order, without duplicate numbers."""
    if agencies is None:
        agencies = list(db.session.scalars(select(Agency).where(Agency.active).order_by(Agency.name)))
    proposals = _from_table(text, agencies)
    seen_numbers = {p.number.lower() for p in proposals}
    seen_texts = {_key(p.text) for p in proposals}
    unnumbered = 0
    for paragraph, in_section in _paragraphs(text):
        found = _numbered(paragraph)
        if found:
            style, number, body = found
            strong = style in ("rec", "r")
            if not (strong or in_section and (RECOMMENDING.search(body) or len(body) > 20)
                    or RECOMMENDING.search(body) and _recommendation_wording(body)):
                continue
        else:
            body = paragraph
            if not (UNNUMBERED_START.match(body) or in_section and AGENCY_SHOULD.match(body)):
                continue
            unnumbered += 1
            number = f"P{unnumbered}"
        body = body.strip()
        if len(body) < 15 or _key(body) in seen_texts:
            continue
        original = number
        suffix = 2
        while number.lower() in seen_numbers:
            number = f"{original}-{suffix}"
            suffix += 1
        seen_numbers.add(number.lower())
        seen_texts.add(_key(body))
        scope = Scope.NATIONAL if re.search(r"\b(?:home office|nhs england|national|government)\b", body, re.I) else Scope.LOCAL
        proposals.append(Proposal(number=number[:20], text=body, lead_agency=guess_lead_agency(body, agencies),
                                  scope=scope))
    return proposals


def _recommendation_wording(body: str) -> bool:
    return bool(UNNUMBERED_START.match(body) or AGENCY_SHOULD.match(body)
                or re.search(r"\b(?:it is recommended|we recommend|recommends)\b", body, re.I))


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()[:200]
