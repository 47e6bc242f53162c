"""The house style of every chart, on the dashboard and in the PDFs: a standalone SVG drawn here.

- GOV.UK colours: bars in blue (#1d70b8), text in black (#0b0c0c), zero bars as a grey tick.
- Text at 18px in a 760px-wide drawing: shown at its own size on a wide screen, still about 14px
  in a 600px column (a 1280px screen at 200% zoom), and 10pt in a PDF (the print stylesheet draws
  it 85% of an A4 page's width); it grows with the page's zoom.
- No gridlines and no axis scale: each bar carries its value at its end, one bar a row (or a
  column), so no two labels can meet.
- No title inside the drawing: the page's heading names the chart. The drawing's <title> and
  <desc> (the one-sentence summary) are its text alternative; its table is the real data.
- Periods (financial years) are columns in time order when they fit, rows otherwise; every period
  is drawn, those with none too.

It runs no script and loads nothing, so the same SVG serves the browser and, as a data: URI, a PDF."""
from __future__ import annotations

import base64
import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
BLUE = "#1d70b8"
BLACK = "#0b0c0c"
GREY = "#505a5f"
WIDTH = 760
TEXT_PX = 18
CHAR_PX = 10.4         # a generous average width of one character of DejaVu Sans at 18px
LABEL_CHARS = 32       # a row's label wraps at this many characters
ROW_LINE = 22
VALUE_ROOM = 72        # room right of the longest bar for its value
COLUMN_MIN = 80        # the narrowest column a period's label (2024/25) fits under


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def _svg(height: int, title: str, summary: str, body: list[str]) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family={quoteattr(FONT)} font-size="{TEXT_PX}" fill="{BLACK}">'
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(summary)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>{"".join(body)}</svg>'
    ).encode("utf-8")


def _text(x: float, y: float, text: str, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}"{weight}>{escape(text)}</text>'


def _bar(x: float, y: float, width: float, height: float, value: int) -> str:
    if value == 0:  # a thin grey mark says "none", where a missing bar could look like a gap
        return f'<rect x="{x:.1f}" y="{y:.1f}" width="2" height="{height:.1f}" fill="{GREY}"/>'
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 2):.1f}" height="{height:.1f}" fill="{BLUE}"/>'


def rows_chart(bars: list[Bar], title: str, summary: str) -> bytes:
    """One bar a row, labels on the left (wrapped, never cut short), the value at each bar's end."""
    wrapped = [textwrap.wrap(b.label, LABEL_CHARS) or [""] for b in bars]
    label_width = min(LABEL_CHARS, max((len(line) for lines in wrapped for line in lines), default=0)) * CHAR_PX
    left = 8 + label_width + 12
    room = WIDTH - left - VALUE_ROOM
    top = max((b.value for b in bars), default=0) or 1
    body, y = [], 8
    for bar, lines in zip(bars, wrapped, strict=True):
        row = max(40, ROW_LINE * len(lines) + 18)
        for n, line in enumerate(lines):
            body.append(_text(8, y + (row - ROW_LINE * len(lines)) / 2 + 17 + ROW_LINE * n, line))
        width = room * bar.value / top
        body.append(_bar(left, y + 6, width, row - 12, bar.value))
        body.append(_text(left + max(width, 2) + 8, y + row / 2 + 7, f"{bar.value:,}", bold=True))
        y += row
    return _svg(int(y + 8), title, summary, body)


def columns_chart(bars: list[Bar], title: str, summary: str) -> bytes:
    """One column a period in time order, the value above each column and the period below it."""
    height, foot, head = 320, 40, 34
    step = (WIDTH - 16) / max(len(bars), 1)
    top = max((b.value for b in bars), default=0) or 1
    plot = height - foot - head
    body = [f'<rect x="8" y="{height - foot}" width="{WIDTH - 16}" height="1" fill="{GREY}"/>']
    for n, bar in enumerate(bars):
        centre = 8 + step * (n + 0.5)
        tall = plot * bar.value / top
        width = min(step * 0.6, 72)
        if bar.value:
            body.append(f'<rect x="{centre - width / 2:.1f}" y="{height - foot - tall:.1f}" width="{width:.1f}" '
                        f'height="{tall:.1f}" fill="{BLUE}"/>')
        body.append(_text(centre, height - foot - tall - 8, f"{bar.value:,}", "middle", bold=True))
        body.append(_text(centre, height - 14, bar.label, "middle"))
    return _svg(height, title, summary, body)


def chart(bars: list[Bar], title: str, summary: str, periods: bool = False) -> bytes:
    """The chart of a set of counts: periods as columns when they fit the width, else rows."""
    if periods and bars and (WIDTH - 16) / len(bars) >= COLUMN_MIN:
        return columns_chart(bars, title, summary)
    return rows_chart(bars, title, summary)


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def breakdown_chart(breakdown, summary: str) -> bytes:
    """The chart of one of the board's breakdowns (dhr.data.figures), with its summary sentence."""
    bars = [Bar(r.label, r.count) for r in breakdown.rows]
    return chart(bars, breakdown.title, summary, periods=breakdown.name == "year")
