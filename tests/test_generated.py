"""Generated Python is compiled once, read back by later runs, and compiled again when its entry is damaged."""
from __future__ import annotations

import marshal

import pytest

from newslint import cache, generated


@pytest.fixture
def table(tmp_path, monkeypatch):
    """A fresh code table in an empty cache folder."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    fresh = cache.EntryFiles(generated.TABLE.name, max_entries=generated.MAX_SAVED)
    monkeypatch.setattr(generated, "TABLE", fresh)
    return fresh


def test_the_code_is_what_compile_gives_and_is_read_back(table, monkeypatch):
    source = "def double(x):\n    return 2 * x\n"
    names: dict = {}
    exec(generated.compiled(source), names)
    assert names["double"](21) == 42

    monkeypatch.setattr(generated, "compile", lambda *args: pytest.fail("compiled again"), raising=False)
    code = generated.compiled(source)
    assert marshal.dumps(code) == marshal.dumps(compile(source, generated.FILENAME, "exec"))


def test_an_expression_is_kept_apart_from_a_module_of_the_same_text(table):
    assert eval(generated.compiled("1 + 2", "eval")) == 3
    assert exec(generated.compiled("1 + 2")) is None


def test_a_damaged_entry_is_compiled_again(table):
    table.put("eval\0" "6 * 7", b"not marshalled code")
    assert eval(generated.compiled("6 * 7", "eval")) == 42
    table.put("eval\0" "6 * 8", marshal.dumps(12))  # marshal data, but not code
    assert eval(generated.compiled("6 * 8", "eval")) == 48
    assert eval(generated.compiled("6 * 8", "eval")) == 48  # and the entry was mended
