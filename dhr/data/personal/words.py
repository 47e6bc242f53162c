"""The word lists the scanner reads (made by dhr/data/personal/words/make_word_lists.py, which says where each
comes from), loaded once."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent / "words"


def _read(name: str) -> frozenset[str]:
    return frozenset(line.strip() for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line.strip())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return _read("first_names.txt")


@lru_cache(maxsize=1)
def first_names_also_words() -> frozenset[str]:
    return _read("first_names_also_words.txt")


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    return _read("gb_places.txt")
