"""Python source that newslint writes out at run time, compiled once and kept between runs.

Some rules turn their lexicons into Python functions (the T family's literal gates and
branch matchers: plugins/literal_gates.py): plain ``startswith``/``in`` tests run much
faster than a regular expression tried at every position. Compiling that source takes
tens of milliseconds each start, a good part of a one-file run such as a pre-commit hook,
so the compiled code is kept in the cache folder like a ``.pyc`` file: ``compiled(source)``
returns ``compile(source, ...)`` and reads it back, marshalled, when an earlier run
compiled the same source.

The table is a ``newslint.cache.EntryFiles`` (one file an entry, so a start reads only the
code it runs, however many lexicon variants were compiled before), keyed by the whole
source (so a hit is the same text, never a look-alike) and named after Python's bytecode
tag, as the marshal format and the bytecode change between Python versions. An entry that
does not read back as code is compiled again.
"""
from __future__ import annotations

import marshal
import sys
from types import CodeType

from newslint import cache

MAX_SAVED = 32  # code of this many sources is kept; a write removes the least recently used beyond that
FILENAME = "<newslint generated>"

TABLE = cache.EntryFiles(f"code-{sys.implementation.cache_tag}", max_entries=MAX_SAVED)


def compiled(source: str, mode: str = "exec") -> CodeType:
    """``compile(source, FILENAME, mode)``, from the cache when an earlier run compiled it."""
    key = f"{mode}\0{source}"
    code = _code_in(TABLE.get(key, lambda: marshal.dumps(compile(source, FILENAME, mode))))
    if code is None:  # a damaged entry
        code = compile(source, FILENAME, mode)
        TABLE.put(key, marshal.dumps(code))
    return code


def _code_in(blob) -> CodeType | None:
    try:
        code = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None
