"""SARIF 2.1.0 for code-scanning dashboards: rules, results, relative URIs under %SRCROOT%."""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from newslint import __version__
from newslint.formatters import Formatter

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
ROOT_ID = "%SRCROOT%"


class SarifFormatter(Formatter):
    def start(self) -> None:
        self.results: list[dict] = []
        self.notifications: list[dict] = []
        self.rule_ids = sorted(self.rules)
        self.rule_index = {code: i for i, code in enumerate(self.rule_ids)}
        self.root = Path.cwd().resolve()

    def uri(self, path: str) -> str:
        file_part, _, record = path.partition("#")
        absolute = Path(file_part).resolve()
        try:
            relative = absolute.relative_to(self.root).as_posix()
        except ValueError:
            relative = Path(os.path.relpath(absolute, self.root)).as_posix()
        return quote(relative + (f"#{record}" if record else ""), safe="/")

    def file(self, result) -> None:
        if result.error:
            self.notifications.append({
                "level": "error",
                "message": {"text": f"{result.path}: {result.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": self.uri(result.path), "uriBaseId": ROOT_ID}}}],
            })
            return
        for f in result.findings:
            entry = {
                "ruleId": f.code,
                "level": LEVELS[f.severity.value],
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": self.uri(result.path), "uriBaseId": ROOT_ID},
                        "region": {
                            "startLine": f.start.line,
                            "startColumn": f.start.column,
                            "endLine": f.end.line,
                            "endColumn": f.end.column,
                            "charOffset": f.start.offset,
                            "charLength": f.end.offset - f.start.offset,
                        },
                    }
                }],
                "properties": {"category": f.category},
            }
            if f.code in self.rule_index:
                entry["ruleIndex"] = self.rule_index[f.code]
            self.results.append(entry)

    def rule_descriptor(self, code: str) -> dict:
        rule = self.rules[code]
        return {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary or rule.name},
            "fullDescription": {"text": rule.doc or rule.name},
            "help": {"text": rule.doc or rule.name},
            "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
            "properties": {"category": rule.category},
        }

    def finish(self) -> None:
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "newslint",
                    "version": __version__,
                    "informationUri": "https://pypi.org/project/newslint/",
                    "rules": [self.rule_descriptor(code) for code in self.rule_ids],
                }},
                "originalUriBaseIds": {ROOT_ID: {"uri": self.root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": not self.notifications,
                    "toolExecutionNotifications": self.notifications,
                }],
                "results": self.results,
            }],
        }
        json.dump(log, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
