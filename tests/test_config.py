"""rules.yaml and [tool.newslint]: values reach the run; every mistake names the file and line."""
from pathlib import Path

import pytest
from conftest import TESTS

from newslint.config import ConfigError, find_config, load_config
from newslint.engine import Linter
from newslint.severity import Severity


def write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def linter_from(tmp_path, text, name="rules.yaml"):
    return Linter(load_config(write(tmp_path, text, name)))


def test_values_reach_the_settings(tmp_path):
    settings = load_config(write(tmp_path, """
select: [H, T]
ignore: [T102]
per-file-ignores: {"archive/**": [C]}
severity: {H101: error}
fail-on: error
include: ["*.md"]
"""))
    assert settings.select == ("H", "T") and settings.ignore == ("T102",)
    assert settings.per_file_ignores == (("archive/**", ("C",)),)
    assert settings.severity == (("H101", Severity.ERROR),)
    assert settings.fail_on is Severity.ERROR and settings.include == ("*.md",)
    assert settings.root == str(tmp_path.resolve())


@pytest.mark.parametrize("text, message, line", [
    ("select: [H]\nselct: [T]\n", "unknown key 'selct' (did you mean 'select'?)", 2),
    ("fail-on: loud\n", "fail-on: unknown severity 'loud'", 1),
    ("severity:\n  H101: critical\n", "unknown severity 'critical'", 2),
    ("select: [H\n", "invalid YAML", None),
    ("- just\n- a list\n", "must be a mapping", 1),
    ("plugins:\n  lokal: [x.py]\n", "unknown key 'plugins.lokal'", 2),
    ("max-input-line: -3\n", "whole number", 1),
])
def test_phase_one_errors_name_file_and_line(tmp_path, text, message, line):
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    assert message in str(info.value)
    assert str(info.value).startswith(str(tmp_path / "rules.yaml") + (f":{line}:" if line else ":"))


@pytest.mark.parametrize("text, message, line", [
    ("select: [NL, ZZ]\n", "unknown rule code or prefix 'ZZ' in select", 1),
    ("ignore:\n  - QQ9\n", "unknown rule code or prefix 'QQ9' in ignore", 2),
    ("rules:\n  NL999: {x: 1}\n", "unknown rule code 'NL999' in rules", 2),
    ("rules:\n  NL001:\n    x: 1\n", "rule NL001 takes no options", 2),
    ("custom:\n  - {code: HS101, kind: shouting}\n", "custom rule kind 'shouting' is unknown", 2),
    ("custom:\n  - {code: HS101, kind: existence}\n", "needs at least one token", 2),
    ("custom:\n  - {code: NL001, kind: existence, tokens: [x]}\n", "defined twice", 2),
])
def test_phase_two_errors_name_file_and_line(tmp_path, text, message, line):
    with pytest.raises(ConfigError) as info:
        linter_from(tmp_path, text)
    assert message in str(info.value)
    assert f"rules.yaml:{line}:" in str(info.value)


def test_rule_options_are_type_checked_and_reach_the_rule(tmp_path):
    (tmp_path / "wolf_plugin.py").write_text((TESTS / "wolf_plugin.py").read_text())
    base = "plugins: {local: [wolf_plugin.py], autoload: false}\nselect: [TST]\n"
    with pytest.raises(ConfigError, match=r"rules.yaml:5: option 'replacement' of TST101 must be str"):
        linter_from(tmp_path, base + "rules:\n  TST101:\n    replacement: 3\n")
    with pytest.raises(ConfigError, match=r"unknown option 'colour' for TST101 \(options: crash-on, replacement\)"):
        linter_from(tmp_path, base + "rules:\n  TST101:\n    colour: red\n")
    linter = linter_from(tmp_path, base + "rules:\n  TST101:\n    replacement: hound\n")
    assert linter.lint_text("# Calm headline for today\n\nA wolf.\n", "a.md").findings[0].suggestions == ("hound",)



def test_path_options_resolve_against_the_config_folder(tmp_path):
    (tmp_path / "models").mkdir()
    model = tmp_path / "models" / "house.json"
    model.write_text("{}")
    linter = linter_from(tmp_path, "rules:\n  H120:\n    model: models/house.json\n")
    assert linter.registry.options["H120"].model == model
    with pytest.raises(ConfigError, match=r"rules.yaml:3: option 'model' of H120: no file at .*missing.json"):
        linter_from(tmp_path, "rules:\n  H120:\n    model: missing.json\n")
    with pytest.raises(ConfigError, match=r"rules.yaml:3: option 'model' of H120 must be a file path, not 3"):
        linter_from(tmp_path, "rules:\n  H120:\n    model: 3\n")

def test_custom_yaml_rules(tmp_path):
    linter = linter_from(tmp_path, """
select: [HS]
custom:
  - {code: HS101, kind: substitution, swap: {"per cent": "percent"}, message: "Use '{new}'"}
  - {code: HS102, kind: existence, tokens: ["very unique"], severity: error}
  - {code: HS103, kind: consistency, either: {"e-mail": "email"}}
  - {code: HS104, kind: conditional, first: "[A-Z]{3,}", second: "\\\\([A-Z]{3,}\\\\)"}
  - {code: HS105, kind: occurrence, token: "historic", max: 1}
""")
    text = ("# Rates rise by two per cent\n\nRates rose 2 per cent, a very unique move. Send an e-mail or an email.\n\n"
            "The NHS said so. A historic day, a historic vote.\n")
    found = [(f.code, f.message) for f in linter.lint_text(text, "a.md").findings]
    assert ("HS101", "Use 'percent'") in found
    assert any(code == "HS102" for code, _ in found)
    assert ("HS103", "'email' here, 'e-mail' elsewhere: pick one spelling") in found
    assert ("HS104", "'NHS' is used before it is introduced") in found
    assert [code for code, _ in found].count("HS105") == 1


def test_pyproject_section_and_discovery(tmp_path):
    write(tmp_path, "[tool.newslint]\nselect = [\"NL\"]\nfail-on = \"error\"\n", "pyproject.toml")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    found = find_config(nested)
    assert found == tmp_path / "pyproject.toml"
    assert load_config(found).fail_on is Severity.ERROR
    write(tmp_path, "[tool.newslint]\nselct = 1\n", "pyproject.toml")
    with pytest.raises(ConfigError, match=r"pyproject.toml:2: unknown key 'selct'"):
        load_config(found)


def test_pyproject_without_section_is_skipped(tmp_path):
    write(tmp_path, "[project]\nname = 'x'\n", "pyproject.toml")
    assert find_config(tmp_path) is None or find_config(tmp_path).parent != tmp_path
