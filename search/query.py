"""The search API the application uses: answering searches (parsing forgivingly, applying access
inside the query, facets, highlights), similar learning and the repeat-recommendations report.

Each job lives in its own module: `state` (the searcher reused until the index changes),
`access` (who may see what), `parsing`, `synonyms`, `results` (run and its page of hits),
`highlights`, `similar` and `repeats` (the report, computed in the background); `host` does
this host's index work in the background."""
from __future__ import annotations

from .access import access_query, allowed_docs
from .parsing import BINARY_OPERATORS, MAX_QUERY_CHARS, MAX_QUERY_WORDS, OPERATORS, Parsed, correct, parse, printable
from .repeats import RepeatGroup, Report, repeat_recommendations, report
from .results import MAX_PAGE, PER_PAGE, Hit, Results, run
from .similar import similar
from .state import facet_sets
from .synonyms import ThemeNames, current_synonyms, expand_synonyms, synonym_map

__all__ = [
    "BINARY_OPERATORS", "MAX_PAGE", "MAX_QUERY_CHARS", "MAX_QUERY_WORDS", "OPERATORS", "PER_PAGE",
    "Hit", "Parsed", "RepeatGroup", "Report", "Results", "ThemeNames",
    "access_query", "allowed_docs", "correct", "current_synonyms", "expand_synonyms", "facet_sets",
    "parse", "printable", "repeat_recommendations", "report", "run", "similar", "synonym_map",
]
