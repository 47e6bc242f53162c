"""The search page's filters (chosen ones as removable tags, Apply near the top), adding and
removing findings in place, and accessible names that say what the screen shows."""
from __future__ import annotations

import copy
import re
from urllib.parse import parse_qs, urlsplit

from dhr.data.models import Collection
from dhr.extensions import db
from search import host

from . import factories as make


def _name(element) -> str:
    """What a screen reader announces for a link, button or label: all its text, visually hidden
    or not, less what is hidden from assistive technology (aria-hidden)."""
    element = copy.copy(element)
    for hidden in element.select("[aria-hidden=true]"):
        hidden.decompose()
    return " ".join(element.get_text().split())


def _visible(element) -> str:
    element = copy.copy(element)
    for hidden in element.select(".govuk-visually-hidden, [aria-hidden=true]"):
        hidden.decompose()
    return " ".join(element.get_text().split())


def _shown(soup) -> str:
    """The page's text as the screen shows it: visually hidden text left out."""
    for hidden in soup.select(".govuk-visually-hidden"):
        hidden.decompose()
    return soup.get_text(" ", strip=True)


def test_chosen_filters_are_tags_that_each_remove_only_themselves(learning_world, sign_in):
    pages, _ = sign_in("trainer")
    w = learning_world
    soup = pages.get(f"/search?q=risk&sort=date&themes={w.risk.id}&themes={w.separation.id}&year=2019")
    tags = soup.select(".app-filter-selected a.app-filter-tag")
    assert [_name(a) for a in tags] == ["Remove filter: Risk assessment", "Remove filter: Separation risk",
                                        "Remove filter: 2019"]
    assert [a.select_one(".govuk-visually-hidden").get_text() for a in tags] == ["Remove filter: "] * 3
    assert all(a.select_one("[aria-hidden=true]").get_text() == "×" for a in tags)  # the cross is not read out
    wanted = [{"themes": [str(w.separation.id)], "year": ["2019"]},
              {"themes": [str(w.risk.id)], "year": ["2019"]},
              {"themes": [str(w.risk.id), str(w.separation.id)]}]
    for tag, left in zip(tags, wanted, strict=True):
        query = parse_qs(urlsplit(tag["href"]).query)
        assert query.pop("q") == ["risk"] and query.pop("sort") == ["date"]
        assert query == left, tag["href"]
    headings = [h.get_text(strip=True) for h in soup.select(".app-filter-selected h4")]
    assert headings == ["Theme", "Year"]
    clear = next(a for a in soup.select(".app-filter-selected a.govuk-link") if a.get_text() == "Clear filters")
    assert parse_qs(urlsplit(clear["href"]).query) == {"q": ["risk"], "sort": ["date"]}
    # following a tag's link removes that filter and only that one
    soup = pages.get(tags[0]["href"])
    assert [_name(a) for a in soup.select("a.app-filter-tag")] == ["Remove filter: Separation risk",
                                                                   "Remove filter: 2019"]
    assert not pages.get("/search?q=risk").select(".app-filter-selected")


def test_apply_comes_before_the_theme_list_and_again_after_it(learning_world, sign_in):
    pages, _ = sign_in("trainer")
    soup = pages.get(f"/search?q=risk&themes={learning_world.risk.id}")
    form = soup.select_one("form.app-filter-options")
    order = [el for el in form.find_all(["button", "input"]) if el.name == "button" or el.get("name") == "themes"]
    kinds = ["apply" if el.name == "button" else "theme" for el in order]
    assert kinds[0] == "apply" and kinds[-1] == "apply" and "theme" in kinds, kinds
    assert [b.get_text(strip=True) for b in form.select("button")] == ["Apply filters", "Apply filters"]
    themes = next(d for d in form.select("details.govuk-details")
                  if d.select_one(".govuk-details__summary-text").get_text(strip=True).startswith("Theme"))
    assert themes.select_one(".govuk-details__summary-text").get_text(strip=True) == "Theme (1 selected)"
    assert not themes.has_attr("open")  # folded: the results are not pushed down the page
    checked = themes.select_one(f'input[name=themes][value="{learning_world.risk.id}"]')
    assert checked.has_attr("checked")


def test_adding_and_removing_keep_the_person_at_the_finding(learning_world, sign_in):
    pages, user = sign_in("trainer")
    teaching = make.collection(user, [], "Teaching set")
    make.collection(user, [], "Another set")
    finding = learning_world.r1.findings[0]
    back = "/search?q=DASH&sort=date"
    soup = pages.get(back)
    item = soup.select_one(f"li#finding-{finding.id}")
    assert not item.select(".app-learning-collect__held")
    response = pages.post("/collections/add", {"collection_id": teaching.id, "finding_id": finding.id, "next": back},
                          expected_status=302)
    assert response.headers["Location"] == f"{back}#finding-{finding.id}"
    soup = pages.get(back)
    item = soup.select_one(f"li#finding-{finding.id}")
    held = item.select(".app-learning-collect__held")
    assert len(held) == 1
    assert held[0].select_one(".app-learning-collect__state").get_text(" ", strip=True) == \
        "In your collection ‘Teaching set’"
    assert _name(held[0].button) == "Remove Finding 1 of DHR-2019-01 from your collection ‘Teaching set’"
    assert held[0].select_one("input[name=next]")["value"] == back
    # it can still go into the other collection, and only that one is offered
    assert [o.get_text() for o in item.select("select option")] == ["Another set"]
    assert _name(item.select_one("label")) == "Add to another collection: Finding 1 of DHR-2019-01"
    action = held[0]["action"]
    response = pages.post(action, {"next": back + "#elsewhere"}, expected_status=302)
    assert response.headers["Location"] == f"{back}#finding-{finding.id}"
    item = pages.get(back).select_one(f"li#finding-{finding.id}")
    assert not item.select(".app-learning-collect__held")
    assert _name(item.select_one("label")) == "Add to a collection: Finding 1 of DHR-2019-01"
    assert db.session.get(Collection, teaching.id).findings == []


def test_the_item_page_shows_its_state_and_comes_back_to_it(learning_world, sign_in):
    pages, user = sign_in("trainer")
    finding = learning_world.r1.findings[1]
    teaching = make.collection(user, [finding], "Teaching set")
    page = f"/learning/findings/{finding.id}"
    block = pages.get(page).select_one(f"#finding-{finding.id}")
    assert block.select_one(".app-learning-collect__state").get_text(" ", strip=True) == \
        "In your collection ‘Teaching set’"
    assert not block.select("select")  # in every collection the person has: nothing to add it to
    response = pages.post(block.form["action"], {"next": page}, expected_status=302)
    assert response.headers["Location"] == f"{page}#finding-{finding.id}"
    assert db.session.get(Collection, teaching.id).findings == []


def test_coming_back_only_ever_goes_to_a_page_of_this_site(learning_world, sign_in):
    pages, user = sign_in("trainer")
    teaching = make.collection(user, [], "Teaching set")
    finding = learning_world.r1.findings[0]
    for elsewhere in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "/\t/evil.example",
                      "javascript:alert(1)", "evil.example"):
        response = pages.post("/collections/add", {"collection_id": teaching.id, "finding_id": finding.id,
                                                   "next": elsewhere}, expected_status=302)
        assert urlsplit(response.headers["Location"]).path == f"/collections/{teaching.id}", elsewhere
        assert "evil" not in response.headers["Location"]
        assert "Added DHR-2019-01 finding 1 to ‘Teaching set’" in pages.get(response.headers["Location"]).get_text()
        response = pages.post(f"/collections/{teaching.id}/findings/{finding.id}/remove", {"next": elsewhere},
                              expected_status=302)
        assert urlsplit(response.headers["Location"]).path == f"/collections/{teaching.id}", elsewhere


def _controls(soup):
    return soup.select("a, button, label, summary")


def test_no_database_id_in_any_accessible_name_on_the_learning_pages(app, learning_world, sign_in):
    pages, user = sign_in("trainer")
    filler = make.review(published=True)
    for n in range(40):  # the findings under test get ids no count or position on the page reaches
        make.finding(filler, f"Filler finding {n} about bicycles.", commit=False)
    review = make.review("DHR-2030-07", published=True)
    coercion = [learning_world.coercion]
    first = make.finding(review, "Nobody asked about the tortoise and coercive control.", themes=coercion)
    second = make.finding(review, "The tortoise was a sign of coercive control.", themes=coercion)
    assert first.id > 40 and second.id > 40
    teaching = make.collection(user, [second], "Teaching set")
    urls = ["/search?q=tortoise", f"/search?q=tortoise&themes={learning_world.coercion.id}",
            f"/learning/findings/{first.id}", f"/learning/findings/{second.id}", f"/collections/{teaching.id}",
            "/collections", f"/learning/findings/{first.id}/similar", "/learning/repeat-recommendations"]
    assert host.wait(app, timeout=60)  # the repeat report is computed in the background
    ids = {str(first.id), str(second.id), str(teaching.id)}
    named = 0
    for url in urls:
        soup = pages.get(url)
        assert soup.select("main a, main button"), url
        controls = _controls(soup)
        names = [_name(el) for el in controls]
        for control, name in zip(controls, names, strict=True):
            assert _visible(control) in name, (url, name)  # what is seen is what is heard, then context
        shown = set(re.findall(r"\d+", _shown(soup)))
        for name in names:
            numbers = set(re.findall(r"\d+", name))
            assert not numbers & ids - shown, (url, name)
            assert numbers <= shown, (url, name)  # every number heard is one seen
        named += sum("DHR-2030-07" in n for n in names)
    assert named >= 5  # the controls for these findings were there to be checked
    repeat = pages.get("/learning/repeat-recommendations")
    links = [_name(a) for a in repeat.select(".app-learning-group td a")]
    assert "1. (recommendation 1 of DHR-2019-01)" in links, links  # not a bare "1."


def test_no_filter_buttons_when_there_is_nothing_to_filter(learning_world, sign_in):
    pages, _ = sign_in("trainer")
    soup = pages.get("/search?q=xylophone")
    assert soup.select_one("#results-heading").get_text(strip=True) == "0 results"
    assert not soup.select("form.app-filter-options")
    assert "No filters apply to these results." in soup.select_one(".app-learning-facets").get_text()
    soup = pages.get("/search?q=xylophone&year=2019")  # a filter chosen can still be removed or changed
    assert soup.select("form.app-filter-options") and soup.select("a.app-filter-tag")
