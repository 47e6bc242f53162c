"""A recommendations table drawn without lines on a PDF page, read from where its words sit.

pdfplumber finds a table by its ruled lines; a table set out by white space alone has none. Such
a table is found by its heading row: a line of the page that, cut into cells however narrow the
gaps, names a recommendations table's columns (report_tables.header_columns). Each column starts
where its heading does. The lines below belong to the table while no word runs across a column's
start (prose runs across them all) and it is not a page number or set far below
the line above (a footer); a line with words in the first column starts a new row, any
other continues the row above. Each cell's lines are joined as a table cell's are."""
from __future__ import annotations

import itertools

from . import report_layout
from .plan_columns import names_exactly

MAX_HEADING_WORDS = 10
LINE = 3.0  # points within which words share a line
SLACK = 2.0  # points a word may start before its column
GAP_LINES = 3  # a gap of this many lines' height below the table's last line ends it


def _lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= LINE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _heading_cells(line: list[dict], header_columns) -> list[list[dict]] | None:
    """The line split into the cells of a recommendations table's heading row, each a known
    wording of a column ("Ref" | "Recommendation" | "Lead agency"), in as few cells as may be,
    whatever the gaps between them; or None."""
    if len(line) > MAX_HEADING_WORDS or not any("recommendation" in w["text"].lower() for w in line):
        return None
    for cuts in _cut_sets(len(line)):
        bounds = [0, *cuts, len(line)]
        cells = [line[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        texts = [_text(c) for c in cells]
        if all(names_exactly(t) for t in texts) and header_columns(texts) is not None:
            return cells
    return None


def _cut_sets(words: int):
    """Where a line of `words` words may be cut into cells, fewest cuts first."""
    for count in range(1, words):
        yield from itertools.combinations(range(1, words), count)


def _text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def _fits(line: list[dict], starts: list[float]) -> bool:
    return not any(w["x0"] < start - SLACK < w["x1"] - SLACK for w in line for start in starts[1:])


def _column(word: dict, starts: list[float]) -> int:
    return max(i for i, start in enumerate([float("-inf"), *starts[1:]]) if word["x0"] >= start - SLACK)


def _after_table(line: list[dict], above: list[dict]) -> bool:
    """Whether a line is past the table's end: a page number, or set far below the line above
    (the page's footer)."""
    height = max(w["bottom"] - w["top"] for w in above)
    return bool(report_layout.PAGE_NUMBER.match(_text(line))) or line[0]["top"] - max(
        w["bottom"] for w in above) > GAP_LINES * height


def find(page, header_columns) -> tuple[list[list[str]], tuple[float, float, float, float]] | None:
    """The rows of a line-less recommendations table on the page (heading row first) and its
    bounding box; None if the page has none."""
    lines = _lines(page.extract_words(use_text_flow=False, keep_blank_chars=False))
    for index, line in enumerate(lines):
        cells = _heading_cells(line, header_columns)
        if cells is None:
            continue
        starts = [c[0]["x0"] for c in cells]
        rows: list[list[list[str]]] = [[[_text(c)] for c in cells]]
        last = line
        for below in lines[index + 1:]:
            if not _fits(below, starts) or _after_table(below, last):
                break
            placed = [[] for _ in starts]
            for word in below:
                placed[_column(word, starts)].append(word["text"])
            if placed[0] or len(rows) == 1:
                rows.append([[" ".join(p)] if p else [] for p in placed])
            else:
                for cell, words in zip(rows[-1], placed, strict=True):
                    if words:
                        cell.append(" ".join(words))
            last = below
        if len(rows) < 2:
            continue
        box = (0, max(0, line[0]["top"] - 1), page.width, min(page.height, max(w["bottom"] for w in last) + 1))
        return [[report_layout.cell_text("\n".join(cell)) for cell in row] for row in rows], box
    return None
