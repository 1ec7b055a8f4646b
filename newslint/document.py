"""Document: the original text, a same-length masked copy, and its units."""
from __future__ import annotations

from functools import cached_property
from typing import Any, Callable

from newslint.positions import LineIndex
from newslint.segment import Unit, split_lines, split_paragraphs, split_sentences


class Document:
    """One article as rules see it.

    ``text`` is the original (BOM removed); ``masked`` has the same length, with
    front matter, HTML comments, code and markup replaced by spaces (line endings
    kept), so every offset into one is valid in the other.
    """

    def __init__(
        self,
        path: str,
        text: str,
        masked: str,
        *,
        format: str,
        headline: Unit | None = None,
        metadata: dict | None = None,
        paragraph_breaks: frozenset[int] = frozenset(),
    ) -> None:
        if len(masked) != len(text):
            raise ValueError("masked text must be as long as the text")
        self.path = path
        self.text = text
        self.masked = masked
        self.format = format
        self.headline = headline
        self.metadata = metadata or {}
        self._paragraph_breaks = paragraph_breaks
        self._memo: dict[str, Any] = {}

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def lines(self) -> list[Unit]:
        return split_lines(self.masked)

    @cached_property
    def nonblank_lines(self) -> list[Unit]:
        """The lines with something besides whitespace on them (what LINE-scope rules get)."""
        return [line for line in self.lines if line.text.strip()]

    @cached_property
    def paragraphs(self) -> list[Unit]:
        return split_paragraphs(self.masked, self._paragraph_breaks)

    @cached_property
    def body_paragraphs(self) -> list[Unit]:
        """The paragraphs after the headline (all of them when there is none)."""
        if self.headline is None:
            return self.paragraphs
        return [p for p in self.paragraphs if p.start >= self.headline.end]

    @cached_property
    def sentences(self) -> list[Unit]:
        return [s for p in self.paragraphs for s in split_sentences(p)]

    def line_of(self, offset: int) -> int:
        """The 1-based line number of an offset."""
        return self.index.position(offset).line

    def memo(self, key: str, factory: Callable[[], Any]) -> Any:
        """A value computed once per document and shared by the rules that ask for it."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]
