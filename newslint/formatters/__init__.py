"""Output formatters. A formatter writes results as they come and never filters them.

Third-party formatters are registered through the ``newslint_formatters`` hook.
"""
from __future__ import annotations

from typing import IO

from newslint.findings import FileResult
from newslint.hookspecs import hookimpl


class Formatter:
    """Base class: ``start()``, then ``file(result)`` per file in order, then ``finish()``."""

    def __init__(self, rules: dict, settings, stream: IO[str], *, statistics: bool = False) -> None:
        self.rules = rules
        self.settings = settings
        self.stream = stream
        self.statistics = statistics

    def start(self) -> None:
        """Called once before the first file."""

    def file(self, result: FileResult) -> None:
        """Called once per linted file (or archive record), in input order."""

    def finish(self) -> None:
        """Called once after the last file."""


@hookimpl
def newslint_formatters():
    from newslint.formatters.github import GithubFormatter
    from newslint.formatters.json import JsonFormatter
    from newslint.formatters.sarif import SarifFormatter
    from newslint.formatters.text import TextFormatter

    return {"text": TextFormatter, "json": JsonFormatter, "sarif": SarifFormatter, "github": GithubFormatter}
