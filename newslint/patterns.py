"""Compiled regular expressions, kept between runs.

The ``regex`` module parses a pattern in Python, which for newslint's few
hundred patterns (lexicons turned into alternations among them) takes about
half a second: most of a one-file run such as a pre-commit hook or an editor
save. A compiled pattern pickles to its compiled code, and unpickling it is
about fifty times faster than compiling it again, so every pattern the
package compiles through ``compile()`` is saved, once, to a cache file in the
user's cache folder and read back on the next start.

The cache file is named after the versions of newslint, regex and Python, so
an upgrade starts a new one. It is written atomically at exit only when a
pattern was missing (keeping at most ``MAX_SAVED`` patterns, so house rules
that change often don't make it grow without end), and only patterns are read back from it: the loader
refuses every object but the regex module's own compile function. Set
``NEWSLINT_CACHE_DIR`` to move it, or to an empty string to turn it off; an
unreadable or unwritable cache is ignored.
"""
from __future__ import annotations

import atexit
import contextlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

from newslint._version import __version__

MAX_SAVED = 2000  # beyond this, a save keeps only the patterns this process asked for

_cache: dict[tuple[str, int], regex.Pattern] | None = None
_asked: set[tuple[str, int]] = set()
_missing = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    """``regex.compile(pattern, flags)``, from the cache when this start or an earlier one compiled it."""
    global _missing
    cache = _loaded()
    key = (pattern, int(flags))
    _asked.add(key)
    found = cache.get(key)
    if found is None:
        found = cache[key] = regex.compile(pattern, flags)
        if not _missing:
            _missing = True
            atexit.register(save)
    return found


def cache_path() -> Path | None:
    """The cache file, or None when ``NEWSLINT_CACHE_DIR`` is set to an empty string."""
    folder = os.environ.get("NEWSLINT_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "newslint")
    if not folder:
        return None
    python = "".join(map(str, sys.version_info[:2]))
    return Path(folder) / f"patterns-{__version__}-regex{regex.__version__}-py{python}.pickle"


class _PatternUnpickler(pickle.Unpickler):
    """Reads back compiled patterns and plain data, nothing else."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


def _loaded() -> dict[tuple[str, int], regex.Pattern]:
    global _cache
    if _cache is None:
        _cache = {}
        path = cache_path()
        if path is not None:
            try:
                data = _PatternUnpickler(io.BytesIO(path.read_bytes())).load()
            except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError, regex.error):
                data = None
            if isinstance(data, dict):
                _cache.update(data)
    return _cache


def save() -> None:
    """Write the cache (atomically: another process may be reading or writing it)."""
    path = cache_path()
    if path is None or not _cache:
        return
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        kept = _cache if len(_cache) <= MAX_SAVED else {key: _cache[key] for key in _asked}
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(kept, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
