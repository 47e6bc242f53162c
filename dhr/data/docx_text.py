"""The text of a DOCX, read in one pass over word/document.xml that stops at a number of
characters, with memory that does not grow with the document.

It reads what python-docx's `Document.paragraphs` and `Document.tables` give: the body's own
paragraphs, then each of the body's tables row by row, a cell spanning columns repeated in each
and a cell merged down from the row above taking that cell's text; also the text Word shows
that python-docx leaves out: tracked insertions, and words or paragraphs in content controls. (python-docx itself builds
the whole document tree and looks each table cell up afresh: many times slower, and larger.)"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from .docx_numbering import Numbering

NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
              "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional and strict
RUN_TEXT = {"t": None, "tab": "\t", "ptab": "\t", "cr": "\n", "noBreakHyphen": "-", "br": "\n"}
STRUCTURE = ("body", "p", "r", "hyperlink", "tbl", "tr", "tc", "tcPr", "trPr", "gridSpan", "vMerge", "gridBefore",
             *("ins", "moveTo", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml"))
# What may hold a paragraph's runs between them and it: tracked insertions, content controls, fields.
RUN_HOLDERS = {"hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml"}
NAMES = {f"{{{ns}}}{local}": local for ns in NAMESPACES for local in (*RUN_TEXT, *STRUCTURE)}
VAL = [f"{{{ns}}}val" for ns in NAMESPACES]
BREAK_TYPE = [f"{{{ns}}}type" for ns in NAMESPACES]

MAX_COLUMNS = 63  # Word's own limit on a table's columns
WANTED = [tag for tag, local in NAMES.items() if local in (*RUN_TEXT, "p", "tc", "tr", "tbl", "gridSpan", "vMerge",
                                                           "gridBefore")]


class DocxUnreadable(ValueError):
    """word/document.xml is not well-formed XML."""


def _name(element) -> str | None:
    return NAMES.get(element.tag) if element is not None else None


def _attribute(element, names: list[str]) -> str | None:
    return next((element.get(name) for name in names if element.get(name) is not None), None)


def _count(value: str | None, most: int) -> int:
    """A column count from an attribute: 0 to `most`, 0 if it is not a number."""
    return max(0, min(int(value), most)) if value and value.isdigit() else 0


def _in_body_table(cell) -> bool:
    """Whether a w:tc is a cell of one of the body's own tables (not of a table inside a cell)."""
    row = cell.getparent()
    table = row.getparent() if row is not None else None
    return _name(row) == "tr" and _name(table) == "tbl" and _name(table.getparent()) == "body"


def _paragraph_place(paragraph) -> str | None:
    """"body" or "cell" for a paragraph python-docx reads; None for one it does not (in a text box, say)."""
    parent = paragraph.getparent()
    for _ in range(6):  # a paragraph in a content control (w:sdt) or custom XML on the body is the body's
        if _name(parent) not in ("sdt", "sdtContent", "customXml"):
            break
        parent = parent.getparent()
    if _name(parent) == "body":
        return "body"
    if _name(parent) == "tc" and _in_body_table(parent):
        return "cell"
    return None


def _paragraph_of(piece):
    """The paragraph a run's text belongs to, if the run is the paragraph's own or a hyperlink's in it."""
    run = piece.getparent()
    if _name(run) != "r":
        return None
    holder = run.getparent()
    for _ in range(6):
        if _name(holder) not in RUN_HOLDERS:
            break
        holder = holder.getparent()
    return holder if _name(holder) == "p" else None


@dataclass
class _Cell:
    span: int = 1
    merged_from_above: bool = False
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class _Reader:
    """Collects the text as elements end; `count` is the characters collected so far."""
    cell_join: str
    numbering: Numbering = field(default_factory=Numbering)
    lines: list[str] = field(default_factory=list)
    tables: list[list[str]] = field(default_factory=list)
    count: int = 0
    paragraph: list[str] = field(default_factory=list)
    cell: _Cell = field(default_factory=_Cell)
    row: list[_Cell] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)
    grid_before: int = 0
    above: dict[int, str] = field(default_factory=dict)  # grid column -> text, in the row above

    def ended(self, name: str, element) -> None:
        if name in RUN_TEXT:
            self._run_text(name, element)
        elif name == "p":
            self._paragraph(_paragraph_place(element), element)
        elif name in ("gridSpan", "vMerge", "gridBefore"):
            self._property(name, element)
        elif name == "tc" and _in_body_table(element):
            self.row.append(self.cell)
            self.cell = _Cell()
        elif name == "tr" and _name(element.getparent()) == "tbl" and _name(element.getparent().getparent()) == "body":
            self._end_row()
        elif name == "tbl" and _name(element.getparent()) == "body":
            self.tables.append(self.rows)
            self.rows, self.above = [], {}

    def _run_text(self, name: str, element) -> None:
        paragraph = _paragraph_of(element)
        if paragraph is None or _paragraph_place(paragraph) is None:
            return
        if name == "t":
            self.paragraph.append(element.text or "")
        elif name != "br" or _attribute(element, BREAK_TYPE) in (None, "textWrapping"):
            self.paragraph.append(RUN_TEXT[name])

    def _paragraph(self, place: str | None, element) -> None:
        if place is None:
            return
        text = "".join(self.paragraph)
        self.paragraph = []
        label = self.numbering.label(element)  # Word numbers an empty list paragraph too, and counts it
        if label and (text.strip() or place == "cell"):  # a table's number column may be Word's numbering alone
            text = f"{label} {text}".strip()
        if place == "body":
            self.lines.append(text)
            self.count += len(text) + 1
        else:
            self.cell.paragraphs.append(text)

    def _property(self, name: str, element) -> None:
        holder = element.getparent()
        owner = holder.getparent() if holder is not None else None
        value = _attribute(element, VAL)
        if name == "gridBefore" and _name(holder) == "trPr":
            self.grid_before = _count(value, MAX_COLUMNS)
        elif _name(holder) == "tcPr" and _name(owner) == "tc" and _in_body_table(owner):
            if name == "gridSpan":
                self.cell.span = max(1, _count(value, MAX_COLUMNS))
            elif name == "vMerge":
                self.cell.merged_from_above = value in (None, "continue")

    def _end_row(self) -> None:
        column = self.grid_before
        texts: list[str] = []
        here: dict[int, str] = {}
        for cell in self.row:
            text = (self.above.get(column, "") if cell.merged_from_above
                    else re.sub(r"\s+", " ", "\n".join(cell.paragraphs)).strip())
            here[column] = text
            texts += [text] * cell.span
            column += cell.span
        self.above, self.row, self.grid_before = here, [], 0
        line = self.cell_join.join(texts)
        self.rows.append(line)
        self.count += len(line) + 1

    def text(self) -> str:
        parts = list(self.lines)
        for rows in [*self.tables, self.rows] if self.rows else self.tables:
            parts += ["", *rows]
        return "\n".join(parts)


def docx_text(content: bytes, max_chars: int, cell_join: str) -> tuple[str, bool]:
    """The document's text and whether reading stopped at `max_chars` characters."""
    with zipfile.ZipFile(BytesIO(content)) as archive, archive.open("word/document.xml") as part:
        reader = _Reader(cell_join, Numbering.of(archive))
        events = etree.iterparse(part, events=("end",), tag=WANTED, resolve_entities=False, no_network=True,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        try:
            for _, element in events:
                name = NAMES[element.tag]
                reader.ended(name, element)
                if name in ("p", "tc", "tr", "tbl"):
                    _forget(element)
                if reader.count >= max_chars:
                    return reader.text(), True
        except etree.XMLSyntaxError as error:
            raise DocxUnreadable(str(error)) from error
    return reader.text(), False


def _forget(element) -> None:
    """Drop an element once read, and the siblings before it, so the tree never grows."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
