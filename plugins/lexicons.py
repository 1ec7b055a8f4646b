"""The data files of the built-in rules (``data/*.yaml``), read once each."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

# libyaml's safe loader when PyYAML was built with it: the same data, ten times faster to read.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_lexicon(name: str):
    """The parsed contents of ``data/<name>`` (safe loading only)."""
    return yaml.load(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
