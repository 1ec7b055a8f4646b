"""Plugins installed as packages: the ``newslint`` entry points, cached until an install changes.

Finding entry points means importing ``importlib.metadata`` (which pulls in the
``email`` package) and reading the metadata of every installed distribution:
20-30 ms, a third of a one-file run's own cost. The list found is kept in the
user's cache folder (``newslint.cache``) under a key made of ``sys.path`` and
the modification time of each of its folders. Installing, upgrading or
removing a package adds or removes a folder in the one it is installed into,
which changes that folder's time and so the key, the way stevedore's cache
works. ``newslint plugins`` always reads the metadata afresh.
"""
from __future__ import annotations

import json
import os
import sys
from typing import NamedTuple

from newslint import cache
from newslint._version import __version__

GROUP = "newslint"


class PluginEntry(NamedTuple):
    """One ``newslint`` entry point: its name, ``module:attribute`` and the package that declares it."""

    name: str
    value: str
    distribution: str


def installed_entries(*, fresh: bool = False) -> list[PluginEntry]:
    """The ``newslint`` entry points of the installed packages, from the cache unless ``fresh``."""
    where = cache.folder()
    entry = None
    if where is not None:
        entry = where / f"entry-points-{cache.digest(install_state())}.json"
        if not fresh:
            try:
                return [PluginEntry(*row) for row in json.loads(entry.read_bytes())]
            except (OSError, ValueError, TypeError):
                pass
    found = scan()
    if entry is not None:
        cache.write_atomic(entry, json.dumps(found).encode("utf-8"))
    return found


def scan() -> list[PluginEntry]:
    """Read every installed distribution's entry points (what pluggy's setuptools loader reads)."""
    import importlib.metadata

    found = []
    for dist in importlib.metadata.distributions():
        for entry_point in dist.entry_points:
            if entry_point.group == GROUP:
                found.append(PluginEntry(entry_point.name, entry_point.value, f"{dist.metadata['name']} {dist.version}"))
    return found


def install_state() -> str:
    """What the cache key is made of: versions, and each ``sys.path`` folder with its modification time."""
    parts = [sys.version, __version__]
    for folder in sys.path:
        try:
            parts.append(f"{folder}\0{os.stat(folder or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{folder}\0missing")
    return "\n".join(parts)


def load(entry: PluginEntry):
    """Import the object an entry point names."""
    import importlib

    module_name, _, attribute = entry.value.split("[", 1)[0].partition(":")  # "module:attr [extras]"
    target = importlib.import_module(module_name.strip())
    for part in filter(None, attribute.strip().split(".")):
        target = getattr(target, part)
    return target
