"""The proposals page for a report: what is already saved on the review is not offered again (a
corrected report offers only what is new or changed), the chair can select all, and each
proposal says how its lead agency was read."""
from __future__ import annotations

from dhr.data.models import Recommendation
from dhr.extensions import db

from . import factories as make
from .test_extraction import build_text, continue_from_reading, upload

FIRST = ["Recommendations", "1. Northshire Police should review its stalking training.",
         "2. GPs should ask routinely about domestic abuse.",
         "3. Eastvale Homes should check rent arrears for signs of abuse."]


def _proposals_page(pages, review, lines, name="overview.txt", query=""):
    url, _ = continue_from_reading(pages, upload(pages, review, build_text(lines), name))
    return url, pages.get(url + query)


def _offered(soup) -> list[tuple[str, str]]:
    entries = []
    for index in range(50):
        number = soup.select_one(f"#proposals-{index}-number")
        if number is None:
            break
        entries.append((number["value"], soup.select_one(f"#proposals-{index}-text").get_text()))
    return entries


def _agencies():
    make.agency("Northshire Police", "police")
    make.agency("Northshire and Eastvale ICB", "primary_care")
    make.agency("Eastvale Homes", "housing")


def test_a_corrected_report_offers_only_what_is_new_or_changed(sign_in):
    _agencies()
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    url, soup = _proposals_page(pages, review, FIRST)
    assert [n for n, _ in _offered(soup)] == ["1", "2", "3"]
    form = {f"proposals-{i}-{k}": v for i, (n, t) in enumerate(_offered(soup))
            for k, v in (("accept", "y"), ("number", n), ("text", t), ("scope", "local"))}
    assert pages.client.post(url, data=form).status_code == 302
    assert [r.text for r in db.session.scalars(db.select(Recommendation))] == [t for _, t in _offered(soup)]

    corrected = [*FIRST[:3], "3. Eastvale Homes should check rent arrears and evictions for signs of abuse.",
                 "4. The Community Safety Partnership should audit referrals each year."]
    _, soup = _proposals_page(pages, review, corrected, "corrected.txt")
    assert _offered(soup) == [("3", "Eastvale Homes should check rent arrears and evictions for signs of abuse."),
                              ("4", "The Community Safety Partnership should audit referrals each year.")]
    assert " ".join(soup.select_one(".govuk-inset-text").get_text().split()) == (
        "2 recommendations in this report are already saved on the review, so they are not offered again: 1, 2.")
    legends = [" ".join(legend.get_text().split()) for legend in soup.select("legend")]
    assert "Proposal 1 Changed" in legends and "Proposal 2" in legends
    assert "Recommendation 3 is already saved with different wording" in soup.get_text()


def test_select_all_ticks_every_proposal(sign_in):
    _agencies()
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    url, soup = _proposals_page(pages, review, FIRST)
    assert not soup.select("input[name$='-accept'][checked]")
    link = soup.find("a", string=lambda s: s and s.startswith("Select all"))
    assert link.get_text(strip=True) == "Select all 3 proposals"
    ticked = pages.get(link["href"])
    assert len(ticked.select("input[name$='-accept'][checked]")) == 3


def test_each_proposal_says_how_its_lead_agency_was_read(sign_in):
    _agencies()
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    lines = [*FIRST, "4. Staff should record who accompanies a patient."]
    _, soup = _proposals_page(pages, review, lines)
    assert [" ".join(p.get_text().split()) for p in soup.select(".app-reviews-lead-how")] == [
        "Lead agency named in the recommendation.",
        "Lead agency guessed from the kind of agency the recommendation names: check it.",
        "Lead agency named in the recommendation.",
        "No lead agency was recognised: choose one if the report names it."]
