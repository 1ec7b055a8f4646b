"""The data files of the built-in rules (``data/``), read once each."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex
import yaml

from newslint import cache

# libyaml's safe loader when PyYAML was built with it: the same data, ten times faster to read.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The package's data folder. (Not importlib.resources: it imports zipfile and urllib, 5 ms
# of every start, and newslint_plugins is always installed as files.)
DATA = Path(__file__).resolve().parent / "data"


def parse_yaml(text: str):
    return yaml.load(text, Loader=SAFE_LOADER)


def data_file(name: str) -> Path:
    """The path of ``data/<name>``."""
    return DATA / name


@lru_cache(maxsize=None)
def load_lexicon(name: str):
    """The parsed contents of ``data/<name>`` (safe loading only; kept pre-parsed in the user's cache)."""
    return cache.parsed(data_file(name), parse_yaml)


def literal_alternation(words) -> str:
    """Lexicon words as a regex alternation of literals, longest first (so "photo credit"
    is tried before "photo"), ties in alphabetical order so the pattern is the same each run."""
    return "|".join(regex.escape(w) for w in sorted(words, key=lambda item: (-len(item), item)))
