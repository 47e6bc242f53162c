"""Theme suggestions for untagged learning: the themes of the most similar tagged learning and
the themes the text names, never a death category or strategy priority, never read from the
review left out, and only from learning the person may see."""
from __future__ import annotations

import datetime as dt

from search import indexing, theme_suggestions

from . import factories as make


def _review(reference: str, published: bool = True):
    return make.review(reference, published=published, notified_on=dt.date(2021, 3, 1),
                       published_on=dt.date(2022, 1, 10) if published else None)


def _names(text: str, **kwargs) -> list[str]:
    return [s.name for s in theme_suggestions.suggest(text, theme_suggestions.taggable_themes(), **kwargs)]


def _world():
    indexing.rebuild()
    stalking = make.theme("Stalking", synonyms="following, fixated behaviour")
    housing = make.theme("Housing and homelessness", kind="practice", synonyms="homeless, tenancy")
    make.theme("Intimate partner homicide", kind="death_category")
    for n in range(1, 4):
        make.finding(_review(f"DHR-2021-0{n}"), "Her former partner sent hundreds of messages and waited "
                     f"outside her workplace every evening (account {n}).", themes=[stalking])
        make.finding(_review(f"DHR-2022-0{n}"), "The council closed her homeless application because "
                     f"she could not show her tenancy papers (account {n}).", themes=[housing])
    return stalking, housing


def test_the_themes_of_similar_tagged_learning_are_suggested(app):
    _world()
    assert _names("He waited outside her workplace and sent messages every evening.") == ["Stalking"]
    assert _names("Her homeless application was closed for want of papers.") == ["Housing and homelessness"]


def test_a_theme_named_in_the_text_is_suggested_without_similar_learning(app):
    _world()
    assert _names("There was fixated behaviour towards the victim's new partner.") == ["Stalking"]


def test_a_review_left_out_lends_none_of_its_tags(app):
    indexing.rebuild()
    stalking = make.theme("Stalking")
    only = _review("DHR-2021-01")
    make.finding(only, "He waited outside her workplace every evening.", themes=[stalking])
    text = "He waited outside her workplace every evening."
    assert _names(text) == ["Stalking"]
    assert _names(text, leave_out_review=only.id) == []


def test_death_categories_are_never_suggested(app):
    _world()
    assert theme_suggestions.taggable_themes() and "Intimate partner homicide" not in {
        t.name for t in theme_suggestions.taggable_themes()}
    assert _names("An intimate partner homicide: he waited outside her workplace.") == ["Stalking"]


def test_a_trainer_is_not_suggested_themes_from_an_unpublished_review(app, make_user):
    indexing.rebuild()
    stalking = make.theme("Stalking")
    make.finding(_review("DHR-2021-01", published=False), "He waited outside her workplace every evening.",
                 themes=[stalking])
    text = "He waited outside her workplace every evening."
    assert _names(text, user=make_user("admin")) == ["Stalking"]
    assert _names(text, user=make_user("trainer")) == []
