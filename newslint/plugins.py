"""Build the plugin manager: built-ins, entry points, house plugins by path, blocks."""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path

import pluggy

from newslint import entrypoints, hookspecs
from newslint.config import ConfigError, Settings

DEFAULT_PLUGINS = (
    "newslint.parsers",
    "newslint.kinds",
    "newslint.formatters",
    "newslint_plugins.meta",
    "newslint_plugins.headline",
    "newslint_plugins.template",
    "newslint_plugins.consistency",
    "newslint_plugins.attribution",
    "newslint_plugins.phrasing",
    "newslint_plugins.readability",
)
AUTOLOAD_OFF_VARIABLE = "NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, plus where each plugin came from (for ``newslint plugins``)."""

    def __init__(self) -> None:
        super().__init__("newslint")
        self.origins: dict[str, str] = {}


def build_plugin_manager(settings: Settings, *, fresh_entry_points: bool = False) -> PluginManager:
    """A fresh plugin manager for one run; nothing is registered at import time.

    Installed packages' plugins come from ``newslint.entrypoints`` (cached between
    runs unless ``fresh_entry_points``).
    """
    pm = PluginManager()
    pm.add_hookspecs(hookspecs)
    for name in settings.plugins.block:
        pm.set_blocked(name)
    for module_name in DEFAULT_PLUGINS:
        if not pm.is_blocked(module_name):
            pm.register(importlib.import_module(module_name), name=module_name)
    if settings.plugins.autoload and not os.environ.get(AUTOLOAD_OFF_VARIABLE):
        load_installed_plugins(pm, fresh=fresh_entry_points)
    for path in settings.plugins.local:
        register_local(pm, path, settings)
    pm.check_pending()
    return pm


def load_installed_plugins(pm: PluginManager, *, fresh: bool) -> None:
    """Register the ``newslint`` entry points of installed packages, as pluggy's setuptools loader does."""
    for entry in entrypoints.installed_entries(fresh=fresh):
        if pm.get_plugin(entry.name) is None and not pm.is_blocked(entry.name):
            pm.register(entrypoints.load(entry), name=entry.name)
            pm.origins[entry.name] = entry.distribution


def register_local(pm: pluggy.PluginManager, path: str, settings: Settings) -> None:
    """Import a house-style plugin file (this runs repository code, like conftest.py does)."""
    full = Path(settings.root, path)
    name = f"local:{path}"
    if pm.is_blocked(name):
        return
    if not full.is_file():
        raise ConfigError(f"local plugin {path} not found", settings.config_path, settings.line_of("plugins", "local"))
    module_name = f"newslint_local_{full.stem}"
    spec = importlib.util.spec_from_file_location(module_name, full)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise ConfigError(f"local plugin {path} failed to import: {type(exc).__name__}: {exc}",
                          settings.config_path, settings.line_of("plugins", "local")) from None
    pm.register(module, name=name)


def describe_plugins(pm: PluginManager) -> list[tuple[str, str]]:
    """(name, where it comes from) for each registered plugin, as ``newslint plugins`` lists them."""
    rows = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        origin = pm.origins.get(name) or getattr(plugin, "__file__", None) or type(plugin).__name__
        rows.append((name, origin))
    return rows
