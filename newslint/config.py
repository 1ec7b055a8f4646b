"""Configuration: rules.yaml (or ``[tool.newslint]`` in pyproject.toml), merged with the CLI.

Loading has two phases. ``load_config`` reads and shape-checks the file (known
keys, value types) and needs no plugins; ``validate_against_registry`` then
checks codes, rule options and custom rules once the plugins are loaded.
Either phase raises ``ConfigError`` naming the file and line.
"""
from __future__ import annotations

import dataclasses
import os
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newslint.severity import Severity

CONFIG_NAMES = ("rules.yaml", ".newslint.yaml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist")
DEFAULT_MAX_INPUT_LINE = 1_000_000
TOP_LEVEL_KEYS = (
    "select", "extend-select", "ignore", "per-file-ignores", "severity", "fail-on", "rules",
    "custom", "plugins", "include", "exclude", "max-input-line",
)
PLUGIN_KEYS = ("local", "block", "autoload")


class ConfigError(Exception):
    """A problem with configuration; ``str()`` is the one-line message to print."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")
        self.path, self.line = path, line


@dataclass(frozen=True)
class PluginSettings:
    """The ``plugins:`` section: modules to load from the project, entry points to block, and
    whether installed plugins load at all."""

    local: tuple[str, ...] = ()
    block: tuple[str, ...] = ()
    autoload: bool = True


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, frozen once built."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = Severity.WARNING
    rule_options: dict = field(default_factory=dict)
    custom: tuple[dict, ...] = ()
    plugins: PluginSettings = PluginSettings()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    max_input_line: int = DEFAULT_MAX_INPUT_LINE
    config_path: str | None = None
    root: str = "."
    lines: dict = field(default_factory=dict)  # ("rules", "H101") -> line, for phase-two messages
    from_command_line: frozenset = frozenset()  # keys set by CLI options, reported as --key

    def origin(self, key: str, *where: str) -> tuple[str | None, int | None]:
        """(file, line) to name in a message about ``key``; the CLI option when it set the key."""
        if key in self.from_command_line:
            return None, None
        return self.config_path, self.line_of(key, *where) or self.line_of(key)

    def line_of(self, *key: str) -> int | None:
        return self.lines.get(key)

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes)


def find_config(start: str | os.PathLike) -> Path | None:
    """The nearest rules.yaml, .newslint.yaml or pyproject.toml with [tool.newslint], walking up."""
    directory = Path(start).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name != "pyproject.toml" or _pyproject_has_section(candidate):
                    return candidate
    return None


def _pyproject_has_section(path: Path) -> bool:
    import tomllib  # only when there is a pyproject.toml to read (it costs a start 3 ms)

    try:
        return "newslint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def shown_path(path: Path) -> str:
    """How messages name a config file: relative to the working folder when inside it."""
    relative = os.path.relpath(path.resolve())
    return str(path) if relative.startswith("..") else relative


def load_config(path: str | os.PathLike | None) -> Settings:
    """Read and shape-check one config file (None: built-in defaults)."""
    if path is None:
        return Settings()
    path = Path(path)
    shown = shown_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("config file not found", shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", shown) from None
    if path.name == "pyproject.toml":
        data, lines = _read_pyproject(text, shown)
    else:
        data, lines = _read_yaml(text, shown)
    return _build_settings(data, lines, shown, str(path.resolve().parent))


def _read_yaml(text: str, shown: str) -> tuple[dict, dict]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"invalid YAML: {problem}", shown, line) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError("the config must be a mapping of keys to values", shown, 1)
    lines: dict = {}
    _collect_lines(node, (), lines)
    return data, lines


def _collect_lines(node, prefix: tuple, lines: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, str(key_node.value))
            lines[key] = key_node.start_mark.line + 1
            _collect_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = (*prefix, str(i))
            lines[key] = item.start_mark.line + 1
            _collect_lines(item, key, lines)


def _read_pyproject(text: str, shown: str) -> tuple[dict, dict]:
    import tomllib

    try:
        data = tomllib.loads(text).get("tool", {}).get("newslint", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", shown) from None
    lines: dict = {}
    section_line = None
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("[tool.newslint"):
            section_line = number
        elif section_line and stripped and not stripped.startswith(("#", "[")):
            key = stripped.split("=", 1)[0].strip().strip('"')
            lines.setdefault((key,), number)
    return data, lines


def _fail(message: str, shown: str, lines: dict, *key: str) -> typing.NoReturn:
    line = None
    for depth in range(len(key), 0, -1):
        line = lines.get(key[:depth])
        if line:
            break
    raise ConfigError(message, shown, line)


def _string_list(value: Any, shown: str, lines: dict, *key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _fail(f"'{'.'.join(key)}' must be a list of strings", shown, lines, *key)
    return tuple(value)


def _build_settings(data: dict, lines: dict, shown: str, root: str) -> Settings:
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            import difflib  # only for a config with a typo

            hint = difflib.get_close_matches(str(key), TOP_LEVEL_KEYS, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            _fail(f"unknown key '{key}'{suggestion}", shown, lines, str(key))
    changes: dict[str, Any] = {"config_path": shown, "root": root, "lines": lines}
    if "select" in data:
        changes["select"] = _string_list(data["select"], shown, lines, "select")
    if "extend-select" in data:
        changes["select"] = changes.get("select", Settings.select) + _string_list(
            data["extend-select"], shown, lines, "extend-select")
    if "ignore" in data:
        changes["ignore"] = _string_list(data["ignore"], shown, lines, "ignore")
    for key, attr in (("include", "include"), ("exclude", "exclude")):
        if key in data:
            changes[attr] = _string_list(data[key], shown, lines, key)
    if "per-file-ignores" in data:
        value = data["per-file-ignores"]
        if not isinstance(value, dict):
            _fail("'per-file-ignores' must map globs to lists of codes", shown, lines, "per-file-ignores")
        changes["per_file_ignores"] = tuple(
            (str(glob), _string_list(codes, shown, lines, "per-file-ignores", str(glob)))
            for glob, codes in value.items()
        )
    if "severity" in data:
        value = data["severity"]
        if not isinstance(value, dict):
            _fail("'severity' must map codes to error, warning or info", shown, lines, "severity")
        pairs = []
        for code, level in value.items():
            try:
                pairs.append((str(code), Severity.parse(level)))
            except ValueError as exc:
                _fail(str(exc), shown, lines, "severity", str(code))
        changes["severity"] = tuple(pairs)
    if "fail-on" in data:
        try:
            changes["fail_on"] = Severity.parse(data["fail-on"])
        except ValueError as exc:
            _fail(f"fail-on: {exc}", shown, lines, "fail-on")
    if "rules" in data:
        value = data["rules"]
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            _fail("'rules' must map codes to option mappings", shown, lines, "rules")
        changes["rule_options"] = {str(code): dict(options) for code, options in value.items()}
    if "custom" in data:
        value = data["custom"]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            _fail("'custom' must be a list of rule mappings", shown, lines, "custom")
        changes["custom"] = tuple(value)
    if "plugins" in data:
        changes["plugins"] = _plugin_settings(data["plugins"], shown, lines)
    if "max-input-line" in data:
        value = data["max-input-line"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            _fail("'max-input-line' must be a whole number (0 for no limit)", shown, lines, "max-input-line")
        changes["max_input_line"] = value
    return Settings(**changes)


def _plugin_settings(value: Any, shown: str, lines: dict) -> PluginSettings:
    if not isinstance(value, dict):
        _fail("'plugins' must be a mapping with local, block and autoload", shown, lines, "plugins")
    for key in value:
        if key not in PLUGIN_KEYS:
            _fail(f"unknown key 'plugins.{key}'", shown, lines, "plugins", str(key))
    autoload = value.get("autoload", True)
    if not isinstance(autoload, bool):
        _fail("'plugins.autoload' must be true or false", shown, lines, "plugins", "autoload")
    return PluginSettings(
        local=_string_list(value.get("local", []), shown, lines, "plugins", "local"),
        block=_string_list(value.get("block", []), shown, lines, "plugins", "block"),
        autoload=autoload,
    )


def build_rule_options(rule, raw: dict, settings: Settings):
    """The options dataclass instance of a rule from its rules.yaml mapping (kebab-case keys)."""
    shown = settings.config_path
    if rule.options is None:
        if raw:
            _fail(f"rule {rule.code} takes no options", shown, settings.lines, "rules", rule.code)
        return None
    fields = {f.name: f for f in dataclasses.fields(rule.options)}
    hints = typing.get_type_hints(rule.options)
    values = {}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        if name not in fields:
            known = ", ".join(sorted(f.replace("_", "-") for f in fields)) or "none"
            _fail(f"unknown option '{key}' for {rule.code} (options: {known})",
                  shown, settings.lines, "rules", rule.code, str(key))
        if not _matches_type(value, hints[name]):
            _fail(f"option '{key}' of {rule.code} must be {_type_name(hints[name])}, not {value!r}",
                  shown, settings.lines, "rules", rule.code, str(key))
        if _is_path(hints[name]) and value is not None:
            value = _existing_path(value, settings, rule.code, str(key))
        values[name] = tuple(value) if isinstance(value, list) else value
    return rule.options(**values)


def _is_path(hint: Any) -> bool:
    return hint is Path or Path in typing.get_args(hint)


def _existing_path(value: str, settings: Settings, code: str, key: str) -> Path:
    """A path option, relative to the config file's folder, that must exist."""
    path = Path(settings.root, value)
    if not path.is_file():
        _fail(f"option '{key}' of {code}: no file at {path}", settings.config_path, settings.lines,
              "rules", code, key)
    return path


def _matches_type(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        return any(_matches_type(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin in (tuple, list):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return isinstance(value, (list, tuple)) and all(_matches_type(v, args[0]) for v in value) if args else isinstance(value, (list, tuple))
    if origin is dict or hint is dict:
        return isinstance(value, dict)
    if hint is Path:
        return isinstance(value, str) and bool(value)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


def _type_name(hint: Any) -> str:
    if _is_path(hint):
        return "a file path"
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")
