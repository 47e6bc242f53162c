"""Every count on a page, in a message or in a PDF agrees with its noun through dhr.wording.counted:
nothing builds a plural inline, and nothing says "item(s)"."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from . import factories as make

ROOT = Path(__file__).resolve().parent.parent
INLINE_PLURALS = [
    re.compile(r"""['"]['"] if [^'"]*[=!]= ?1 else ['"]s['"]"""),  # '' if n == 1 else 's'
    re.compile(r"""['"]s['"] if [^'"]*[=!]= ?1"""),  # 's' if n != 1
    # item(s); "Finding(s)" is the Home Office action plan template's own column heading, a name
    re.compile(r"""\w\(s\)(?<!Finding\(s\))"""),
    re.compile(r"""['"]y['"] if [^'"]*[=!]= ?1 else ['"]ies['"]"""),  # agenc{'y' if n == 1 else 'ies'}
    re.compile(r"""if [^'"]*== ?1 else [\w.]+\[:-1\]|if [^'"]*!= ?1 else [\w.]+\[:-1\]"""),  # nouns[:-1]
]


def _sources():
    for folder, pattern in (("templates", "**/*.html"), ("dhr", "**/*.py"), ("search", "**/*.py"),
                            ("exports", "**/*.py")):
        yield from sorted((ROOT / folder).glob(pattern))


def test_no_template_or_module_builds_a_plural_inline():
    sources = list(_sources())
    assert len(sources) > 100 and any(p.name == "publication_check.html" for p in sources)
    found = []
    for path in sources:
        if path.name == "wording.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in INLINE_PLURALS):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert found == []


def test_the_patterns_find_what_they_are_for():
    for written in ["{{ n }} item{{ '' if n == 1 else 's' }}", "recommendation{'s' if found != 1 else ''}",
                    "' item(s) must be fixed'",
                    "agenc{'y' if len(found) == 1 else 'ies'}", "{{ shows if total != 1 else shows[:-1] }}"]:
        assert any(p.search(written) for p in INLINE_PLURALS), written
    for written in ["{{ n | counted('item') }}", 'FINDINGS = "Finding(s)"']:
        assert not any(p.search(written) for p in INLINE_PLURALS), written


def _approved_review(chair, summary):
    return make.review(chair=chair, stage="approved", notified_on=dt.date(2024, 1, 5), decision_on=dt.date(2024, 1, 10),
                       approved_on=dt.date(2024, 6, 1), summary=summary)


def test_the_publication_check_counts_its_items(sign_in):
    pages, chair = sign_in("chair")
    one = _approved_review(chair, "Call jane@example.org.")
    two = _approved_review(chair, "Adult A lived at B15 2TT. Call jane@example.org.")
    for review, count in ((one, "1 item"), (two, "2 items")):
        check = pages.get(f"/reviews/{review.id}/publication-check").select_one(".govuk-warning-text")
        assert check.get_text(" ", strip=True).endswith(
            f"{count} must be fixed or accepted before the review is published."), check
