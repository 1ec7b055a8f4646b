"""The Finding a rule reports and the per-file result the engine returns."""
from __future__ import annotations

from dataclasses import dataclass, field

from newslint.positions import Position
from newslint.severity import Severity


@dataclass(frozen=True)
class Finding:
    """One problem at one place in one file."""

    path: str
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    start: Position
    end: Position
    suggestions: tuple[str, ...] = ()

    def sort_key(self) -> tuple:
        return (self.start.offset, self.end.offset, self.code, self.message)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "start": {"line": self.start.line, "column": self.start.column, "offset": self.start.offset},
            "end": {"line": self.end.line, "column": self.end.column, "offset": self.end.offset},
            "suggestions": list(self.suggestions),
        }


@dataclass
class FileResult:
    """What linting one file (or one archive record) produced: findings, or an error."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
