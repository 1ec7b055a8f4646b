"""The compiled-pattern cache: patterns come back identical, and a bad cache is never trusted."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from newslint import patterns


def run_python(code: str, cache_dir) -> str:
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(cache_dir)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout


def test_compile_returns_the_same_pattern_each_time():
    first = patterns.compile(r"\bnews(?:paper)?s?\b", regex.IGNORECASE)
    assert patterns.compile(r"\bnews(?:paper)?s?\b", regex.IGNORECASE) is first
    assert first.findall("Newspapers and news") == ["Newspapers", "news"]


def test_a_second_start_reads_the_patterns_the_first_one_saved(tmp_path):
    code = ("from newslint import patterns; p = patterns.compile(r'(?<=\\p{Ll}\\s)\\p{Lu}\\w+');"
            "print(p.findall('met Ada and Bo'), sorted(patterns.TABLE._loaded()) == sorted(patterns.TABLE._asked))")
    first = run_python(code, tmp_path)
    saved = list(tmp_path.glob("memo-patterns-*.pickle"))
    assert len(saved) == 1 and first.startswith("['Ada', 'Bo']")
    assert run_python(code, tmp_path) == first


def test_a_cache_holding_anything_but_patterns_is_refused(tmp_path):
    run_python("from newslint import patterns; patterns.compile('x')", tmp_path)
    [path] = tmp_path.glob("memo-patterns-*.pickle")
    uses_x = "from newslint import patterns; print(patterns.compile('x').findall('a x'))"
    path.write_bytes(pickle.dumps({("x", 0): pickle.dumps(os.getcwd)}))  # a callable that is not regex's compile
    assert run_python(uses_x, tmp_path) == "['x']\n"
    path.write_bytes(pickle.dumps({("x", 0): pickle.dumps(regex.compile("not x"))}))  # another pattern
    assert run_python(uses_x, tmp_path) == "['x']\n"
    path.write_bytes(pickle.dumps(os.getcwd))
    assert run_python("from newslint import patterns; print(patterns.compile('w').pattern)", tmp_path) == "w\n"
    path.write_bytes(b"not a pickle at all")
    assert run_python("from newslint import patterns; print(patterns.compile('y').pattern)", tmp_path) == "y\n"


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "")
    assert patterns.cache_path() is None
    run_python("from newslint import patterns; patterns.compile('z')", "")
    assert not list(tmp_path.iterdir())


def test_a_cached_pattern_acts_as_the_compiled_one(tmp_path):
    source, text = r"(?P<who>\p{Lu}\w+) said", "Ada said so. Bo said no."
    code = (f"import regex; from newslint import patterns; p = patterns.compile({source!r}, regex.IGNORECASE);"
            f"q = regex.compile({source!r}, regex.IGNORECASE);"
            f"print(type(p).__name__, p.pattern == q.pattern, p.flags == q.flags, p.groupindex == q.groupindex,"
            f" [m.span() for m in p.finditer({text!r})] == [m.span() for m in q.finditer({text!r})],"
            f" p.sub('X', {text!r}) == q.sub('X', {text!r}))")
    run_python(code, tmp_path)  # the first start compiles and saves it
    assert run_python(code, tmp_path) == "CachedPattern True True True True True\n"


def test_a_cached_pattern_pickles_and_copies_as_itself(tmp_path):
    code = ("import copy, pickle; from newslint import patterns; p = patterns.compile(r'\bTK\b');"
            "print(type(p).__name__, pickle.loads(pickle.dumps(p)) is p, copy.deepcopy(p) is p, copy.copy(p) is p)")
    run_python(code, tmp_path)
    assert run_python(code, tmp_path) == "CachedPattern True True True\n"


def test_a_pattern_not_in_the_cache_is_compiled_at_once_so_errors_show_where_it_is_compiled():
    with pytest.raises(regex.error):
        patterns.compile(r"(unclosed")


def test_no_code_tells_patterns_apart_by_a_match_s_re_identity():
    """``match.re`` is the compiled pattern, never the CachedPattern stand-in that a module holds."""
    root = Path(patterns.__file__).parent.parent
    sources = [*root.joinpath("newslint").rglob("*.py"), *root.joinpath("plugins").rglob("*.py")]
    assert len(sources) > 20
    offending = [f"{path.name}:{number}" for path in sources
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if regex.search(r"\.re\s+is\b", line)]
    assert not offending
