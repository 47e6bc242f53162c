"""GOV.UK form patterns on the review, theme and tracker forms: the grouped theme picker,
character counts that agree with the server's limits, imperative choices and cancel links."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from wtforms.validators import Length

from dhr.agency.forms import UpdateForm
from dhr.data.models import Finding, Recommendation
from dhr.extensions import db
from dhr.reviews import forms as review_forms
from dhr.themes.forms import ThemeForm
from dhr.tracker.forms import AssessForm, DecideDateForm

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import PageClient, error_summary


def _themes_of_every_kind():
    return {
        "learning": make.theme("Coercive control", "learning"),
        "practice": make.theme("Risk assessment", "practice"),
        "case_factor": make.theme("Stalking", "case_factor"),
        "death_category": make.theme("Intimate partner homicide", "death_category"),
        "strategy_priority": make.theme("Early identification and help", "strategy_priority", strategy_priority=3),
    }


def _picker(soup, name: str):
    """(legend, [box labels]) for each fieldset of the picker sending `name`."""
    picker = soup.select_one(f"#{name}-picker")
    assert picker is not None, "no theme picker on the page"
    groups = []
    for fieldset in picker.select("fieldset"):
        boxes = fieldset.select(f"input[type=checkbox][name={name}]")
        labels = [fieldset.select_one(f"label[for={box['id']}]").get_text(strip=True) for box in boxes]
        groups.append((fieldset.select_one("legend").get_text(strip=True), labels))
    return groups


@pytest.mark.parametrize("page", ["finding", "recommendation", "review"])
def test_theme_picker_groups_themes_by_kind_without_death_categories_or_priorities(sign_in, page):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    _themes_of_every_kind()
    url, name = {"finding": (f"/reviews/{review.id}/findings/new", "themes"),
                 "recommendation": (f"/reviews/{review.id}/recommendations/new", "themes"),
                 "review": (f"/reviews/{review.id}/edit", "own_themes")}[page]
    soup = pages.get(url)
    assert _picker(soup, name) == [("Learning from reviews", ["Coercive control"]),
                                   ("Practice themes", ["Risk assessment"]), ("Case factors", ["Stalking"])]
    boxes = soup.select(f"input[type=checkbox][name={name}]")
    assert boxes[0]["id"] == name  # the error summary's link lands on the first box
    # Death category and strategy priority are fields of their own, not theme boxes.
    own_field = {"finding": None, "recommendation": "strategy_priority", "review": "death_category"}[page]
    if own_field:
        assert soup.select_one(f"select[name={own_field}]") is not None


def test_picked_themes_save_and_what_the_picker_does_not_offer_is_kept(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    kinds = _themes_of_every_kind()
    finding = make.finding(review, "Police missed the pattern.", themes=[kinds["death_category"]])
    data = MultiDict([("text", "Police missed the pattern."), ("themes", str(kinds["learning"].id)),
                      ("themes", str(kinds["case_factor"].id))])
    assert pages.client.post(f"/reviews/{review.id}/findings/{finding.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Finding, finding.id)
    assert {t.name for t in saved.themes} == {"Coercive control", "Stalking", "Intimate partner homicide"}


def test_a_priority_tagged_as_a_theme_moves_into_the_strategy_priority_field(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    kinds = _themes_of_every_kind()
    rec = make.recommendation(review, "1", themes=[kinds["strategy_priority"], kinds["practice"]])
    soup = pages.get(f"/reviews/{review.id}/recommendations/{rec.id}/edit")
    assert soup.select_one("select[name=strategy_priority] option[selected]")["value"] == "3"
    data = MultiDict([("number", "1"), ("text", rec.text), ("scope", "local"), ("strategy_priority", "3"),
                      ("themes", str(kinds["practice"].id)), ("version", str(rec.version))])
    assert pages.client.post(f"/reviews/{review.id}/recommendations/{rec.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Recommendation, rec.id)
    assert saved.strategy_priority == 3
    assert [t.name for t in saved.themes] == ["Risk assessment"]


def test_a_form_with_an_error_keeps_the_picked_themes_and_the_text(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    kinds = _themes_of_every_kind()
    too_long = "x" * 20001
    data = MultiDict([("text", too_long), ("themes", str(kinds["practice"].id))])
    soup = pages.post(f"/reviews/{review.id}/findings/new", data=data)
    assert error_summary(soup) == ["Finding must be 20,000 characters or fewer"]
    assert soup.select_one(".govuk-error-summary a")["href"] == "#text"
    assert soup.select_one("textarea[name=text]").get_text() == too_long
    ticked = [box["value"] for box in soup.select("input[name=themes][checked]")]
    assert ticked == [str(kinds["practice"].id)]
    assert db.session.scalar(db.select(db.func.count()).select_from(Finding)) == 0


def test_a_made_up_theme_is_refused_with_a_message(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    kinds = _themes_of_every_kind()
    data = MultiDict([("text", "A finding"), ("themes", str(kinds["death_category"].id))])
    soup = pages.post(f"/reviews/{review.id}/findings/new", data=data)
    assert len(error_summary(soup)) == 1
    assert soup.select_one("#themes-picker .govuk-error-message") is not None


def _limit(form_class, name: str) -> int:
    field = getattr(form_class, name)
    return next(v.max for v in field.kwargs["validators"] if isinstance(v, Length))


def _counts(soup) -> dict[str, int]:
    found = {}
    for count in soup.select("[data-module=govuk-character-count]"):
        found[count.select_one("textarea")["name"]] = int(count["data-maxlength"])
    return found


def _signed_in(app, user) -> PageClient:
    client = app.test_client(use_cookies=True)
    assert client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    return PageClient(client)


def test_character_counts_use_the_limit_the_form_enforces(app, route_world):
    w = route_world
    expected = {
        f"/reviews/{w.review.id}/findings/new": {"text": _limit(review_forms.FindingForm, "text")},
        f"/reviews/{w.review.id}/recommendations/new": {
            name: _limit(review_forms.RecommendationForm, name)
            for name in ("text", "action_to_take", "milestones", "outcome", "intended_outcome", "outcome_measure")},
        f"/reviews/{w.review.id}/edit": {name: _limit(review_forms.ReviewForm, name)
                                         for name in ("summary", "restricted_notes", "never_publish_terms")},
        f"/admin/themes/{w.theme.id}/edit": {name: _limit(ThemeForm, name) for name in ("description", "synonyms")},
        f"/recommendations/updates/{w.update.id}/assess": {name: _limit(AssessForm, name)
                                                           for name in ("message", "outcome")},
        f"/recommendations/date-changes/{w.date_change.id}": {"message": _limit(DecideDateForm, "message")},
    }
    pages = _signed_in(app, w.users["admin"])
    for url, counts in expected.items():
        assert _counts(pages.get(url)) == counts, url
    agency = _signed_in(app, w.users["agency"])
    soup = agency.get(f"/our-recommendations/{w.recommendation.id}")
    assert _counts(soup)["narrative"] == _limit(UpdateForm, "narrative")


def test_a_text_at_the_counted_limit_saves_and_one_more_character_is_refused(sign_in):
    pages, chair = sign_in("chair")
    review = make.review(chair=chair)
    soup = pages.get(f"/reviews/{review.id}/findings/new")
    limit = _counts(soup)["text"]
    soup = pages.post(f"/reviews/{review.id}/findings/new", data={"text": "y" * (limit + 1)})
    assert error_summary(soup) == ["Finding must be 20,000 characters or fewer"]
    # A browser sends each line break as CR LF but its count counts one character: so does the check.
    typed = "y" * (limit - 2) + "\r\n" + "y"
    assert pages.client.post(f"/reviews/{review.id}/findings/new", data={"text": typed}).status_code == 302
    assert db.session.scalar(db.select(Finding.text)) == "y" * (limit - 2) + "\n" + "y"


def test_the_theme_form_says_which_kinds_are_offered_for_tagging(sign_in):
    pages, _ = sign_in("admin")
    hint = pages.get("/admin/themes/new").select_one("#kind-hint").get_text(" ", strip=True)
    assert "learning from reviews, practice themes, case factors" in hint
    assert "not offered for tagging" in hint
