"""Speed and scale: newslint against proselint on the same articles, start-up time, and 10 MB inputs.

    pip install -e '.[bench]'          # proselint, the peer compared against
    python bench/throughput.py [--articles 400] [--repeat 1] [--no-scaling] [--scaling-mb 10] [--only SECTION]

1. Throughput: a corpus of several hundred articles is written as files to a
   temporary folder and linted by ``newslint check`` (every default rule; all
   CPUs, then ``--jobs 1``) and by ``proselint check`` on the same files, each
   timed from the command line (start-up included), in this one run, with the
   floor of any Python linter on them (bench/tokenize_floor.py: start, import
   pluggy, regex and yaml, read and tokenize every file, run no rule) and the
   time per article that the 20x target leaves for rules above it. The corpus
   is the real article bodies in ../shared/data/extraction/dev/bodies when they
   are there (each used several times with its paragraphs rotated, so no two
   files are the same), else articles assembled from the paragraphs of
   tests/fixtures. Prints articles/s, MB/s and the ratio to proselint. The timed
   runs follow one untimed run, as a user's runs follow their first: newslint
   keeps compiled patterns, gates and syllable counts in its cache folder. A
   first run with an empty cache is timed and printed too.
2. Where the time goes: one process, in-process, milliseconds per article for
   each rule family (best of three passes).
3. Start-up: the median wall time of ``newslint check one.txt`` (a 4 KB article)
   against the import floor ``python -c "import pluggy, regex, yaml"``, run in
   turns, and the median CPU time of each (steadier on a shared machine).
4. Scaling: a 10 MB single-line file and a 10 MB file of many paragraphs, each
   rule family on its own and all of them together (``max-input-line: 0``):
   wall seconds and peak memory of each run.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BODIES = REPO.parent / "shared" / "data" / "extraction" / "dev" / "bodies"
FAMILIES = ("H", "T", "C", "A", "G", "R")
FLOOR = [sys.executable, "-c", "import pluggy, regex, yaml"]
TOKENIZE_FLOOR = [sys.executable, str(Path(__file__).with_name("tokenize_floor.py"))]
TARGET_RATIO = 20  # issue 8: at least 20x proselint's articles/s
SECTIONS = ("throughput", "families", "startup", "scaling")
# Commands run as a user's would: with the default settings (plugin autoload on) and with
# bytecode written, as every pip install does (some CI images set PYTHONDONTWRITEBYTECODE,
# which would make each start compile newslint's source again).
RUN_ENV = {name: value for name, value in os.environ.items()
           if name not in ("PYTHONDONTWRITEBYTECODE", "NEWSLINT_DISABLE_PLUGIN_AUTOLOAD")}


# --- the corpus -----------------------------------------------------------------------

def real_corpus(folder: Path, articles: int) -> list[str] | None:
    bodies = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))] if folder.is_dir() else []
    if not bodies:
        return None
    corpus = []
    for k in range(articles):
        lines = bodies[k % len(bodies)].split("\n")
        turn = (k // len(bodies)) % max(1, len(lines))
        corpus.append("\n".join(lines[turn:] + lines[:turn]))  # the same body again, from another paragraph
    return corpus


def fixture_corpus(articles: int) -> list[str]:
    paragraphs = []
    for path in sorted((REPO / "tests" / "fixtures").rglob("*")):
        if path.suffix in (".md", ".txt"):
            text = path.read_text(encoding="utf-8")
            paragraphs += [p.strip() for p in text.split("\n\n") if len(p.split()) >= 8 and "<!--" not in p]
    rng = random.Random(8)
    return ["\n\n".join(rng.sample(paragraphs, min(len(paragraphs), rng.randint(8, 16)))) for _ in range(articles)]


def write_corpus(texts: list[str], folder: Path) -> list[Path]:
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"article-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# --- running commands -----------------------------------------------------------------

def newslint_command() -> list[str]:
    script = Path(sys.executable).parent / "newslint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newslint"]


def proselint_command() -> list[str] | None:
    script = Path(sys.executable).parent / "proselint"
    if script.exists():
        return [str(script)]
    found = shutil.which("proselint")
    return [found] if found else None


def timed(command: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int, int, float]:
    """(wall seconds, exit code, peak memory in MB, CPU seconds) of one run, output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or RUN_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, process.returncode, usage.ru_maxrss // 1024, cpu


def best_of(command: list[str], repeat: int, cwd: Path | None = None) -> float:
    return min(timed(command, cwd)[0] for _ in range(repeat))


def median_of(command: list[str], runs: int, cwd: Path | None = None) -> float:
    timed(command, cwd)  # a first run writes bytecode and caches, as a user's first run does
    return statistics.median(timed(command, cwd)[0] for _ in range(runs))


# --- the sections ---------------------------------------------------------------------

def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def cpu_check() -> str:
    """How many CPUs' worth of work this machine gives right now (others may be using it)."""
    import multiprocessing

    jobs = os.cpu_count() or 1
    start = time.perf_counter()
    _spin(3_000_000)
    one = time.perf_counter() - start
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pool.map(_spin, [100] * jobs)  # start the workers before timing
        start = time.perf_counter()
        pool.map(_spin, [3_000_000] * jobs)
        many = time.perf_counter() - start
    return f"{jobs} busy processes ran {jobs * one / many:.2f}x as fast as one after another ({jobs} = all CPUs free)"

def throughput(folder: Path, count: int, size: int, repeat: int) -> None:
    rows = []
    newslint = newslint_command() + ["check", "--isolated", "--exit-zero"]
    with tempfile.TemporaryDirectory(prefix="newslint-cache-") as empty_cache:
        # A first run ever: nothing cached yet (compiled patterns, gates, syllable counts).
        cold = timed(newslint + [str(folder)], env={**RUN_ENV, "NEWSLINT_CACHE_DIR": empty_cache})[0]
    timed(newslint + [str(folder)])  # bytecode and the user's cache, as any earlier run leaves them
    rows.append((f"newslint check (all {os.cpu_count()} CPUs)", best_of(newslint + [str(folder)], repeat)))
    rows.append(("newslint check --jobs 1", best_of(newslint + ["--jobs", "1", str(folder)], repeat)))
    timed(TOKENIZE_FLOOR + [str(folder)])
    floor = best_of(TOKENIZE_FLOOR + [str(folder)], repeat)
    rows.append(("floor: read and tokenize, no rules", floor))
    peer = proselint_command()
    if peer:
        rows.append(("proselint check", best_of(peer + ["check", str(folder)], repeat)))
    base = rows[-1][1] if peer else None
    print(f"\n{'command':<34}{'seconds':>9}{'articles/s':>12}{'MB/s':>8}{'vs proselint':>14}")
    for name, seconds in rows:
        ratio = f"{base / seconds:.1f}x" if base else "-"
        print(f"{name:<34}{seconds:>9.2f}{count / seconds:>12.1f}{size / 1e6 / seconds:>8.2f}{ratio:>14}")
    if not peer:
        print("proselint is not installed: pip install -e '.[bench]' to compare")
    print(f"(a first run with an empty cache, all CPUs: {cold:.2f} s, {count / cold:.1f} articles/s)")
    if base:
        budget = base / TARGET_RATIO
        left = (budget - floor) / count * 1000
        print(f"{TARGET_RATIO}x proselint is {budget:.2f} s for this corpus; the floor alone takes {floor:.2f} s, "
              f"leaving {left:.2f} ms per article for every rule" + (" (none)" if left <= 0 else ""))


def families(texts: list[str]) -> None:
    from newslint.config import Settings
    from newslint.engine import Linter

    linter = Linter(Settings())
    for i, text in enumerate(texts[:50]):  # load everything that loads on first use
        linter.lint_text(text, f"warm-{i}.txt")
    best: dict[str, float] = {}
    run_rule = linter.run_rule
    for _ in range(3):
        spent: Counter = Counter()

        def timed_rule(rule, doc, selected, spent=spent):
            start = time.perf_counter()
            try:
                return run_rule(rule, doc, selected)
            finally:
                spent[rule.code[0] if rule.code[0] in FAMILIES else "engine"] += time.perf_counter() - start

        linter.run_rule = timed_rule
        start = time.perf_counter()
        for i, text in enumerate(texts):
            linter.lint_text(text, f"article-{i}.txt")
        spent["total"] = time.perf_counter() - start
        for key, seconds in spent.items():
            best[key] = min(best.get(key, float("inf")), seconds)
    best["parse and engine"] = best["total"] - sum(v for k, v in best.items() if k != "total")
    n = len(texts)
    print(f"\none process, in-process: {1000 * best['total'] / n:.2f} ms per article "
          f"({n / best['total']:.0f} articles/s); by family (ms per article):")
    print("  " + "  ".join(f"{k} {1000 * v / n:.2f}" for k, v in sorted(best.items(), key=lambda kv: -kv[1])
                           if k != "total"))


def startup(folder: Path, runs: int) -> None:
    """Medians of ``runs`` one-file starts and import floors, run in turns so that a busy
    spell of a shared machine slows both: wall seconds, and the CPU seconds of the process
    (which another process on the machine disturbs less)."""
    one = folder / "article-0000.txt"
    commands = {"newslint": newslint_command() + ["check", "--isolated", "--exit-zero", str(one)], "floor": FLOOR}
    for command in commands.values():
        timed(command)  # a first run writes bytecode and caches, as a user's first run does
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            wall, _, _, cpu = timed(command)
            walls[name].append(wall)
            cpus[name].append(cpu)
    wall = {name: statistics.median(values) for name, values in walls.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    print(f"\none-file start (median of {runs}): newslint check one.txt {wall['newslint']:.3f} s; "
          f"python -c \"import pluggy, regex, yaml\" {wall['floor']:.3f} s; "
          f"ratio {wall['newslint'] / wall['floor']:.2f}x (target <= 1.5x)")
    print(f"  CPU time: {cpu['newslint']:.3f} s against {cpu['floor']:.3f} s, {cpu['newslint'] / cpu['floor']:.2f}x")
    peer = proselint_command()
    if peer:
        print(f"  (proselint check one.txt: {median_of(peer + ['check', str(one)], runs):.3f} s)")


def scaling(folder: Path, texts: list[str], megabytes: float) -> None:
    size = int(megabytes * 1_000_000)
    one_line = " ".join(" ".join(t.split()) for t in texts)
    paragraphs = "\n\n".join(texts)
    shapes = {
        "one line": (one_line * (size // len(one_line) + 1))[:size],
        "paragraphs": (paragraphs * (size // len(paragraphs) + 1))[:size],
    }
    config = folder / "scaling.yaml"
    config.write_text("max-input-line: 0\n")
    print(f"\n{megabytes:g} MB in one file: wall seconds (peak memory), start-up included")
    print(f"{'select':<8}" + "".join(f"{name:>22}" for name in shapes))
    paths = {}
    for name, text in shapes.items():
        paths[name] = folder / f"big-{name.replace(' ', '-')}.txt"
        paths[name].write_text(text, encoding="utf-8")
    for select in (*FAMILIES, "ALL"):
        cells = []
        for name, path in paths.items():
            command = newslint_command() + ["check", "--config", str(config), "--exit-zero", "--select", select, str(path)]
            seconds, code, memory, _ = timed(command)
            cells.append(f"{seconds:.1f} s ({memory} MB)" + ("" if code == 0 else f" exit {code}"))
        print(f"{select:<8}" + "".join(f"{cell:>22}" for cell in cells), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=Path, default=DEFAULT_BODIES, help="folder of real article bodies (*.txt)")
    parser.add_argument("--articles", type=int, default=400, help="articles in the corpus (default 400)")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs per command (default 1)")
    parser.add_argument("--startup-runs", type=int, default=9, help="runs for the start-up medians (default 9)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 10 MB runs")
    parser.add_argument("--only", action="append", choices=SECTIONS, help="run only this section (repeatable)")
    parser.add_argument("--scaling-mb", type=float, default=10.0, help="size of the scaling files (default 10)")
    args = parser.parse_args()

    texts = real_corpus(args.bodies, args.articles)
    source = f"real article bodies from {args.bodies}, paragraphs rotated"
    if texts is None:
        texts = fixture_corpus(args.articles)
        source = "articles assembled from tests/fixtures paragraphs (no real bodies found)"
    size = sum(len(t.encode("utf-8")) for t in texts)
    from newslint import __version__

    peer = proselint_command()
    peer_version = subprocess.run(peer + ["version"], capture_output=True, text=True).stdout.strip() if peer else "-"
    print(f"newslint {__version__}, proselint {peer_version or '?'}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs ({platform.machine()})")
    print(f"corpus: {len(texts)} articles, {size / 1e6:.2f} MB: {source}")
    print(f"CPU check: {cpu_check()}")
    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        write_corpus(texts, folder)
        sections = args.only or [name for name in SECTIONS if not (name == "scaling" and args.no_scaling)]
        if "throughput" in sections:
            throughput(folder, len(texts), size, args.repeat)
        if "families" in sections:
            families(texts)
        if "startup" in sections:
            startup(folder, args.startup_runs)
        if "scaling" in sections:
            scaling(Path(tmp), texts, args.scaling_mb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
