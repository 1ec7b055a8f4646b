"""Built-in ``newslint_parse`` implementations: Markdown-lite and plain text.

Both mask HTML comments (suppression directives and fixture markers live
there). Markdown also masks front matter, code, HTML tags, link targets and
emphasis markers. Masking replaces characters with spaces and keeps line
endings, so offsets never move.
"""
from __future__ import annotations

import itertools

import regex
import yaml

from newslint.document import Document
from newslint.hookspecs import hookimpl
from newslint.patterns import compile as compile_regex
from newslint.segment import Unit

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

HTML_COMMENT = compile_regex(r"<!--.*?(?:-->|\Z)", regex.DOTALL)
FRONT_MATTER = compile_regex(r"\A---[ \t]*\r?\n(.*?)(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?=\r\n|\r|\n|\Z)", regex.DOTALL)
FRONT_MATTER_TITLE = compile_regex(r"""^title:[ \t]*(["']?)(?P<value>[^\r\n]*?)\1[ \t]*$""", regex.MULTILINE)
FENCED_CODE = compile_regex(r"^[ \t]{0,3}(```+|~~~+)[^\r\n]*(?:\r\n|\r|\n).*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", regex.DOTALL | regex.MULTILINE)
# Spans are bounded (code 1,000 characters, link text 1,000, URL 2,000) and brackets
# don't nest, so a long line of backticks or brackets is scanned in linear time.
INLINE_CODE = compile_regex(r"(?<!`)(`++)[^`\r\n][^\r\n]{0,1000}?(?<!`)\1(?!`)")
IMAGE = compile_regex(r"!\[[^\[\]\r\n]{0,1000}\]\([^()\[\]\r\n]{0,2000}\)")
LINK = compile_regex(r"(\[)(?=[^\[\]\r\n]{0,1000}\]\()[^\[\]\r\n]*(\]\([^()\[\]\r\n]{0,2000}\))")
REFERENCE_DEFINITION = compile_regex(r"^[ \t]{0,3}\[[^\]\r\n]+\]:[^\r\n]*$", regex.MULTILINE)
AUTOLINK_OR_TAG = compile_regex(r"</?[A-Za-z][^<>\r\n]*>")
HEADING_MARKER = compile_regex(r"^[ \t]{0,3}(#{1,6})(?=[ \t]|$)[ \t]*", regex.MULTILINE)
BLOCK_MARKER = compile_regex(r"^[ \t]*(?:>[ \t]?)+|^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", regex.MULTILINE)
EMPHASIS = compile_regex(r"(?<![\p{L}\p{N}\\])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\p{L}\p{N}])")
HORIZONTAL_RULE = compile_regex(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", regex.MULTILINE)
WORD = compile_regex(r"[\p{L}\p{N}][\p{L}\p{N}'\u2019.-]*")
LINE_END = compile_regex(r"\r\n|\r|\n")
TRAILING_SPACE = compile_regex(r"[ \t]*(?:\r\n|\r|\n|\Z)")
NON_BLANK_LINE = compile_regex(r"[^\r\n]+")
MAX_HEADLINE_WORDS = 30
MAX_LINES_BEFORE_HEADLINE = 500
NAVIGATION_LINK = compile_regex(
    r"^\W*(?:skip|jump)\s+to\b|^\W*(?:toggle|open|close)\s+(?:menu|navigation|search)\b|^\W*(?:sign|log)\s*(?:in|up|out)\b",
    regex.IGNORECASE,
)


def blank(text: str) -> str:
    """Spaces of the same length, keeping line endings."""
    return "".join(ch if ch in "\r\n" else " " for ch in text)


class Masker:
    """Accumulates masked ranges over a text."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)

    def mask(self, start: int, end: int) -> None:
        for i in range(start, end):
            if self.chars[i] not in "\r\n":
                self.chars[i] = " "

    def mask_all(self, pattern: regex.Pattern, text: str, group: int | None = None) -> None:
        for m in pattern.finditer(text):
            if group is None:
                self.mask(*m.span())
            else:
                for g in range(1, (m.lastindex or 0) + 1):
                    if m.start(g) >= 0:
                        self.mask(*m.span(g))

    def result(self) -> str:
        return "".join(self.chars)


def first_headline_line(masked: str) -> Unit | None:
    """The first non-blank line that reads like a headline, else the first non-blank line.

    A headline has at most ``MAX_HEADLINE_WORDS`` words: text that opens with a
    long paragraph (a body without its headline) has no headline at all. Menu
    lines such as "Skip to content" or "Sign in" are passed over, up to
    ``MAX_LINES_BEFORE_HEADLINE`` lines (a text of millions of short lines is not
    searched to its end).
    """
    first = None
    for m in itertools.islice(NON_BLANK_LINE.finditer(masked), MAX_LINES_BEFORE_HEADLINE):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        words = len(WORD.findall(stripped))
        if words > MAX_HEADLINE_WORDS:
            break
        unit = Unit(stripped, m.start() + (len(line) - len(line.lstrip())))
        if first is None:
            first = unit
        if words >= 3 and not NAVIGATION_LINK.search(stripped):
            return unit
    return first


def parse_front_matter(text: str, masker: Masker) -> tuple[dict, Unit | None]:
    """Mask the front matter; return its mapping and the title as a unit of the original text."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, None
    masker.mask(*match.span())
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        data = None
    metadata = data if isinstance(data, dict) else {}
    title = None
    title_match = FRONT_MATTER_TITLE.search(match.group(1))
    if title_match and title_match.group("value").strip():
        offset = match.start(1) + title_match.start("value")
        title = Unit(title_match.group("value"), offset)
    return metadata, title


@hookimpl(trylast=True)
def newslint_parse(path, text, settings):
    """Parse Markdown files by suffix, everything else as plain text."""
    masker = Masker(text)
    masker.mask_all(HTML_COMMENT, text)
    if not path.lower().endswith(MARKDOWN_SUFFIXES):
        masked = masker.result()
        return Document(path, text, masked, format="text", headline=first_headline_line(masked))

    metadata, title = parse_front_matter(text, masker)
    for pattern in (FENCED_CODE, INLINE_CODE, IMAGE, REFERENCE_DEFINITION, AUTOLINK_OR_TAG, HORIZONTAL_RULE):
        masker.mask_all(pattern, masker.result())
    masker.mask_all(LINK, masker.result(), group=1)
    heading_starts = []
    first_h1 = None
    current = masker.result()
    for m in HEADING_MARKER.finditer(current):
        heading_starts.append(m.start())
        line_end = LINE_END.search(current, m.end())
        next_line = line_end.end() if line_end else len(current)
        heading_starts.append(next_line)
        if first_h1 is None and m.group(1) == "#":
            content = current[m.end() : line_end.start() if line_end else len(current)]
            stripped = content.strip()
            if stripped:
                first_h1 = m.end() + (len(content) - len(content.lstrip()))
        masker.mask(*m.span())
    masker.mask_all(BLOCK_MARKER, masker.result())
    masker.mask_all(EMPHASIS, masker.result(), group=1)
    masked = masker.result()
    headline = title
    if headline is None and first_h1 is not None:
        line_end = TRAILING_SPACE.search(masked, first_h1)
        headline = Unit(masked[first_h1 : line_end.start()], first_h1)
    if headline is None:
        headline = first_headline_line(masked)
    return Document(
        path, text, masked, format="markdown", headline=headline, metadata=metadata,
        paragraph_breaks=frozenset(heading_starts),
    )
