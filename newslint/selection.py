"""Which rules run on which file: select/ignore/per-file-ignores, longest prefix wins."""
from __future__ import annotations

import fnmatch
import functools
import os

import regex

from newslint.patterns import compile as compile_regex
from newslint.severity import Severity


def prefix_length(pattern: str, code: str) -> int:
    """How specifically ``pattern`` (a code, a prefix or ALL) matches ``code``; -1 if not at all."""
    if pattern == "ALL":
        return 0
    return len(pattern) if code.startswith(pattern) else -1


def is_selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """True when the longest matching select prefix beats every matching ignore prefix."""
    best_select = max((prefix_length(p, code) for p in select), default=-1)
    best_ignore = max((prefix_length(p, code) for p in ignore), default=-1)
    return best_select >= 0 and best_select > best_ignore


def severity_for(code: str, default: Severity, overrides: tuple[tuple[str, Severity], ...]) -> Severity:
    """The configured severity of a code (longest matching prefix), else its default."""
    best, level = -1, default
    for pattern, value in overrides:
        length = prefix_length(pattern, code)
        if length > best:
            best, level = length, value
    return level


@functools.lru_cache(maxsize=256)
def glob_pattern(glob: str) -> regex.Pattern:
    """A glob with ``**`` (any folders) as a compiled pattern over '/'-separated paths."""
    parts, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            parts.append(".*")
            i += 2
        elif glob[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            parts.append("[^/]")
            i += 1
        else:
            parts.append(regex.escape(glob[i]))
            i += 1
    return compile_regex("".join(parts) + r"\Z")


def path_matches(path: str, glob: str) -> bool:
    """True when a path (relative, '/'-separated) or its file name matches the glob."""
    path = path.replace(os.sep, "/").removeprefix("./")
    if glob_pattern(glob).match(path):
        return True
    return "/" not in glob and fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], glob)


def ignored_for_path(path: str, per_file_ignores) -> tuple[str, ...]:
    """The extra ignore patterns that apply to a path."""
    extra: list[str] = []
    for glob, codes in per_file_ignores:
        if path_matches(path, glob):
            extra.extend(codes)
    return tuple(extra)
