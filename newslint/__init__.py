"""newslint: a plugin-based content-quality linter for news text.

Public API: what plugins need to declare rules, and two entry points for
Python callers, ``lint_text`` and ``lint_paths``.
"""
from newslint._version import __version__
from newslint.api import lint_paths, lint_text
from newslint.document import Document
from newslint.findings import FileResult, Finding
from newslint.hookspecs import hookimpl
from newslint.positions import Span
from newslint.rules import Rule, RuleContext, Scope, rule
from newslint.segment import Unit
from newslint.severity import Severity

__all__ = [
    "Document", "FileResult", "Finding", "Rule", "RuleContext", "Scope", "Severity", "Span", "Unit",
    "hookimpl", "lint_paths", "lint_text", "rule", "__version__",
]
