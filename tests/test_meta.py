"""The project checks itself: every rule documented and fixtured, hooks documented, packaging exact."""
import inspect
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, linter_for

from newslint import hookspecs
from newslint.plugins import DEFAULT_PLUGINS

ROOT = Path(__file__).parent.parent
SECTIONS = ("What it flags", "Why", "Example", "Prefer")
BUILTIN_RULES = sorted(linter_for().registry.rules.values(), key=lambda r: r.code)


def fixture_files(code):
    return [p for p in FIXTURES.glob(f"*/{code}*") if p.suffix in (".md", ".txt") and p.stem.split("_")[0] == code]


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.code)
def test_every_rule_has_a_four_part_docstring(rule):
    missing = [s for s in SECTIONS if f"{s}:" not in rule.doc]
    assert not missing, f"{rule.code} docstring lacks {missing}"


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.code)
def test_every_rule_has_positive_and_negative_fixtures(rule):
    files = fixture_files(rule.code)
    positive = [p for p in files if "expect" in p.read_text(encoding="utf-8")]
    negative = [p for p in files if p.stem.endswith("_clean")]
    if rule.code == "NL001":  # a crash cannot be written as an article; tests/test_plugins.py covers it
        return
    assert positive, f"{rule.code} has no fixture with an expect marker"
    assert negative, f"{rule.code} has no {rule.code}_clean fixture"


def test_every_hookspec_is_documented():
    specs = [f for name, f in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("newslint_")]
    assert specs and all(inspect.getdoc(f) for f in specs)


def test_plugin_modules_match_default_plugins():
    listed = {m.removeprefix("newslint_plugins.") for m in DEFAULT_PLUGINS if m.startswith("newslint_plugins.")}
    providing = {p.stem for p in (ROOT / "plugins").glob("*.py") if "def newslint_rules" in p.read_text(encoding="utf-8")}
    assert listed == providing


def test_wheel_installs_exactly_two_top_level_packages(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("newslint-*.whl"))
    names = {n.split("/")[0] for n in zipfile.ZipFile(wheel).namelist() if not n.split("/")[0].endswith(".dist-info")}
    assert names == {"newslint", "newslint_plugins"}
    data = [n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("newslint_plugins/data/")]
    assert data == sorted(set(data)) and all(not n.endswith("/") for n in data)
