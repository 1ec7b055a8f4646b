"""Start-up work that C1xx's helpers no longer do: what they do instead gives the same answers."""
from __future__ import annotations

import re
import sys

import pytest
import regex
from test_scaling import LENGTH, SHAPES, TIMEOUT, scan

import newslint_plugins.people as people

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_digit_or_non_ascii_is_an_ascii_digit_or_any_non_ascii_character():
    found = re.findall(people.DIGIT_OR_NON_ASCII, EVERY_CHARACTER)
    assert "".join(found) == "0123456789" + EVERY_CHARACTER[0x80:]


def test_age_mentions_is_compiled_when_asked_for():
    assert "AGE_MENTIONS" not in vars(people)
    assert people.AGE_MENTIONS is people.AGE_MENTIONS  # compiled once
    assert people.AGE_MENTIONS.pattern == people.AGE_MENTIONS_SOURCE
    assert people.AGE_MENTIONS.flags & regex.VERBOSE


@pytest.mark.parametrize("shape", SHAPES)
def test_age_mentions_runs_in_linear_time_on_hostile_input(shape):
    """As tests/test_scaling.py does for every pattern at module level, which AGE_MENTIONS is not."""
    unit = SHAPES[shape]
    text = (unit * (LENGTH // len(unit) + 1))[:LENGTH]
    try:
        scan(people.AGE_MENTIONS, text, anchored=False)
    except TimeoutError:
        pytest.fail(f"AGE_MENTIONS takes more than {TIMEOUT:g} s to scan {LENGTH:,} characters of {shape}")
