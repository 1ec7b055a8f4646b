"""Compiled regular expressions, kept between runs.

The ``regex`` module parses a pattern in Python, which for newslint's few
hundred patterns (lexicons turned into alternations among them) takes about
half a second: most of a one-file run such as a pre-commit hook or an editor
save. A compiled pattern pickles to its compiled code, and unpickling it is
about fifty times faster than compiling it again, so every pattern the
package compiles through ``compile()`` is saved, once, to a cache file in the
user's cache folder and read back on the next start. The file is a table of
pickled patterns; a pattern is unpickled only when it is asked for, so
entries a run does not use cost it nothing.

The table is a ``newslint.cache.Memo`` named after the versions of newslint,
regex and Python, so an upgrade starts a new one. It is written atomically at
exit only when a pattern was missing (keeping at most ``MAX_SAVED`` patterns,
so house rules that change often don't make it grow without end). The table
is read back as plain data only, and each entry as a pattern only: its loader
refuses every object but the regex module's own compile function.
"""
from __future__ import annotations

import io
import pickle
import sys
from pathlib import Path

import regex

from newslint import cache

MAX_SAVED = 2000  # beyond this, a save keeps only the patterns this process asked for
PYTHON = "".join(map(str, sys.version_info[:2]))

# (pattern, flags) -> the pickled pattern, unpickled only when asked for.
TABLE = cache.Memo(f"patterns-regex{regex.__version__}-py{PYTHON}", max_saved=MAX_SAVED, codec=cache.PLAIN_PICKLE)
_compiled: dict[tuple[str, int], regex.Pattern] = {}


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    """``regex.compile(pattern, flags)``, from the cache when this start or an earlier one compiled it."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is not None:
        return found
    found = _unpickled(TABLE.lookup(key), pattern)
    if found is None:
        found = regex.compile(pattern, flags)
        TABLE.put(key, pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    _compiled[key] = found
    return found


def cache_path() -> Path | None:
    """The cache file, or None when ``NEWSLINT_CACHE_DIR`` is set to an empty string."""
    return TABLE.path()


class _PatternUnpickler(pickle.Unpickler):
    """Reads back a compiled pattern, nothing else."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


_UNREADABLE = (EOFError, ValueError, TypeError, AttributeError, IndexError, pickle.UnpicklingError, regex.error)


def _unpickled(blob: bytes | None, pattern: str) -> regex.Pattern | None:
    if not isinstance(blob, bytes):
        return None
    try:
        found = _PatternUnpickler(io.BytesIO(blob)).load()
    except _UNREADABLE:
        return None
    return found if isinstance(found, regex.Pattern) and found.pattern == pattern else None
