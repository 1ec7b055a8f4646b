"""Turn one input path into texts to lint: decode, guard against bad input, split JSONL archives.

Nothing here raises for a bad file: a problem becomes a ``Source`` with an
``error`` (a one-line message), so the other files are still linted.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

from newslint.positions import LINE_BREAK

BINARY_SNIFF_BYTES = 8192
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Source:
    """A text to lint (or the reason it can't be), with the path findings are reported under."""

    path: str
    text: str | None = None
    error: str | None = None
    title: str | None = None  # a JSONL record's title: line 1 of the text is the headline


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, error) for raw file bytes; a UTF-8 BOM is dropped."""
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return None, "binary file (contains NUL bytes), not an article"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, f"not valid UTF-8: byte 0x{data[exc.start]:02x} on line {line} (offset {exc.start})"


def check_text(text: str, max_input_line: int) -> str | None:
    """An error for text that is empty or has a line longer than the limit (0: no limit)."""
    if not text.strip():
        return "empty file: nothing to lint"
    if max_input_line:
        line = first_long_line(text, max_input_line)
        if line:
            return (f"line {line} is longer than {max_input_line:,} characters "
                    "(not an article? raise max-input-line in the config to lint it anyway)")
    return None


def first_long_line(text: str, limit: int) -> int | None:
    """The 1-based number of the first line longer than ``limit``, in one linear pass."""
    start, number = 0, 1
    for m in LINE_BREAK.finditer(text):
        if m.start() - start > limit:
            return number
        start, number = m.end(), number + 1
    return number if len(text) - start > limit else None


def read_text_source(path: str, data: bytes, max_input_line: int) -> Source:
    text, error = decode(data)
    if error is None:
        error = check_text(text, max_input_line)
    return Source(path, None if error else text, error)


def physical_lines(stream: Iterable[bytes]) -> Iterator[bytes]:
    """The lines of a byte stream, split as ``bytes.splitlines`` splits (\\n, \\r\\n and \\r), one at a time."""
    for raw in stream:
        yield from raw.splitlines()


def read_jsonl(path: str, stream: BinaryIO, max_input_line: int) -> Iterator[Source]:
    """One Source per record ``{"id", "title"?, "text"}``; a bad record is an error for it alone.

    The archive is read a line at a time, so memory stays flat however big it is.
    """
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)
    head = stream.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        yield Source(path, error="binary file (contains NUL bytes), not a JSONL archive")
        return
    if head.startswith(b"\xef\xbb\xbf"):
        stream.read(3)
    records = 0
    for number, raw in enumerate(physical_lines(stream), 1):
        if not raw.strip():
            continue
        records += 1
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield Source(f"{path}#line{number}", error=f"record on line {number} is not valid UTF-8 (offset {exc.start})")
            continue
        except json.JSONDecodeError as exc:
            yield Source(f"{path}#line{number}", error=f"record on line {number} is not valid JSON: {exc.msg}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Source(f"{path}#line{number}", error=f"record on line {number} needs a string \"text\" field")
            continue
        record_id = record.get("id", f"line{number}")
        title = record.get("title")
        if title is not None and not isinstance(title, str):
            yield Source(f"{path}#{record_id}", error=f"record on line {number}: \"title\" must be a string")
            continue
        title = " ".join(title.split()) if title else None
        text = f"{title}\n\n{record['text']}" if title else record["text"]
        error = check_text(text, max_input_line)
        yield Source(f"{path}#{record_id}", None if error else text, error, title)
    if records == 0:
        yield Source(path, error="empty archive: no JSONL records")


def read_path(path: str, input_format: str | None, max_input_line: int) -> Iterator[Source]:
    """The sources in one file path: one for a text file, one per record for JSONL (streamed)."""
    is_jsonl = input_format == "jsonl" or (input_format is None and path.lower().endswith(JSONL_SUFFIXES))
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield Source(path, error=read_error(exc))
        return
    with handle:
        try:
            if not is_jsonl:
                data = handle.read()
            else:
                yield from read_jsonl(path, handle, max_input_line)
                return
        except OSError as exc:
            yield Source(path, error=read_error(exc))
            return
    yield read_text_source(path, data, max_input_line)


def read_error(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"
