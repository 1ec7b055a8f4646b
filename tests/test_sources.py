"""Reading inputs: JSONL archives are streamed a record at a time, with the line numbers of a whole read."""
from __future__ import annotations

import json

from newslint import sources
from newslint.sources import read_path


def test_an_archive_is_read_a_record_at_a_time(tmp_path, monkeypatch):
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Story {i}."}) + "\n" for i in range(1000)))
    reads = []
    real_open = open

    def watched_open(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        original_read = handle.read
        handle.read = lambda size=-1: reads.append(size) or original_read(size)
        return handle

    monkeypatch.setattr(sources, "open", watched_open, raising=False)
    records = read_path(str(archive), None, 0)
    first = next(records)
    assert (first.path, first.text) == (f"{archive}#r0", "Story 0.")
    assert -1 not in reads  # never the whole file at once
    assert sum(1 for _ in records) == 999


def test_line_numbers_count_cr_and_crlf_endings_as_a_whole_read_did(tmp_path):
    archive = tmp_path / "mixed.jsonl"
    archive.write_bytes(b'\xef\xbb\xbf{"text": "One."}\r\n{"text": "Two."}\r{oops}\n\n{"text": 3}\n')
    found = [(s.path, s.text, s.error) for s in read_path(str(archive), None, 0)]
    assert found == [
        (f"{archive}#line1", "One.", None),
        (f"{archive}#line2", "Two.", None),
        (f"{archive}#line3", None, "record on line 3 is not valid JSON: Expecting property name enclosed in double quotes"),
        (f"{archive}#line5", None, 'record on line 5 needs a string "text" field'),
    ]


def test_a_binary_archive_is_one_error(tmp_path):
    archive = tmp_path / "blob.jsonl"
    archive.write_bytes(b'{"text": "x"}\n\x00\x01\x02')
    assert [(s.path, s.error) for s in read_path(str(archive), None, 0)] == [
        (str(archive), "binary file (contains NUL bytes), not a JSONL archive")]
