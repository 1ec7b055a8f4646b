"""A progress bar on stderr for long runs, only where a person is watching.

It is shown only when stderr is a terminal and the report is text (never with
JSON, SARIF or GitHub output, never in pipes or CI logs), only when tqdm is
installed (the ``progress`` extra), and by default only once a run has taken
``DELAY`` seconds, so quick runs never flash a bar. ``--progress`` shows it
from the start; ``--no-progress`` never shows it.
"""
from __future__ import annotations

import importlib.util
import sys
from typing import IO, Iterable, Iterator, TypeVar

DELAY = 2.0
T = TypeVar("T")


def wanted(choice: bool | None, output_format: str, stream: IO[str] | None = None) -> bool:
    """Whether to show a bar: ``choice`` is --progress (True), --no-progress (False) or neither (None)."""
    stream = stream or sys.stderr
    if choice is False or output_format != "text" or not stream.isatty():
        return False
    return importlib.util.find_spec("tqdm") is not None


class Progress:
    """Counts items on stderr; ``stream()`` wraps the report stream so lines never cut through the bar."""

    def __init__(self, enabled: bool, *, delay: float = DELAY) -> None:
        self.enabled = enabled
        self.delay = delay

    def track(self, items: Iterable[T], total: int | None = None) -> Iterator[T]:
        if not self.enabled:
            return iter(items)
        from tqdm import tqdm

        return iter(tqdm(items, total=total, unit=" articles", file=sys.stderr, delay=self.delay,
                         leave=False, dynamic_ncols=True, smoothing=0.1))

    def stream(self, stream: IO[str]) -> IO[str]:
        return _ClearingStream(stream) if self.enabled else stream


class _ClearingStream:
    """Writes through tqdm's external write mode: clear the bar, write, redraw."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from tqdm import tqdm

        with tqdm.external_write_mode(file=self._stream):
            written = self._stream.write(text)
            self._stream.flush()
        return written

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
