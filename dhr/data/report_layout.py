"""What a page's layout adds to a report's words, taken out again: running headers and footers,
page numbers, and words hyphenated at the end of a line.

A running header or footer is a line among the first or last few of a page that, with its
digits ignored, recurs on at least half the pages (and on two or more). A page number is a line
that is only one ("7", "Page 7", "Page 7 of 30", "7/30", "- 7 -"), or "Page 7 of 30" set apart by
wide spaces from a footer's other words.

A word broken at a line's end ("recom-" / "mendation") is joined again without its hyphen,
unless the hyphen belongs there: the report writes the hyphenated form elsewhere, or the parts
read as a compound ("multi-agency", "image-based", "risk-led")."""
from __future__ import annotations

import re
from collections import Counter

EDGE_LINES = 3  # how many lines at a page's top and bottom may be its header or footer
PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*[-–—]?\s*$", re.IGNORECASE)
# a footer giving the page's number beside other words, set apart by wide spaces: "Page 41 of 58     Kettleby CSP"
PAGE_FOOTER = re.compile(r"^(?=.{0,160}$)(?:\s*|.*\S\s{3,})page\s+\d{1,4}\s+of\s+\d{1,4}(?:\s{3,}\S.*|\s*)$",
                         re.IGNORECASE)
HYPHENS = "-\u2010\u2011\u00ad"  # hyphen-minus, hyphen, non-breaking hyphen, soft hyphen
LINE_END_HYPHEN = re.compile(rf"(\w+)[{HYPHENS}][ \t]*\n[ \t]*([a-z]\w*)")
COMPOUND_HEADS = {"multi", "non", "self", "cross", "inter", "post", "anti", "well", "pan",
                  "long", "short", "high", "low", "face", "follow", "one", "two", "joint"}
COMPOUND_TAILS = {"based", "led", "agency", "term", "making", "wide", "specific", "related", "up", "level", "being",
                  "friendly", "informed", "centred", "centered", "focused", "trained", "outs", "out", "in", "on",
                  "off", "risk", "fatal", "molestation", "to", "face", "time", "day", "year", "aware", "sharing",
                  "ups", "going", "sensitive", "free", "owned", "run"}


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def strip_page_furniture(pages: list[str]) -> list[str]:
    """The pages' texts without their running headers, footers and page numbers."""
    split = [page.splitlines() for page in pages]
    edges = Counter()
    for lines in split:
        kept = [line for line in lines if line.strip()]
        edges.update({_shape(line) for line in kept[:EDGE_LINES] + kept[-EDGE_LINES:]})
    enough = max(2, (len(pages) + 1) // 2)
    running = {shape for shape, seen in edges.items() if seen >= enough} if len(pages) >= 2 else set()
    cleaned = []
    for lines in split:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edge = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
        cleaned.append("\n".join(line for i, line in enumerate(lines)
                                 if not (line.strip() and (PAGE_NUMBER.match(line) or PAGE_FOOTER.match(line)))
                                 and not (i in edge and _shape(line) in running)))
    return cleaned


def text_pages(text: str) -> list[str]:
    """A text file's pages: split by form feeds, or else after each line that is a page's number
    ("Page 12 of 40"), as text pasted from a PDF keeps them."""
    if "\f" in text:
        return text.split("\f")
    pages, page = [], []
    for line in text.split("\n"):
        page.append(line)
        if line.strip() and (PAGE_NUMBER.match(line) and not line.strip().isdigit() or PAGE_FOOTER.match(line)):
            pages.append("\n".join(page))
            page = []
    return pages + ["\n".join(page)]


def join_pages(pages: list[str]) -> str:
    """The pages' texts as one, a paragraph broken by the page end joined up again: the blank
    lines left where a page's footer and the next one's header were are dropped when the next
    page goes on with the sentence (starts in lower case)."""
    joined = ""
    for page in pages:
        if joined and page.strip()[:1].islower():
            joined = joined.rstrip() + "\n" + page.lstrip()
        else:
            joined = f"{joined}\n{page}" if joined else page
    return joined


def rejoin_hyphenated(text: str) -> str:
    """The text with words broken across lines joined again (see the module's rule)."""
    if not any(h in text for h in HYPHENS):
        return text
    words = Counter(w.casefold() for w in re.findall(r"\w+(?:-\w+)*", text))

    def join(match: re.Match) -> str:
        head, tail = match.group(1), match.group(2)
        whole, hyphenated = (head + tail).casefold(), f"{head}-{tail}".casefold()
        keep = words[hyphenated] or (not words[whole] and (head.casefold() in COMPOUND_HEADS
                                                            or tail.casefold() in COMPOUND_TAILS))
        return f"{head}-{tail}" if keep else head + tail
    return LINE_END_HYPHEN.sub(join, text).replace("\u00ad", "")


def cell_text(raw: str | None) -> str:
    """A table cell's text on one line: broken words joined, white space collapsed."""
    return re.sub(r"\s+", " ", rejoin_hyphenated(raw or "")).strip()


GAP = re.compile(r"\S+(?: \S+)*")  # a run of words with single spaces: the cells of a space-aligned row
HEADING_CELL = re.compile(r"^(?=.*[\w#])[^.;:,]{1,40}\.?$")  # "Ref", "No.", "#": not a rule's dashes


def aligned_tables(text: str, cell: str) -> str:
    """The text with its tables typed as columns — tab-separated, or aligned by spaces under a
    heading row of three or more short headings — written as rows of cells joined by `cell`."""
    lines, out, index = text.split("\n"), [], 0
    while index < len(lines):
        rows, used = _aligned_block(lines, index)
        if len(rows) >= 2:
            out += [cell.join(row) for row in rows]
            index += used
        else:
            out.append(lines[index])
            index += 1
    return "\n".join(out)


def _aligned_block(lines: list[str], start: int) -> tuple[list[list[str]], int]:
    """The rows of a table whose heading row is lines[start], and how many lines they take."""
    head = lines[start]
    tabbed = "\t" in head.strip()
    spans = [] if tabbed else list(GAP.finditer(head))
    if tabbed:
        heads = [c.strip() for c in re.split(r"\t+", head.strip())]
    else:
        heads = [s.group() for s in spans]
    if len(heads) < 3 or not all(HEADING_CELL.match(h) and len(h.split()) <= 4 for h in heads):
        return [], 0
    starts = [s.start() for s in spans]
    rows, index = [heads], start + 1
    while index < len(lines):
        line = lines[index]
        if tabbed:
            if "\t" not in line.strip():
                break
            rows.append([c.strip() for c in re.split(r"\t+", line.strip())])
        else:
            ahead = next((i for i in range(index, min(index + 3, len(lines))) if lines[i].strip()), index)
            cells = _cut(lines[ahead], starts)
            if cells is None or not any(cells) or ((rows[-1] is heads or ahead > index)
                                                   and sum(bool(c) for c in cells) < 2):
                break  # a row after a blank line (pdftotext's layout) has cells of its own, not a wrapped line
            rows.append(cells)
            index = ahead
        index += 1
    return rows, index - start


def _cut(line: str, starts: list[int]) -> list[str] | None:
    """The line cut at the columns' starts; None if a word runs across one (not a row of the table)."""
    if any(0 < s < len(line) and line[s - 1] != " " for s in starts):
        return None
    if line[:starts[0]].strip():
        return None
    return [line[a:b].strip() for a, b in zip(starts, starts[1:] + [len(line) + 1], strict=True)]


DASH_ITEM = re.compile(r"^(\s*)[-–]\s+(?=\S)")


def dash_items(text: str) -> str:
    """The text with the dashes that open list items ("- Northshire Police should…") written as
    bullets: a dash opens an item after a blank line or a finished one (".", ":", ";"), and every
    dash does in a list so begun; else it is a sentence's dash wrapped onto the line's start."""
    out, in_list = [], False
    for line in text.split("\n"):
        before = out[-1].rstrip() if out else ""
        if DASH_ITEM.match(line) and (in_list or not before or before.endswith((".", ":", ";", "?"))):
            line, in_list = DASH_ITEM.sub(r"\1• ", line), True
        elif not line.strip():
            in_list = False
        out.append(line)
    return "\n".join(out)
