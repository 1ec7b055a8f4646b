"""JSON for editors and scripts, streamed file by file:

``{"version": 1, "files": [{"path", "error", "findings": [...]}]}``
"""
from __future__ import annotations

import json

from newslint.formatters import Formatter

SCHEMA_VERSION = 1


class JsonFormatter(Formatter):
    def start(self) -> None:
        self.stream.write('{"version": %d, "files": [' % SCHEMA_VERSION)
        self.first = True

    def file(self, result) -> None:
        entry = {
            "path": result.path,
            "error": result.error,
            "findings": [f.to_dict() for f in result.findings],
        }
        self.stream.write(("\n" if self.first else ",\n") + json.dumps(entry, ensure_ascii=False))
        self.first = False

    def finish(self) -> None:
        self.stream.write("\n]}\n")
