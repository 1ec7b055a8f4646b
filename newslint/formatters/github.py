"""GitHub Actions workflow commands: one ``::warning file=...::message`` annotation per finding."""
from __future__ import annotations

from newslint.formatters import Formatter

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    def file(self, result) -> None:
        path = escape_property(result.path)
        if result.error:
            self.stream.write(f"::error file={path},title={escape_property('newslint')}::{escape_data(result.error)}\n")
            return
        for f in result.findings:
            properties = ",".join([
                f"file={path}",
                f"line={f.start.line}",
                f"col={f.start.column}",
                f"endLine={f.end.line}",
                f"endColumn={f.end.column}",
                f"title={escape_property(f'newslint ({f.code})')}",
            ])
            self.stream.write(f"::{LEVELS[f.severity.value]} {properties}::{escape_data(f.message)}\n")
