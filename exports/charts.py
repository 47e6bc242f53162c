"""SVG charts with pygal. No script is fetched or embedded (`js=[]`); text is DejaVu Sans so the
same SVG renders alike in the browser and, embedded as a data: URI, in a PDF."""
from __future__ import annotations

import base64
import re

import pygal
from pygal.style import Style

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    colors=("#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#28a197", "#b58840", "#505a5f"),
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    value_font_family=FONT,
    value_label_font_family=FONT,
    title_font_family=FONT,
    legend_font_family=FONT,
    tooltip_font_family=FONT,
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=12,
    value_label_font_size=12,
    legend_font_size=12,
)


def bar_chart(title: str, labels: list[str], values: list[int], horizontal: bool | None = None) -> bytes:
    """A bar chart as a standalone SVG document (bytes). Long labels make it horizontal."""
    if horizontal is None:
        horizontal = len(labels) > 6 or any(len(label) > 14 for label in labels)
    chart_class = pygal.HorizontalBar if horizontal else pygal.Bar
    height = max(260, 60 + 28 * len(labels)) if horizontal else 340
    chart = chart_class(
        style=STYLE,
        js=[],                      # no script from the internet
        width=760,
        height=height,
        title=title,
        show_legend=False,
        print_values=True,
        print_values_position="top",
        show_y_guides=not horizontal,
        show_x_guides=horizontal,
        truncate_label=-1,
        x_label_rotation=0 if horizontal else (20 if len(labels) > 4 else 0),
        margin=16,
        min_scale=1,
        max_scale=6,
        no_data_text="No data for this selection",
        explicit_size=True,
        disable_xml_declaration=False,
    )
    if horizontal:  # pygal draws the first label at the bottom: reverse to read top-down
        labels, values = list(reversed(labels)), list(reversed(values))
    chart.x_labels = labels
    chart.add(title, values)
    return without_scripts(chart.render())


_SCRIPT = re.compile(rb"<script\b[^>]*>.*?</script>|<script\b[^>]*/>", re.S)


def without_scripts(svg: bytes) -> bytes:
    """pygal writes its configuration as an inline script even with js=[]: drop every script."""
    return _SCRIPT.sub(b"", svg)


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def breakdown_chart(breakdown) -> bytes:
    return bar_chart(breakdown.title, [r.label for r in breakdown.rows], [r.count for r in breakdown.rows])
