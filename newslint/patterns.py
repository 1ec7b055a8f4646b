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

The cache file lives in the folder ``newslint.cache.folder()`` names and is
named after the versions of newslint, regex and Python, so an upgrade starts a
new one. It is written atomically at exit only when a pattern was missing
(keeping at most ``MAX_SAVED`` patterns, so house rules that change often
don't make it grow without end), and only patterns are read back from it: the
loader refuses every object but the regex module's own compile function.
"""
from __future__ import annotations

import io
import pickle
import sys
from pathlib import Path

import regex

from newslint import cache
from newslint._version import __version__

MAX_SAVED = 2000  # beyond this, a save keeps only the patterns this process asked for

Key = tuple[str, int]
_saved: dict[Key, bytes] | None = None  # pickled patterns, unpickled only when asked for
_compiled: dict[Key, regex.Pattern] = {}
_asked: set[Key] = set()
_missing = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    """``regex.compile(pattern, flags)``, from the cache when this start or an earlier one compiled it."""
    global _missing
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is not None:
        return found
    _asked.add(key)
    saved = _loaded()
    found = _unpickled(saved.get(key), pattern)
    if found is None:
        found = regex.compile(pattern, flags)
        saved[key] = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
        if not _missing:
            _missing = True
            cache.save_at_exit(save)
    _compiled[key] = found
    return found


def cache_path() -> Path | None:
    """The cache file, or None when ``NEWSLINT_CACHE_DIR`` is set to an empty string."""
    folder = cache.folder()
    if folder is None:
        return None
    python = "".join(map(str, sys.version_info[:2]))
    return folder / f"patterns-{__version__}-regex{regex.__version__}-py{python}.pickle"


class _PatternUnpickler(pickle.Unpickler):
    """Reads back compiled patterns and plain data, nothing else."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


class _PlainUnpickler(pickle.Unpickler):
    """Reads back plain data only (the file's table of pickled patterns)."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


_UNREADABLE = (OSError, EOFError, ValueError, TypeError, AttributeError, IndexError, pickle.UnpicklingError, regex.error)


def _unpickled(blob: bytes | None, pattern: str) -> regex.Pattern | None:
    if not isinstance(blob, bytes):
        return None
    try:
        found = _PatternUnpickler(io.BytesIO(blob)).load()
    except _UNREADABLE:
        return None
    return found if isinstance(found, regex.Pattern) and found.pattern == pattern else None


def _loaded() -> dict[Key, bytes]:
    """The saved table, read once: unpickling each pattern waits until it is asked for."""
    global _saved
    if _saved is None:
        _saved = {}
        path = cache_path()
        if path is not None:
            try:
                data = _PlainUnpickler(io.BytesIO(path.read_bytes())).load()
            except _UNREADABLE:
                data = None
            if isinstance(data, dict):
                _saved.update(data)
    return _saved


def save() -> None:
    """Write the cache (atomically, merged with what other processes saved since it was read)."""
    global _missing
    path = cache_path()
    if path is None or not _missing:
        return
    _missing = False
    table = dict(_saved or {})
    try:
        saved = _PlainUnpickler(io.BytesIO(path.read_bytes())).load()
    except _UNREADABLE:
        saved = None
    if isinstance(saved, dict):
        table = {**saved, **table}
    if len(table) > MAX_SAVED:
        table = {key: table[key] for key in _asked if key in table}
    cache.write_atomic(path, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
