"""The rule registry: every rule the loaded plugins and custom YAML rules provide."""
from __future__ import annotations

from dataclasses import dataclass

from newslint.config import ConfigError, Settings, build_rule_options
from newslint.rules import CATEGORIES, CODE_SHAPE, Rule
from newslint.selection import prefix_length


class RegistryError(Exception):
    """Two plugins disagree (duplicate codes) or a plugin returned something that is not a Rule."""


@dataclass(frozen=True)
class Registry:
    """Every rule of the loaded plugins by code, and each rule's options as configured."""

    rules: dict[str, Rule]
    options: dict[str, object]

    def codes(self) -> set[str]:
        return set(self.rules)

    def __getitem__(self, code: str) -> Rule:
        return self.rules[code]


def collect_rules(pm, settings: Settings) -> dict[str, Rule]:
    """Rules from the ``newslint_rules`` hook plus ``custom:`` entries built by rule kinds."""
    rules: dict[str, Rule] = {}
    for plugin_rules in pm.hook.newslint_rules():
        for item in plugin_rules or ():
            _add(rules, item, "a plugin")
    kinds = {}
    for mapping in pm.hook.newslint_rule_kinds():
        kinds.update(mapping or {})
    for position, entry in enumerate(settings.custom):
        where = ("custom", str(position))
        kind = entry.get("kind")
        if kind not in kinds:
            known = ", ".join(sorted(kinds))
            raise ConfigError(f"custom rule kind {kind!r} is unknown (kinds: {known})",
                              settings.config_path, settings.line_of(*where))
        try:
            made = kinds[kind](entry)
        except (ValueError, TypeError, KeyError) as exc:
            raise ConfigError(f"custom rule {entry.get('code', '?')}: {exc}",
                              settings.config_path, settings.line_of(*where)) from None
        try:
            _add(rules, made, "rules.yaml custom:")
        except RegistryError as exc:
            raise ConfigError(str(exc), settings.config_path, settings.line_of(*where)) from None
    return rules


def _add(rules: dict[str, Rule], item: object, source: str) -> None:
    if not isinstance(item, Rule):
        raise RegistryError(f"{source} returned {item!r}, which is not a rule made with @newslint.rule")
    if not CODE_SHAPE.fullmatch(item.code):
        raise RegistryError(f"rule code {item.code!r} must look like ABC123")
    if item.category not in CATEGORIES:
        raise RegistryError(f"rule {item.code} has unknown category {item.category!r}")
    if item.code in rules:
        raise RegistryError(f"rule code {item.code} is defined twice ({rules[item.code].name} and {item.name})")
    rules[item.code] = item


def build_registry(pm, settings: Settings) -> Registry:
    """Collect rules, then check every code and option the configuration names."""
    rules = collect_rules(pm, settings)
    codes = set(rules)
    named = [(("select", str(i)), p) for i, p in enumerate(settings.select)]
    named += [(("ignore", str(i)), p) for i, p in enumerate(settings.ignore)]
    named += [(("severity", p), p) for p, _ in settings.severity]
    named += [(("per-file-ignores", glob, str(i)), p)
              for glob, patterns in settings.per_file_ignores for i, p in enumerate(patterns)]
    for where, pattern in named:
        if not any(prefix_length(pattern, code) >= 0 for code in codes):
            key = where[0]
            path, line = settings.origin(key, *where[1:])
            shown = f"--{key}" if key in settings.from_command_line else key
            raise ConfigError(f"unknown rule code or prefix '{pattern}' in {shown}", path, line)
    options = {}
    for code, raw in settings.rule_options.items():
        if code not in rules:
            raise ConfigError(f"unknown rule code '{code}' in rules", settings.config_path,
                              settings.line_of("rules", code))
    for code, rule in rules.items():
        options[code] = build_rule_options(rule, settings.rule_options.get(code, {}), settings)
    return Registry(rules, options)
