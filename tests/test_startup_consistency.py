"""Patterns consistency.py compiles on first use get the scaling test, which sees only module-level ones."""
from __future__ import annotations

import pytest
import regex
from test_scaling import LENGTH, SHAPES, TIMEOUT, scan

from newslint_plugins import consistency


def test_elapsed_pattern_is_compiled_once_from_its_source():
    pattern = consistency.elapsed_pattern()
    assert pattern is consistency.elapsed_pattern()
    assert pattern.pattern == consistency.ELAPSED_SOURCE and pattern.flags & regex.VERBOSE


@pytest.mark.parametrize("shape", SHAPES)
def test_elapsed_pattern_runs_in_linear_time_on_hostile_input(shape):
    unit = SHAPES[shape]
    text = (unit * (LENGTH // len(unit) + 1))[:LENGTH]
    try:
        scan(consistency.elapsed_pattern(), text, anchored=False)
    except TimeoutError:
        pytest.fail(f"elapsed_pattern() takes more than {TIMEOUT:g} s to scan {LENGTH:,} characters of {shape}")
