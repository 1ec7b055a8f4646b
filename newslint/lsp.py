"""``newslint server``: a language server (LSP over stdio) for editors, built on pygls.

It lints a document when it is opened, changed or saved and publishes the
findings as diagnostics, with UTF-16 columns as LSP requires. Findings that
carry suggestions become quick fixes. The nearest rules.yaml of each document
applies, as on the command line. Install with ``pip install 'newslint[lsp]'``.
"""
from __future__ import annotations

import os
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from newslint import __version__
from newslint.config import ConfigError, find_config, load_config
from newslint.engine import Linter
from newslint.positions import Position, utf16_column
from newslint.registry import RegistryError

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


class NewslintServer(LanguageServer):
    """Keeps one Linter per configuration file and the last findings per document."""

    def __init__(self) -> None:
        super().__init__("newslint", __version__)
        self.linters: dict[str | None, Linter] = {}
        self.findings: dict[str, list] = {}

    def linter_for(self, path: str) -> Linter:
        config = find_config(os.path.dirname(os.path.abspath(path)) or ".")
        key = str(config) if config else None
        if key not in self.linters:
            self.linters[key] = Linter(load_config(config))
        return self.linters[key]


def uri_to_path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def lsp_position(lines: list[str], position: Position) -> types.Position:
    line_text = lines[position.line - 1] if position.line - 1 < len(lines) else ""
    return types.Position(line=position.line - 1, character=utf16_column(line_text, position.column) - 1)


def to_diagnostic(finding, lines: list[str]) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(start=lsp_position(lines, finding.start), end=lsp_position(lines, finding.end)),
        message=finding.message,
        severity=SEVERITIES[finding.severity.value],
        code=finding.code,
        source="newslint",
        data={"suggestions": list(finding.suggestions), "name": finding.name, "category": finding.category},
    )


server = NewslintServer()


def lint_and_publish(ls: NewslintServer, uri: str) -> None:
    document = ls.workspace.get_text_document(uri)
    path = uri_to_path(uri)
    try:
        findings = ls.linter_for(path).lint_text(document.source, path).findings
    except (ConfigError, RegistryError) as exc:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"newslint: {exc}"))
        return
    lines = document.source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ls.findings[uri] = findings
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
        uri=uri, version=document.version, diagnostics=[to_diagnostic(f, lines) for f in findings]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
    lint_and_publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
    lint_and_publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
    lint_and_publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.findings.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_actions(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """A quick fix for each suggestion of a diagnostic in the requested range."""
    actions = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != "newslint" or not isinstance(diagnostic.data, dict):
            continue
        for replacement in diagnostic.data.get("suggestions", []):
            edit = types.TextEdit(range=diagnostic.range, new_text=replacement)
            actions.append(types.CodeAction(
                title=f"Replace with '{replacement}' ({diagnostic.code})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
            ))
    return actions


def serve() -> None:
    server.start_io()
