"""Cardinal numbers written as digits or words, and their values.

Helper for the C1xx rules: ``NUMBER`` is a pattern string to embed in larger
patterns (it matches "7", "1,200", "seven", "twenty-three", "Forty four"), and
``number_value`` turns such a match into an int.
"""
from __future__ import annotations

import regex

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}

_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_WORDS = "|".join(TENS)

# Word numbers up to ninety-nine, or digits with optional thousands commas.
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+"
    rf"|(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?"
    rf"|(?:{_UNIT_WORDS}))"
)
NUMBER_WORD = regex.compile(rf"(?i)(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|(?:{_UNIT_WORDS})")
_WHOLE = regex.compile(rf"(?i)\A{NUMBER}\Z")
_SPLIT = regex.compile(r"[- ]")


def number_value(text: str) -> int | None:
    """The value of a cardinal written in digits or words, or None.

    >>> number_value("twenty-three"), number_value("1,200"), number_value("Five")
    (23, 1200, 5)
    """
    text = text.strip()
    if not _WHOLE.match(text):
        return None
    if text[0].isdigit():
        return int(text.replace(",", ""))
    total = 0
    for part in _SPLIT.split(text.lower()):
        total += TENS.get(part, 0) + UNITS.get(part, 0)
    return total
