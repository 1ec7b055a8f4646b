"""Spread a run's texts over processes, keeping the output order and findings of a serial run.

The parent discovers and reads the inputs (cheap) and hands the texts to the
workers in chunks of about ``CHUNK_CHARS`` characters, so thousands of small
articles cost a few hundred messages and one huge article travels alone; the
records of one JSONL archive are spread too. Each worker builds its own
``Linter`` from the run's ``Settings`` once, in the pool initializer. At most
``jobs * AHEAD`` chunks are in flight, so memory stays flat on archives of
millions of articles. A run whose texts fit in one chunk (one file, a
pre-commit batch) never starts a pool.
"""
from __future__ import annotations

import itertools
import os
import signal
import sys
from collections import deque
from typing import Iterable, Iterator

from newslint.config import Settings
from newslint.discover import discover
from newslint.findings import FileResult
from newslint.sources import Source, read_path

CHUNK_CHARS = 64_000
CHUNK_SOURCES = 256
AHEAD = 4

_worker_linter = None


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def sources_for(paths: Iterable[str], settings: Settings, input_format: str | None) -> Iterator[Source]:
    """The texts under ``paths``, in the order a serial ``Linter.lint_paths`` lints them."""
    for path, error in discover(list(paths), settings.include, settings.exclude):
        if error:
            yield Source(path, error=error)
        else:
            yield from read_path(path, input_format, settings.max_input_line)


def chunks(sources: Iterable[Source]) -> Iterator[list[Source]]:
    chunk: list[Source] = []
    size = 0
    for source in sources:
        chunk.append(source)
        size += len(source.text or "")
        if size >= CHUNK_CHARS or len(chunk) >= CHUNK_SOURCES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def lint_paths(linter, paths: Iterable[str], input_format: str | None = None, jobs: int | None = None) -> Iterator[FileResult]:
    """Results for ``paths`` in input order, linted by up to ``jobs`` processes (default: all CPUs)."""
    jobs = jobs or default_jobs()
    pieces = chunks(sources_for(paths, linter.settings, input_format))
    if jobs > 1:
        ahead = list(itertools.islice(pieces, 2))
        pieces = itertools.chain(ahead, pieces)
        if len(ahead) == 2:
            yield from lint_chunks(linter.settings, pieces, jobs)
            return
    for chunk in pieces:  # one process asked for, or everything fits in one chunk
        for source in chunk:
            yield linter.lint_source(source)


def lint_chunks(settings: Settings, pieces: Iterable[list[Source]], jobs: int) -> Iterator[FileResult]:
    import multiprocessing  # here, not at the top: a one-file run never needs them
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # fork shares the parent's imported plugins; elsewhere (or where fork is unsafe) spawn.
    method = "fork" if sys.platform == "linux" else "spawn"
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                               initializer=start_worker, initargs=(settings,))
    finished = False
    try:
        pending: deque = deque()
        for chunk in pieces:
            pending.append(pool.submit(lint_chunk, chunk))
            if len(pending) >= jobs * AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        finished = True
    except BrokenProcessPool:
        raise RuntimeError("a worker process died (out of memory?); rerun with --jobs 1 to find the file") from None
    finally:
        if not finished:  # interrupted or failed: stop the workers now rather than after their chunks
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def start_worker(settings: Settings) -> None:
    global _worker_linter
    from multiprocessing.util import Finalize

    from newslint import cache
    from newslint.engine import Linter

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which ends the pool
    # A worker ends with os._exit, which skips atexit: save what it compiled for the next run.
    Finalize(None, cache.save_all, exitpriority=10)
    _worker_linter = Linter(settings)


def lint_chunk(chunk: list[Source]) -> list[FileResult]:
    return [_worker_linter.lint_source(source) for source in chunk]
