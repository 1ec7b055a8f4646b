"""Line-level benchmark of the T rules on line-labelled plain-text scrapes of news pages.

    python bench/template.py [--data ../shared/data/extraction/dev] [--show PAGE_PREFIX] [--misses]
                             [--sensitivity] [--lexicon-support]

The data (see its README) holds plain-text scrapes of real news pages with every
non-blank line labelled 0 (boilerplate), 1 (article body) or 2 (the article's
own headline, standfirst, byline or date). A labelled line counts as flagged
when any T finding's line range covers it. The script prints:

- on the English pages, line-level precision, recall and F1 over boilerplate
  lines (label 2 is neither hit nor miss), with every part of the rules as
  written ("all": these pages were looked at while the rules were written, so
  this is a training score);
- a **held-out estimate** of the same, leave-one-site-out: pages are grouped into
  sites (pages that share several distinctive lines, such as a footer, come from
  one site's template), and each site is scored with a lexicon that leaves out
  every entry (phrase or pattern of ``plugins/data/template_lexicon.yaml``) that
  fires on no dev page outside that site. That is the lexicon as it would be had
  the site never been seen; the entries that fire nowhere in the dev pages are
  kept, since no dev page can have suggested them. The line features and
  thresholds of ``plugins/template_lines.py`` are hand-set, not refit; run
  ``--sensitivity`` to see how much the score moves when each one is halved or
  doubled. A 90% interval from resampling whole sites (bootstrap) shows how far
  another set of pages could land from the pooled held-out figure;
- on the other pages, how many lines are flagged and of which kind;
- on the clean article bodies in ``bodies/``, the T findings per 1,000 words
  (every one of them a false alarm).
"""
from __future__ import annotations

import argparse
import csv
import os
import random
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
LINE_BREAK = regex.compile(r"\r\n|\r|\n")
BOILERPLATE, BODY = "0", "1"
# Two pages come from one site when they share this many distinctive lines
# (at least DISTINCT_CHARS long, found on at most RARE_PAGES pages).
SAME_SITE_LINES, DISTINCT_CHARS, RARE_PAGES = 6, 12, 3
# Hand-set constants of plugins/template_lines.py that --sensitivity halves and doubles.
CONSTANTS = ("COST", "SECTION_COST", "INTERLEAVED_COST", "ISOLATED_PROSE", "THREAD_PROSE", "STORY_TOP_WINDOW",
             "INTRO_LINES", "SHORT_LABELS", "LIST_END_WORDS", "MIN_WEAK_EVIDENCE", "ENGLISH_SHARE",
             "CONTINUATION_WORDS", "CONTINUATION_LINES", "BOX_LINKS", "PARAGRAPH_WORDS", "MAX_COVER_TOKENS", "LONG_LINE")


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

    def scores(self) -> tuple[float, float, float]:
        flagged = self.hits + self.false_alarms
        positives = self.hits + self.misses
        p = self.hits / flagged if flagged else 0.0
        r = self.hits / positives if positives else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        p, r, f1 = self.scores()
        return (f"{name:<14} P={p:.3f}  R={r:.3f}  F1={f1:.3f}   "
                f"(flagged boilerplate {self.hits}, flagged body {self.false_alarms}, missed boilerplate {self.misses})")


def flagged_lines(findings) -> set[int]:
    lines: set[int] = set()
    for f in findings:
        lines.update(range(f.start.line, f.end.line + 1))
    return lines


def read_table(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def sites(texts: dict[str, list[str]]) -> list[list[str]]:
    """Pages grouped by the site template they share (union-find over shared distinctive lines)."""
    pages_of: dict[str, set[str]] = defaultdict(set)
    for page, lines in texts.items():
        for line in lines:
            key = " ".join(line.split()).casefold()
            if len(key) >= DISTINCT_CHARS:
                pages_of[key].add(page)
    shared: Counter = Counter()
    for pages in pages_of.values():
        if 2 <= len(pages) <= RARE_PAGES:
            ordered = sorted(pages)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    shared[a, b] += 1
    parent = {page: page for page in texts}

    def root(page: str) -> str:
        while parent[page] != page:
            parent[page] = parent[parent[page]]
            page = parent[page]
        return page

    for (a, b), n in shared.items():
        if n >= SAME_SITE_LINES:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for page in sorted(texts):
        groups[root(page)].append(page)
    return sorted(groups.values())


def lexicon_support(texts: dict[str, list[str]]) -> dict[tuple, set[str]]:
    """For every lexicon entry, the pages on which it makes some line a widget line."""
    support: dict[tuple, set[str]] = {entry: set() for entry in template_lines.lexicon_entries()}
    seen: dict[str, list] = {}
    for page, lines in texts.items():
        for line in lines:
            if line not in seen:
                seen[line] = template_lines.matched_entries(line, template_lines.DEFAULT_LEXICON)
            for entry in seen[line]:
                support[entry].add(page)
    return support


class Bench:
    def __init__(self, data: Path) -> None:
        self.data = data
        self.languages = {row["page"]: row["language"] for row in read_table(data / "pages.tsv")}
        self.labels: dict[str, dict[int, str]] = defaultdict(dict)
        for row in read_table(data / "labels.tsv"):
            self.labels[row["page"]][int(row["line"])] = row["label"]
        self.texts = {page: (data / f"{page}.txt").read_text(encoding="utf-8") for page in sorted(self.labels)}
        self.lines = {page: LINE_BREAK.split(text) for page, text in self.texts.items()}
        self.english = [p for p in self.texts if self.languages.get(p) == "en"]
        others = tuple(m for m in DEFAULT_PLUGINS if m.startswith("newslint_plugins.") and m != "newslint_plugins.template")
        self.linter = Linter(Settings(select=("T",), plugins=PluginSettings(block=others)))

    def flagged(self, page: str) -> set[int]:
        return flagged_lines(self.linter.lint_text(self.texts[page], f"{page}.txt").findings)

    def score(self, pages, tally: Tally | None = None, show: str | None = None, misses: bool = False) -> Tally:
        tally = tally or Tally()
        for page in pages:
            flagged = self.flagged(page)
            for number, label in self.labels[page].items():
                hit = number in flagged
                tally.add(label, hit)
                wrong = (label == BODY and hit) or (label == BOILERPLATE and not hit)
                if (show and page.startswith(show)) or (misses and wrong):
                    mark = {(BODY, True): "FALSE ALARM", (BOILERPLATE, False): "MISSED"}.get((label, hit), "")
                    print(f"{page[:10]}:{number:<5} {label} {'T' if hit else '-'} {mark:<11} {self.lines[page][number - 1][:100]}")
        return tally

    def held_out(self) -> tuple[Tally, list[Tally], list[list[str]], dict[tuple, set[str]]]:
        """The leave-one-site-out tally, its per-site parts, the sites and the lexicon's support."""
        groups = [g for g in sites({p: self.lines[p] for p in self.texts}) if any(p in self.english for p in g)]
        support = lexicon_support(self.lines)
        per_site = []
        try:
            for group in groups:
                members = set(group)
                drop = frozenset(e for e, pages in support.items() if pages and pages <= members)
                template_lines.use_lexicon(drop)
                per_site.append(self.score([p for p in group if p in self.english]))
        finally:
            template_lines.use_lexicon()
        tally = Tally()
        for part in per_site:
            tally.hits += part.hits
            tally.false_alarms += part.false_alarms
            tally.misses += part.misses
        return tally, per_site, groups, support

    def other_languages(self) -> None:
        """What fires on the pages in other languages: flagged labelled lines by language,
        by label and by the kind of residue the message names."""
        by_language: Counter = Counter()
        by_label: Counter = Counter()
        by_kind: Counter = Counter()
        pages = [p for p in self.texts if p not in self.english]
        names = {BOILERPLATE: "boilerplate", BODY: "body", "2": "headline/byline/date"}
        for page in pages:
            flagged = self.flagged(page) & set(self.labels[page])
            by_language[self.languages.get(page, "?")] += len(flagged)
            verdicts = template_lines.classify(self.lines[page])
            for number in flagged:
                by_label[names.get(self.labels[page][number], "?")] += 1
                verdict = verdicts[number - 1]
                by_kind[verdict.kind or verdict.rule or "placeholder"] += 1
        labelled = sum(len(self.labels[p]) for p in pages)
        print(f"Other pages: {len(pages)} ({labelled} labelled lines), {sum(by_label.values())} flagged: "
              + ", ".join(f"{name} {n}" for name, n in by_label.most_common()))
        print("  by language: " + ", ".join(f"{lang} {n}" for lang, n in sorted(by_language.items())))
        if by_kind:
            print("  by kind: " + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()))

    def bodies(self, misses: bool = False) -> None:
        bodies = sorted((self.data / "bodies").glob("*.txt"))
        words = 0
        codes: Counter = Counter()
        for path in bodies:
            text = path.read_text(encoding="utf-8")
            words += len(WORD.findall(text))
            for f in self.linter.lint_text(text, path.name).findings:
                codes[f.code] += 1
                if misses:
                    print(f"bodies/{path.name[:10]}:{f.start.line}: {f.code} {f.message}")
        found = sum(codes.values())
        rate = 1000 * found / words if words else 0.0
        print(f"Clean bodies: {len(bodies)} files, {words:,} words, {found} T findings = {rate:.3f} per 1,000 words"
              + (" (" + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())) + ")" if codes else ""))

    def sensitivity(self) -> None:
        print("Sensitivity: each hand-set constant halved and doubled (English pages, all)")
        for name in CONSTANTS:
            original = getattr(template_lines, name)
            row = []
            for factor in (0.5, 2.0):
                if isinstance(original, dict):  # the costs of widget lines by tier, scaled together
                    value = {tier: cost * factor for tier, cost in original.items()}
                elif isinstance(original, int):
                    value = max(1, round(original * factor))
                else:
                    value = original * factor
                setattr(template_lines, name, value)
                try:
                    p, r, _ = self.score(self.english).scores()
                finally:
                    setattr(template_lines, name, original)
                shown = "" if isinstance(value, dict) else f"={value!s:<6}"
                row.append(f"x{factor:g}{shown} P={p:.3f} R={r:.3f}")
            shown = "by tier" if isinstance(original, dict) else str(original)
            print(f"  {name:<18} {shown:<7} " + "   ".join(row))


def bootstrap(parts: list[Tally], rounds: int = 2000, seed: int = 5) -> tuple[tuple[float, float], tuple[float, float]]:
    """5th and 95th percentiles of precision and recall over resamples of whole sites:
    how far a set of pages from other sites could land from the pooled figure."""
    rng = random.Random(seed)
    ps, rs = [], []
    for _ in range(rounds):
        tally = Tally()
        for part in rng.choices(parts, k=len(parts)):
            tally.hits += part.hits
            tally.false_alarms += part.false_alarms
            tally.misses += part.misses
        p, r, _ = tally.scores()
        ps.append(p)
        rs.append(r)
    ps.sort()
    rs.sort()
    lo, hi = int(0.05 * rounds), int(0.95 * rounds) - 1
    return (ps[lo], ps[hi]), (rs[lo], rs[hi])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with pages.tsv, labels.tsv, bodies/")
    parser.add_argument("--show", metavar="PAGE", help="print every labelled line of pages whose name starts with PAGE")
    parser.add_argument("--misses", action="store_true", help="print flagged body lines and missed boilerplate lines")
    parser.add_argument("--sensitivity", action="store_true", help="also score with each hand-set constant halved and doubled")
    parser.add_argument("--lexicon-support", action="store_true", help="list lexicon entries that fire on one dev site only")
    args = parser.parse_args()
    if not (args.data / "labels.tsv").exists():
        print(f"no labels.tsv under {args.data}", file=sys.stderr)
        return 2

    bench = Bench(args.data)
    total = bench.score(bench.english, show=args.show, misses=args.misses)
    held, per_site, groups, support = bench.held_out()
    print(f"English pages: {len(bench.english)} ({sum(len(bench.labels[p]) for p in bench.english)} labelled lines)")
    print(total.line("all"))
    print(held.line("held-out"))
    (p_lo, p_hi), (r_lo, r_hi) = bootstrap(per_site)
    print(f"  held-out 90% interval over sites (bootstrap): P {p_lo:.3f}-{p_hi:.3f}, R {r_lo:.3f}-{r_hi:.3f}")
    site_of = {p: i for i, g in enumerate(groups) for p in g}
    one_site = sorted(e for e, pages in support.items() if pages and len({site_of.get(p, p) for p in pages}) == 1)
    unused = sum(1 for pages in support.values() if not pages)
    print(f"  held-out = leave-one-site-out over {len(groups)} sites: {len(one_site)} of {len(support)} lexicon entries "
          f"fire on one dev site only and are left out when that site is scored ({unused} fire on no dev page)")
    if args.lexicon_support:
        for entry in one_site:
            pages = sorted(support[entry])
            print(f"    {entry[0]}/{entry[1]}: {entry[2]!r} ({', '.join(p[:8] for p in pages)})")
    bench.other_languages()
    bench.bodies(args.misses)
    if args.sensitivity:
        bench.sensitivity()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
