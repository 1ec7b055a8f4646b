"""The language server over stdio, spoken to as an editor would: open, get diagnostics, ask for fixes."""
import json
import subprocess
import sys

import pytest

pytest.importorskip("pygls")


class Client:
    def __init__(self, cwd):
        self.process = subprocess.Popen([sys.executable, "-m", "newslint", "server"], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, method, params, request=True):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()
        return message.get("id")

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.process.stdout.read(length))

    def wait_for(self, predicate):
        while True:
            message = self.receive()
            if predicate(message):
                return message

    def close(self):
        self.send("shutdown", None)
        self.send("exit", None, request=False)
        self.process.wait(timeout=10)


def test_diagnostics_and_quick_fixes(tmp_path):
    (tmp_path / "rules.yaml").write_text(
        "select: [HS]\ncustom:\n  - {code: HS101, kind: substitution, swap: {\"per cent\": \"percent\"}}\n")
    uri = (tmp_path / "story.md").as_uri()
    client = Client(tmp_path)
    try:
        request = client.send("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        client.wait_for(lambda m: m.get("id") == request)
        client.send("initialized", {}, request=False)
        text = "# Rates rise again\n\n\U0001f4c8 Rates rose 2 per cent.\n"
        client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
                    request=False)
        published = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        [diagnostic] = published["params"]["diagnostics"]
        assert diagnostic["code"] == "HS101" and diagnostic["source"] == "newslint"
        # the emoji is two UTF-16 code units, so "per cent" starts at character 16, not 15
        assert diagnostic["range"] == {"start": {"line": 2, "character": 16}, "end": {"line": 2, "character": 24}}
        request = client.send("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}})
        actions = client.wait_for(lambda m: m.get("id") == request)["result"]
        assert actions[0]["edit"]["changes"][uri] == [{"range": diagnostic["range"], "newText": "percent"}]
    finally:
        client.close()
