"""The engine: parse a text, run the selected rules in isolation, filter, sort.

Every file is handled on its own (a ``Linter`` holds only the run's plugins,
rules and settings), so files can be spread over processes.
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator

from newslint.config import Settings
from newslint.discover import discover
from newslint.document import Document
from newslint.findings import FileResult, Finding
from newslint.plugins import build_plugin_manager
from newslint.positions import Span
from newslint.registry import build_registry
from newslint.rules import Rule, RuleContext, Scope
from newslint.segment import Unit
from newslint.selection import ignored_for_path, is_selected, severity_for
from newslint.sources import Source, read_path
from newslint.suppress import parse_suppressions

CRASHED, INVALID_SUPPRESSION, UNUSED_SUPPRESSION = "NL001", "NL002", "NL003"
ENGINE_CODES = (CRASHED, INVALID_SUPPRESSION, UNUSED_SUPPRESSION)


class Linter:
    """One run's plugins, rules and settings; lints texts and files."""

    def __init__(self, settings: Settings | None = None, pm=None, *, cwd: str | None = None) -> None:
        self.settings = settings or Settings()
        self.cwd = cwd  # what relative paths are relative to (default: the working folder)
        self.pm = pm or build_plugin_manager(self.settings)
        self.registry = build_registry(self.pm, self.settings)
        self._selection_cache: dict[tuple[str, ...], list[Rule]] = {}
        self._severities = {
            code: severity_for(code, rule.severity, self.settings.severity) for code, rule in self.registry.rules.items()
        }

    # -- which rules ---------------------------------------------------------
    def selected_rules(self, path: str) -> list[Rule]:
        """The rules that run on ``path`` (select/ignore plus per-file-ignores)."""
        extra = ignored_for_path(self.display_path(path), self.settings.per_file_ignores)
        if extra not in self._selection_cache:
            ignore = self.settings.ignore + extra
            self._selection_cache[extra] = [
                rule for code, rule in sorted(self.registry.rules.items())
                if is_selected(code, self.settings.select, ignore)
            ]
        return self._selection_cache[extra]

    def display_path(self, path: str) -> str:
        """The path relative to the config's folder, for per-file-ignores globs."""
        if self.settings.config_path is None or path == "-":
            return path
        try:
            location = path.split("#", 1)[0]
            if self.cwd is not None:
                location = os.path.join(self.cwd, location)
            relative = os.path.relpath(os.path.abspath(location), self.settings.root)
        except ValueError:
            return path
        return path if relative.startswith("..") else relative

    # -- linting ---------------------------------------------------------------
    def parse(self, source: Source) -> Document:
        doc = self.pm.hook.newslint_parse(path=source.path, text=source.text, settings=self.settings)
        if source.title:
            end = len(source.title)
            doc.headline = Unit(doc.masked[:end], 0)
        return doc

    def lint_source(self, source: Source) -> FileResult:
        if source.error:
            return FileResult(source.path, error=source.error)
        return FileResult(source.path, self.lint_document(self.parse(source)))

    def lint_text(self, text: str, path: str = "<text>") -> FileResult:
        return self.lint_source(Source(path, text.removeprefix("\ufeff")))

    def lint_file(self, path: str, input_format: str | None = None) -> list[FileResult]:
        """One result per text in the file (JSONL archives hold many)."""
        return [self.lint_source(s) for s in read_path(path, input_format, self.settings.max_input_line)]

    def lint_paths(self, paths: Iterable[str], input_format: str | None = None) -> Iterator[FileResult]:
        for path, error in discover(list(paths), self.settings.include, self.settings.exclude):
            if error:
                yield FileResult(path, error=error)
            else:
                yield from self.lint_file(path, input_format)

    def lint_document(self, doc: Document) -> list[Finding]:
        rules = self.selected_rules(doc.path)
        selected_codes = {rule.code for rule in rules}
        findings: list[Finding] = []
        for rule in rules:
            if rule.code in ENGINE_CODES:
                continue
            findings.extend(self.run_rule(rule, doc, selected_codes))
        if "newslint" in doc.text:
            findings = self.apply_suppressions(doc, findings, rules, selected_codes)
        return sorted(set(findings), key=Finding.sort_key)

    def context(self, rule: Rule, doc: Document) -> RuleContext:
        severity = self._severities.get(rule.code) or severity_for(rule.code, rule.severity, self.settings.severity)
        return RuleContext(rule, doc, self.registry.options.get(rule.code), severity)

    def run_rule(self, rule: Rule, doc: Document, selected_codes: set[str]) -> list[Finding]:
        """A rule's findings; a rule that raises becomes one NL001 finding instead."""
        ctx = self.context(rule, doc)
        try:
            found = []
            for unit in units_for(rule.scope, doc):
                found.extend(rule.check(unit, ctx) or ())
            return found
        except Exception as exc:  # a plugin's bug must not stop the run
            if CRASHED not in selected_codes:
                return []
            crash = self.context(self.registry[CRASHED], doc)
            message = f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}"
            return [crash.report(Span(0, 0), message.splitlines()[0])]

    def apply_suppressions(self, doc, findings, rules, selected_codes) -> list[Finding]:
        suppressions = parse_suppressions(doc.text, doc.index, self.registry.codes())
        if INVALID_SUPPRESSION in selected_codes:
            ctx = self.context(self.registry[INVALID_SUPPRESSION], doc)
            findings = findings + [ctx.report(span, message) for span, message in suppressions.invalid]
        kept = [f for f in findings if not suppressions.suppresses(f.code, f.start.line)]
        if UNUSED_SUPPRESSION in selected_codes:
            ctx = self.context(self.registry[UNUSED_SUPPRESSION], doc)
            ran = {rule.code for rule in rules}
            for directive in suppressions.unused(ran):
                codes = ",".join(directive.codes)
                kept.append(ctx.report(directive.span, f"'{directive.action}={codes}' suppresses nothing; remove it"))
        return kept


def units_for(scope: Scope, doc: Document) -> list:
    if scope is Scope.DOCUMENT:
        return [doc]
    if scope is Scope.HEADLINE:
        return [doc.headline] if doc.headline is not None else []
    if scope is Scope.PARAGRAPH:
        return doc.paragraphs
    if scope is Scope.SENTENCE:
        return doc.sentences
    return doc.nonblank_lines
