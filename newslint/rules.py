"""Rules: the ``@rule`` decorator, their scope and the context they report through."""
from __future__ import annotations

import dataclasses
import enum
import inspect
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from newslint.findings import Finding
from newslint.patterns import compile as compile_regex
from newslint.positions import Span
from newslint.severity import Severity

CODE_SHAPE = compile_regex(r"[A-Z]{1,3}[0-9]{3}")
NAME_SHAPE = compile_regex(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CATEGORIES = ("clickbait", "template", "consistency", "attribution", "garble", "readability", "engine")
CATEGORY_BY_PREFIX = {
    "NL": "engine",
    "H": "clickbait",
    "T": "template",
    "C": "consistency",
    "A": "attribution",
    "G": "garble",
    "R": "readability",
}


class Scope(enum.Enum):
    """What a rule function receives as its first argument."""

    DOCUMENT = "document"
    HEADLINE = "headline"
    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"
    LINE = "line"


@dataclass(frozen=True)
class Rule:
    """A rule: its identity, where it looks, and the function that checks."""

    code: str
    name: str
    scope: Scope
    severity: Severity
    category: str
    check: Callable[..., Iterable[Finding]]
    options: type | None = None

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        first = self.doc.split("\n\n", 1)[0].replace("\n", " ")
        return first.removeprefix("What it flags:").strip()

    def __call__(self, *args: Any, **kwargs: Any):
        return self.check(*args, **kwargs)


def rule(
    code: str,
    name: str,
    *,
    scope: Scope,
    severity: Severity = Severity.WARNING,
    category: str | None = None,
    options: type | None = None,
) -> Callable[[Callable], Rule]:
    """Declare a rule function. See docs/writing-rules.md."""
    if not CODE_SHAPE.fullmatch(code):
        raise ValueError(f"rule code {code!r} must look like ABC123")
    if not NAME_SHAPE.fullmatch(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if category is None:
        prefix = "NL" if code.startswith("NL") else code[0]
        category = CATEGORY_BY_PREFIX.get(prefix)
        if category is None:
            raise ValueError(f"rule {code} needs an explicit category")
    if category not in CATEGORIES:
        raise ValueError(f"rule {code}: category {category!r} is not one of {', '.join(CATEGORIES)}")
    if options is not None and not dataclasses.is_dataclass(options):
        raise TypeError(f"rule {code}: options must be a dataclass")

    def decorate(func: Callable) -> Rule:
        return Rule(code, name, scope, Severity(severity), category, func, options)

    return decorate


class RuleContext:
    """What a rule reports through: the document, the rule's options, ``report()``."""

    def __init__(self, rule: Rule, doc, options: Any, severity: Severity) -> None:
        self.rule = rule
        self.doc = doc
        self.options = options
        self.severity = severity

    def report(self, span: Span | tuple[int, int], message: str, *, suggestions: Iterable[str] = ()) -> Finding:
        start, end = span
        if not 0 <= start <= end <= len(self.doc.text):
            raise ValueError(f"span {span!r} outside the document")
        return Finding(
            path=self.doc.path,
            code=self.rule.code,
            name=self.rule.name,
            category=self.rule.category,
            severity=self.severity,
            message=message,
            start=self.doc.index.position(start),
            end=self.doc.index.position(end),
            suggestions=tuple(suggestions),
        )
