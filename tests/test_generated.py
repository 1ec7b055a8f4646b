"""Generated Python is compiled once, read back by later runs, and compiled again when its entry is damaged."""
from __future__ import annotations

import marshal

import pytest

from newslint import cache, generated


@pytest.fixture
def table(tmp_path, monkeypatch):
    """A fresh code table in an empty cache folder."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    fresh = cache.Memo(generated.TABLE.name, max_saved=generated.MAX_SAVED, codec=cache.PLAIN_PICKLE)
    monkeypatch.setattr(generated, "TABLE", fresh)
    return fresh


def saved_and_reread(table: cache.Memo) -> cache.Memo:
    table.save()
    return cache.Memo(table.name, max_saved=table.max_saved, codec=table.codec)


def test_the_code_is_what_compile_gives_and_is_read_back(table, monkeypatch):
    source = "def double(x):\n    return 2 * x\n"
    names: dict = {}
    exec(generated.compiled(source), names)
    assert names["double"](21) == 42

    again = saved_and_reread(table)
    monkeypatch.setattr(generated, "TABLE", again)
    monkeypatch.setattr(generated, "compile", lambda *args: pytest.fail("compiled again"), raising=False)
    code = generated.compiled(source)
    assert marshal.dumps(code) == marshal.dumps(compile(source, generated.FILENAME, "exec"))


def test_an_expression_is_kept_apart_from_a_module_of_the_same_text(table):
    assert eval(generated.compiled("1 + 2", "eval")) == 3
    assert exec(generated.compiled("1 + 2")) is None


def test_a_damaged_entry_is_compiled_again(table, monkeypatch):
    table.put(("eval", "6 * 7"), b"not marshalled code")
    assert eval(generated.compiled("6 * 7", "eval")) == 42
    table.put(("eval", "6 * 8"), marshal.dumps(12))  # marshal data, but not code
    assert eval(generated.compiled("6 * 8", "eval")) == 48
