"""The cache folder: data files kept pre-parsed, renewed when they change, never trusted blindly."""
from __future__ import annotations

import datetime
import os

import yaml

from newslint import cache


def counting_parser(calls: list):
    def parse(text: str):
        calls.append(text)
        return yaml.safe_load(text)
    return parse


def test_a_data_file_is_parsed_once_and_again_when_it_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "lexicon.yaml"
    source.write_text("words: [alpha, beta]\n")
    calls: list = []
    parse = counting_parser(calls)
    assert cache.parsed(source, parse) == {"words": ["alpha", "beta"]}
    assert cache.parsed(source, parse) == {"words": ["alpha", "beta"]}
    assert len(calls) == 1

    source.write_text("words: [alpha, beta, gamma]\n")
    os.utime(source, ns=(0, 10**18))
    assert cache.parsed(source, parse) == {"words": ["alpha", "beta", "gamma"]}
    assert len(calls) == 2


def test_data_json_would_change_is_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "dates.yaml"
    source.write_text("since: 2024-05-01\n")
    calls: list = []
    assert cache.parsed(source, counting_parser(calls)) == {"since": datetime.date(2024, 5, 1)}
    assert cache.parsed(source, counting_parser(calls)) == {"since": datetime.date(2024, 5, 1)}
    assert len(calls) == 2 and not list((tmp_path / "cache").glob("*"))


def test_a_damaged_entry_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "lexicon.yaml"
    source.write_text("- one\n")
    calls: list = []
    cache.parsed(source, counting_parser(calls))
    [entry] = (tmp_path / "cache").glob("data-lexicon-*.json")
    entry.write_text("{not json")
    assert cache.parsed(source, counting_parser(calls)) == ["one"]
    assert len(calls) == 2


def test_an_empty_cache_dir_turns_caching_off(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "")
    source = tmp_path / "lexicon.yaml"
    source.write_text("- one\n")
    calls: list = []
    cache.parsed(source, counting_parser(calls))
    cache.parsed(source, counting_parser(calls))
    assert cache.folder() is None and len(calls) == 2


def test_a_memo_is_read_back_by_the_next_process(tmp_path):
    import subprocess
    import sys

    code = ("from newslint import cache; m = cache.Memo('demo');"
            "print(m.get('k', lambda: print('built') or [1, 'two']))")
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert first == "built\n[1, 'two']\n" and second == "[1, 'two']\n"


def test_a_damaged_memo_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    memo = cache.Memo("demo")
    memo.path().write_text("[not a table")
    assert memo.get("k", lambda: 3) == 3
    memo.save()
    assert cache.Memo("demo").get("k", lambda: 4) == 3


def test_a_memo_starts_afresh_when_its_code_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    code = tmp_path / "gates.py"
    code.write_text("RULE = 1\n")
    memo = cache.Memo("demo", depends_on=(code,))
    assert memo.get("k", lambda: "old") == "old"
    memo.save()
    assert cache.Memo("demo", depends_on=(code,)).get("k", lambda: "new") == "old"
    code.write_text("RULE = 2\n")
    assert cache.Memo("demo", depends_on=(code,)).get("k", lambda: "new") == "new"


def test_a_memo_keeps_none_as_a_value(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    built = []
    memo = cache.Memo("demo")
    assert memo.get("k", lambda: built.append(1)) is None
    memo.save()
    assert cache.Memo("demo").get("k", lambda: built.append(2)) is None
    assert built == [1]


def test_a_memo_looks_up_many_keys_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    memo = cache.Memo("demo")
    memo.put("a", 1)
    memo.put("b", None)
    assert memo.lookup_many(["b", "c", "a"]) == [None, None, 1] == [memo.lookup(key) for key in "bca"]


def test_entry_files_keep_one_file_an_entry_and_read_back_only_what_is_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    built = []
    entries = cache.EntryFiles("demo")
    assert entries.get("a", lambda: built.append("a") or b"alpha") == b"alpha"
    assert entries.get("b", lambda: built.append("b") or None) is None  # None is a value too
    assert len(list(tmp_path.glob("entry-demo-*.pickle"))) == 2
    entries.path("b").unlink()
    again = cache.EntryFiles("demo")
    assert again.get("a", lambda: built.append("a2") or b"other") == b"alpha"
    assert again.get("b", lambda: built.append("b2") or [1]) == [1]
    assert built == ["a", "b", "b2"]


def test_an_entry_file_holding_another_key_or_damaged_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    entries = cache.EntryFiles("demo")
    entries.put("other key", "other value")
    entries.path("other key").replace(entries.path("k"))  # as if the two keys' digests were the same
    assert entries.get("k", lambda: "built") == "built"
    entries.path("k").write_bytes(b"not a pickle")
    assert entries.get("k", lambda: "built again") == "built again"
    assert entries.get("k", lambda: "not asked") == "built again"


def test_entry_files_start_afresh_when_their_code_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    code = tmp_path / "plans.py"
    code.write_text("RULE = 1\n")
    assert cache.EntryFiles("demo", depends_on=(code,)).get("k", lambda: "old") == "old"
    assert cache.EntryFiles("demo", depends_on=(code,)).get("k", lambda: "new") == "old"
    code.write_text("RULE = 2\n")
    assert cache.EntryFiles("demo", depends_on=(code,)).get("k", lambda: "new") == "new"


def test_entry_files_beyond_the_limit_lose_the_least_recently_used(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    entries = cache.EntryFiles("demo", max_entries=2)
    entries.put("old", 1)
    entries.put("used", 2)
    os.utime(entries.path("old"), (1_000_000, 1_000_000))
    os.utime(entries.path("used"), (2_000_000, 2_000_000))
    assert entries.get("old", lambda: "rebuilt") == 1  # a hit marks it used
    entries.put("new", 3)
    assert sorted(p.name for p in tmp_path.glob("entry-demo-*")) == sorted(entries.path(k).name for k in ("old", "new"))


def test_entry_files_are_off_with_the_cache(monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "")
    entries = cache.EntryFiles("demo")
    assert entries.path("k") is None
    assert entries.get("k", lambda: 1) == 1 and entries.get("k", lambda: 2) == 2
