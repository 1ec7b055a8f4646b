"""The Python API: lint a string or some paths with a configuration, get findings back."""
from __future__ import annotations

import os
from typing import Iterable

from newslint.config import Settings, find_config, load_config
from newslint.findings import FileResult, Finding


def settings_for(config: str | os.PathLike | None, select=None, ignore=None) -> Settings:
    """Settings from a config path (``None``: the nearest rules.yaml, ``False``: built-in defaults)."""
    if config is False:
        settings = Settings()
    else:
        settings = load_config(config if config is not None else find_config(os.getcwd()))
    if select is not None:
        settings = settings.replace(select=tuple(select))
    if ignore is not None:
        settings = settings.replace(ignore=tuple(ignore))
    return settings


def lint_text(text: str, path: str = "<text>", *, config=None, select=None, ignore=None) -> list[Finding]:
    """Findings for one article given as a string (``path`` picks the parser: .md is Markdown).

    >>> [f.code for f in lint_text("# Doctors hate this one weird trick\\n", path="a.md", select=["H"])]  # doctest: +SKIP
    """
    from newslint.engine import Linter

    return Linter(settings_for(config, select, ignore)).lint_text(text, path).findings


def lint_paths(paths: Iterable[str], *, config=None, select=None, ignore=None) -> list[FileResult]:
    """A ``FileResult`` (path, findings, error) per file or archive record under ``paths``."""
    from newslint.engine import Linter

    return list(Linter(settings_for(config, select, ignore)).lint_paths(paths))
