"""Span-preserving splitters: lines, paragraphs and sentences of a masked text.

Every unit's text is exactly ``masked[unit.start:unit.end]``, so offsets found
inside a unit map straight back to the original document.
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from newslint.patterns import compile as compile_regex
from newslint.positions import LINE_BREAK, Span

BLANK_LINE_RUN = compile_regex(r"(?:\r\n|\r|\n)[ \t\f\v\u00a0]*(?=\r\n|\r|\n|$)")
NON_SPACE = compile_regex(r"\S")

# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by space
# and something that can start a sentence. Abbreviations and initials don't end one.
SENTENCE_END = compile_regex(
    r"""
    (?<!\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Mt|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Hon|Pres|
          Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|etc|Inc|Ltd|Co|Corp|
          approx|est|Fig|al|e\.g|i\.e|U\.S|U\.K|U\.N|a\.m|p\.m))
    (?<!\b\p{Lu})                      # an initial such as "J."
    (?<![.!?\u2026])                   # start at the first mark of a run, never inside it
    [.!?\u2026]++["'\u201d\u2019)\]]*+
    (?=\s+["'\u201c\u2018(\[]?[\p{Lu}\p{N}])
    """,
    regex.VERBOSE,
)


class Unit(NamedTuple):
    """A slice of the document: a line, paragraph, sentence or the headline.

    (A named tuple rather than a frozen dataclass: a document makes a hundred or so,
    and a tuple is built several times faster.)
    """

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def at(self, i: int, j: int) -> Span:
        """The document span of ``self.text[i:j]``."""
        return Span(self.start + i, self.start + j)


def trimmed(text: str, start: int, end: int, offset: int = 0) -> Unit | None:
    """The unit of ``text[start:end]`` without surrounding whitespace, or None if blank.

    ``offset`` is where ``text`` itself starts in the document.
    """
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    return Unit(stripped, offset + start + len(chunk) - len(chunk.lstrip()))


def split_lines(text: str) -> list[Unit]:
    """Every line (blank ones included), without its line ending."""
    units, start = [], 0
    if "\r" not in text:  # the common case, at the speed of str.split
        for line in text.split("\n"):
            units.append(Unit(line, start))
            start += len(line) + 1
        return units
    for m in LINE_BREAK.finditer(text):
        units.append(Unit(text[start : m.start()], start))
        start = m.end()
    units.append(Unit(text[start:], start))
    return units


def split_paragraphs(text: str, breaks: frozenset[int] = frozenset()) -> list[Unit]:
    """Blocks of non-blank lines, trimmed. ``breaks`` are line starts that also begin a block."""
    units: list[Unit] = []
    start = 0
    cuts = []
    for m in BLANK_LINE_RUN.finditer(text):
        cuts.append((m.start(), m.end()))
    for offset in sorted(breaks):
        cuts.append((offset, offset))
    for cut_start, cut_end in sorted(cuts):
        if cut_start < start:
            continue
        unit = trimmed(text, start, cut_start)
        if unit:
            units.append(unit)
        start = cut_end
    unit = trimmed(text, start, len(text))
    if unit:
        units.append(unit)
    return units


def split_sentences(paragraph: Unit) -> list[Unit]:
    """The sentences of one paragraph (never across paragraphs)."""
    text, units, start, offset = paragraph.text, [], 0, paragraph.start
    for m in SENTENCE_END.finditer(text):
        unit = trimmed(text, start, m.end(), offset)
        if unit:
            units.append(unit)
        start = m.end()
    unit = trimmed(text, start, len(text), offset)
    if unit:
        units.append(unit)
    return units
