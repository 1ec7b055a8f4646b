"""Compiled regular expressions, kept between runs.

The ``regex`` module parses a pattern in Python, which for newslint's few
hundred patterns (lexicons turned into alternations among them) takes about
half a second: most of a one-file run such as a pre-commit hook or an editor
save. A compiled pattern pickles to its compiled code, and unpickling it is
about fifty times faster than compiling it again, so every pattern the
package compiles through ``compile()`` is saved, once, to a cache file in the
user's cache folder and read back on the next start. The file is a table of
pickled patterns. A pattern found there is unpickled only when the code first
uses it (a ``CachedPattern`` stands in until then): a one-file run uses about a
quarter of the patterns the plugins define, and unpickling the rest would cost
it several milliseconds. A pattern not found there is compiled at once, so a
bad pattern still raises ``regex.error`` where ``compile()`` is called.

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
_compiled: dict[tuple[str, int], regex.Pattern | CachedPattern] = {}


def compile(pattern: str, flags: int = 0) -> regex.Pattern | CachedPattern:  # noqa: A001 - mirrors regex.compile
    """``regex.compile(pattern, flags)``, from the cache when this start or an earlier one compiled it
    (then as a ``CachedPattern``, which acts as the compiled pattern)."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is not None:
        return found
    blob = TABLE.lookup(key)
    found = CachedPattern(pattern, int(flags), blob) if isinstance(blob, bytes) else _compile_and_save(pattern, int(flags))
    _compiled[key] = found
    return found


def _compile_and_save(pattern: str, flags: int) -> regex.Pattern:
    found = regex.compile(pattern, flags)
    TABLE.put((pattern, flags), pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    return found


class CachedPattern:
    """A compiled pattern from the cache, unpickled the first time one of its attributes is used.

    ``pattern`` is there from the start. Any other attribute (``search``, ``finditer``,
    ``flags``, which regex completes with its defaults...) is taken from the compiled
    pattern and kept on the instance, so the next use finds it directly, as fast as on
    the pattern itself. A cache entry that will not unpickle is compiled again (it
    compiled once, so it cannot fail). Pickling one pickles its source, as pickling a
    compiled pattern does. A match's ``.re`` is the compiled pattern, not this stand-in:
    tell patterns apart by their groups or source, never by comparing ``match.re`` with
    a module's pattern (tests/test_patterns.py checks the code for it).
    """

    def __init__(self, pattern: str, flags: int, blob: bytes) -> None:
        self.pattern = pattern
        self._flags = flags
        self._blob = blob
        self._loaded: regex.Pattern | None = None

    def __getattr__(self, name: str):
        if name.startswith("__"):  # copy, pickle and the like ask for these: not the pattern's
            raise AttributeError(name)
        if self._loaded is None:
            self._loaded = _unpickled(self._blob, self.pattern) or _compile_and_save(self.pattern, self._flags)
            self._blob = None
        value = getattr(self._loaded, name)
        self.__dict__[name] = value
        return value

    def __reduce__(self):
        return compile, (self.pattern, self._flags)

    def __repr__(self) -> str:
        return f"newslint.patterns.compile({self.pattern!r}, {self._flags})"


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
