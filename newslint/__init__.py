"""newslint: a plugin-based content-quality linter for news text.

Public API: what plugins need to declare rules, and two entry points for
Python callers, ``lint_text`` and ``lint_paths``.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newslint")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

from newslint.document import Document
from newslint.findings import FileResult, Finding
from newslint.hookspecs import hookimpl
from newslint.positions import Span
from newslint.rules import Rule, RuleContext, Scope, rule
from newslint.segment import Unit
from newslint.severity import Severity
from newslint.api import lint_paths, lint_text

__all__ = [
    "Document", "FileResult", "Finding", "Rule", "RuleContext", "Scope", "Severity", "Span", "Unit",
    "hookimpl", "lint_paths", "lint_text", "rule", "__version__",
]
