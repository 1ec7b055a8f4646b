"""The compiled-pattern cache: patterns come back identical, and a bad cache is never trusted."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys

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
    path.write_bytes(pickle.dumps({("x", 0): pickle.dumps(os.getcwd)}))  # a callable that is not regex's compile
    assert run_python("from newslint import patterns; print(patterns.compile('x').pattern)", tmp_path) == "x\n"
    path.write_bytes(pickle.dumps({("x", 0): pickle.dumps(regex.compile("not x"))}))  # another pattern
    assert run_python("from newslint import patterns; print(patterns.compile('x').pattern)", tmp_path) == "x\n"
    path.write_bytes(pickle.dumps(os.getcwd))
    assert run_python("from newslint import patterns; print(patterns.compile('w').pattern)", tmp_path) == "w\n"
    path.write_bytes(b"not a pickle at all")
    assert run_python("from newslint import patterns; print(patterns.compile('y').pattern)", tmp_path) == "y\n"


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "")
    assert patterns.cache_path() is None
    run_python("from newslint import patterns; patterns.compile('z')", "")
    assert not list(tmp_path.iterdir())
