"""Start-up work that C1xx's helpers no longer do: what they do instead gives the same answers."""
from __future__ import annotations

import re
import sys

import newslint_plugins.people as people

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_digit_or_non_ascii_is_an_ascii_digit_or_any_non_ascii_character():
    found = re.findall(people.DIGIT_OR_NON_ASCII, EVERY_CHARACTER)
    assert "".join(found) == "0123456789" + EVERY_CHARACTER[0x80:]
