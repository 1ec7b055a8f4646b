"""The data files of the built-in rules (``data/*.yaml``), read once each."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from newslint import cache

# libyaml's safe loader when PyYAML was built with it: the same data, ten times faster to read.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str):
    return yaml.load(text, Loader=SAFE_LOADER)


@lru_cache(maxsize=None)
def load_lexicon(name: str):
    """The parsed contents of ``data/<name>`` (safe loading only; kept pre-parsed in the user's cache)."""
    source = resources.files(__package__).joinpath("data", name)
    if isinstance(source, Path):
        return cache.parsed(source, parse_yaml)
    return parse_yaml(source.read_text(encoding="utf-8"))  # inside a zip: no file to stat
