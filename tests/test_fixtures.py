"""Rule fixtures: each tests/fixtures/<family>/<CODE>[_variant].(md|txt) is linted with only CODE
(plus whatever a ``<same name>.yaml`` config selects, for rules that work on other rules' findings).

``<!-- expect: CODE -->`` marks a finding on its own line, ``<!-- expect+N: CODE -->`` one N
lines below. The (line, code) pairs must match the linter's both ways, and the text output
must match ``<name>.expected`` (``pytest --update-fixtures`` rewrites those).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
from conftest import FIXTURES, linter_for

from newslint.config import load_config

EXPECT = regex.compile(r"<!--\s*expect(?:\+(?P<offset>\d+))?:\s*(?P<codes>[A-Z0-9, ]+?)\s*-->")
FIXTURE_FILES = sorted(p for p in FIXTURES.glob("*/*") if p.suffix in (".md", ".txt"))


def fixture_code(path: Path) -> str:
    return path.stem.split("_", 1)[0]


def expected_markers(text: str) -> set[tuple[int, str]]:
    expected = set()
    for number, line in enumerate(text.splitlines(), 1):
        for m in EXPECT.finditer(line):
            for code in m.group("codes").split(","):
                expected.add((number + int(m.group("offset") or 0), code.strip()))
    return expected


def render(path: Path, findings) -> str:
    shown = path.relative_to(FIXTURES.parent).as_posix()
    return "".join(f"{shown}:{f.start.line}:{f.start.column}: {f.code} {f.message}\n" for f in findings)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(path: Path, update_fixtures: bool):
    code = fixture_code(path)
    config = path.with_suffix(".yaml")
    select = [code]
    if config.exists():
        select += list(load_config(config).select) if "select:" in config.read_text() else []
    linter = linter_for(select, config if config.exists() else None)
    text = path.read_text(encoding="utf-8")
    findings = linter.lint_text(text, path.name).findings
    actual = {(f.start.line, f.code) for f in findings}
    assert actual == expected_markers(text), render(path, findings)

    snapshot = path.with_suffix(".expected")
    output = render(path, findings)
    if update_fixtures:
        snapshot.write_text(output, encoding="utf-8")
    assert snapshot.exists(), f"{snapshot.name} is missing: run pytest --update-fixtures"
    assert output == snapshot.read_text(encoding="utf-8")


def test_fixture_names_use_known_codes():
    codes = linter_for().registry.codes()
    unknown = sorted({fixture_code(p) for p in FIXTURE_FILES} - codes)
    assert not unknown, f"fixtures named after unknown codes: {unknown}"
