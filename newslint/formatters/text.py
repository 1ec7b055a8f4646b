"""``path:line:col: CODE message`` — the flake8 shape, which editors and CI logs understand."""
from __future__ import annotations

from collections import Counter

from newslint.formatters import Formatter


class TextFormatter(Formatter):
    def start(self) -> None:
        self.counts: Counter = Counter()
        self.files_with_findings = 0
        self.linted = 0
        self.unreadable = 0

    def file(self, result) -> None:
        if result.error:
            self.unreadable += 1
            self.stream.write(f"{result.path}: error: {result.error}\n")
            return
        self.linted += 1
        if result.findings:
            self.files_with_findings += 1
        for f in result.findings:
            self.counts[f.code] += 1
            self.stream.write(f"{result.path}:{f.start.line}:{f.start.column}: {f.code} {f.message}\n")

    def finish(self) -> None:
        if self.statistics:
            for code, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0])):
                name = self.rules[code].name if code in self.rules else ""
                self.stream.write(f"{count:>6}  {code:<6} {name}\n")
        total = sum(self.counts.values())
        if total or self.unreadable:
            parts = [f"Found {total} finding{'s' if total != 1 else ''} in {self.files_with_findings} of "
                     f"{self.linted} file{'s' if self.linted != 1 else ''}"]
            if self.unreadable:
                parts.append(f"{self.unreadable} could not be linted")
            self.stream.write("; ".join(parts) + ".\n")
