"""Lint archives beyond one machine with Dask (the ``dask`` extra: ``pip install 'newslint[dask]'``).

Two ways in, both giving exactly the findings of a single-process run:

- ``newslint check --engine dask --scheduler tcp://host:8786 archive-*.jsonl``:
  the files are spread over the cluster (a JSONL archive is linted whole by one
  worker, so shard big archives into several files), results come back in
  input order and go through the usual formatters. Without ``--scheduler`` a
  local cluster (one worker process per CPU) stands in.
- ``lint_bag(bag, settings)`` for pipelines that already hold a ``dask.bag``:
  items are records ``{"id", "title"?, "text"}`` (read as one line of a JSONL
  archive called ``name`` would be, so findings are reported under
  ``name#id``), file paths, or ``newslint.sources.Source`` objects; the result
  is a bag of ``FileResult`` (``.to_dict()`` the findings for a dataframe).

Each worker process builds one ``Linter`` per distinct ``Settings`` and keeps
it. Local house plugins (``plugins: local:``) must exist at the same path on
every worker; installed plugin packages must be installed there.
"""
from __future__ import annotations

import json
import pickle
from collections.abc import Mapping
from typing import Iterable, Iterator

from newslint.config import Settings
from newslint.discover import discover
from newslint.findings import FileResult
from newslint.sources import Source, read_jsonl, read_path

PARTITIONS_AHEAD = 64  # partitions computed at a time by the CLI, so results stream in order

_linters: dict = {}


def lint_bag(bag, settings: Settings | None = None, *, name: str = "record", input_format: str | None = None):
    """A bag of ``FileResult`` for a bag of records, paths or sources (lazy: ``.compute()`` it)."""
    return bag.map_partitions(lint_items, settings or Settings(), name, input_format)


def lint_items(items: Iterable, settings: Settings, name: str, input_format: str | None) -> list[FileResult]:
    """Lint one partition on a worker."""
    key = pickle.dumps(settings)
    if key not in _linters:
        from newslint.engine import Linter

        _linters[key] = Linter(settings)
    linter = _linters[key]
    results = []
    for item in items:
        if isinstance(item, Source):
            sources: Iterable[Source] = [item]
        elif isinstance(item, Mapping):
            sources = read_jsonl(name, json.dumps(item).encode("utf-8"), settings.max_input_line)
        elif isinstance(item, str):
            sources = read_path(item, input_format, settings.max_input_line)
        else:
            sources = [Source(f"{name}#{type(item).__name__}", error="not a record, path or Source")]
        results.extend(linter.lint_source(source) for source in sources)
    return results


def lint_paths(settings: Settings, paths: Iterable[str], input_format: str | None = None, *,
               scheduler: str | None = None) -> Iterator[FileResult]:
    """``newslint check --engine dask``: one partition per file, results in input order."""
    import dask.bag

    items = [Source(path, error=error) if error else path
             for path, error in discover(list(paths), settings.include, settings.exclude)]
    if not items:
        return
    parts = lint_bag(dask.bag.from_sequence(items, partition_size=1), settings, input_format=input_format).to_delayed()
    from distributed import Client

    from newslint.parallel import default_jobs

    if scheduler:
        client = Client(scheduler)
    else:
        client = Client(n_workers=default_jobs(), threads_per_worker=1, dashboard_address=None)
    try:
        for start in range(0, len(parts), PARTITIONS_AHEAD):
            for results in client.gather(client.compute(parts[start : start + PARTITIONS_AHEAD])):
                yield from results
    finally:
        client.close()
        if not scheduler:
            client.cluster.close()
