"""Parsing that never fails, stemming, phrases, boolean operators, prefixes and theme synonyms."""
from __future__ import annotations

import pytest

from dhr.data import learning
from search import query
from search.schema import build_schema


@pytest.mark.parametrize("raw, fixed", [
    ('"separation risk', "separation risk"),
    ('risk AND', "risk"),
    ("AND OR risk", "risk"),
    ("risk OR OR control", "risk OR control"),
    ("NOT", ""),
    ("(risk", "( risk )"),
    ("risk)", "risk"),
    ("()", ""),
    ("*", ""),
    ("*ontrol", "ontrol"),
    ("co* c*", "co* c"),
    ("risk\x00\x1b[31m", "risk 31m"),
    ("title:secret", "title secret"),
    ("\u201ccoercive control\u201d", '"coercive control"'),
    ('"coercive control" AND NOT stalking', '"coercive control" AND NOT stalking'),
])
def test_correct_finds_the_nearest_valid_query(raw, fixed):
    assert query.correct(raw) == fixed


def test_huge_queries_are_capped():
    fixed = query.correct("word " * 1000)
    assert len(fixed.split()) == query.MAX_QUERY_WORDS
    assert len(query.correct("x" * 10000)) <= query.MAX_QUERY_CHARS


def test_parse_reports_a_change_and_never_raises():
    schema = build_schema()
    for raw in ['"a', "AND", "((x", "x\x00y", "NOT NOT NOT", "OR", '""', "ANDNOT x", "x ANDMAYBE"]:
        parsed = query.parse(raw, schema)
        assert parsed.text == query.correct(raw)
    assert query.parse('"separation', schema).changed
    assert not query.parse("separation risk", schema).changed


def _run(user, text):
    return {h.key for h in query.run(user, text, synonyms=query.synonym_map(learning.active_themes())).hits}


def test_stemming_phrases_booleans_and_prefixes(learning_world, make_user):
    trainer = make_user("trainer")
    r1f1, r2f1 = learning_world.r1.findings[0].id, learning_world.r2.findings[0].id
    assert f"review:{learning_world.r2.id}" in _run(trainer, "separation")  # "separated" in the summary
    assert f"finding:{r1f1}" in _run(trainer, "separated")
    assert _run(trainer, '"coercive control"') == _run(trainer, '"coercive controls"')
    assert _run(trainer, '"control coercive"') == set()
    assert f"finding:{r2f1}" in _run(trainer, "relationship OR isolation")
    assert f"review:{learning_world.r1.id}" in _run(trainer, "relationship OR isolation")
    assert _run(trainer, "relationship AND isolation") == set()
    assert f"finding:{r1f1}" not in _run(trainer, "DASH NOT separation")
    assert f"finding:{learning_world.r1.findings[1].id}" in _run(trainer, "coerc*")


def test_theme_synonyms_widen_a_search(learning_world, make_user):
    trainer = make_user("trainer")
    rec1 = f"recommendation:{learning_world.r1.recommendations[0].id}"  # says "risk assessment", not DASH
    assert rec1 in _run(trainer, "DASH")
    assert rec1 in _run(trainer, "MARAC")
    assert f"finding:{learning_world.r1.findings[0].id}" in _run(trainer, "risk assessment")  # says DASH
    # "leaving the relationship" names separation risk: the tag and the words both widen
    assert f"finding:{learning_world.r1.findings[0].id}" in _run(trainer, '"leaving the relationship"')
    # without the synonym list, no widening
    plain = {h.key for h in query.run(trainer, "MARAC").hits}
    assert plain == set()


def test_theme_facet_counts_and_narrowing(learning_world, make_user):
    trainer = make_user("trainer")
    results = query.run(trainer, "risk OR coercive OR separation")
    themes = dict(results.facets["themes"])
    assert themes[str(learning_world.coercion.id)] == 2  # the two published findings that say "coercive"
    narrowed = query.run(trainer, "risk OR coercive OR separation", {"themes": [str(learning_world.coercion.id)]})
    assert narrowed.total == 2
    # the theme facet's own counts ignore its own selection, so other themes can be added
    assert dict(narrowed.facets["themes"]) == themes
    status = query.run(trainer, "", {"status": ["verified"]})
    assert {h.key for h in status.hits} == {f"recommendation:{learning_world.r2.recommendations[0].id}"}
