"""Lint archives beyond one machine with Dask (the ``dask`` extra: ``pip install 'newslint[dask]'``).

Two ways in, both giving exactly the findings of a single-process run:

- ``newslint check --engine dask --scheduler tcp://host:8786 archive-*.jsonl``:
  the files are spread over the cluster (a JSONL archive is linted whole by one
  worker, so shard big archives into several files), results come back in
  input order and go through the usual formatters. Without ``--scheduler`` a
  local cluster of ``--jobs`` worker processes (default: one per CPU) stands in.
  The workers read the files, so on a remote cluster the paths must resolve
  there too: a shared filesystem, mounted at the same place, and the command
  run from the same folder (or absolute paths).
- ``lint_bag(bag, settings)`` for pipelines that already hold a ``dask.bag``:
  items are records ``{"id", "title"?, "text"}`` (read as one line of a JSONL
  archive called ``name`` would be, so findings are reported under
  ``name#id``; give every record an id, as a record without one is reported as
  ``name#line1``), file paths, or ``newslint.sources.Source`` objects. The
  result is a bag of ``FileResult`` (``path``, ``findings``, ``error``);
  ``Finding.to_dict()`` turns findings into rows for a dataframe.

Each worker process builds one ``Linter`` per distinct ``Settings`` and keeps
it. Local house plugins (``plugins: local:``) must exist at the same path on
every worker; installed plugin packages must be installed there.
"""
from __future__ import annotations

import importlib
import io
import json
import os
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from newslint.config import ConfigError, Settings
from newslint.discover import discover
from newslint.findings import FileResult
from newslint.sources import Source, read_jsonl, read_path

PARTITIONS_AHEAD = 64  # partitions computed at a time by the CLI, so results stream in order
PARTITIONS_PER_THREAD = 4  # enough to balance uneven files, few enough to keep task overhead small
CONNECT_TIMEOUT = "10s"

_linters: dict = {}


@dataclass(frozen=True)
class FileItem:
    """A file for a worker to read at ``location`` (absolute) and report as ``path`` (as given)."""

    path: str
    location: str


def lint_bag(bag, settings: Settings | None = None, *, name: str = "record", input_format: str | None = None,
             cwd: str | None = None):
    """A bag of ``FileResult`` for a bag of records, paths or sources (lazy: ``.compute()`` it).

    ``cwd``: the folder relative paths in findings are relative to, for
    ``per-file-ignores`` (default: the worker's working folder).
    """
    return bag.map_partitions(lint_items, settings or Settings(), name, input_format, cwd)


def lint_items(items: Iterable, settings: Settings, name: str, input_format: str | None,
               cwd: str | None = None) -> list[FileResult]:
    """Lint one partition on a worker."""
    key = (pickle.dumps(settings), cwd)
    if key not in _linters:
        from newslint.engine import Linter

        _linters[key] = Linter(settings, cwd=cwd)
    linter = _linters[key]
    results = []
    for item in items:
        if isinstance(item, Source):
            sources: Iterable[Source] = [item]
        elif isinstance(item, FileItem):
            sources = (replace(source, path=item.path + source.path[len(item.location):])
                       for source in read_path(item.location, input_format, settings.max_input_line))
        elif isinstance(item, Mapping):
            sources = read_jsonl(name, io.BytesIO(json.dumps(item).encode("utf-8")), settings.max_input_line)
        elif isinstance(item, str):
            sources = read_path(item, input_format, settings.max_input_line)
        else:
            sources = [Source(f"{name}#{type(item).__name__}", error="not a record, path or Source")]
        results.extend(linter.lint_source(source) for source in sources)
    return results


def missing() -> str | None:
    """What ``--engine dask`` lacks: None when dask.bag and distributed import."""
    for module in ("dask.bag", "distributed"):
        try:
            importlib.import_module(module)
        except ImportError as exc:
            return f"{module} ({exc})"
    return None


def lint_paths(settings: Settings, paths: Iterable[str], input_format: str | None = None, *,
               scheduler: str | None = None, jobs: int | None = None) -> Iterator[FileResult]:
    """``newslint check --engine dask``: the files spread over the cluster, results in input order.

    Without ``scheduler`` a local cluster of ``jobs`` worker processes (default:
    one per CPU) stands in. Files are grouped into a few partitions per worker
    thread; a JSONL archive is one item, linted whole by one worker.
    """
    import dask.bag
    from distributed import Client

    from newslint.parallel import default_jobs

    # Workers read each file at its absolute path and report it as given, as a local run does.
    items = [Source(path, error=error) if error else FileItem(path, os.path.abspath(path))
             for path, error in discover(list(paths), settings.include, settings.exclude)]
    if not items:
        return
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            client = Client(n_workers=jobs or default_jobs(), threads_per_worker=1, processes=True,
                            dashboard_address=":0")
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        threads = max(1, sum(client.nthreads().values()))
        partitions = min(len(items), threads * PARTITIONS_PER_THREAD)
        bag = dask.bag.from_sequence(items, npartitions=partitions)
        parts = lint_bag(bag, settings, input_format=input_format, cwd=os.getcwd()).to_delayed()
        for start in range(0, len(parts), PARTITIONS_AHEAD):
            for results in client.gather(client.compute(parts[start : start + PARTITIONS_AHEAD])):
                yield from results
    finally:
        client.close()
        if not scheduler:
            client.cluster.close()
