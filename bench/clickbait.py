"""Benchmark the H family on labelled headlines with k-fold cross-validation.

    python bench/clickbait.py [--data ../shared/data/clickbait/dev.tsv] [--folds 5]
                              [--threshold T] [--sweep]

For each fold the H120 model is retrained on the other folds (bench/train_clickbait.py's
``fit``) and the held-out headlines are linted through the engine with every H rule
selected; a headline counts as flagged when any H finding has severity warning or above.
Nothing is ever scored by a model that saw it. Prints the mean precision, recall and F1
over the folds, each rule's hits on the held-out headlines (pattern rules must stay
>= 0.97 precise), and the time per headline. ``--sweep`` adds the figures for other
H120 thresholds (from the same folds).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")

from train_clickbait import DEFAULT_DATA, fit, load  # noqa: E402

from newslint.config import Settings  # noqa: E402
from newslint.engine import Linter  # noqa: E402
from newslint.severity import Severity  # noqa: E402
from newslint.sources import Source  # noqa: E402
from newslint_plugins.headline import ModelOptions  # noqa: E402

MODEL_CODE = "H120"
SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
REPEATS = 3


def scores(flags: list[bool], labels: list[int]) -> tuple[float, float, float]:
    tp = sum(f and y for f, y in zip(flags, labels))
    fp = sum(f and not y for f, y in zip(flags, labels))
    fn = sum(not f and y for f, y in zip(flags, labels))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def summary(rows: list[tuple[float, float, float]]) -> str:
    cols = list(zip(*rows))
    return "  ".join(f"{name} {statistics.mean(c):.4f} ± {statistics.pstdev(c):.4f}"
                     for name, c in zip(("precision", "recall", "F1"), cols))


def main(argv: list[str] | None = None) -> int:
    from sklearn.model_selection import StratifiedKFold

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=ModelOptions.threshold)
    parser.add_argument("--sweep", action="store_true", help="also report other H120 thresholds")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (pass --data)", file=sys.stderr)
        return 2
    headlines, labels = load(args.data)

    fold_scores, model_scores, pattern_scores = [], [], []
    sweep_scores: dict[float, list] = {t: [] for t in SWEEP}
    hits: dict[str, Counter] = {}
    folds = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed).split(headlines, labels)
    with tempfile.TemporaryDirectory() as tmp:
        for k, (train, test) in enumerate(folds):
            model = fit([headlines[i] for i in train], [labels[i] for i in train])
            path = Path(tmp, f"fold{k}.json")
            path.write_text(json.dumps(model.to_dict()), encoding="utf-8")
            options = {MODEL_CODE: {"model": str(path), "threshold": args.threshold}}
            linter = Linter(Settings(select=("H",), rule_options=options))
            flagged, by_patterns, probabilities, y = [], [], [], []
            for i in test:
                findings = lint_headline(linter, headlines[i])
                warned = {f.code for f in findings if f.severity.rank >= Severity.WARNING.rank}
                for code in {f.code for f in findings}:
                    hits.setdefault(code, Counter())[labels[i]] += 1
                flagged.append(bool(warned))
                by_patterns.append(bool(warned - {MODEL_CODE}))
                probabilities.append(model.probability(headlines[i]))
                y.append(labels[i])
            fold_scores.append(scores(flagged, y))
            pattern_scores.append(scores(by_patterns, y))
            model_scores.append(scores([p >= args.threshold for p in probabilities], y))
            for t in SWEEP:
                sweep_scores[t].append(scores([b or p >= t for b, p in zip(by_patterns, probabilities)], y))
            rules = {rule.code: rule for rule in linter.selected_rules("headline.txt")}
        rules_time, parse_time, model_time = timings(linter, model, headlines)

    print(f"{args.data}: {len(headlines)} headlines ({sum(labels)} clickbait), {args.folds}-fold CV, "
          f"H120 retrained per fold, threshold {args.threshold}")
    print(f"any H warning+   {summary(fold_scores)}")
    print(f"  patterns only  {summary(pattern_scores)}")
    print(f"  H120 only      {summary(model_scores)}")
    if args.sweep:
        for t in SWEEP:
            print(f"  threshold {t:.1f}  {summary(sweep_scores[t])}")
    print("per rule on held-out headlines: hits on clickbait / on news, precision, severity")
    for code in sorted(hits):
        bait, news = hits[code][1], hits[code][0]
        print(f"  {code}  {bait:5d} / {news:3d}  {bait / (bait + news):.3f}  {rules[code].severity.value}")
    print(f"time per headline (best of {REPEATS} passes over all headlines): {rules_time:.1f} µs for all "
          f"{len(rules)} H rules through the engine's per-rule call path (Linter.run_rule), "
          f"{parse_time:.1f} µs more to parse; H120's model scoring alone {model_time:.1f} µs "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 0


def lint_headline(linter: Linter, headline: str) -> list:
    """The H findings for one headline, through the engine's per-rule call path."""
    doc = linter.parse(Source("headline.txt", headline))
    rules = linter.selected_rules("headline.txt")
    codes = {r.code for r in rules}
    return [f for r in rules for f in linter.run_rule(r, doc, codes)]


def timings(linter: Linter, model, headlines: list[str]) -> tuple[float, float, float]:
    """µs per headline: all H rules on parsed documents, parsing, and model scoring alone."""
    rules = linter.selected_rules("headline.txt")
    codes = {r.code for r in rules}

    def best(work) -> float:
        runs = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            work()
            runs.append(time.perf_counter() - started)
        return min(runs) / len(headlines) * 1e6

    parse_time = best(lambda: [linter.parse(Source("headline.txt", h)) for h in headlines])
    docs = [linter.parse(Source("headline.txt", h)) for h in headlines]
    rules_time = best(lambda: [linter.run_rule(r, d, codes) for d in docs for r in rules])
    model_time = best(lambda: [model.probability(h) for h in headlines])
    return rules_time, parse_time, model_time


if __name__ == "__main__":
    sys.exit(main())
