"""Cardinal numbers written as digits or words, and their values.

Helper for the C1xx rules: ``NUMBER`` is a pattern string to embed in larger
patterns (it matches "7", "1,200", "seven", "twenty-three", "Forty four",
"a dozen", "two hundred and five", "three thousand"), and ``number_value``
turns such a match into an int.
"""
from __future__ import annotations

from newslint.patterns import compile as compile_regex

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
SCALES = {"hundred": 100, "thousand": 1000}

_UNIT_WORDS = "|".join(sorted(UNITS, key=lambda item: (-len(item), item)))
_TENS_WORDS = "|".join(TENS)
# One to ninety-nine in words: "seven", "twenty", "twenty-three", "forty four".
_BELOW_100 = rf"(?:(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS})\b)?|(?:{_UNIT_WORDS}))\b"
# Up to 999,999 in words: "two hundred and five", "a hundred", "three thousand four hundred".
_BELOW_1000 = rf"(?:(?:a|{_BELOW_100})\s+hundred\b(?:\s+(?:and\s+)?{_BELOW_100})?|{_BELOW_100})"
_WORDS = rf"(?:(?:a|{_BELOW_1000})\s+thousand\b(?:,?\s+(?:and\s+)?{_BELOW_1000})?|{_BELOW_1000}|a\s+dozen\b)"


def _prefix_tree(words) -> str:
    """An alternation of ``words`` as a prefix tree ("t(?:en|w(?:o|elve))"): the regex
    module then reads each letter once instead of trying every word in turn."""
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def emit(node) -> str:
        branches = [letter + emit(child) for letter, child in sorted(node.items()) if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


# What every cardinal starts with: a digit, "a" before hundred/thousand/dozen, or a
# unit or tens word ending at a word boundary. As a lookahead in front of the
# alternatives below it changes no match, but a scan gives up on every other word
# at once instead of trying each way of spelling a number there (about 3x faster).
_FIRST_WORD = rf"(?=\d|a\s+(?:hundred|thousand|dozen)\b|{_prefix_tree([*UNITS, *TENS])}\b)"

# A cardinal: digits with optional thousands commas, or words. Every repeat is
# bounded by a literal word, so the pattern cannot backtrack badly.
NUMBER = rf"{_FIRST_WORD}(?:\d{{1,3}}(?:,\d{{3}})+(?![\d,])|\d+|{_WORDS})"
NUMBER_WORD = compile_regex(rf"(?i){_WORDS}")
_WHOLE = compile_regex(rf"(?i)\A{NUMBER}\Z")
_TOKEN = compile_regex(r"[a-z]+")


def number_value(text: str) -> int | None:
    """The value of a cardinal written in digits or words, or None.

    >>> number_value("twenty-three"), number_value("1,200"), number_value("Five")
    (23, 1200, 5)
    >>> number_value("a dozen"), number_value("two hundred and five"), number_value("dozens")
    (12, 205, None)
    """
    text = " ".join(text.split())
    if not text or not _WHOLE.match(text):
        return None
    if text[0].isdigit():
        return int(text.replace(",", ""))
    total = current = 0
    for word in _TOKEN.findall(text.lower()):
        if word == "a":
            current = current or 1
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in SCALES:
            scale = SCALES[word]
            if scale == 1000:
                total += (current or 1) * 1000
                current = 0
            else:
                current = (current or 1) * 100
        elif word != "and":
            current += TENS.get(word, 0) + UNITS.get(word, 0)
    return total + current


def is_approximate(text: str) -> bool:
    """Whether a number is a round word count that is often meant loosely ("a dozen", "a hundred")."""
    words = text.lower().split()
    return bool(words) and words[0] == "a"
