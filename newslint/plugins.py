"""Build the plugin manager: built-ins, entry points, house plugins by path, blocks."""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path

import pluggy

from newslint import hookspecs
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


def build_plugin_manager(settings: Settings) -> pluggy.PluginManager:
    """A fresh plugin manager for one run; nothing is registered at import time."""
    pm = pluggy.PluginManager("newslint")
    pm.add_hookspecs(hookspecs)
    for name in settings.plugins.block:
        pm.set_blocked(name)
    for module_name in DEFAULT_PLUGINS:
        if not pm.is_blocked(module_name):
            pm.register(importlib.import_module(module_name), name=module_name)
    if settings.plugins.autoload and not os.environ.get(AUTOLOAD_OFF_VARIABLE):
        pm.load_setuptools_entrypoints("newslint")
    for path in settings.plugins.local:
        register_local(pm, path, settings)
    pm.check_pending()
    return pm


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


def describe_plugins(pm: pluggy.PluginManager) -> list[tuple[str, str]]:
    """(name, where it comes from) for each registered plugin, as ``newslint plugins`` lists them."""
    dists = {id(plugin): f"{dist.project_name} {dist.version}" for plugin, dist in pm.list_plugin_distinfo()}
    rows = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        origin = dists.get(id(plugin)) or getattr(plugin, "__file__", None) or type(plugin).__name__
        rows.append((name, origin))
    return rows
