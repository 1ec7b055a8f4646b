"""The Python API documented in the README."""
from conftest import TESTS

import newslint


def test_lint_text_returns_findings(tmp_path):
    config = tmp_path / "rules.yaml"
    config.write_text("select: [TST]\nplugins: {local: [%s]}\n" % (TESTS / "wolf_plugin.py"))
    findings = newslint.lint_text("# Calm headline for the day\n\nA wolf.\n", path="story.md", config=config)
    assert [(f.code, f.start.line, f.start.column) for f in findings] == [("TST101", 3, 3)]


def test_lint_paths_returns_file_results(tmp_path):
    (tmp_path / "a.md").write_text("# Calm headline for the day\n\nText.\n")
    (tmp_path / "b.txt").write_bytes(b"\xff")
    results = newslint.lint_paths([str(tmp_path)], config=False, select=["NL"])
    assert [(r.path.rsplit("/", 1)[-1], r.error) for r in results] == [
        ("a.md", None), ("b.txt", "not valid UTF-8: byte 0xff on line 1 (offset 0)")]
