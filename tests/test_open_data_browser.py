"""Open data in a browser: the download page, another partnership's file uploaded, its unknown
theme mapped, and the external learning it becomes (its list, a review, a search hit), each
checked by axe-core for WCAG 2.2 A/AA and fitting 320 px."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from dhr.data import open_data
from dhr.data.models import Review
from dhr.extensions import db
from search import indexing

from . import factories as make
from .browser import assert_fits_320, run_axe, screenshot, sign_in_as

pytestmark = pytest.mark.browser


def _their_file(tmp_path, coercive) -> str:
    review = make.review("EAST-2020-01", notified_on=dt.date(2020, 4, 1), published=True, pseudonym="Ava")
    make.finding(review, "Call handlers missed the heronry pattern of controlling calls.", themes=[coercive])
    make.recommendation(review, 1, "Call handlers to ask about controlling behaviour.", themes=[coercive])
    doc = open_data.document("Eastshire Community Safety Partnership", dt.date(2025, 11, 1))
    for row in db.session.scalars(select(Review)):
        db.session.delete(row)
    db.session.commit()
    doc["reviews"][0]["findings"][0]["themes"] = ["Controlling behaviour"]
    path = tmp_path / "eastshire.json"
    path.write_text(json.dumps(doc))
    return str(path)


def test_open_data_is_downloaded_imported_mapped_and_found(app, browser_page, tmp_path):
    page = browser_page
    indexing.rebuild()
    coercive = make.theme("Coercive control")
    upload = _their_file(tmp_path, coercive)
    sign_in_as(page, make.admin().email)
    page.goto("/reports/open-data/")
    assert "0 published reviews will be included" in page.locator("main").inner_text()
    assert run_axe(page) == []
    assert_fits_320(page)
    page.goto("/external/")
    page.get_by_role("link", name="Import external learning").click()
    assert run_axe(page) == []
    page.get_by_label("Upload an open data file (JSON)").set_input_files(upload)
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_selector(".app-external-mapping")
    assert run_axe(page) == []
    assert_fits_320(page)
    screenshot(page, "open-data", "mapping")
    page.get_by_label("‘Controlling behaviour’ is").select_option(label="Coercive control")
    page.get_by_role("button", name="Save the external learning").click()
    page.wait_for_url("**/external/")
    assert "Imported 1 review of published learning from Eastshire" in page.locator("main").inner_text()
    assert run_axe(page) == []
    page.get_by_role("link", name="EAST-2020-01").click()
    assert "Their themes: Controlling behaviour; ours: Coercive control" in page.locator("main").inner_text()
    assert run_axe(page) == []
    assert_fits_320(page)
    page.goto("/search?q=heronry")
    assert "External: Eastshire Community Safety Partnership" in page.locator(".app-learning-group").inner_text()
    assert run_axe(page) == []
