"""Remote endpoints: credentials from the environment or ~/.netrc, never printed; time limits.

A small endpoint that wants a password (http.server on 127.0.0.1) stands for an organisation's
triple store; it answers every query with one row.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from cyberkg.cli import cli
from cyberkg.queries.backends import RemoteBackend
from cyberkg.queries.remote import EndpointError, credentials_for, redact

SECRET = "s3cret-Pa55"
ANSWER = {"head": {"vars": ["n"]}, "results": {"bindings": [
    {"n": {"type": "literal", "value": "7",
           "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}


class Guarded(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, str]]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        Guarded.seen.append(dict(self.headers))
        if "slow" in self.path:
            time.sleep(3)
        basic = "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()
        if self.headers.get("Authorization") not in (basic, "Bearer t0ken"):
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
            self.end_headers()
            return
        body = json.dumps(ANSWER).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    """The timeout test's client hangs up before the slow answer is written: that broken pipe is
    expected, and must not print a traceback into whatever test runs three seconds later."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def guarded() -> Iterator[str]:
    server = QuietServer(("127.0.0.1", 0), Guarded)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("CYBERKG_ENDPOINT_USER", "CYBERKG_ENDPOINT_PASSWORD", "CYBERKG_ENDPOINT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def count(endpoint: str, **options: object) -> int:
    result = RemoteBackend(endpoint, **options).run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(result.rows[0][0].toPython())  # type: ignore[union-attr]


def test_credentials_from_the_environment(guarded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CYBERKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("CYBERKG_ENDPOINT_PASSWORD", SECRET)
    assert count(f"{guarded}/sparql") == 7


def test_a_token_from_the_environment(guarded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CYBERKG_ENDPOINT_TOKEN", "t0ken")
    assert count(f"{guarded}/sparql") == 7
    assert Guarded.seen[-1]["Authorization"] == "Bearer t0ken"


def test_credentials_from_netrc(guarded: str, monkeypatch: pytest.MonkeyPatch,
                                tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login alice password {SECRET}\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert count(f"{guarded}/sparql") == 7


def test_credentials_in_the_url_are_used_and_never_shown(guarded: str) -> None:
    url = guarded.replace("http://", f"http://alice:{SECRET}@") + "/sparql"
    assert count(url) == 7
    assert redact(url) == f"{guarded}/sparql"
    assert SECRET not in repr(credentials_for(url))


def test_refused_credentials_are_an_error_that_does_not_print_them(
        guarded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CYBERKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("CYBERKG_ENDPOINT_PASSWORD", SECRET + "-wrong")
    result = CliRunner().invoke(cli, ["query", "-e", "SELECT * WHERE { ?s ?p ?o }",
                                      "--endpoint", f"{guarded}/sparql"])
    assert result.exit_code == 1
    assert "refused the credentials (HTTP 401)" in result.output
    assert SECRET not in result.output


def test_a_password_in_the_url_is_not_printed_on_error(guarded: str) -> None:
    url = guarded.replace("http://", "http://alice:wrong-" + SECRET + "@") + "/sparql"
    result = CliRunner().invoke(cli, ["query", "-e", "SELECT * WHERE { ?s ?p ?o }",
                                      "--endpoint", url])
    assert result.exit_code == 1
    assert SECRET not in result.output and "alice" not in result.output


def test_an_endpoint_slower_than_the_timeout_is_an_error(guarded: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CYBERKG_ENDPOINT_TOKEN", "t0ken")
    started = time.monotonic()
    with pytest.raises(EndpointError, match="did not answer within 0.5 s"):
        count(f"{guarded}/slow", timeout=0.5)
    assert time.monotonic() - started < 2.5
