"""Scaling: no module-level pattern backtracks catastrophically, and hostile input lints cleanly.

Every compiled pattern at module level in ``newslint`` and the built-in
plugins (``regex``'s, and the standard library's ``re`` where a rule uses it
for speed) is run over long runs of one character, of spaces, quotes and
brackets, and over alternating shapes (10^5 characters each), with a time
limit as the guard (the regex module's ``timeout=``; for ``re``, an interval
timer, whose signal the ``re`` engine checks while it matches): a linear scan
takes milliseconds, a quadratic or exponential one takes minutes and is
stopped. No
test here asserts how long anything takes; ``bench/throughput.py`` measures
the 10 MB timings.

Patterns that a module only ever applies at one position (``.match`` or
``.fullmatch`` at a given offset, or inside a short window) are scanned that way
instead of with ``finditer``; a module lists them in ``ANCHORED_PATTERNS``, and
``ANCHORED`` below lists those of modules that do not.
"""
from __future__ import annotations

import collections
import contextlib
import importlib
import pkgutil
import re
import signal

import pytest
import regex
from conftest import lint

import newslint
import newslint_plugins
from newslint.patterns import CachedPattern

LENGTH = 100_000
TIMEOUT = 3.0  # seconds per scan: a linear scan of 10^5 characters takes milliseconds

SHAPES = {
    "letters": "a",
    "capitals": "A",
    "digits": "1",
    "spaces": " ",
    "line-breaks": "\r\n",
    "straight-quotes": '"',
    "apostrophes": "'",
    "curly-quotes": "\u201c\u201d",
    "dots": ".",
    "hyphens": "-",
    "letter-dot": "a.",
    "words": "Ab ",
    "brackets": "[](",
    "comment-openers": "<!--",
}

# module.NAME -> how it is used: applied at one position or in a bounded window, never scanned.
ANCHORED = {
    "newslint_plugins.consistency.FRAME_OPENING": ".match() at the start of the previous sentence",
    "newslint_plugins.consistency.GAP": ".fullmatch() over at most 40 characters",
    "newslint_plugins.consistency.WHOLE_AFTER": ".match() in a 40-character window",
    "newslint_plugins.consistency.COMBINED_AFTER": ".match() in a 12-character window",
    "newslint_plugins.consistency.SCOPE_AFTER": ".match() in a 60-character window",
    "newslint_plugins.consistency.PART_VERB_AFTER": ".match() in a 20-character window",
    "newslint_plugins.consistency.LOWER_SPEAKER_AFTER": ".match() in a 20-character window",
    "newslint_plugins.consistency.WORD_BEFORE": ".search() in a 40-character window",
    "newslint_plugins.consistency.DESCRIBED_AFTER": ".match() in a 40-character window",
    "newslint_plugins.consistency.SUBSET_BEFORE": ".search() in a 40-character window",
    "newslint_plugins.template.MARKDOWN_IMAGE": ".fullmatch() of one line",
    "newslint_plugins.template_lines.URL_LINE": ".fullmatch() of a line of at most 200 characters",
    "newslint_plugins.template_lines.ASSET_LINE": ".fullmatch() of a line of at most 200 characters",
    "newslint_plugins.timeframe.DATELINE": ".match() at the start of a paragraph",
}


def modules():
    for package in (newslint, newslint_plugins):
        yield package
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            try:
                yield importlib.import_module(info.name)
            except ImportError:  # an optional extra (the language server, Dask) that is not installed
                continue


def module_patterns():
    """(module.NAME, pattern, anchored) for every compiled pattern at module level (also in lists and dicts)."""
    seen = set()
    for module in modules():
        if module.__name__ == "newslint.patterns":  # the compile cache: holds the others' patterns
            continue
        anchored = set(getattr(module, "ANCHORED_PATTERNS", ()))
        for name, value in sorted(vars(module).items()):
            if isinstance(value, (list, tuple, set, frozenset)):
                values = list(value)
            elif isinstance(value, dict):
                values = list(value.values())
            else:
                values = [value]
            for item in values:
                if isinstance(item, (regex.Pattern, re.Pattern, CachedPattern)) and id(item) not in seen:
                    seen.add(id(item))
                    qualified = f"{module.__name__}.{name}"
                    yield qualified, item, name in anchored or qualified in ANCHORED


PATTERNS = list(module_patterns())


def test_patterns_were_found():
    assert len(PATTERNS) > 50
    names = {name for name, _, _ in PATTERNS}
    assert "newslint.segment.SENTENCE_END" in names and "newslint_plugins.phrasing.DOUBLED" in names
    assert "newslint_plugins.timeframe.MONTH_START" in names  # a standard-library re pattern


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise TimeoutError in the block after ``seconds`` (for ``re``, which has no ``timeout=``)."""
    def stop(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def scan(pattern, text: str, anchored: bool) -> None:
    if isinstance(pattern, re.Pattern):
        with time_limit(TIMEOUT):
            pattern.match(text)
            pattern.match(text, LENGTH // 2)
            if not anchored:
                collections.deque(pattern.finditer(text), maxlen=0)
        return
    pattern.match(text, timeout=TIMEOUT)
    pattern.match(text, LENGTH // 2, timeout=TIMEOUT)
    if not anchored:
        collections.deque(pattern.finditer(text, timeout=TIMEOUT), maxlen=0)


def test_the_time_limit_stops_a_backtracking_re_pattern():
    with pytest.raises(TimeoutError):
        scan(re.compile(r"(a+)+b"), "a" * 40, anchored=True)


@pytest.mark.parametrize("name, pattern, anchored", PATTERNS, ids=[name for name, _, _ in PATTERNS])
def test_pattern_runs_in_linear_time_on_hostile_input(name, pattern, anchored):
    for shape, unit in SHAPES.items():
        text = (unit * (LENGTH // len(unit) + 1))[:LENGTH]
        try:
            scan(pattern, text, anchored)
        except TimeoutError:
            how = "match" if anchored else "scan"
            pytest.fail(f"{name} takes more than {TIMEOUT:g} s to {how} {LENGTH:,} characters of {shape} "
                        f"({unit!r} repeated): its backtracking is not linear")


GARBAGE = {
    "one long line of words": "the the " * 2_500,
    "runs of end marks": ("Yes" + "." * 400 + " ") * 30,
    "unclosed quotes": "\u201cHe said " * 1_500,
    "unclosed comment and brackets": "# Title\n\n" + "<!-- [a](" * 1_000,
    "many short paragraphs": "A.\n\n" * 3_000,
    "capitalised run": "Alpha Beta Gamma " * 1_000,
}


@pytest.mark.parametrize("name", GARBAGE)
def test_garbage_documents_lint_without_crashing(name):
    for path in ("hostile.md", "hostile.txt"):
        findings = lint(GARBAGE[name], path)
        assert not [f for f in findings if f.code == "NL001"], [f.message for f in findings if f.code == "NL001"]
