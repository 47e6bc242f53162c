"""What makes search fast must never make it stale or different: the parser's fast path builds
exactly the parser's query; the cheap "anything new?" check still sees another process's
commit; the cached theme-synonym map follows theme changes at once."""
from __future__ import annotations

import pytest

from dhr.data import commit, themes
from dhr.data.models import Theme
from dhr.extensions import db
from search import parsing, query
from search import state as search_state
from search.schema import build_schema

from .test_search_index import _child

SIMPLE = [
    "risk", "the", "risk assessment", '"coercive control"', '"leaving the relationship"', '"the risk"',
    '"the"', "poli*", "Poli*", "runn*", "the*", "2019", "café", "Ünïcödé wörds", "naïve ﬁle", "risk 31m",
    "running Relationships*", '"run runs ran"', 'risk "a b" c*', "and or not", "x", "A1b2 3c",
    "risk OR control", "risk NOT dash", '"coercive control" OR separ*', 'risk NOT "the dash"',
]
COMPLEX = ["(risk OR dash) control", "e-mail", "o'brien", "'quoted'", "risk ANDMAYBE control", "a.b", "co* c",
           "risk OR the", "the NOT risk", "a b OR c", "risk OR control OR dash", "risk AND control", "NOT risk"]


@pytest.mark.parametrize("raw", SIMPLE + COMPLEX)
def test_fast_parse_builds_exactly_the_parsers_query(raw):
    schema = build_schema()
    fixed = query.correct(raw)
    fast = parsing._fast_parse(fixed, schema)
    if raw in SIMPLE:
        assert fast is not None, "the fast path should handle plain words, phrases and prefixes"
    if fast is not None:
        reference = parsing._parser(schema).parse(fixed)
        assert type(fast) is type(reference) and fast == reference and repr(fast) == repr(reference)


def test_a_commit_in_another_process_is_found_by_the_next_search(app, learning_world, make_user):
    trainer = make_user("trainer")
    assert query.run(trainer, "wombats").total == 0  # this process is now up to date, and says so cheaply
    done = _child(app, f"""
        review = db.session.get(Review, {learning_world.r1.id})
        review.findings.append(Finding(position=60, text="Another worker wrote about wombats."))
        db.session.commit()   # committed, but this child never drains the outbox
    """)
    assert done.returncode == 0, done.stderr
    # no commit in this process: the next search alone must notice the new outbox row
    assert query.run(trainer, "wombats").total == 1


def test_a_theme_change_widens_the_very_next_search(learning_world, make_user):
    trainer = make_user("trainer")
    rec = f"recommendation:{learning_world.r1.recommendations[0].id}"  # says "risk assessment"

    def keys(text):
        return {h.key for h in query.run(trainer, text, synonyms=query.current_synonyms()).hits}

    assert rec in keys("DASH") and rec not in keys("checklist")
    risk = db.session.scalar(db.select(Theme).where(Theme.name == "Risk assessment"))
    themes.save(risk, name=risk.name, kind=risk.kind, description=risk.description,
                synonyms="DASH, MARAC, checklist", parent=risk.parent)
    commit()
    assert rec in keys("checklist")  # the new synonym, on the next search
    themes.save(risk, name=risk.name, kind=risk.kind, description=risk.description, synonyms="MARAC",
                parent=risk.parent)
    commit()
    assert rec not in keys("checklist") and rec not in keys("DASH")  # and removed ones stop
    themes.retire(risk)
    commit()
    assert rec not in keys("MARAC")  # a retired theme no longer widens


def test_snippets_are_what_whooshs_highlighter_makes(learning_world, make_user):
    from whoosh import highlight

    trainer = make_user("trainer")
    for text in ["risk", "separated OR controlling", '"coercive control"', "coerc*", "DASH"]:
        results = query.run(trainer, text, synonyms=query.current_synonyms())
        assert results.hits
        state = search_state._state()
        parsed = query.parse(text, state.searcher.schema, query.current_synonyms())
        keys = [h.key for h in results.hits]
        wanted = {state.searcher.document_number(key=k) for k in keys}
        whoosh_results = state.searcher.search(search_state._scoring_query(parsed.query), filter=wanted,
                                               limit=len(wanted), terms=True)
        whoosh_results.fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=70, autotrim=True)
        whoosh_results.formatter = highlight.HtmlFormatter(tagname="mark", classname="app-learning-match",
                                                           termclass="app-learning-term", between=" … ")
        by_key = {}
        for i in range(whoosh_results.scored_length()):
            hit = whoosh_results[i]
            by_key[hit["key"]] = hit.highlights("text", top=2)
        for hit in results.hits:
            if by_key[hit.key]:
                # term numbering runs across a page, so compare with the numbers taken out
                assert _unnumbered(hit.snippet) == _unnumbered(by_key[hit.key]), (text, hit.key)
        assert any("<mark" in h.snippet for h in results.hits)


def _unnumbered(html: str) -> str:
    import re

    return re.sub(r"app-learning-term\d", "app-learning-term", html)
