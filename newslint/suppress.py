"""Suppression directives in HTML comments, invisible in rendered Markdown.

    <!-- newslint: ignore=H101 -->          this line (or, alone on a line, the next line)
    <!-- newslint: disable=C101,C102 -->    from here ...
    <!-- newslint: enable=C101,C102 -->     ... to here (or to the end of the file)
    <!-- newslint: disable-file=T101 -->    the whole file

Codes are required; a prefix (``T``, ``T1``) covers every code it starts.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from newslint.patterns import compile as compile_regex
from newslint.positions import LineIndex, Span

DIRECTIVE = compile_regex(r"<!--[ \t]*newslint\b[ \t]*(?P<body>.*?)[ \t]*-->", regex.IGNORECASE | regex.DOTALL)
ACTION = compile_regex(r":[ \t]*(?P<action>ignore|disable-file|disable|enable)[ \t]*=[ \t]*(?P<codes>[^\s,]+(?:[ \t]*,[ \t]*[^\s,]+)*)")
CODE_OR_PREFIX = compile_regex(r"[A-Z]{1,3}[0-9]{0,3}")


@dataclass
class Directive:
    """One ``<!-- newslint: ACTION=CODES -->`` comment: the lines it covers, and whether it suppressed anything."""

    action: str
    codes: tuple[str, ...]
    span: Span
    first_line: int
    last_line: int | None  # None: to the end of the file
    used: bool = False

    def covers(self, code: str, line: int) -> bool:
        if not any(code.startswith(c) for c in self.codes):
            return False
        return self.first_line <= line and (self.last_line is None or line <= self.last_line)


@dataclass
class Suppressions:
    """A file's directives, and the comments that look like one but can't be read (NL002)."""

    directives: list[Directive] = field(default_factory=list)
    invalid: list[tuple[Span, str]] = field(default_factory=list)

    def suppresses(self, code: str, line: int) -> bool:
        hit = False
        for directive in self.directives:
            if directive.covers(code, line):
                directive.used = True
                hit = True
        return hit

    def unused(self, ran: set[str]) -> list[Directive]:
        """Directives that suppressed nothing although a rule they name ran."""
        return [
            d for d in self.directives
            if not d.used and any(code.startswith(c) for c in d.codes for code in ran)
        ]


def parse_suppressions(text: str, index: LineIndex, known_codes: set[str]) -> Suppressions:
    result = Suppressions()
    open_ranges: dict[str, Directive] = {}
    for m in DIRECTIVE.finditer(text):
        span = Span(*m.span())
        action = ACTION.fullmatch(m.group("body"))
        if not action:
            result.invalid.append((span, "unreadable directive; write '<!-- newslint: ignore=CODE -->', "
                                         "'disable=', 'enable=' or 'disable-file=' with codes"))
            continue
        codes = tuple(c.strip() for c in action.group("codes").split(","))
        unknown = [c for c in codes if not CODE_OR_PREFIX.fullmatch(c)
                   or not any(k.startswith(c) for k in known_codes)]
        if unknown:
            result.invalid.append((span, f"unknown code {', '.join(unknown)} in suppression directive"))
            continue
        kind = action.group("action").lower()
        line = index.position(span.start).line
        if kind == "ignore":
            target = line
            if _alone_on_line(text, index, span):
                target = _next_non_blank_line(text, index, line)
            result.directives.append(Directive(kind, codes, span, target, target))
        elif kind == "disable-file":
            result.directives.append(Directive(kind, codes, span, 1, None))
        elif kind == "disable":
            directive = Directive(kind, codes, span, line, None)
            result.directives.append(directive)
            for code in codes:
                open_ranges[code] = directive
        else:  # enable
            closed = [open_ranges.pop(code) for code in codes if code in open_ranges]
            if len(closed) != len(codes):
                result.invalid.append((span, "enable= without an earlier disable= for the same codes"))
            for directive in closed:
                directive.last_line = line
    return result


def _alone_on_line(text: str, index: LineIndex, span: Span) -> bool:
    line_span = index.line_span(index.position(span.start).line)
    return not text[line_span.start : span.start].strip() and not text[span.end : line_span.end].strip()


def _next_non_blank_line(text: str, index: LineIndex, line: int) -> int:
    for candidate in range(line + 1, index.line_count() + 1):
        start, end = index.line_span(candidate)
        if text[start:end].strip():
            return candidate
    return line
