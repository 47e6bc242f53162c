"""Parsing that never fails: what the user typed is corrected to the nearest valid query."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from whoosh import qparser
from whoosh.query import And, Not, NullQuery, Or, Prefix, Query

from .synonyms import expand_synonyms

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 24
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
BINARY_OPERATORS = OPERATORS - {"NOT"}


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
    tokens = _tokens(_plain_text(raw))
    tokens = _drop_dangling(tokens)
    if tokens and all(t in OPERATORS or t in "()" for t in tokens):
        tokens = []
    return " ".join(tokens)


def _plain_text(raw: str) -> str:
    """The text normalised, without control or unsupported characters, cut to length, quotes balanced."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    text = _CONTROL.sub(" ", text)
    text = _UNSUPPORTED.sub(" ", text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    if text.count('"') % 2:  # an unbalanced quote: drop the last one
        i = text.rfind('"')
        text = text[:i] + " " + text[i + 1:]
    return text


def _tokens(text: str) -> list[str]:
    """Words, phrases, operators and balanced brackets, up to MAX_QUERY_WORDS words."""
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
    return tokens


def _drop_dangling(tokens: list[str]) -> list[str]:
    """Drop operators with nothing to work on, and empty groups, until nothing changes."""
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
    return tokens


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
