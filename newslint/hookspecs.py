"""The hook contract between newslint and its plugins.

These docstrings are the plugin documentation. A plugin is any module or object
with functions marked ``@newslint.hookimpl`` and named like the specs below.
Specs only ever gain arguments (an implementation may accept fewer), so plugins
written today keep working.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import pluggy

hookspec = pluggy.HookspecMarker("newslint")
hookimpl = pluggy.HookimplMarker("newslint")


@hookspec
def newslint_rules() -> Iterable:
    """Return the rules (objects made with ``@newslint.rule``) this plugin provides.

    Called once per run; keep it cheap. Codes must be unique across all plugins.
    """


@hookspec
def newslint_rule_kinds() -> Mapping:
    """Return YAML rule kinds for rules.yaml ``custom:`` entries, as ``{kind name: factory}``.

    A factory is called with one ``custom:`` entry (a dict, keys as written) and
    returns a Rule; it raises ``ValueError`` with a readable message when the
    entry is invalid.
    """


@hookspec(firstresult=True)
def newslint_parse(path: str, text: str, settings) -> object:
    """Build a ``newslint.Document`` for a file you understand, or return None.

    The first non-None result wins; the built-in Markdown/plain-text parser runs
    last. ``text`` is already decoded, with any BOM removed.
    """


@hookspec
def newslint_formatters() -> Mapping:
    """Return output formatters as ``{name: formatter class}`` for ``--output-format``.

    A formatter class is constructed with ``(rules, settings, stream)`` and has
    ``start()``, ``file(result)`` and ``finish(results)`` methods; see
    ``newslint.formatters.Formatter``.
    """
