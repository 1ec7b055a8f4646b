"""select/ignore/per-file-ignores and severity overrides: the longest prefix wins."""
import pytest

from newslint.selection import ignored_for_path, is_selected, path_matches, severity_for
from newslint.severity import Severity


@pytest.mark.parametrize("code, select, ignore, expected", [
    ("H101", ("ALL",), (), True),
    ("H101", ("H",), (), True),
    ("T101", ("H",), (), False),
    ("H101", ("ALL",), ("H",), False),
    ("H101", ("H101",), ("H",), True),      # the longer select wins
    ("H102", ("H1",), ("H102",), False),    # the longer ignore wins
    ("H101", ("H",), ("H",), False),        # a tie goes to ignore
])
def test_longest_prefix_wins(code, select, ignore, expected):
    assert is_selected(code, select, ignore) is expected


def test_severity_override_by_longest_prefix():
    overrides = (("H", Severity.INFO), ("H101", Severity.ERROR))
    assert severity_for("H101", Severity.WARNING, overrides) is Severity.ERROR
    assert severity_for("H102", Severity.WARNING, overrides) is Severity.INFO
    assert severity_for("T101", Severity.WARNING, overrides) is Severity.WARNING


@pytest.mark.parametrize("path, glob, expected", [
    ("archive/2019/a.md", "archive/**", True),
    ("archive/a.md", "archive/**/*.md", True),
    ("news/a.md", "archive/**", False),
    ("deep/dir/draft.md", "draft.md", True),
    ("./archive/x.txt", "archive/*.txt", True),
])
def test_globs(path, glob, expected):
    assert path_matches(path, glob) is expected


def test_per_file_ignores_collect_codes():
    assert ignored_for_path("archive/a.md", (("archive/**", ("C",)), ("*.md", ("T1",)))) == ("C", "T1")
