"""The editor schemas `init` maps, checked by the real YAML language server (the one VS Code's YAML extension
runs), opened at the repository root with `.vscode/settings.json`'s `yaml.schemas` as VS Code sends them: a
wrong record in the ledger is marked at its lines, a right one is not, and a file outside the ledger is left
alone. Skips, saying why, where the server is not installed (`.ci/run` installs it: `npm ci` in tests/lsp)."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from impactctl import api
from impactctl.cli import app
from tests.helpers import OUTCOME, TODAY

SERVER = Path(__file__).resolve().parent / "lsp" / "node_modules" / ".bin" / "yaml-language-server"
GOOD = OUTCOME.format(id="good").replace("area: work", "area: policy")
BAD = GOOD.replace("id: good", "id: bad").replace("area: policy", "area: nowhere").replace(
    "status: active", "status: active\ncolour: blue")


class Client:
    """Just enough of an LSP client: framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings  # what the editor answers when the server asks for its configuration
        self.proc = subprocess.Popen([str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            headers = {}
            while (line := out.readline().decode("ascii").strip()):
                key, _, value = line.partition(":")
                headers[key.lower()] = value.strip()
            if not headers:
                return
            self.inbox.put(json.loads(out.read(int(headers["content-length"]))))

    def send(self, method: str, params: dict, request: bool = False) -> None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def diagnostics_until(self, done: Callable[[dict[str, list[dict]]], bool], limit: float = 600.0) -> dict[str, list[dict]]:
        """The latest diagnostics of each document, as soon as `done` says they are what the test waits for.
        Nothing waits for the server to "go quiet": `limit` only guards against a hang, never decides a result."""
        latest: dict[str, list[dict]] = {}
        while not done(latest):
            try:
                message = self.inbox.get(timeout=limit)
            except queue.Empty:
                raise AssertionError(f"the server hung; diagnostics so far: {latest}") from None
            if "id" in message and "method" in message:  # a request from the server: answer it
                result = None
                if message["method"] == "workspace/configuration":
                    result = [self.settings.get(item.get("section"), {}) for item in message["params"]["items"]]
                reply = {"jsonrpc": "2.0", "id": message["id"], "result": result}
                body = json.dumps(reply).encode("utf-8")
                self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                self.proc.stdin.flush()
            elif message.get("method") == "textDocument/publishDiagnostics":
                latest[message["params"]["uri"]] = message["params"]["diagnostics"]
        return latest

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def open_document(client: Client, path: Path, text: str) -> None:
    client.send("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "yaml", "version": 1,
                                                          "text": text}})


@pytest.fixture
def repository(tmp_path, monkeypatch) -> Path:
    if not shutil.which("node") or not SERVER.exists():
        pytest.skip(f"the YAML language server is not installed here ({SERVER}; run `npm ci` in tests/lsp)")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    top = tmp_path / "repo"
    (top / "sub").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    monkeypatch.chdir(top / "sub")
    assert CliRunner().invoke(app, ["init", "centre/ledger", "--name", "Test Centre"]).exit_code == 0
    return top


def test_the_language_server_opened_at_the_root_checks_the_ledger_with_its_schemas(repository):
    ledger = repository / "sub/centre/ledger"
    documents = {ledger / "outcomes/good.yaml": GOOD, ledger / "outcomes/bad.yaml": BAD,
                 repository / "other/outcomes/bad.yaml": BAD,
                 ledger / "ledger.yaml": (ledger / "ledger.yaml").read_text()}
    for path, text in documents.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    assert api.validate(ledger, today=TODAY).errors == 1  # bad.yaml; good.yaml and ledger.yaml are right
    settings = json.loads((repository / ".vscode/settings.json").read_text())
    # VS Code sends the workspace's settings as the `yaml` section: yaml.schemas as the file has it.
    yaml_section = {"schemas": settings["yaml.schemas"], "validate": True, "schemaStore": {"enable": False}}
    client = Client({"yaml": yaml_section})
    try:
        root = repository.as_uri()
        client.send("initialize", {"processId": None, "rootUri": root, "capabilities": {},
                                   "workspaceFolders": [{"uri": root, "name": "repo"}]}, request=True)
        client.send("initialized", {})
        client.send("workspace/didChangeConfiguration", {"settings": {"yaml": yaml_section}})
        # The bad outcome first, until both marks are there: the ledger's schema has then been loaded, so the
        # first diagnostics of every document opened after it already apply the schema.
        bad_uri = (ledger / "outcomes/bad.yaml").as_uri()
        marked_lines = BAD.splitlines()

        def marked(found: dict[str, list[dict]]) -> set[str]:
            return {marked_lines[d["range"]["start"]["line"]].split(":")[0] for d in found.get(bad_uri, [])}

        open_document(client, ledger / "outcomes/bad.yaml", BAD)
        first = client.diagnostics_until(lambda latest: marked(latest) >= {"area", "colour"})
        others = [path for path in documents if path.as_uri() != bad_uri]
        for path in others:
            open_document(client, path, documents[path])
        found = {**first, **client.diagnostics_until(lambda latest: all(p.as_uri() in latest for p in others))}
    finally:
        client.close()
    assert marked(found) == {"area", "colour"}, found  # the word outside the vocabulary and the unknown key
    assert found[(ledger / "outcomes/good.yaml").as_uri()] == []
    assert found[(ledger / "ledger.yaml").as_uri()] == []
    assert found[(repository / "other/outcomes/bad.yaml").as_uri()] == []  # not the ledger's: no schema
