"""The least any Python prose linter does, with no rule at all: bench/throughput.py's floor.

    python bench/tokenize_floor.py FOLDER

Starts Python, imports the packages newslint is built on (pluggy, regex, yaml),
reads every file in FOLDER as UTF-8 and splits it into lines, words and
sentences once, each with one pass. Timed on the same corpus as ``newslint
check`` and proselint, it shows how much of a throughput target's time is gone
before a single rule runs, and so how much is left for the rules.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pluggy  # noqa: F401 - imported for its cost, as newslint imports it
import regex
import yaml  # noqa: F401 - imported for its cost, as newslint imports it

WORD = regex.compile(r"\w+(?:['’]\w+)*")
SENTENCE_BREAK = regex.compile(r"(?<=[.!?][\"”’)]?)\s+(?=[\"“‘(]?[A-Z])")


def tokens_in(folder: Path) -> int:
    """Lines, words and sentences of every file in ``folder``, counted so no work is skipped."""
    total = 0
    for path in sorted(folder.iterdir()):
        if path.suffix != ".txt":
            continue
        text = path.read_text(encoding="utf-8")
        total += len(text.splitlines()) + len(WORD.findall(text)) + len(SENTENCE_BREAK.split(text))
    return total


if __name__ == "__main__":
    print(tokens_in(Path(sys.argv[1])))
