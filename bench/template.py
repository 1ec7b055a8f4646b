"""Line-level benchmark of the T rules on line-labelled plain-text scrapes of news pages.

    python bench/template.py [--data ../shared/data/extraction/dev] [--show PAGE_PREFIX] [--misses]

The data (see its README) holds plain-text scrapes of real news pages with every
non-blank line labelled 0 (boilerplate), 1 (article body) or 2 (the article's
own headline, standfirst, byline or date). A labelled line counts as flagged
when any T finding's line range covers it. On the English pages the script
prints line-level precision, recall and F1 over boilerplate lines (label 2 is
neither hit nor miss), overall and on two fixed halves of the pages (split by a
hash of the page name) so that tuning on one half can be checked on the other.
On the other pages it prints how many lines are flagged and of which kind, and
on the clean article bodies in ``bodies/`` the T findings per 1,000 words
(every one of them a false alarm).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

import regex

os.environ.setdefault("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")

from newslint.config import PluginSettings, Settings  # noqa: E402
from newslint.engine import Linter  # noqa: E402
from newslint.plugins import DEFAULT_PLUGINS  # noqa: E402
from newslint_plugins import template_lines  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "extraction" / "dev"
WORD = regex.compile(r"\w+")
BOILERPLATE, BODY = "0", "1"


class Tally:
    """Line-level counts of one set of pages."""

    def __init__(self) -> None:
        self.hits = self.false_alarms = self.misses = 0

    def add(self, label: str, flagged: bool) -> None:
        if label == BOILERPLATE:
            if flagged:
                self.hits += 1
            else:
                self.misses += 1
        elif label == BODY and flagged:
            self.false_alarms += 1

    def line(self, name: str) -> str:
        flagged = self.hits + self.false_alarms
        positives = self.hits + self.misses
        p = self.hits / flagged if flagged else 0.0
        r = self.hits / positives if positives else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return (f"{name:<14} P={p:.3f}  R={r:.3f}  F1={f1:.3f}   "
                f"(flagged boilerplate {self.hits}, flagged body {self.false_alarms}, missed boilerplate {self.misses})")


def flagged_lines(findings) -> set[int]:
    lines: set[int] = set()
    for f in findings:
        lines.update(range(f.start.line, f.end.line + 1))
    return lines


def half(page: str) -> str:
    return "A" if int(hashlib.sha1(page.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def read_table(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with pages.tsv, labels.tsv, bodies/")
    parser.add_argument("--show", metavar="PAGE", help="print every labelled line of pages whose name starts with PAGE")
    parser.add_argument("--misses", action="store_true", help="print flagged body lines and missed boilerplate lines")
    args = parser.parse_args()
    if not (args.data / "labels.tsv").exists():
        print(f"no labels.tsv under {args.data}", file=sys.stderr)
        return 2

    languages = {row["page"]: row["language"] for row in read_table(args.data / "pages.tsv")}
    labels: dict[str, dict[int, str]] = defaultdict(dict)
    for row in read_table(args.data / "labels.tsv"):
        labels[row["page"]][int(row["line"])] = row["label"]

    others = tuple(m for m in DEFAULT_PLUGINS if m.startswith("newslint_plugins.") and m != "newslint_plugins.template")
    linter = Linter(Settings(select=("T",), plugins=PluginSettings(block=others)))
    total, halves = Tally(), {"A": Tally(), "B": Tally()}
    other_lines: Counter = Counter()
    other_kinds: Counter = Counter()
    other_pages = 0
    for page in sorted(labels):
        text = (args.data / f"{page}.txt").read_text(encoding="utf-8")
        findings = linter.lint_text(text, f"{page}.txt").findings
        flagged = flagged_lines(findings)
        lines = regex.split(r"\r\n|\r|\n", text)
        if languages.get(page) != "en":
            other_pages += 1
            other_lines[languages.get(page, "?")] += len(flagged)
            verdicts = template_lines.classify(lines)
            for number in flagged:
                if number <= len(verdicts):
                    other_kinds[verdicts[number - 1].kind or verdicts[number - 1].rule or "placeholder"] += 1
            continue
        for number, label in labels[page].items():
            hit = number in flagged
            total.add(label, hit)
            halves[half(page)].add(label, hit)
            wrong = (label == BODY and hit) or (label == BOILERPLATE and not hit)
            if (args.show and page.startswith(args.show)) or (args.misses and wrong):
                mark = {(BODY, True): "FALSE ALARM", (BOILERPLATE, False): "MISSED"}.get((label, hit), "")
                print(f"{page[:10]}:{number:<5} {label} {'T' if hit else '-'} {mark:<11} {lines[number - 1][:100]}")

    english = sum(1 for p in labels if languages.get(p) == "en")
    print(f"English pages: {english}")
    print(total.line("all"))
    for name in sorted(halves):
        print(halves[name].line(f"half {name}"))
    print(f"Other pages: {other_pages}, flagged lines by language: "
          + ", ".join(f"{lang} {n}" for lang, n in sorted(other_lines.items())))
    if other_kinds:
        print("  by kind: " + ", ".join(f"{k} {n}" for k, n in other_kinds.most_common()))

    bodies = sorted((args.data / "bodies").glob("*.txt"))
    words = 0
    codes: Counter = Counter()
    for path in bodies:
        text = path.read_text(encoding="utf-8")
        words += len(WORD.findall(text))
        for f in linter.lint_text(text, path.name).findings:
            codes[f.code] += 1
            if args.misses:
                print(f"bodies/{path.name[:10]}:{f.start.line}: {f.code} {f.message}")
    found = sum(codes.values())
    rate = 1000 * found / words if words else 0.0
    print(f"Clean bodies: {len(bodies)} files, {words:,} words, {found} T findings = {rate:.3f} per 1,000 words"
          + (" (" + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())) + ")" if codes else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
