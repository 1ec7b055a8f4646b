"""The user's cache folder: where it is, atomic writes into it, and what is kept there.

newslint keeps what is slow to work out between runs, only to run faster:
compiled regular expressions (``newslint.patterns``), the parsed contents of
data files (``parsed``: the rules' YAML lexicons, textstat's syllable counts),
tables of derived values (``Memo``: the template lexicon's literal gates;
``EntryFiles`` for large ones: the matchers' plans and the compiled code of the
Python that rules write out, ``newslint.generated``) and the plugins' entry
points (``newslint.entrypoints``). The folder is
``$XDG_CACHE_HOME/newslint`` (``~/.cache/newslint``); ``NEWSLINT_CACHE_DIR``
moves it, and setting it to an empty string turns caching off. Every entry is
keyed by what it depends on; an unreadable or unwritable cache is ignored: the
cache may make a run faster, never different. Caches are saved at exit, and
pool workers (which skip atexit) call ``save_all`` themselves.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import zlib
from pathlib import Path
from typing import Any, Callable, Hashable, NamedTuple

from newslint._version import __version__

_savers: list[Callable[[], None]] = []


def save_at_exit(save: Callable[[], None]) -> None:
    """Run ``save`` when the process ends (``save_all``: also in pool workers, which skip atexit)."""
    if save not in _savers:
        _savers.append(save)
        import atexit

        atexit.register(save)


def save_all() -> None:
    """Write every cache this process added to (pool workers end with os._exit, skipping atexit)."""
    for save in list(_savers):
        save()


def folder() -> Path | None:
    """The cache folder, or None when ``NEWSLINT_CACHE_DIR`` is set to an empty string."""
    configured = os.environ.get("NEWSLINT_CACHE_DIR")
    if configured is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        configured = os.path.join(base, "newslint")
    return Path(configured) if configured else None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half of one."""
    import tempfile  # writing happens on a cache miss only

    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def digest(key: str) -> str:
    """A short stable name for a cache entry (CRC-32 and Adler-32 of the key: zlib is loaded already, hashlib would cost a start 2 ms)."""
    data = key.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def code_digest(*files: str | Path) -> str:
    """A digest of source files' contents: part of the key of values that code works out,
    so that changing the code (without a version bump, as in development) starts afresh."""
    data = b""
    for path in files:
        with contextlib.suppress(OSError):
            data += Path(path).read_bytes()
    return digest(data.decode("utf-8", "surrogateescape"))


def parsed(source: Path, parse: Callable[[str], Any], depends_on: tuple[str | Path, ...] = ()) -> Any:
    """``parse(source's text)``, read back from the cache when the file has not changed since.

    The entry is named after the file's path, size and modification time, newslint's
    version and the contents of the ``depends_on`` files (the code that parses), and holds JSON, so only plain data (what safe YAML loading gives) is kept;
    data that JSON would change (dates, tuples, non-string keys) is never cached.
    """
    where = folder()
    try:
        status = source.stat()
    except OSError:
        where = None
    if where is None:
        return parse(source.read_text(encoding="utf-8"))
    key = f"{__version__}\0{source.resolve()}\0{status.st_size}\0{status.st_mtime_ns}\0{code_digest(*depends_on)}"
    entry = where / f"data-{source.stem}-{digest(key)}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(entry.read_bytes())
    value = parse(source.read_text(encoding="utf-8"))
    try:
        encoded = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # dates, sets and the like: not plain JSON data
        return value
    if json.loads(encoded) == value:
        write_atomic(entry, encoded.encode("utf-8"))
    return value


class PlainUnpickler(pickle.Unpickler):
    """Reads back plain data only (dicts, tuples, strings, bytes, numbers): never an object."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


class Codec(NamedTuple):
    """How a Memo's table is written: bytes out, bytes in, and the file's suffix."""

    dumps: Callable[[dict], bytes]
    loads: Callable[[bytes], Any]
    suffix: str


JSON = Codec(lambda table: json.dumps(table, ensure_ascii=False).encode("utf-8"), json.loads, ".json")
# For tables whose keys or values JSON can't hold (tuples as keys, bytes as values).
PLAIN_PICKLE = Codec(lambda table: pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL),
                     lambda data: PlainUnpickler(io.BytesIO(data)).load(), ".pickle")
_UNREADABLE = (OSError, EOFError, ValueError, TypeError, AttributeError, IndexError, pickle.UnpicklingError)


class Memo:
    """A table of values that are slow to work out, kept between runs.

    ``get(key, build)`` returns the saved value for ``key`` or saves what ``build()``
    returns (``lookup`` and ``put`` do the two halves). The table is read on first use and
    written atomically at exit when something was added, merged with what other processes
    saved since (keeping at most ``max_saved`` entries: beyond that, only the ones this
    process asked for). Its file is named after newslint's version and the contents of the
    ``depends_on`` files (the code that works the values out), so an upgrade or an edit
    starts afresh; a key must name everything else its value depends on. Tables are JSON
    unless a ``codec`` says otherwise; either way only plain data is ever read back.
    """

    def __init__(self, name: str, depends_on: tuple[str | Path, ...] = (), max_saved: int = 5000,
                 codec: Codec = JSON) -> None:
        self.name = name
        self.depends_on = depends_on
        self.max_saved = max_saved
        self.codec = codec
        self._table: dict | None = None
        self._asked: set = set()
        self._changed = False

    def path(self) -> Path | None:
        where = folder()
        if where is None:
            return None
        code = f"-{code_digest(*self.depends_on)}" if self.depends_on else ""
        return where / f"memo-{self.name}-{__version__}{code}{self.codec.suffix}"

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        table = self._loaded()
        self._asked.add(key)
        if key in table:  # a saved None is a value too
            return table[key]
        value = build()
        self.put(key, value)
        return value

    def lookup(self, key: Hashable) -> Any:
        """The saved value for ``key``, or None."""
        self._asked.add(key)
        return self._loaded().get(key)

    def lookup_many(self, keys: list) -> list:
        """The saved values for ``keys``, in order (None where there is none): ``lookup`` of
        each, at the cost of one call."""
        table = self._loaded()
        self._asked.update(keys)
        return list(map(table.get, keys))

    def put(self, key: Hashable, value: Any) -> None:
        self._loaded()[key] = value
        if not self._changed:
            self._changed = True
            save_at_exit(self.save)

    def _read(self) -> dict:
        path = self.path()
        if path is not None:
            try:
                data = self.codec.loads(path.read_bytes())
            except _UNREADABLE:
                return {}
            if isinstance(data, dict):
                return data
        return {}

    def _loaded(self) -> dict:
        if self._table is None:
            self._table = self._read()
        return self._table

    def save(self) -> None:
        """Write the table, merged with what other processes saved since it was read."""
        path = self.path()
        if path is None or not self._changed:
            return
        self._changed = False
        table = {**self._read(), **(self._table or {})}
        if len(table) > self.max_saved:
            table = {key: value for key, value in table.items() if key in self._asked}
        with contextlib.suppress(TypeError, ValueError):
            write_atomic(path, self.codec.dumps(table))


class EntryFiles:
    """A table of large values kept between runs, one file an entry, so that a start reads
    only the entries it asks for.

    A ``Memo`` reads its whole table at once, which suits many small values. Values the
    size of a generated module (a few hundred KB) are another matter: every lexicon a house
    configures, every test's variant and every edit of the code adds one, and a start would
    read them all (tens of MB, tens of milliseconds) to use a handful. Here an entry is a
    file named after the table, newslint's version, the ``depends_on`` code and a digest of
    the key; it holds the key and the value, plain data pickled, and a read checks the key,
    so two keys that share a digest miss rather than mix up. An entry is written atomically
    as soon as its value is worked out, and a hit marks it used (its modification time);
    when the table passes ``max_entries`` files, a write removes the least recently used.
    """

    def __init__(self, name: str, depends_on: tuple[str | Path, ...] = (), max_entries: int = 64) -> None:
        self.name = name
        self.depends_on = depends_on
        self.max_entries = max_entries
        self._code: str | None = None  # the digest of the depends_on files, read once

    def _prefix(self) -> str:
        if self._code is None:
            self._code = f"-{code_digest(*self.depends_on)}" if self.depends_on else ""
        return f"entry-{self.name}-{__version__}{self._code}-"

    def path(self, key: str) -> Path | None:
        """The file of ``key``'s entry, or None when caching is off."""
        where = folder()
        return None if where is None else where / f"{self._prefix()}{digest(key)}.pickle"

    def get(self, key: str, build: Callable[[], Any]) -> Any:
        """The saved value for ``key``, or what ``build()`` returns, saved."""
        path = self.path(key)
        if path is not None:
            try:
                saved_key, value = PLAIN_PICKLE.loads(path.read_bytes())
            except _UNREADABLE:
                pass
            else:
                if saved_key == key:
                    with contextlib.suppress(OSError):
                        os.utime(path)
                    return value
        value = build()
        self.put(key, value)
        return value

    def put(self, key: str, value: Any) -> None:
        """Save ``value`` for ``key`` now (plain data only: a value pickle can't write is not kept)."""
        path = self.path(key)
        if path is None:
            return
        try:
            data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        write_atomic(path, data)
        self._prune(path.parent)

    def _prune(self, where: Path) -> None:
        entries = []
        for path in where.glob(f"{self._prefix()}*.pickle"):
            with contextlib.suppress(OSError):
                entries.append((path.stat().st_mtime_ns, path))
        entries.sort()
        for _, path in entries[: max(0, len(entries) - self.max_entries)]:
            with contextlib.suppress(OSError):
                path.unlink()
