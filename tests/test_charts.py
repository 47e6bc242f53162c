"""The house style of every chart, read from the SVG itself: readable text, no gridlines, no title
drawn inside, every label whole, values that cannot meet, and the summary as its text alternative."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from exports import charts

NS = {"svg": "http://www.w3.org/2000/svg"}


def _read(svg: bytes):
    root = ET.fromstring(svg)
    texts = [(float(t.get("x")), float(t.get("y")), t.text) for t in root.iterfind("svg:text", NS)]
    return root, texts


def test_a_chart_of_rows_keeps_every_label_whole_and_each_value_on_its_own_row():
    long_label = "Information sharing between agencies and with the family of the victim"
    bars = [charts.Bar(long_label, 40), charts.Bar("Risk assessment", 7), charts.Bar("Housing", 0)]
    root, texts = _read(charts.chart(bars, "Recommendations by theme", "47 recommendations counted."))
    assert int(root.get("font-size")) >= 16 and root.get("role") == "img"
    assert root.find("svg:title", NS).text == "Recommendations by theme"
    assert root.find("svg:desc", NS).text == "47 recommendations counted."
    words = " ".join(t for _, _, t in texts)
    assert long_label in words.replace(" 40", "")  # wrapped over lines, never cut short
    assert "Recommendations by theme" not in words  # no heading drawn inside
    assert root.find(".//svg:line", NS) is None and root.find(".//svg:path", NS) is None  # no gridlines, axes
    values = [(x, y) for x, y, t in texts if t in ("40", "7", "0")]
    assert len(values) == 3 and len({round(y) for _, y in values}) == 3
    ys = sorted(y for _, y in values)
    assert all(b - a >= 30 for a, b in zip(ys, ys[1:], strict=False))  # a row apart: they cannot meet


def test_periods_are_columns_in_order_when_they_fit_and_rows_when_they_do_not():
    few = [charts.Bar(f"{y}/{(y + 1) % 100:02d}", n) for n, y in enumerate(range(2019, 2024))]
    _, texts = _read(charts.chart(few, "Reviews by year", "summary", periods=True))
    labels = [(x, t) for x, y, t in texts if "/" in t]
    assert [t for _, t in labels] == ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]
    xs = [x for x, _ in labels]
    assert xs == sorted(xs) and min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= charts.COLUMN_MIN
    assert "0" in [t for _, _, t in texts]  # the year with none still shows its 0
    many = [charts.Bar(f"{y}/{(y + 1) % 100:02d}", 1) for y in range(2011, 2026)]
    _, texts = _read(charts.chart(many, "Reviews by year", "summary", periods=True))
    rows = [(x, y) for x, y, t in texts if "/" in t]
    assert len(rows) == 15 and len({x for x, _ in rows}) == 1  # one label a row, down the left


def test_text_is_escaped_and_nothing_runs_or_loads():
    svg = charts.chart([charts.Bar("<script>alert(1)</script> & co", 3)], "T & <b>", "S <i>")
    assert b"<script" not in svg and b"&lt;script&gt;" in svg and b"href" not in svg
    ET.fromstring(svg)  # well-formed
