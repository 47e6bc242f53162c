"""Word's own list numbering, which a DOCX keeps out of its text: a paragraph says which list and
level it is in (w:numPr, its own or its style's) and word/numbering.xml says how each level is
written ("%1.", "(%2)"; decimal, letters, roman numerals). The label Word shows is worked out
here, counting each list's paragraphs as Word does; bullets have none."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from lxml import etree

NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
              "http://purl.oclc.org/ooxml/wordprocessingml/main")
MAX_PART_BYTES = 5 * 1024 * 1024  # numbering and style parts are small; a huge one is not read


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _val(element) -> str | None:
    return next((element.get(f"{{{ns}}}val") for ns in NAMESPACES if element.get(f"{{{ns}}}val") is not None), None)


def _child(element, name: str):
    return next((c for c in element if _local(c) == name), None) if element is not None else None


def _int(value: str | None, default: int = 0) -> int:
    return int(value) if value and value.isdigit() else default


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""


FORMATS = {"decimal": str, "lowerLetter": _letters, "upperLetter": lambda n: _letters(n).upper(),
           "lowerRoman": _roman, "upperRoman": lambda n: _roman(n).upper(),
           "decimalZero": lambda n: f"{n:02d}"}


def _parse(archive: zipfile.ZipFile, name: str):
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(archive.read(name), parser)
    except etree.XMLSyntaxError:
        return None


@dataclass
class Numbering:
    levels: dict[tuple[str, int], tuple[str, str, int]] = field(default_factory=dict)  # (abstract, ilvl) -> fmt
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    style_numbers: dict[str, tuple[str, int]] = field(default_factory=dict)  # style id -> (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)  # per abstract list: Word counts on across its nums
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> {ilvl: start} (w:startOverride)
    begun: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, archive: zipfile.ZipFile) -> "Numbering":
        numbering = cls()
        root = _parse(archive, "word/numbering.xml")
        for element in root if root is not None else []:
            if _local(element) == "abstractNum":
                numbering._abstract(element)
            elif _local(element) == "num":
                target = _child(element, "abstractNumId")
                if target is not None:
                    numbering.abstract_of[_num_id(element)] = _val(target) or ""
                    numbering._overrides(element)
        styles = _parse(archive, "word/styles.xml")
        based_on: dict[str, str] = {}
        for style in styles if styles is not None else []:
            if _local(style) != "style":
                continue
            found = _number_properties(_child(style, "pPr"))
            parent = _child(style, "basedOn")
            if found:
                numbering.style_numbers[_style_id(style)] = found
            elif parent is not None:
                based_on[_style_id(style)] = _val(parent) or ""
        for style_id in based_on:  # a style based on a numbered one ("Recommendation" on "List Number")
            parent, hops = based_on[style_id], 0
            while parent not in numbering.style_numbers and parent in based_on and hops < 10:
                parent, hops = based_on[parent], hops + 1
            if parent in numbering.style_numbers:
                numbering.style_numbers[style_id] = numbering.style_numbers[parent]
        return numbering

    def _abstract(self, element) -> None:
        key = next((element.get(f"{{{ns}}}abstractNumId") for ns in NAMESPACES
                    if element.get(f"{{{ns}}}abstractNumId") is not None), "")
        for level in (c for c in element if _local(c) == "lvl"):
            ilvl = _int(next((level.get(f"{{{ns}}}ilvl") for ns in NAMESPACES
                              if level.get(f"{{{ns}}}ilvl") is not None), "0"))
            fmt, text, start = (_child(level, name) for name in ("numFmt", "lvlText", "start"))
            self.levels[(key, ilvl)] = (_val(fmt) if fmt is not None else "decimal",
                                        _val(text) if text is not None else "", _int(_val(start), 1))

    def _overrides(self, num) -> None:
        for override in (c for c in num if _local(c) == "lvlOverride"):
            start = _child(override, "startOverride")
            if start is not None:
                ilvl = _int(next((override.get(f"{{{ns}}}ilvl") for ns in NAMESPACES
                                  if override.get(f"{{{ns}}}ilvl") is not None), "0"))
                self.restarts.setdefault(_num_id(num), {})[min(ilvl, 8)] = _int(_val(start), 1)

    def _counts(self, num_id: str, abstract: str) -> list[int]:
        """The abstract list's counters; a num that restarts a level sets it back when first used."""
        counts = self.counters.setdefault(abstract, [0] * 9)
        if num_id not in self.begun:
            self.begun.add(num_id)
            for ilvl, start in self.restarts.get(num_id, {}).items():
                counts[ilvl] = start - self.levels.get((abstract, ilvl), ("", "", 1))[2]
                counts[ilvl + 1:] = [0] * (8 - ilvl)
        return counts

    def label(self, paragraph) -> str:
        """The label Word shows before the paragraph ("3.", "(b)"), counted; "" if it has none."""
        properties = _child(paragraph, "pPr")
        found = _number_properties(properties)
        if found is None:
            style = _child(properties, "pStyle")
            found = self.style_numbers.get(_val(style) or "") if style is not None else None
        if found is None or found[0] in ("", "0") or found[0] not in self.abstract_of:
            return ""
        num_id, ilvl = found
        abstract = self.abstract_of[num_id]
        counts = self._counts(num_id, abstract)
        ilvl = min(max(ilvl, 0), 8)
        counts[ilvl] += 1
        counts[ilvl + 1:] = [0] * (8 - ilvl)
        fmt, text, _ = self.levels.get((abstract, ilvl), ("decimal", f"%{ilvl + 1}.", 1))
        if fmt not in FORMATS or not text:
            return ""  # a bullet, or none
        label = text
        for level in range(ilvl + 1):
            level_fmt, _, start = self.levels.get((abstract, level), ("decimal", "", 1))
            shown = FORMATS.get(level_fmt, str)(counts[level] + start - 1 if counts[level] else start)
            label = label.replace(f"%{level + 1}", shown)
        return label


def _num_id(element) -> str:
    return next((element.get(f"{{{ns}}}numId") for ns in NAMESPACES if element.get(f"{{{ns}}}numId") is not None), "")


def _style_id(element) -> str:
    return next((element.get(f"{{{ns}}}styleId") for ns in NAMESPACES
                 if element.get(f"{{{ns}}}styleId") is not None), "")


def _number_properties(properties) -> tuple[str, int] | None:
    numbers = _child(properties, "numPr")
    if numbers is None:
        return None
    num_id, ilvl = _child(numbers, "numId"), _child(numbers, "ilvl")
    if num_id is None:
        return None
    return _val(num_id) or "", _int(_val(ilvl) if ilvl is not None else "0")
