"""Dask: lint_bag and --engine dask give exactly the findings of a single-process run (local cluster)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import FIXTURES

from newslint.cli import main
from newslint.config import Settings
from newslint.engine import Linter
from newslint.sources import Source

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from newslint import dask as newslint_dask  # noqa: E402

RECORDS = [
    {"id": "r1", "title": "You Won't Believe What the Council Did Next",
     "text": "The council met on Monday. Some experts say the plan will fail."},
    {"id": "r2", "text": "Ferry services resume after repairs. The the harbour reopened on Friday."},
    {"id": "r3", "title": "Budget approved", "text": "The council approved the budget on Tuesday, a spokesman said."},
    {"id": "r4", "text": "\u201cWe will not be moving the depot this year or next,\u201d the statement read."},
    {"id": "r5", "title": "12 Things Nobody Tells You About Moving Here", "text": "Rents rose 9% this year."},
    {"id": "r6", "text": ""},
]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local, distributed.Client(local) as client:
        yield local, client


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "archive-1.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def rows(results):
    return [(r.path, r.findings, r.error) for r in results]


def test_lint_bag_of_records_equals_a_single_process_run(cluster, archive):
    settings = Settings()
    serial = list(Linter(settings).lint_paths([str(archive)]))
    bag = dask_bag.read_text(str(archive)).map(json.loads).repartition(3)
    results = newslint_dask.lint_bag(bag, settings, name=str(archive)).compute()
    assert rows(results) == rows(serial)
    assert any(r.findings for r in results) and any(r.error for r in results)


def test_lint_bag_of_paths_and_sources(cluster, tmp_path):
    paths = sorted(str(p) for p in (FIXTURES / "phrasing").glob("G10*.md"))[:6]
    settings = Settings().replace(select=("G", "A"))
    linter = Linter(settings)
    serial = [r for path in paths for r in linter.lint_file(path)]
    by_path = newslint_dask.lint_bag(dask_bag.from_sequence(paths, npartitions=3), settings).compute()
    sources = [Source(path, open(path, encoding="utf-8").read()) for path in paths]
    by_source = newslint_dask.lint_bag(dask_bag.from_sequence(sources, npartitions=2), settings).compute()
    assert rows(by_path) == rows(serial) == rows(by_source)
    assert any(r.findings for r in serial)


@pytest.fixture
def tree(tmp_path, archive, monkeypatch):
    for path in sorted((FIXTURES / "headline").glob("H10*.md"))[:6]:
        (tmp_path / "news").mkdir(exist_ok=True)
        (tmp_path / "news" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "news" / "latin1.txt").write_bytes("Caf\xe9 owners protest\n".encode("latin-1"))
    (tmp_path / "rules.yaml").write_text("per-file-ignores: {'news/H101*': [H]}\nseverity: {H1: error}\n")
    monkeypatch.chdir(tmp_path)
    return ["news", archive.name, "missing.md"]


def test_engine_dask_on_a_scheduler_equals_one_process(cluster, tree, capsys):
    local, _ = cluster  # its workers run in another folder: paths and per-file-ignores must still hold
    assert main(["check", "--jobs", "1", "--output-format", "json", *tree]) == 2
    serial = capsys.readouterr()
    code = main(["check", "--engine", "dask", "--scheduler", local.scheduler_address, "--output-format", "json", *tree])
    assert (code, capsys.readouterr()) == (2, serial)
    files = json.loads(serial.out)["files"]
    assert not [f for f in files if f["path"].startswith("news/H101") and f["findings"]]
    assert {f["severity"] for file in files for f in file["findings"] if f["code"].startswith("H1")} == {"error"}


def test_engine_dask_starts_a_local_cluster_without_scheduler(tree, capsys):
    main(["check", "--isolated", "--jobs", "1", *tree])
    serial = capsys.readouterr().out
    assert main(["check", "--isolated", "--engine", "dask", "--jobs", "1", *tree]) == 2
    assert capsys.readouterr().out == serial


def test_engine_dask_without_dask_is_a_one_line_error(tmp_path):
    (tmp_path / "a.md").write_text("# Council approves budget\n\nThe council approved it.\n")
    probe = ("import sys; sys.modules['dask'] = sys.modules['distributed'] = None\n"
             "from newslint.cli import main\n"
             f"sys.exit(main(['check', '--isolated', '--engine', 'dask', {str(tmp_path / 'a.md')!r}]))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("newslint: error: --engine dask needs")


def test_scheduler_without_dask_engine_is_an_error(tmp_path, capsys):
    (tmp_path / "a.md").write_text("# Council approves budget\n\nThe council approved it.\n")
    assert main(["check", "--isolated", "--scheduler", "tcp://127.0.0.1:8786", str(tmp_path / "a.md")]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
