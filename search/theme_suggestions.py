"""Theme suggestions for learning that arrives without themes (imported, proposed from a report,
brought in at onboarding): the themes of the most similar tagged learning, found by the same
budgeted like-this query as similar learning, and the themes whose name or a synonym the text
itself uses. Only themes a person tags learning with are suggested (learning, practice and case
factors): the death category and the strategy priority are fields of their own."""
from __future__ import annotations

from dataclasses import dataclass

from whoosh.query import Term

from .access import allowed_docs
from .similar import _budgeted_words_query, _themes
from .state import _cached, _docset, _ready, facet_sets
from .synonyms import ThemeNames, _stems

SUGGESTED = 3
NEIGHBOURS = 10
SHARPNESS = 2.0  # neighbours vote with their score squared: the closest count for more
# A theme is suggested only with a score of at least MIN_SCORE and at least RELATIVE times the best
# theme's: a weak second guess beside a strong first is left out rather than offered.
MIN_SCORE = 0.3
RELATIVE = 0.7
# A theme the text names outright counts as much as half the neighbours' whole vote; by a single
# word, much less.
NAMED_WEIGHT = 0.5
ONE_WORD_WEIGHT = 0.15
LONGEST_NAME = 6  # stems: no theme name or synonym is longer


@dataclass(frozen=True)
class Suggestion:
    theme_id: int
    name: str
    score: float
    named_in_text: bool


def _neighbour_votes(state, text: str, allow: set[int]) -> dict[int, float]:
    """Each theme's share of the neighbours' scores (1.0: every neighbour, at full score, has it)."""
    like = _budgeted_words_query(state, {"text": text})
    if like is None or not allow:  # an empty filter set would mean no filter at all
        return {}
    results = state.searcher.search(like, filter=allow, limit=NEIGHBOURS)
    hits = [results[n] for n in range(results.scored_length())]
    weights = [hit.score ** SHARPNESS for hit in hits]
    total = sum(weights)
    votes: dict[int, float] = {}
    for hit, weight in zip(hits, weights, strict=True):
        for theme_id in _themes(hit.fields()):
            votes[int(theme_id)] = votes.get(int(theme_id), 0.0) + weight / total
    return votes


def _named(text: str, themes) -> dict[int, float]:
    """The themes whose name or a synonym appears in the text (stemmed, as search reads it), each
    with the weight of its longest such phrase: a phrase of several words names a theme far more
    surely than one word does ("tracking" may be surveillance, or a referral's progress)."""
    stems = _stems(text)
    runs = {stems[i:i + n] for n in range(1, LONGEST_NAME + 1) for i in range(len(stems) - n + 1)}
    named: dict[int, float] = {}
    for theme in themes:
        lengths = [len(key) for key in map(_stems, [theme.name, *theme.synonym_list]) if key and key in runs]
        if lengths:
            named[theme.id] = NAMED_WEIGHT if max(lengths) > 1 else ONE_WORD_WEIGHT
    return named


def _learning_with_themes(state) -> set[int]:
    kinds = facet_sets(state, "kind")
    learning = kinds.get("finding", set()) | kinds.get("recommendation", set())
    return learning & set().union(*facet_sets(state, "themes").values())


def _tagged_learning(state, user, leave_out_review: int | None) -> set[int]:
    """The findings and recommendations `user` may see that carry a theme, bar one review's."""
    allow = _cached(state, "tagged learning", lambda: _learning_with_themes(state))  # shared: never changed here
    allowed = allowed_docs(state, user) if user is not None else None
    if allowed is not None:
        allow = allow & allowed
    if leave_out_review is not None:
        allow = allow - _docset(state, Term("review_id", str(leave_out_review)))
    return allow


def suggest(text: str, themes, *, user=None, leave_out_review: int | None = None,
            top: int = SUGGESTED, from_tagged: bool = True) -> list[Suggestion]:
    """Up to `top` of `themes` (search.synonyms.ThemeNames of the themes that may be suggested)
    for `text`, best first, leaving out the weak ones. `user` None reads all tagged learning (the
    benchmark); a review left out is one whose own tags must not be read (in the benchmark, the
    item's own). Without `from_tagged` only the themes' names and synonyms are read (while this
    server's search index is being built)."""
    by_id = {theme.id: theme for theme in themes}
    votes = {}
    if from_tagged:
        state = _ready()
        votes = _neighbour_votes(state, text, _tagged_learning(state, user, leave_out_review))
    named = _named(text, by_id.values())
    scores = {theme_id: votes.get(theme_id, 0.0) + named.get(theme_id, 0.0)
              for theme_id in by_id if theme_id in votes or theme_id in named}
    ranked = sorted(scores.items(), key=lambda item: (-item[1], by_id[item[0]].name))
    best = ranked[0][1] if ranked else 0.0
    return [Suggestion(theme_id, by_id[theme_id].name, round(score, 3), theme_id in named)
            for theme_id, score in ranked[:top] if score >= MIN_SCORE and score >= RELATIVE * best]


def taggable_themes() -> list[ThemeNames]:
    """The active themes that may be suggested."""
    from dhr.data import learning

    return [ThemeNames(row[0], row[1], row[2] or "") for row in learning.taggable_theme_names()]
