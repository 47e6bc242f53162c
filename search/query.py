"""Answering searches: parsing forgivingly, applying access inside the query, facets, highlights,
similar learning and the repeat-recommendations report.

A process keeps one searcher per thread and reuses it until the index changes
(checked with `Searcher.up_to_date()`), with the document sets it derives (who may see what, which documents
carry each facet value) cached beside it. Before any search answers, the outbox is drained."""
from __future__ import annotations

import functools
import heapq
import logging
import os
import re
import threading
import unicodedata
from html import escape as html_escape
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from flask import current_app
from markupsafe import escape
from whoosh import highlight
from whoosh import index as whoosh_index
from whoosh import qparser
from whoosh.query import And, AndNot, Every, Not, NullQuery, Or, Phrase, Prefix, Query, Term

from dhr.data import policy

from . import indexing
from .schema import FACET_FIELDS, TEXT_ANALYZER

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 24
PER_PAGE = 20
MAX_PAGE = 50
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
BINARY_OPERATORS = OPERATORS - {"NOT"}


# ---------------------------------------------------------------------------------------------
# A searcher reused until the index changes

@dataclass
class _State:
    directory: Path
    ix: object
    searcher: object
    cache: dict = field(default_factory=dict)


_local = threading.local()


def _directory() -> str:
    """The directory the index's `current` link points at now (one readlink)."""
    return os.path.realpath(os.path.join(current_app.config["DHR_INDEX_DIR"], "current"))


def _state(directory: str | None = None) -> _State:
    """This thread's searcher, refreshed if the index has changed or been swapped by a rebuild."""
    if directory is None:
        directory = _directory()
    states: dict = getattr(_local, "states", None) or {}
    _local.states = states
    state = states.get(directory)
    try:
        if state is None:
            if not indexing.exists():
                raise indexing.IndexUnavailable("The search index has not been built")
            for old in states.values():  # a rebuild swapped the directory: let the old one go
                old.searcher.close()
            states.clear()
            ix = whoosh_index.open_dir(directory)
            state = _State(Path(directory), ix, ix.searcher())
            states[directory] = state
        else:
            # Not Searcher.refresh(): it reuses segment readers whose cached set of deleted
            # documents predates the new commit, so deleted (e.g. unpublished) documents would
            # still match. Reopening costs a few milliseconds, once per index change.
            if not state.searcher.up_to_date():
                old = state.searcher
                state.searcher = state.ix.searcher()
                state.cache.clear()
                old.close()
    except indexing.IndexUnavailable:
        raise
    except Exception as error:  # a damaged index: search says so, the app carries on
        states.clear()
        raise indexing.IndexUnavailable(f"The search index cannot be read: {error}") from error
    return state


def _ready() -> _State:
    """Catch up with the outbox (a cheap check first), then this thread's current searcher."""
    directory = _directory()
    indexing.catch_up_if_needed(directory)
    return _state(directory)


def _cached(state: _State, key, compute):
    if key not in state.cache:
        state.cache[key] = compute()
    return state.cache[key]


def _docset(state: _State, q: Query) -> set[int]:
    return set(state.searcher.docs_for_query(q))


def _match_set(state: _State, q: Query) -> set[int]:
    """The documents matching q, combining per-leaf sets in C (set operations) rather than
    walking Whoosh's boolean matchers in Python, which is slow for NOT and wide ANDs."""
    if isinstance(q, AndNot):
        return _match_set(state, q.a) - _match_set(state, q.b)
    if isinstance(q, And):
        positive = [c for c in q.subqueries if not isinstance(c, Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, Not)]
        if not positive:
            return _docset(state, q)
        sets = sorted((_match_set(state, c) for c in positive), key=len)
        out = set(sets[0])
        for other in sets[1:]:
            out &= other
        for c in negative:
            out -= _match_set(state, c)
        return out
    if isinstance(q, Or) and not isinstance(q, NullQuery.__class__):
        out: set[int] = set()
        for c in q.subqueries:
            if isinstance(c, Not):
                return _docset(state, q)
            out |= _match_set(state, c)
        return out
    return _docset(state, q)


def _scoring_query(q: Query) -> Query:
    """The query without its NOT parts (they never add to a score; the filter set already
    excludes what they exclude), so ranking walks only the positive postings."""
    if isinstance(q, AndNot):
        return _scoring_query(q.a)
    if isinstance(q, And):
        kept = [_scoring_query(c) for c in q.subqueries if not isinstance(c, Not)]
        if kept and len(kept) < len(q.subqueries):
            return kept[0] if len(kept) == 1 else And(kept, boost=q.boost)
    return q


def facet_sets(state: _State, fieldname: str) -> dict[str, set[int]]:
    """Every value of a facet field and the (live) documents that carry it."""
    def compute():
        reader = state.searcher.reader()
        out = {}
        for value in reader.field_terms(fieldname):
            if value:
                out[value] = _docset(state, Term(fieldname, value))
        return out

    return _cached(state, ("facet", fieldname), compute)


# ---------------------------------------------------------------------------------------------
# Access, inside the query

def access_query(user) -> Query | None:
    """The Whoosh filter for a user, from the access policy's tokens: None means everything."""
    tokens = policy.tokens(user)
    if tokens is None:
        return None
    return Or([Term("audience", token) for token in sorted(tokens)])


def allowed_docs(state: _State, user) -> set[int] | None:
    q = access_query(user)
    if q is None:
        return None
    return _cached(state, ("access", repr(q)), lambda: _docset(state, q))


# ---------------------------------------------------------------------------------------------
# Parsing that never fails

@dataclass
class Parsed:
    query: Query
    text: str  # the query as it was run
    changed: bool  # the user's text had to be corrected
    empty: bool


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_UNSUPPORTED = re.compile(r"[:^~\[\]{}<>\\=|!&+]")
_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')


def printable(text: str) -> str:
    """The text without control characters (safe to echo back into a page)."""
    return _CONTROL.sub(" ", text or "")


def _clean_word(word: str) -> str:
    """Keep a trailing * only as a prefix search on a word of at least two letters."""
    prefix = word.endswith("*")
    core = word.replace("*", "").replace("?", "")
    if not core:
        return ""
    if prefix and len(core) >= 2 and core.upper() not in OPERATORS:
        return core + "*"
    return core


def correct(raw: str) -> str:
    """The nearest valid query to what the user typed."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    text = _CONTROL.sub(" ", text)
    text = _UNSUPPORTED.sub(" ", text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    if text.count('"') % 2:  # an unbalanced quote: drop the last one
        i = text.rfind('"')
        text = text[:i] + " " + text[i + 1:]

    tokens: list[str] = []
    words = 0
    depth = 0
    for token in _TOKEN.findall(text):
        if token.startswith('"'):
            inner = " ".join(w for w in (_clean_word(w) for w in token[1:-1].split()) if w).replace("*", "")
            if not inner:
                continue
            n = len(inner.split())
            if words + n > MAX_QUERY_WORDS:
                break
            words += n
            tokens.append(f'"{inner}"')
        elif token == "(":
            depth += 1
            tokens.append(token)
        elif token == ")":
            if depth == 0:
                continue
            depth -= 1
            tokens.append(token)
        elif token in OPERATORS:
            tokens.append(token)
        else:
            word = _clean_word(token)
            if not word:
                continue
            if words + 1 > MAX_QUERY_WORDS:
                break
            words += 1
            tokens.append(word)
    tokens.extend(")" * depth)

    # Drop operators with nothing to work on, and empty groups, until nothing changes.
    changed = True
    while changed:
        changed = False
        out: list[str] = []
        for i, token in enumerate(tokens):
            prev = out[-1] if out else None
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if token in BINARY_OPERATORS and (prev is None or prev == "(" or prev in OPERATORS
                                             or nxt is None or nxt == ")" or nxt in BINARY_OPERATORS):
                changed = True
                continue
            if token == "NOT" and (nxt is None or nxt == ")" or nxt in OPERATORS):
                changed = True
                continue
            if token == ")" and prev == "(":
                out.pop()
                changed = True
                continue
            out.append(token)
        tokens = out
    if tokens and all(t in OPERATORS or t in "()" for t in tokens):
        tokens = []
    return " ".join(tokens)


_parsers: dict[int, qparser.QueryParser] = {}


def _parser(schema) -> qparser.QueryParser:
    key = id(schema)
    if key not in _parsers:
        _parsers.clear()
        _parsers[key] = _make_parser(schema)
    return _parsers[key]


def _make_parser(schema) -> qparser.QueryParser:
    parser = qparser.QueryParser("text", schema, group=qparser.AndGroup)
    for plugin in (qparser.FieldsPlugin, qparser.WildcardPlugin, qparser.RangePlugin, qparser.BoostPlugin):
        parser.remove_plugin_class(plugin)
    parser.add_plugin(qparser.PrefixPlugin())
    return parser


_PLAIN_WORD = re.compile(r"[^\W_]+")
_PLAIN_PHRASE = re.compile(r'"[^\W_]+(?: [^\W_]+)*"')


_NOT_A_LEAF = object()


def _fast_leaf(parser, field, token: str):
    """The parser's query for one plain word, word* or quoted phrase of plain words; None for a
    stop word; _NOT_A_LEAF for anything else."""
    if _PLAIN_WORD.fullmatch(token):
        if token in OPERATORS:
            return _NOT_A_LEAF
        return parser.term_query("text", token, parser.termclass)
    if token.endswith("*") and _PLAIN_WORD.fullmatch(token[:-1]):
        return parser.term_query("text", token[:-1], Prefix, tokenize=False, removestops=False)
    if _PLAIN_PHRASE.fullmatch(token):
        words = [t.text for t in field.tokenize(token[1:-1], mode="query")]
        return parser.phraseclass("text", words, slop=1, boost=1.0)
    return _NOT_A_LEAF


def _fast_parse(fixed: str, schema) -> Query | None:
    """The query the parser would build for the commonest searches — plain words, quoted
    phrases of plain words and word* prefixes, ANDed, or two of them joined by OR or NOT —
    without the parser's tagging passes (about half of a small index's search time). Built with
    the parser's own term_query and the same Phrase and normalisation, so the result is
    identical (tests compare the two); None for anything else (other operators, groups,
    punctuation), which the parser handles."""
    parser = _parser(schema)
    field = schema["text"]
    tokens = fixed.split(" ") if '"' not in fixed else _TOKEN.findall(fixed)
    if len(tokens) == 3 and tokens[1] in ("OR", "NOT"):
        left, right = _fast_leaf(parser, field, tokens[0]), _fast_leaf(parser, field, tokens[2])
        if left is None or right is None or left is _NOT_A_LEAF or right is _NOT_A_LEAF:
            return None
        return (Or([left, right]) if tokens[1] == "OR" else And([left, Not(right)])).normalize()
    leaves: list[Query] = []
    for token in tokens:
        q = _fast_leaf(parser, field, token)
        if q is _NOT_A_LEAF:
            return None
        if q is not None:
            leaves.append(q)
    return And(leaves).normalize()


def _squash(text: str) -> str:
    return " ".join((text or "").split())


def parse(raw: str, schema, synonyms: dict | None = None) -> Parsed:
    fixed = correct(raw)
    changed = _squash(fixed) != _squash(raw)
    if not fixed:
        return Parsed(NullQuery, "", changed and bool(_squash(raw)), True)
    try:
        q = _fast_parse(fixed, schema)
        if q is None:
            q = _parser(schema).parse(fixed)
    except Exception:  # the parser should not raise, but a user's typing must never be a 500
        fixed = " ".join(w for w in fixed.replace('"', " ").split() if w not in OPERATORS and w not in "()")
        changed = True
        try:
            q = _parser(schema).parse(fixed)
        except Exception:
            q = NullQuery
    if q is NullQuery or isinstance(q, NullQuery.__class__):
        return Parsed(NullQuery, fixed, changed, True)
    if synonyms:
        q = expand_synonyms(q, synonyms)
    return Parsed(q, fixed, changed, False)


# ---------------------------------------------------------------------------------------------
# Theme synonyms and stemming

@functools.lru_cache(maxsize=8192)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in TEXT_ANALYZER(text))


@dataclass(frozen=True)
class ThemeNames:
    """What widening needs of a theme (not the ORM row, so a cached map holds no session state)."""
    id: int
    name: str
    synonyms: str

    @property
    def synonym_list(self) -> list[str]:
        return [p.strip() for p in self.synonyms.replace("\n", ",").split(",") if p.strip()]


_synonyms_cache: tuple[tuple, dict] | None = None


def current_synonyms() -> dict[tuple[str, ...], list]:
    """The synonym map of the active themes, rebuilt whenever any active theme's id, name or
    synonyms differ from what it was built from (the rows themselves are the key, so it is
    never stale: one small SELECT, no stemming, when nothing has changed)."""
    global _synonyms_cache
    from dhr.data import learning

    rows = learning.theme_names()
    cached = _synonyms_cache
    if cached is not None and cached[0] == rows:
        return cached[1]
    built = synonym_map(ThemeNames(row[0], row[1], row[2] or "") for row in rows)
    _synonyms_cache = (rows, built)
    return built


def synonym_map(themes: Iterable) -> dict[tuple[str, ...], list]:
    """Stemmed name or synonym → the themes that it names."""
    out: dict[tuple[str, ...], list] = {}
    for theme in themes:
        for name in [theme.name, *theme.synonym_list]:
            key = _stems(name)
            if key:
                out.setdefault(key, []).append(theme)
    return out


def _text_query(stems: tuple[str, ...], boost: float) -> Query:
    if len(stems) == 1:
        return Term("text", stems[0], boost=boost)
    return Phrase("text", list(stems), boost=boost)


def expand_synonyms(q: Query, synonyms: dict) -> Query:
    """Widen each word or phrase that names a theme to the theme's other names and the tag."""
    key = None
    if isinstance(q, Term) and q.fieldname == "text":
        key = (q.text,)
    elif isinstance(q, Phrase) and q.fieldname == "text":
        key = tuple(q.words)
    if key is not None:
        themes = synonyms.get(key)
        if not themes:
            return q
        alternatives: list[Query] = [q]
        seen = {key}
        for theme in themes:
            alternatives.append(Term("themes", str(theme.id), boost=0.8))
            for name in [theme.name, *theme.synonym_list]:
                stems = _stems(name)
                if stems and stems not in seen:
                    seen.add(stems)
                    alternatives.append(_text_query(stems, 0.8))
        return Or(alternatives)
    if q.is_leaf():
        return q
    if isinstance(q, And):
        q = _expand_runs(q, synonyms)
        if not isinstance(q, And):
            return q
    return q.apply(lambda child: expand_synonyms(child, synonyms))


def _expand_runs(q: And, synonyms: dict) -> Query:
    """Unquoted words that together name a theme ("risk assessment") widen as a phrase would."""
    children = list(q.subqueries)
    longest = max((len(k) for k in synonyms), default=1)
    out: list[Query] = []
    i = 0
    changed = False
    while i < len(children):
        for size in range(min(longest, len(children) - i), 1, -1):
            run = children[i:i + size]
            if all(isinstance(c, Term) and c.fieldname == "text" for c in run):
                key = tuple(c.text for c in run)
                if key in synonyms:
                    widened = expand_synonyms(Phrase("text", list(key)), synonyms)
                    alternatives = [And(run)] + list(widened.subqueries[1:])
                    out.append(Or(alternatives))
                    i += size
                    changed = True
                    break
        else:
            out.append(children[i])
            i += 1
    if not changed:
        return q
    return out[0] if len(out) == 1 else And(out, boost=q.boost)


# ---------------------------------------------------------------------------------------------
# Searching

@dataclass
class Hit:
    key: str
    kind: str
    entity_id: int
    review_id: int
    title: str
    snippet: str  # safe HTML: Whoosh escapes the text and adds <mark>
    themes: list[str]
    date: object
    score: float


@dataclass
class Results:
    parsed: Parsed
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    page: int
    pages: int


def _filter_sets(state: _State, selected: dict[str, list[str]]) -> dict[str, set[int]]:
    """For each facet with values chosen: the documents carrying any of them."""
    out = {}
    for name, values in selected.items():
        if name not in FACET_FIELDS or not values:
            continue
        sets = facet_sets(state, name)
        chosen: set[int] = set()
        for value in values:
            chosen |= sets.get(value, set())
        out[name] = chosen
    return out


SNIPPET_MAXCHARS = 220
SNIPPET_SURROUND = 70
SNIPPET_FRAGMENTS = 2
_CHARLIMIT = highlight.DEFAULT_CHARLIMIT
_MARK = '<mark class="app-learning-match app-learning-term%d">%s</mark>'


def _fragments(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, list]]:
    """Whoosh's PinpointFragmenter (maxchars, surround, autotrim) over (start, end, term) tuples."""
    out = []
    j = -1
    last = len(tokens) - 1
    for i, (left, right, _) in enumerate(tokens):
        if j >= i:
            continue
        j = i
        if right > _CHARLIMIT:
            break
        currentlen = right - left
        while j < last and currentlen < SNIPPET_MAXCHARS:
            start, end, _ = tokens[j + 1]
            if end - right <= SNIPPET_SURROUND and end - left <= SNIPPET_MAXCHARS:
                j += 1
                right = end
                currentlen += end - start
            else:
                break
        matches = tokens[i:j + 1]
        startchar = max(0, left - SNIPPET_SURROUND)
        endchar = min(len(text), right + SNIPPET_SURROUND)
        firstspace = text.find(" ", startchar, endchar)  # autotrim to whole words
        if firstspace > 0:
            startchar = firstspace + 1
        lastspace = text.rfind(" ", startchar, endchar)
        if lastspace > 0:
            endchar = lastspace
        startchar = min(startchar, matches[0][0])
        endchar = max(endchar, matches[-1][1])
        out.append((startchar, endchar, matches))
    return out


def _highlights(searcher, results, page_hits, seen: dict) -> dict[int, str]:
    """Snippets for a page of hits: what Whoosh's pinpoint highlighter (PinpointFragmenter,
    BasicFragmentScorer, top 2 in document order, HtmlFormatter) makes, from the same
    character offsets in the postings and the same matched terms, but with tuples instead of
    a Token and Fragment object per match (the highlighter was the largest part of a small
    index's search time). `seen` numbers the terms across the page as HtmlFormatter does."""
    hitterms = {}
    wanted: dict[bytes, list[int]] = {}
    for h in page_hits:
        terms = [t for f, t in results.docterms.get(h.docnum, ()) if f == "text"]
        hitterms[h.docnum] = terms
        for t in terms:
            wanted.setdefault(t, []).append(h.docnum)
    chars: dict[tuple[int, bytes], list] = {}
    for term, docnums in wanted.items():
        m = searcher.postings("text", term)
        for docnum in sorted(docnums):
            m.skip_to(docnum)
            chars[docnum, term] = m.value_as("characters")
    out = {}
    for h in page_hits:
        text = h.fields().get("text") or ""
        tokens = []
        for term in hitterms[h.docnum]:
            word = term.decode("utf-8")
            for _, start, end in chars[h.docnum, term]:
                if end > _CHARLIMIT:
                    break
                tokens.append((start, end, word))
        tokens.sort(key=lambda t: t[0])
        longest: list = []  # one token per start: the longest (the first of equals)
        for token in tokens:
            if longest and longest[-1][0] == token[0]:
                if token[1] - token[0] > longest[-1][1] - longest[-1][0]:
                    longest[-1] = token
            else:
                longest.append(token)
        scored = [(len(matches) * ((len({w for _, _, w in matches}) * 100) or 1), fragment)
                  for fragment in _fragments(text, longest) for matches in (fragment[2],)]
        best = [f for score, f in heapq.nlargest(SNIPPET_FRAGMENTS, scored, key=lambda sf: sf[0]) if score >= 1]
        best.sort(key=lambda f: f[0])
        parts = []
        for startchar, endchar, matches in best:
            piece = []
            index = startchar
            for start, end, _ in sorted(matches, key=lambda t: (t[0], t[0] - t[1])):
                if start < index:
                    continue
                if start > index:
                    piece.append(html_escape(text[index:start], quote=False))
                word = html_escape(text[start:end], quote=False)
                number = seen.get(word)
                if number is None:
                    number = seen[word] = len(seen) % 5
                piece.append(_MARK % (number, word))
                index = end
            piece.append(html_escape(text[index:endchar], quote=False))
            parts.append("".join(piece))
        out[h.docnum] = " … ".join(parts)
    return out


def _snippet(snippet: str, stored: str) -> str:
    if snippet:
        return snippet
    return str(escape(stored[:240] + ("…" if len(stored) > 240 else "")))


def run(user, raw_query: str, selected: dict[str, list[str]] | None = None, sort: str = "relevance",
        page: int = 1, synonyms: dict | None = None, per_page: int = PER_PAGE) -> Results:
    """Search as `user`. Raises IndexUnavailable if there is no usable index."""
    state = _ready()
    searcher = state.searcher
    selected = {k: v for k, v in (selected or {}).items() if v}
    parsed = parse(raw_query, searcher.schema, synonyms)
    if parsed.empty and (raw_query or "").strip():
        return Results(parsed, 0, [], {}, 1, 0)
    query = Every() if parsed.empty else parsed.query

    allowed = allowed_docs(state, user)
    if isinstance(query, Every):
        matched = set(allowed) if allowed is not None else set(searcher.reader().all_doc_ids())
    else:
        matched = _match_set(state, query)
        if allowed is not None:
            matched &= allowed
    filters = _filter_sets(state, selected)
    final = matched
    for chosen in filters.values():
        final = final & chosen

    facets: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_FIELDS:
        base = matched
        for other, chosen in filters.items():
            if other != name:
                base = base & chosen
        counts = []
        for value, docs in facet_sets(state, name).items():
            n = len(base & docs)
            if n:
                counts.append((value, n))
        counts.sort(key=lambda vc: (-vc[1], vc[0]))
        facets[name] = counts

    total = len(final)
    pages = max(1, -(-total // per_page))
    page = max(1, min(page, pages, MAX_PAGE))
    hits: list[Hit] = []
    if total:
        wanted = page * per_page
        if sort == "date" or isinstance(query, Every):
            dates = searcher.reader().column_reader("date")
            top = heapq.nlargest(wanted, final, key=lambda d: (dates[d] or 0, d))[(page - 1) * per_page:]
            order = {d: i for i, d in enumerate(top)}
            results = searcher.search(query, filter=set(top), limit=len(top), terms=True)
            page_hits = sorted((results[i] for i in range(results.scored_length())), key=lambda h: order[h.docnum])
        else:
            results = searcher.search(_scoring_query(query), filter=final, limit=wanted, terms=True)
            # index the scored hits directly: list(results) would call len(), a full count
            page_hits = [results[i] for i in range((page - 1) * per_page, results.scored_length())]
        try:
            snippets = _highlights(searcher, results, page_hits, {})
        except Exception:  # a snippet is never worth a failed search
            log.exception("highlighting failed")
            snippets = {}
        for h in page_hits:
            fields = h.fields()
            hits.append(Hit(
                key=fields["key"], kind=fields["kind"], entity_id=int(fields["entity_id"]),
                review_id=int(fields["review_id"]), title=fields.get("title", ""),
                snippet=_snippet(snippets.get(h.docnum, ""), fields.get("text") or ""),
                themes=[t for t in (fields.get("themes") or "").split(",") if t],
                date=fields.get("date"), score=h.score or 0.0,
            ))
    return Results(parsed, total, hits, facets, page, pages)


# ---------------------------------------------------------------------------------------------
# Similar learning and the repeat-recommendations report

def _docnum(state: _State, key: str) -> int | None:
    return state.searcher.document_number(key=key)


def _like_query(state: _State, docnum: int, numterms: int = 12) -> Query | None:
    searcher = state.searcher
    fields = searcher.stored_fields(docnum)
    terms = searcher.key_terms_from_text("text", fields.get("text") or "", numterms=numterms)
    parts: list[Query] = [Term("text", word, boost=max(weight, 0.05)) for word, weight in terms]
    parts += [Term("themes", t, boost=0.5) for t in (fields.get("themes") or "").split(",") if t]
    return Or(parts) if parts else None


def similar(user, key: str, top: int = 5, kinds: tuple[str, ...] = ("finding", "recommendation")) -> list[Hit]:
    """The most similar findings and recommendations from other reviews that `user` may see."""
    state = _ready()
    searcher = state.searcher
    docnum = _docnum(state, key)
    if docnum is None:
        return []
    like = _like_query(state, docnum)
    if like is None:
        return []
    review_id = searcher.stored_fields(docnum)["review_id"]
    allow = set()
    for kind in kinds:
        allow |= facet_sets(state, "kind").get(kind, set())
    allowed = allowed_docs(state, user)
    if allowed is not None:
        allow &= allowed
    allow -= _docset(state, Term("review_id", review_id))
    if not allow:  # NB: Whoosh treats an empty filter set as no filter at all
        return []
    results = searcher.search(like, filter=allow, limit=top)
    out = []
    for h in results:
        fields = h.fields()
        text = fields.get("text") or ""
        out.append(Hit(
            key=fields["key"], kind=fields["kind"], entity_id=int(fields["entity_id"]),
            review_id=int(fields["review_id"]), title=fields.get("title", ""),
            snippet=text[:240] + ("…" if len(text) > 240 else ""),
            themes=[t for t in (fields.get("themes") or "").split(",") if t],
            date=fields.get("date"), score=h.score or 0.0,
        ))
    return out


@dataclass
class RepeatGroup:
    keys: list[str]
    review_ids: set[int]
    years: list[int]
    themes: list[str]


def repeat_recommendations(user, threshold: float = 0.35, min_reviews: int = 2) -> list[RepeatGroup]:
    """Recommendations whose words and themes recur in other reviews: clusters of mutually
    similar recommendations (Whoosh more-like-this, score relative to each one's own match)
    that span at least `min_reviews` reviews. Cached until the index changes."""
    state = _ready()
    q = access_query(user)
    return _cached(state, ("repeat", repr(q), threshold, min_reviews),
                   lambda: _compute_repeats(state, user, threshold, min_reviews))


def _compute_repeats(state: _State, user, threshold: float, min_reviews: int) -> list[RepeatGroup]:
    searcher = state.searcher
    recs = set(facet_sets(state, "kind").get("recommendation", set()))
    allowed = allowed_docs(state, user)
    if allowed is not None:
        recs &= allowed
    if not recs:  # an empty filter set would mean no filter to Whoosh
        return []
    parent = {d: d for d in recs}

    def find(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    review_of = {d: searcher.stored_fields(d)["review_id"] for d in recs}
    for docnum in sorted(recs):
        like = _like_query(state, docnum, numterms=10)
        if like is None:
            continue
        results = searcher.search(like, filter=recs, limit=6)
        own = next((h.score for h in results if h.docnum == docnum), None) or (results[0].score if results else 0)
        if not own:
            continue
        for h in results:
            if h.docnum != docnum and review_of[h.docnum] != review_of[docnum] and h.score / own >= threshold:
                parent[find(h.docnum)] = find(docnum)
    clusters: dict[int, list[int]] = {}
    for d in recs:
        clusters.setdefault(find(d), []).append(d)
    groups = []
    for members in clusters.values():
        reviews = {int(review_of[d]) for d in members}
        if len(reviews) < min_reviews:
            continue
        fields = [searcher.stored_fields(d) for d in members]
        theme_counts: dict[str, int] = {}
        for f in fields:
            for t in set((f.get("themes") or "").split(",")) - {""}:
                theme_counts[t] = theme_counts.get(t, 0) + 1
        groups.append(RepeatGroup(
            keys=[f["key"] for f in sorted(fields, key=lambda f: (f.get("date"), f["key"]))],
            review_ids=reviews,
            years=sorted({int(f["year"]) for f in fields}),
            themes=[t for t, n in sorted(theme_counts.items(), key=lambda tn: -tn[1]) if n > 1],
        ))
    groups.sort(key=lambda g: (-len(g.review_ids), -len(g.keys)))
    return groups
