"""The ``newslint`` command: ``check``, ``rules`` and ``plugins``."""
from __future__ import annotations

import argparse
import enum
import gc
import io
import os
import sys
import tempfile
from typing import IO, Callable, Sequence

from newslint import __version__, progress
from newslint.config import ConfigError, Settings, find_config, load_config
from newslint.registry import RegistryError
from newslint.severity import Severity
from newslint.sources import Source, check_text, decode


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


def comma_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint", description="A content-quality linter for news text.")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint articles (files, folders, JSONL archives or - for stdin)")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--config", metavar="FILE", help="rules.yaml or pyproject.toml to use (default: nearest one)")
    check.add_argument("--isolated", action="store_true", help="ignore every config file")
    check.add_argument("--select", type=comma_list, metavar="CODES", help="codes or prefixes to run, e.g. H,T101")
    check.add_argument("--extend-select", type=comma_list, metavar="CODES", help="add codes to the configured selection")
    check.add_argument("--ignore", type=comma_list, metavar="CODES", help="codes or prefixes to skip")
    check.add_argument("--fail-on", choices=[s.value for s in Severity], help="lowest severity that fails the run")
    check.add_argument("--output-format", default="text", metavar="FORMAT", help="text (default), json, sarif or github")
    check.add_argument("--output-file", metavar="FILE", help="write the report here (replaced atomically)")
    check.add_argument("--input-format", choices=["auto", "text", "jsonl"], default="auto",
                       help="jsonl: every file is an archive of records; text: none is (default: .jsonl files are)")
    check.add_argument("--stdin-filename", metavar="NAME", help="the path to report (and parse by) when reading -")
    check.add_argument("--statistics", action="store_true", help="count findings per code after the report")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--jobs", "-j", type=positive_int, metavar="N", help="processes to lint with (default: all CPUs)")
    check.add_argument("--engine", choices=["local", "dask"], default="local",
                       help="local processes (default) or a Dask cluster (the dask extra)")
    check.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster)")
    check.add_argument("--progress", action=argparse.BooleanOptionalAction,
                       help="progress bar on stderr (default: for long runs, on a terminal, text format only)")

    rules = commands.add_parser("rules", help="list rules, or show one rule's documentation")
    rules.add_argument("code", nargs="?", metavar="CODE")
    rules.add_argument("--config", metavar="FILE")
    rules.add_argument("--isolated", action="store_true")

    commands.add_parser("server", help="run the language server on stdio (needs newslint[lsp])")

    plugins = commands.add_parser("plugins", help="list the loaded plugins")
    plugins.add_argument("--config", metavar="FILE")
    plugins.add_argument("--isolated", action="store_true")
    return parser


def settings_from_args(args) -> Settings:
    if args.isolated:
        settings = Settings()
    else:
        settings = load_config(args.config or find_config(os.getcwd()))
    changes = {}
    if getattr(args, "select", None):
        changes["select"] = args.select
    if getattr(args, "extend_select", None):
        changes["select"] = changes.get("select", settings.select) + args.extend_select
    if getattr(args, "ignore", None):
        changes["ignore"] = settings.ignore + args.ignore
    if getattr(args, "fail_on", None):
        changes["fail_on"] = Severity(args.fail_on)
    if not changes:
        return settings
    cli_keys = {"select", "ignore"} & set(changes)
    return settings.replace(**changes, from_command_line=settings.from_command_line | cli_keys)


def run() -> None:
    """The ``newslint`` command (console script and ``python -m newslint``): ``main`` with
    the garbage collector paused while it sets up.

    A start allocates a few hundred thousand objects (modules, compiled patterns, lexicons
    read back from the cache) that live until the process ends. Collections while they
    are made free nothing, and later ones would scan them all again, so the collector is
    off during set-up and what set-up made is then frozen (``gc.freeze``: left out of every
    collection, as the Python docs advise before a fork, which a parallel run does). That
    is 20-40 ms of a one-file start. Only the command does this: ``main`` called from other
    code leaves the collector alone."""
    gc.disable()
    raise SystemExit(main(after_setup=freeze_setup))


def freeze_setup() -> None:
    gc.freeze()
    gc.enable()


def main(argv: Sequence[str] | None = None, after_setup: Callable[[], None] | None = None) -> int:
    """The command line: ``argv`` (default ``sys.argv``) run, and its exit code. ``after_setup``
    is called once the linter is built (or could not be), before any linting."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in (None, "server") and after_setup is not None:
        after_setup()
    if args.command is None:
        parser.print_help()
        return ExitCode.ERROR
    if args.command == "server":
        return run_server()
    try:
        settings = settings_from_args(args)
        from newslint.engine import Linter
        from newslint.plugins import build_plugin_manager

        # `newslint plugins` reads the installed packages afresh (and so renews the cache).
        pm = build_plugin_manager(settings, fresh_entry_points=args.command == "plugins")
        linter = Linter(settings, pm)
    except (ConfigError, RegistryError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    finally:
        if after_setup is not None:
            after_setup()
    if args.command == "rules":
        return list_rules(linter, args.code)
    if args.command == "plugins":
        return list_plugins(linter)
    try:
        return check(linter, args)
    except KeyboardInterrupt:  # the worker processes are stopped on the way out
        print("newslint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`newslint check ... | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush fails silently too
        return ExitCode.ERROR


def run_server() -> int:
    try:
        from newslint.lsp import serve
    except ImportError:
        print("newslint: error: the language server needs pygls: pip install 'newslint[lsp]'", file=sys.stderr)
        return ExitCode.ERROR
    serve()
    return ExitCode.OK


def list_rules(linter, code: str | None) -> int:
    rules = linter.registry.rules
    if code:
        if code not in rules:
            print(f"newslint: error: unknown rule code '{code}'", file=sys.stderr)
            return ExitCode.ERROR
        rule = rules[code]
        print(f"{rule.code} {rule.name} ({rule.category}, {rule.severity.value}, scope: {rule.scope.value})\n")
        print(rule.doc)
        if rule.options is not None:
            import dataclasses

            print("\nOptions (rules.yaml `rules: {%s: {...}}`):" % rule.code)
            for field in dataclasses.fields(rule.options):
                print(f"  {field.name.replace('_', '-')}: {field.default!r}")
        return ExitCode.OK
    for rule in sorted(rules.values(), key=lambda r: r.code):
        print(f"{rule.code:<7} {rule.name:<32} {rule.category:<12} {rule.severity.value:<8} {rule.summary}")
    return ExitCode.OK


def list_plugins(linter) -> int:
    from newslint.plugins import describe_plugins

    for name, origin in describe_plugins(linter.pm):
        print(f"{name:<36} {origin}")
    return ExitCode.OK


def formatter_class(linter, name: str):
    available = {}
    for mapping in linter.pm.hook.newslint_formatters():
        available.update(mapping or {})
    if name not in available:
        raise ConfigError(f"unknown output format '{name}' (choose from {', '.join(sorted(available))})")
    return available[name]


def results_for(linter, args):
    input_format = None if args.input_format == "auto" else args.input_format
    if args.paths == ["-"]:
        path = args.stdin_filename or "-"
        text, error = decode(sys.stdin.buffer.read())
        error = error or check_text(text, linter.settings.max_input_line)
        yield linter.lint_source(Source(path, None if error else text, error))
        return
    if args.engine == "dask":
        from newslint import dask

        yield from dask.lint_paths(linter.settings, args.paths, input_format, scheduler=args.scheduler, jobs=args.jobs)
        return
    from newslint import parallel

    yield from parallel.lint_paths(linter, args.paths, input_format, jobs=args.jobs)


def check(linter, args) -> int:
    try:
        formatter_type = formatter_class(linter, args.output_format)
    except ConfigError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    if args.engine == "dask":
        from newslint import dask

        lacking = dask.missing()
        if lacking:
            print(f"newslint: error: --engine dask needs the dask extra (pip install 'newslint[dask]'); "
                  f"cannot import {lacking}", file=sys.stderr)
            return ExitCode.ERROR
    elif args.scheduler:
        print("newslint: error: --scheduler needs --engine dask", file=sys.stderr)
        return ExitCode.ERROR
    stream: IO[str] = io.StringIO() if args.output_file else sys.stdout
    bar = progress.Progress(progress.wanted(args.progress, args.output_format), delay=0 if args.progress else progress.DELAY)
    formatter = formatter_type(linter.registry.rules, linter.settings, bar.stream(stream), statistics=args.statistics)
    failed = unreadable = False
    formatter.start()
    try:
        for result in bar.track(results_for(linter, args)):
            if result.error:
                unreadable = True
                if args.output_format != "text":
                    print(f"newslint: error: {result.path}: {result.error}", file=sys.stderr)
            if any(f.severity.rank >= linter.settings.fail_on.rank for f in result.findings):
                failed = True
            formatter.file(result)
    except ConfigError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    formatter.finish()
    if args.output_file:
        write_atomically(args.output_file, stream.getvalue())
    if unreadable:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if failed and not args.exit_zero else ExitCode.OK


def write_atomically(path: str, content: str) -> None:
    """Write to a temporary file beside ``path`` and rename it, so no reader sees half a report."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".newslint-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
