"""Which files a run lints: explicit files, directories recursed with include/exclude globs."""
from __future__ import annotations

import os
from typing import Iterator

from newslint.selection import path_matches


def discover(paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[tuple[str, str | None]]:
    """Yield (path, error) in a stable order; explicit files are always linted.

    A directory with no matching files, or a missing path, yields (path, message).
    """
    for path in paths:
        if path == "-" or os.path.isfile(path):
            yield path, None
        elif os.path.isdir(path):
            found = False
            for file_path in walk(path, include, exclude):
                found = True
                yield file_path, None
            if not found:
                patterns = ", ".join(include)
                yield path, f"no articles found (looked for {patterns})"
        elif os.path.lexists(path):
            yield path, "not a regular file or directory"
        else:
            yield path, "no such file or directory"


def walk(root: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _excluded(os.path.join(folder, d), exclude))
        for name in sorted(files):
            full = os.path.join(folder, name)
            if _excluded(full, exclude):
                continue
            if any(path_matches(full, glob) for glob in include):
                yield full


def _excluded(path: str, exclude: tuple[str, ...]) -> bool:
    return any(path_matches(path, glob) for glob in exclude)
