"""Shared test helpers: a fresh linter per configuration, ``lint()``, and ``--update-fixtures``."""
from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest

os.environ["NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # tests see built-in plugins only
os.environ["NEWSLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="newslint-cache-")  # never the user's cache

from newslint.config import Settings, load_config  # noqa: E402
from newslint.engine import Linter  # noqa: E402

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"


def pytest_addoption(parser):
    parser.addoption("--update-fixtures", action="store_true", help="rewrite the .expected snapshots of rule fixtures")


@pytest.fixture
def update_fixtures(request) -> bool:
    return request.config.getoption("--update-fixtures")


_LINTERS: dict = {}


def linter_for(select=("ALL",), config: Path | None = None, **changes) -> Linter:
    """A Linter for a selection and optional config file, built once per test session."""
    key = (tuple(select), str(config), tuple(sorted(changes.items())))
    if key not in _LINTERS:
        settings = load_config(config) if config else Settings()
        settings = settings.replace(select=tuple(select), **changes)
        _LINTERS[key] = Linter(settings)
    return _LINTERS[key]


def lint(text: str, path: str = "article.md", select=("ALL",), config: Path | None = None):
    """The findings for ``text`` linted as ``path`` with the given selection."""
    return linter_for(select, config).lint_text(text, path).findings


@pytest.fixture
def lint_text():
    return lint


def wolf_settings(**changes) -> Settings:
    """Settings that load tests/wolf_plugin.py as a house plugin and select only its rules."""
    from newslint.config import PluginSettings

    base = Settings(plugins=PluginSettings(local=("wolf_plugin.py",)), root=str(TESTS), select=("TST", "NL"))
    return base.replace(**changes)


@pytest.fixture
def wolf():
    """A Linter with the wolf test plugin: ``wolf(text, path)`` returns findings."""
    linter = Linter(wolf_settings())
    return lambda text, path="story.md": linter.lint_text(text, path).findings


def word_soup(seed: int, words: list[str], count: int, length: int = 40, joins=("", " ", " ", ", "), *,
              spaces: list[str]) -> list[str]:
    """``count`` texts of up to ``length`` random ``words`` joined by ``joins`` or white ``spaces``
    (for the speed-gate tests, which compare a rule's shortcuts with its plain scans)."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, length)):
            parts.append(rng.choice(words))
            parts.append(rng.choice(spaces) if rng.random() < 0.3 else rng.choice(joins))
        texts.append("".join(parts))
    return texts
