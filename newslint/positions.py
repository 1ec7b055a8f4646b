"""Spans and the mapping between code-point offsets and 1-based (line, column).

Only ``\\r\\n``, ``\\r`` and ``\\n`` end a line (unlike ``str.splitlines``, which
also splits on U+2028, form feeds and more), so line numbers agree with what
editors and ``git diff`` show.
"""
from __future__ import annotations

import bisect
from itertools import accumulate
from dataclasses import dataclass
from typing import NamedTuple

from newslint.patterns import compile as compile_regex

LINE_BREAK = compile_regex(r"\r\n|\r|\n")


class Span(NamedTuple):
    """A half-open range ``[start, end)`` of code-point offsets into a document's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Position:
    """A 1-based line and column (columns count code points) plus the 0-based offset."""

    line: int
    column: int
    offset: int


class LineIndex:
    """Converts offsets to (line, column) and back for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" in text:
            self.line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        else:  # the common case, at the speed of str.split
            self.line_starts = [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]

    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> Position:
        """The position of ``offset`` (0 <= offset <= len(text))."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside text of length {len(self.text)}")
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(line + 1, offset - self.line_starts[line] + 1, offset)

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based (line, column)."""
        return self.line_starts[line - 1] + column - 1

    def line_span(self, line: int) -> Span:
        """The span of a 1-based line without its line ending."""
        start = self.line_starts[line - 1]
        if line < len(self.line_starts):
            end = self.line_starts[line]
            while end > start and self.text[end - 1] in "\r\n":
                end -= 1
        else:
            end = len(self.text)
        return Span(start, end)


def utf16_column(line_text: str, column: int) -> int:
    """The 1-based UTF-16 column of a 1-based code-point column (what LSP clients count)."""
    prefix = line_text[: column - 1]
    return 1 + sum(2 if ord(ch) > 0xFFFF else 1 for ch in prefix)
