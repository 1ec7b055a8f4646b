"""Turn one input path into texts to lint: decode, guard against bad input, split JSONL archives.

Nothing here raises for a bad file: a problem becomes a ``Source`` with an
``error`` (a one-line message), so the other files are still linted.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterator

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


def read_jsonl(path: str, data: bytes, max_input_line: int) -> Iterator[Source]:
    """One Source per record ``{"id", "title"?, "text"}``; a bad record is an error for it alone."""
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        yield Source(path, error="binary file (contains NUL bytes), not a JSONL archive")
        return
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    records = 0
    for number, raw in enumerate(data.splitlines(), 1):
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
    """The sources in one file path: one for a text file, one per record for JSONL."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        yield Source(path, error="no such file or directory")
        return
    except IsADirectoryError:
        yield Source(path, error="is a directory")
        return
    except OSError as exc:
        yield Source(path, error=f"cannot read: {exc.strerror or exc}")
        return
    is_jsonl = input_format == "jsonl" or (input_format is None and path.lower().endswith(JSONL_SUFFIXES))
    if is_jsonl:
        yield from read_jsonl(path, data, max_input_line)
    else:
        yield read_text_source(path, data, max_input_line)
