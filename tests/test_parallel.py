"""--jobs: files spread over processes give the output of a single-process run, in the same order."""
from __future__ import annotations

import json
import sys

import pytest
from conftest import FIXTURES

from newslint import parallel
from newslint.config import Settings
from newslint.cli import build_parser, main

BAD_FILES = {
    "bad/latin1.txt": "Caf\xe9 owners protest the new rules\n".encode("latin-1"),
    "bad/image.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    "bad/empty.md": b"",
}
ARCHIVE = "\n".join([
    json.dumps({"id": "a1", "title": "You Won't Believe What the Council Did Next",
                "text": "The council met on Monday. Some experts say the plan will fail."}),
    "{not json",
    json.dumps({"id": "a2", "text": "Ferry services resume after repairs. The the harbour reopened on Friday."}),
    json.dumps({"title": "Budget approved", "text": "The council approved the budget on Tuesday."}),
    json.dumps({"id": "a4", "text": 42}),
]) + "\n"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A folder of articles from the fixtures, a JSONL archive, bad files, and a config with per-file-ignores."""
    for family in ("headline", "phrasing", "attribution", "readability"):
        for path in sorted((FIXTURES / family).glob("*.md"))[:8]:
            target = tmp_path / "news" / family / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "news" / "archive.jsonl").write_text(ARCHIVE, encoding="utf-8")
    for name, data in BAD_FILES.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(data)
    (tmp_path / "rules.yaml").write_text(
        "per-file-ignores: {'news/headline/**': [H120]}\nseverity: {G: error}\nrules: {R102: {max-words: 30}}\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv):
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


ARGS = ["news", "news/archive.jsonl", "bad", "missing.md", "news/headline"]  # folders skip .jsonl


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_processes_give_the_findings_and_order_of_one(tree, capsys, monkeypatch, output_format):
    serial = run(capsys, "--jobs", "1", "--output-format", output_format, "--statistics", *ARGS)
    assert serial[0] == 2 and serial[1]  # bad files make the exit code 2; findings were reported
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 1)  # one text per chunk: spread as thinly as possible
    spread = run(capsys, "--jobs", "3", "--output-format", output_format, "--statistics", *ARGS)
    assert spread == serial


def test_the_pool_is_used_and_archive_records_are_spread(tree, monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 1)
    sent = []
    real = parallel.lint_chunks

    def spy(settings, pieces, jobs):
        def recorded():
            for chunk in pieces:
                sent.append([source.path for source in chunk])
                yield chunk
        return real(settings, recorded(), jobs)

    monkeypatch.setattr(parallel, "lint_chunks", spy)
    from newslint.config import load_config
    from newslint.engine import Linter

    linter = Linter(load_config(tree / "rules.yaml"))
    results = list(parallel.lint_paths(linter, ["news", "news/archive.jsonl"], jobs=2))
    serial = list(linter.lint_paths(["news", "news/archive.jsonl"]))
    assert [(r.path, r.findings, r.error) for r in results] == [(r.path, r.findings, r.error) for r in serial]
    records = [paths for paths in sent if any("#" in p for p in paths)]
    assert len(records) >= 4  # the archive's records travel in chunks of their own


def test_one_file_never_starts_a_pool(tree, capsys, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one file")

    monkeypatch.setattr(parallel, "lint_chunks", no_pool)
    code, out, _ = run(capsys, "--jobs", "4", "news/phrasing/" + sorted((tree / "news" / "phrasing").iterdir())[0].name)
    assert code in (0, 1)


def test_jobs_defaults_to_every_cpu(tree, monkeypatch):
    assert build_parser().parse_args(["check"]).jobs is None
    monkeypatch.setattr(parallel, "default_jobs", lambda: 3)
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 1)
    seen = []
    monkeypatch.setattr(parallel, "lint_chunks", lambda settings, pieces, jobs: seen.append(jobs) or iter(()))
    from newslint.engine import Linter

    list(parallel.lint_paths(Linter(), ["news"]))
    assert seen == [3]


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_whole_number(value, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["check", "--jobs", value])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def compile_in_worker(pattern: str) -> bool:
    from newslint import patterns

    return patterns.compile(pattern).pattern == pattern


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_patterns_a_worker_compiles_are_saved_for_the_next_run(tmp_path, monkeypatch):
    """Pool workers end with os._exit (no atexit), so they save the caches themselves."""
    import multiprocessing
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    from newslint import patterns
    from newslint.parallel import start_worker

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    unique = f"worker-only pattern {tmp_path.name}"
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                             initializer=start_worker, initargs=(Settings(),)) as pool:
        assert pool.submit(compile_in_worker, unique).result()
    saved = pickle.loads(patterns.cache_path().read_bytes())
    assert (unique, 0) in saved
