"""False alarms of every rule family on clean, real article bodies (findings per 1,000 words).

    python bench/false_alarms.py [--bodies ../shared/data/extraction/dev/bodies] [--show CODE]

The bodies are the hand-annotated article text of real news pages, as
published: anything a rule reports there is a false alarm (or a defect of the
original article). Warning-or-above findings count toward the budget
(target: <= 0.5 per 1,000 words for all families together, readability aside);
info findings are listed separately.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

import regex

os.environ.setdefault("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")

from newslint.config import Settings  # noqa: E402
from newslint.engine import Linter  # noqa: E402
from newslint.severity import Severity  # noqa: E402

DEFAULT_BODIES = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "extraction" / "dev" / "bodies"
FAMILIES = ("H", "T", "C", "A", "G", "R")
WORD = regex.compile(r"\w+")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=Path, default=DEFAULT_BODIES)
    parser.add_argument("--show", metavar="CODE", help="print every finding of codes starting with CODE")
    args = parser.parse_args()
    files = sorted(args.bodies.glob("*.txt"))
    if not files:
        print(f"no bodies found under {args.bodies}", file=sys.stderr)
        return 2
    linter = Linter(Settings())
    words = 0
    warnings: Counter = Counter()
    infos: Counter = Counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(WORD.findall(text))
        for f in linter.lint_text(text, path.name).findings:
            (warnings if f.severity.rank >= Severity.WARNING.rank else infos)[f.code] += 1
            if args.show and f.code.startswith(args.show):
                line = text.splitlines()[f.start.line - 1]
                print(f"{path.name[:12]}:{f.start.line}:{f.start.column}: {f.code} {f.message}\n    | {line[:160]}")
    print(f"{len(files)} bodies, {words:,} words")
    print(f"{'family':<8}{'warning+':>10}{'per 1k words':>14}{'info':>8}")
    budget = 0
    for family in FAMILIES:
        w = sum(n for code, n in warnings.items() if code.startswith(family))
        i = sum(n for code, n in infos.items() if code.startswith(family))
        if family != "R":
            budget += w
        print(f"{family:<8}{w:>10}{1000 * w / words:>14.3f}{i:>8}")
    print(f"all but R: {budget} warning+ findings = {1000 * budget / words:.3f} per 1,000 words (target <= 0.5)")
    if warnings or infos:
        print("by code: " + ", ".join(f"{c} {n}" for c, n in sorted((warnings + infos).items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
