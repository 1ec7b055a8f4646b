"""The pre-commit hook, for real: `pre-commit try-repo` this repository inside a throwaway git repo."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                                reason="pre-commit and git are needed")


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_hook_fails_on_a_bad_article_and_passes_on_a_clean_one(tmp_path):
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "rules.yaml").write_text(
        "select: [HS]\ncustom:\n  - {code: HS101, kind: substitution, swap: {\"per cent\": \"percent\"}}\n")
    (repo / "clean.md").write_text("# Rates rise again\n\nRates rose by 2 percent, the bank said.\n")
    (repo / "bad.md").write_text("# Rates rise again\n\nRates rose by 2 per cent, the bank said.\n")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}

    def try_repo(name):
        return subprocess.run(["pre-commit", "try-repo", str(ROOT), "newslint", "--files", name],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    bad = try_repo("bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.md:3:17: HS101 Use 'percent' instead of 'per cent'" in bad.stdout
    clean = try_repo("clean.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
