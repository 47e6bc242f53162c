"""Text as a draft really holds it, made scannable: every run of white space (line breaks, tabs,
non-breaking spaces) becomes one space, or one line break where it holds a blank line (a
paragraph's end), and a word hyphenated at a line end is joined again.
The result keeps, for every character, where it came from in the original, so that whatever is
found is reported at its place in the text the person wrote."""
from __future__ import annotations

import re
from dataclasses import dataclass

# "Hart-\nley" is one word split by a PDF line break; "Smith-\nJones" (a capital after the
# break) keeps its hyphen, as a double-barrelled name does.
# (A single plain space is left as it is: most of a text is words and single spaces.)
# A number broken at a line end after its slash ("30/06/\n1986", "KP/2021/\n004417") is joined again too.
_BROKEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[a-z])|\s*[^\S ]\s*| {2,}")
_BROKEN_AFTER_SLASH = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[a-z])|(?P<slash>(?<=\d/)[ \t]*\r?\n[ \t]*(?=\d))"
                                 r"|\s*[^\S ]\s*| {2,}")
_SLASH_AT_LINE_END = re.compile(r"\d/[ \t]*\r?\n")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2011": "-"})


@dataclass(frozen=True)
class Normalised:
    text: str
    origin: list[int]  # origin[i]: the index in the original of text[i]; one more entry for the end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's offsets of text[start:end]."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def normalise(original: str) -> Normalised:
    pieces: list[str] = []
    origin: list[int] = []
    at = 0
    broken = _BROKEN_AFTER_SLASH if _SLASH_AT_LINE_END.search(original) else _BROKEN
    for match in broken.finditer(original):
        pieces.append(original[at:match.start()])
        origin.extend(range(at, match.start()))
        if not match.group().startswith("-") and match.lastgroup is None:
            pieces.append("\n" if match.group().count("\n") > 1 else " ")  # a blank line ends a paragraph
            origin.append(match.start())
        at = match.end()
    pieces.append(original[at:])
    origin.extend(range(at, len(original)))
    origin.append(len(original))
    return Normalised("".join(pieces).translate(_QUOTES), origin)
