"""Plugins: hooks registered on a fresh manager, crashes isolated, blocks and entry points honoured."""
import os
import sys

import pluggy
import pytest
from conftest import wolf_settings

from newslint import Scope, hookimpl, rule
from newslint.config import ConfigError, PluginSettings, Settings
from newslint.engine import Linter
from newslint.plugins import DEFAULT_PLUGINS, build_plugin_manager, describe_plugins
from newslint.registry import RegistryError


@rule("XT101", "always-crashes", scope=Scope.PARAGRAPH, category="garble")
def always_crashes(unit, ctx):
    """What it flags: nothing; it raises. Why: tests crash isolation. Example: any. Prefer: nothing."""
    raise ZeroDivisionError("boom")


class CrashingPlugin:
    @hookimpl
    def newslint_rules(self):
        return [always_crashes]


@pytest.fixture
def manager():
    pm = build_plugin_manager(Settings())
    yield pm
    for plugin in list(pm.get_plugins()):
        pm.unregister(plugin)


def test_a_crashing_rule_becomes_nl001_and_the_run_goes_on(manager):
    plugin = CrashingPlugin()
    manager.register(plugin, name="crasher")
    try:
        linter = Linter(Settings(select=("XT", "NL")), pm=manager)
        result = linter.lint_text("# A calm headline here\n\nSome text.\n", "a.md")
        assert [(f.code, f.start.line) for f in result.findings] == [("NL001", 1)]
        assert "rule XT101 (always-crashes) crashed: ZeroDivisionError: boom" in result.findings[0].message
    finally:
        manager.unregister(plugin)


def test_crash_inside_a_generator_is_isolated():
    linter = Linter(wolf_settings(rule_options={"TST101": {"crash_on": "lynx"}}))
    findings = linter.lint_text("# Quiet headline for today\n\nA lynx and a wolf.\n", "a.md").findings
    assert [f.code for f in findings] == ["NL001"]


def test_duplicate_codes_are_refused(manager):
    class Twin:
        @hookimpl
        def newslint_rules(self):
            return [always_crashes]

    manager.register(CrashingPlugin(), name="one")
    manager.register(Twin(), name="two")
    with pytest.raises(RegistryError, match="XT101 is defined twice"):
        Linter(Settings(), pm=manager)


def test_a_misspelt_hook_fails_loudly():
    class Misspelt:
        @hookimpl
        def newslint_rule(self):
            return []

    pm = build_plugin_manager(Settings())
    pm.register(Misspelt())
    with pytest.raises(pluggy.PluginValidationError):
        pm.check_pending()


def test_blocked_plugins_are_not_loaded():
    pm = build_plugin_manager(Settings(plugins=PluginSettings(block=("newslint_plugins.meta",))))
    assert pm.get_plugin("newslint_plugins.meta") is None
    assert pm.get_plugin("newslint_plugins.headline") is not None


def test_local_plugin_is_listed(wolf):
    linter = Linter(wolf_settings())
    names = [name for name, _ in describe_plugins(linter.pm)]
    assert "local:wolf_plugin.py" in names
    assert all(module in names for module in DEFAULT_PLUGINS)
    assert [f.code for f in wolf("# Wolf seen near school!\n\nThe wolf ran.\n")] == ["TST101", "TST102", "TST101"]


def test_missing_local_plugin_is_a_config_error():
    with pytest.raises(ConfigError, match="local plugin nowhere.py not found"):
        Linter(wolf_settings(plugins=PluginSettings(local=("nowhere.py",))))


class FakeEntryPoint:
    name, group, value = "wolf-rules", "newslint", "wolf_plugin"


class FakeDist:
    metadata = {"name": "wolf-rules"}
    version = "1.0"
    entry_points = [FakeEntryPoint()]


def test_entry_point_plugins_load(monkeypatch, tmp_path):
    """A third-party package's ``newslint`` entry point is loaded unless autoload is off."""
    import importlib.metadata as metadata

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.setattr(metadata, "distributions", lambda: [FakeDist()])
    pm = build_plugin_manager(Settings())
    assert pm.get_plugin("wolf-rules") is not None
    assert ("wolf-rules", "wolf-rules 1.0") in describe_plugins(pm)
    monkeypatch.setenv("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert build_plugin_manager(Settings()).get_plugin("wolf-rules") is None


def test_entry_points_are_read_again_only_when_an_install_changes(monkeypatch, tmp_path):
    import importlib.metadata as metadata

    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    monkeypatch.setattr(metadata, "distributions", lambda: [FakeDist()])
    assert build_plugin_manager(Settings()).get_plugin("wolf-rules") is not None

    monkeypatch.setattr(metadata, "distributions", lambda: [])  # the package is gone...
    assert build_plugin_manager(Settings()).get_plugin("wolf-rules") is not None  # ...but nothing said so
    assert build_plugin_manager(Settings(), fresh_entry_points=True).get_plugin("wolf-rules") is None

    monkeypatch.setattr(metadata, "distributions", lambda: [FakeDist()])
    (site / "wolf_rules-1.0.dist-info").mkdir()  # an install changes its folder's modification time
    os.utime(site, ns=(0, 10**18))
    assert build_plugin_manager(Settings()).get_plugin("wolf-rules") is not None
