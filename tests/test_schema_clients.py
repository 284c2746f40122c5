"""The JSON Schema in the clients analysts use: yaml-language-server on the machine's Node.

The real server (the npm package the Makefile installs into build/node, pinned) is driven over
stdio with LSP JSON-RPC by a small client below, every wait bounded by a timeout. Also: every
pattern of the schema compiles as an ECMAScript regular expression with the `u` flag.
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.resolver import VersionedResolver

from briefing.loader import load_path, load_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "briefing" / "schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text())
BUNDLED = ROOT / "data" / "karabakh-2020.yaml"
EXAMPLES = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "format.md").read_text(), re.S)
# Where `make test` installs yaml-language-server (Makefile, target node-tools).
SERVER = ROOT / "build" / "node" / "node_modules" / "yaml-language-server" / "bin"
SERVER = SERVER / "yaml-language-server"
PROBES = sorted((Path(__file__).parent / "probes").glob("*.yaml"))
NODE = shutil.which("node") or shutil.which("nodejs")
TIMEOUT = 30.0

needs_node = pytest.mark.skipif(
    NODE is None, reason="node is not installed (make test installs it: apt-get nodejs npm)"
)


def _patterns(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "pattern":
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _patterns(item)


PATTERNS = sorted(set(_patterns(SCHEMA)))


def test_the_schema_has_patterns_to_check():
    assert len(PATTERNS) >= 4


@pytest.mark.parametrize("pattern", PATTERNS)
def test_no_pattern_uses_inline_flags(pattern):
    # `(?i:...)` and `(?i)` are Python and PCRE; JavaScript before Node 24 rejects them.
    assert re.search(r"\(\?[a-zA-Z-]+[:)]", pattern) is None


@needs_node
def test_every_pattern_compiles_in_javascript_with_the_u_flag():
    script = (
        "const ps = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const bad = [];"
        "for (const p of ps) { try { new RegExp(p, 'u'); } catch (e) { bad.push(p + ': ' + e); } }"
        "process.stdout.write(JSON.stringify({version: process.version, bad}));"
    )
    done = subprocess.run(
        [NODE, "-e", script], input=json.dumps(PATTERNS), capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["bad"] == [], result["version"]


# ----- the schema and the loader on the probe files


class _CoreResolver(VersionedResolver):
    """YAML 1.2's core schema, as the language server reads it: ruamel.yaml also resolves
    timestamps and `=` in YAML 1.2, which the core schema does not."""

    def add_version_implicit_resolver(
        self, version: Any, tag: Any, regexp: Any, first: Any
    ) -> None:
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"):
            super().add_version_implicit_resolver(version, tag, regexp, first)


def yaml12(text: str) -> Any:
    """Text as a YAML 1.2 reader gives it to a JSON Schema validator."""
    reader = YAML(typ="safe", pure=True)
    reader.Resolver = _CoreResolver
    return reader.load(text)


def schema_accepts(text: str) -> bool:
    try:
        data = yaml12(text)
    except YAMLError:
        return False
    return not any(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))


# Probes where the schema and `briefing validate` differ, and why a JSON Schema cannot say it.
# docs/format.md lists the same under "What the schema cannot check".
SCHEMA_CANNOT = {
    "february-29-2021": "a pattern does not know leap years (29 February 2020 is a day)",
    "reversed-range": "no pattern compares the two ends of a range",
    "dangling-reference": "ids that must exist elsewhere in the file",
    "duplicate-id": "uniqueness of an id within its list",
    "credibility-2.0": "JSON has one number type: 2.0 is the integer 2 to a validator",
    "value-nan": "NaN compares false to every bound, and JSON has no NaN to forbid",
    "year-three-digits": "a YAML 1.2 reader gives 602 and 0602 as the same number",
    "id-plus-sign": "a YAML 1.2 reader gives +1 and 1 as the same number",
}


def test_there_are_probes_of_both_verdicts():
    assert len(PROBES) >= 43
    assert set(SCHEMA_CANNOT) <= {probe.stem for probe in PROBES}
    for probe in PROBES:
        assert probe.read_text().startswith("# Probes "), probe.name


@pytest.mark.parametrize("probe", PROBES, ids=lambda probe: probe.stem)
def test_the_schema_and_the_loader_agree_on_each_probe(probe):
    loader_accepts = load_path(probe).ok
    # The exact path (positions, taken when there is any finding) gives the same verdict.
    assert load_text(probe.read_text(), fast=False).ok == loader_accepts
    if probe.stem in SCHEMA_CANNOT:
        # Still true, or the entry goes: the table says only what the schema cannot check.
        assert schema_accepts(probe.read_text()) != loader_accepts
        assert schema_accepts(probe.read_text()), "the schema is the laxer of the two"
    else:
        assert schema_accepts(probe.read_text()) == loader_accepts


# ----- a small LSP client


class LanguageServer:
    """yaml-language-server over stdio: requests wait for their answer, notifications queue."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self._process = subprocess.Popen(
            [NODE, str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._next_id = 0
        self._settings = settings
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": None,
                "capabilities": {
                    "textDocument": {"completion": {"completionItem": {"snippetSupport": False}}}
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": settings}})

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self._messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self._next_id += 1
        wanted = self._next_id
        self._send({"id": wanted, "method": method, "params": params})
        answer = self._pump(lambda m: m.get("id") == wanted and "method" not in m)
        assert "error" not in answer, answer
        return answer.get("result")

    def _pump(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """Handle messages until one is wanted; answer the server's own requests on the way."""
        while True:
            try:
                message = self._messages.get(timeout=TIMEOUT)
            except queue.Empty:
                raise AssertionError(f"yaml-language-server said nothing for {TIMEOUT} s") from None
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
            elif message.get("method") == "workspace/configuration":
                sections = [item.get("section") for item in message["params"]["items"]]
                answer = [self._settings if s == "yaml" else {} for s in sections]
                self._send({"id": message["id"], "result": answer})
            elif "method" in message and "id" in message:
                self._send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def open(self, uri: str, text: str) -> list[dict[str, Any]]:
        """Open a document and return the first diagnostics published for it."""
        self.diagnostics.pop(uri, None)
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        self._pump(lambda m: uri in self.diagnostics)
        return self.diagnostics[uri]

    def wait_for(self, condition: Callable[[], bool]) -> None:
        if not condition():
            self._pump(lambda m: condition())

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self._process.wait(timeout=10)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            self._reader.join(timeout=10)
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    if NODE is None:
        pytest.skip("node is not installed (make test installs it: apt-get nodejs npm)")
    if not SERVER.exists():
        pytest.skip(f"yaml-language-server is not installed in {SERVER.parents[3]}; run make test")
    settings = {
        "schemas": {SCHEMA_PATH.as_uri(): ["*.yaml"]},
        "validate": True,
        "completion": True,
        "hover": False,
        # No network at test time: no SchemaStore catalogue.
        "schemaStore": {"enable": False},
    }
    client = LanguageServer(settings)
    try:
        # The schema loads lazily: once a broken file reports a schema error, it is in use.
        warm_up = "file:///briefing/warm-up.yaml"
        client.open(warm_up, "format: briefing/1\ntitle: x\ntitel: y\n")
        client.wait_for(lambda: any("titel" in d["message"] for d in client.diagnostics[warm_up]))
        yield client
    finally:
        client.close()


@pytest.mark.parametrize("probe", PROBES, ids=lambda probe: probe.stem)
def test_the_language_server_agrees_with_jsonschema_on_each_probe(server, probe):
    text = probe.read_text()
    diagnostics = server.open(f"file:///briefing/probes/{probe.name}", text)
    assert (diagnostics == []) == schema_accepts(text), _shown(diagnostics)
    for diagnostic in diagnostics:
        assert not diagnostic["message"].startswith("String does not match the pattern")


def _shown(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in diagnostics]


def test_the_language_server_finds_nothing_in_the_bundled_briefing(server):
    diagnostics = server.open("file:///briefing/karabakh-2020.yaml", BUNDLED.read_text())
    assert _shown(diagnostics) == []


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_the_language_server_finds_nothing_in_each_docs_example(server, number):
    diagnostics = server.open(f"file:///briefing/example-{number}.yaml", EXAMPLES[number])
    assert _shown(diagnostics) == []


BROKEN = """\
format: briefing/1
title: Broken on purpose
sides:
  - id: tr
    name: Turkey
sources:
  - id: aa
    outlet: Anadolu Agency
    kind: press
    reliability: G
events:
  - id: e1
    date: 2020-11-11
    titel: Memorandum signed
  - id: e2
    date: 2020-11-12
    title: Troops move
    sides: tr
"""


def test_the_language_server_reports_each_mistake_on_its_line(server):
    diagnostics = server.open("file:///briefing/broken.yaml", BROKEN)
    by_line: dict[int, list[str]] = {}
    for diagnostic in diagnostics:
        assert diagnostic["severity"] == 1, diagnostic  # an error
        by_line.setdefault(diagnostic["range"]["start"]["line"] + 1, []).append(
            diagnostic["message"]
        )
    shown = _shown(diagnostics)
    assert any("titel" in m and "not allowed" in m for m in by_line.get(14, [])), shown
    assert any("Value is not accepted" in m for m in by_line.get(10, [])), shown
    assert any("Incorrect type" in m for m in by_line.get(18, [])), shown
    # The event without a title is reported where the event starts; nothing else is.
    assert set(by_line) <= {10, 12, 14, 18}, shown


def test_the_language_server_completes_the_fields_of_an_event(server):
    text = "format: briefing/1\ntitle: T\nevents:\n  - id: e1\n    date: 2020-11-11\n    \n"
    uri = "file:///briefing/completion.yaml"
    server.open(uri, text)
    result = server.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 4}},
    )
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    assert {"title", "date_text", "text", "sides", "actors", "place", "sources"} <= labels, labels
    assert "outlet" not in labels and "qualifier" not in labels
