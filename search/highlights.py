"""Snippets with the matched words marked, as Whoosh's pinpoint highlighter makes them."""
from __future__ import annotations

import heapq
from html import escape as html_escape

from markupsafe import escape

from .schema import STORED_TEXT_CHARS

SNIPPET_MAXCHARS = 220
SNIPPET_SURROUND = 70
SNIPPET_FRAGMENTS = 2
_CHARLIMIT = STORED_TEXT_CHARS
# Past this many words a document's matches are found by analysing its stored window, not read
# from the postings (which would decode every match in the whole document).
POSTINGS_WORDS = 5000
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
    hitterms = {h.docnum: [t for f, t in results.docterms.get(h.docnum, ()) if f == "text"] for h in page_hits}
    reader = searcher.reader()
    long = {d for d in hitterms if reader.doc_field_length(d, "text", 0) > POSTINGS_WORDS}
    chars = _term_characters(searcher, {d: terms for d, terms in hitterms.items() if d not in long})
    out = {}
    for h in page_hits:
        text = h.fields().get("text") or ""
        terms = hitterms[h.docnum]
        found = _window_tokens(searcher, text, terms) if h.docnum in long else _match_tokens(terms, chars, h.docnum)
        tokens = _longest_tokens(found)
        out[h.docnum] = " … ".join(_marked(text, fragment, seen) for fragment in _best_fragments(text, tokens))
    return out


def _term_characters(searcher, hitterms: dict[int, list[bytes]]) -> dict[tuple[int, bytes], list]:
    """(docnum, term) → the term's character offsets in that document, read from the postings."""
    wanted: dict[bytes, list[int]] = {}
    for docnum, terms in hitterms.items():
        for t in terms:
            wanted.setdefault(t, []).append(docnum)
    chars: dict[tuple[int, bytes], list] = {}
    for term, docnums in wanted.items():
        m = searcher.postings("text", term)
        for docnum in sorted(docnums):
            m.skip_to(docnum)
            chars[docnum, term] = m.value_as("characters")
    return chars


def _match_tokens(terms: list[bytes], chars: dict, docnum: int) -> list[tuple[int, int, str]]:
    """(start, end, word) for every match within the character limit, in text order."""
    tokens = []
    for term in terms:
        word = term.decode("utf-8")
        for _, start, end in chars[docnum, term]:
            if end > _CHARLIMIT:
                break
            tokens.append((start, end, word))
    tokens.sort(key=lambda t: t[0])
    return tokens


def _window_tokens(searcher, text: str, terms: list[bytes]) -> list[tuple[int, int, str]]:
    """(start, end, word) for every match in a stored window, found by the index's own analyzer.
    A word cut off at the end of the window is not a match."""
    words = {term.decode("utf-8") for term in terms}
    cut = len(text) >= _CHARLIMIT
    return [(t.startchar, t.endchar, t.text) for t in searcher.schema["text"].analyzer(text, chars=True, mode="index")
            if t.text in words and not (cut and t.endchar >= len(text))]


def _longest_tokens(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One token per start: the longest (the first of equals)."""
    longest: list = []
    for token in tokens:
        if longest and longest[-1][0] == token[0]:
            if token[1] - token[0] > longest[-1][1] - longest[-1][0]:
                longest[-1] = token
        else:
            longest.append(token)
    return longest


def _best_fragments(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, list]]:
    """The top SNIPPET_FRAGMENTS fragments by BasicFragmentScorer, in document order."""
    scored = [(len(matches) * ((len({w for _, _, w in matches}) * 100) or 1), fragment)
              for fragment in _fragments(text, tokens) for matches in (fragment[2],)]
    best = [f for score, f in heapq.nlargest(SNIPPET_FRAGMENTS, scored, key=lambda sf: sf[0]) if score >= 1]
    best.sort(key=lambda f: f[0])
    return best


def _marked(text: str, fragment: tuple[int, int, list], seen: dict) -> str:
    """A fragment as escaped HTML with each match marked, numbered as HtmlFormatter numbers terms."""
    startchar, endchar, matches = fragment
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
    return "".join(piece)


def _snippet(snippet: str, stored: str) -> str:
    if snippet:
        return snippet
    return str(escape(stored[:240] + ("…" if len(stored) > 240 else "")))
