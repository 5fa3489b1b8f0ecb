"""Documents read from http(s):// addresses: a real HTTP client with a timeout, a size limit and a
redirect limit, tested against servers on 127.0.0.1 (a normal one, one that redirects forever,
one that accepts connections and never answers, one that sends too much)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cyberkg.loaders.build import build, collect
from cyberkg.loaders.formats import read_source
from cyberkg.loaders.formats.web import Url, fetch
from cyberkg.ontology import document_iri
from cyberkg.ontology.errors import DocumentError

pytestmark = pytest.mark.server

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PAGE = ("<!doctype html><html><head><meta charset='utf-8'><title>GLACY-e</title></head><body>"
        "<nav><a href='/'>Accueil</a></nav><main>"
        + "".join(f"<p>{line}</p>" for line in
                  (CORPUS / "fr_glacy-e_page.txt").read_text(encoding="utf-8").split("\n") if line)
        + "</main><footer>© Conseil de l'Europe</footer></body></html>").encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    """``/page.html``, ``/report.txt``, ``/loop`` (redirects to itself), ``/moved`` (one redirect),
    ``/huge`` (bytes without end), ``/missing`` (404), ``/trickle`` (a byte a second)."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/page.html":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/report.txt":
            self._send(200, (CORPUS / "fr_glacy_summary.txt").read_bytes(), "text/plain")
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(self.path)}")
            self.end_headers()
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page.html")
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            chunk = b"GLACY+ " * 10_000
            for _ in range(200):  # 14 MB at most, then the connection closes
                try:
                    self.wfile.write(chunk)
                except OSError:
                    return
        elif self.path == "/trickle":
            self.send_response(200)
            self.end_headers()
            for _ in range(30):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.5)
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent() -> Iterator[str]:
    """An address that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/never"
    listener.close()


@pytest.fixture(autouse=True)
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CYBERKG_HTTP_TIMEOUT", "1")


def test_a_web_page_is_fetched_and_read_like_a_file(server: str) -> None:
    read = read_source(f"{server}/page.html")
    assert read.source == f"{server}/page.html" and read.stem == "page"
    assert read.text.split("\n")[0].startswith("Durée : 1er mars 2024")
    assert "Accueil" not in read.text and "©" not in read.text


def test_a_build_takes_urls_as_they_are_beside_files(server: str, tmp_path: Path) -> None:
    sources = [f"{server}/page.html", f"{server}/report.txt", CORPUS / "fr_iproceeds_page.txt"]
    assert [str(s) for s in collect(sources)] == [f"{server}/page.html", f"{server}/report.txt",
                                                  str(CORPUS / "fr_iproceeds_page.txt")]
    report = build(sources, tmp_path / "out", keep_text=True)
    assert [(d.status, d.document) for d in report.documents] == [
        ("read", str(document_iri("page"))), ("read", str(document_iri("report"))),
        ("read", str(document_iri("fr_iproceeds_page")))]
    assert all(d.facts > 0 for d in report.documents)
    assert (tmp_path / "out" / "text" / "page.txt").read_text(encoding="utf-8").startswith("Durée")


def test_a_rebuild_takes_an_unchanged_page_from_the_cache(server: str, tmp_path: Path) -> None:
    build([f"{server}/page.html"], tmp_path / "out")
    assert [d.status for d in build([f"{server}/page.html"], tmp_path / "out").documents] == \
        ["cached"]


def test_one_redirect_is_followed(server: str) -> None:
    assert fetch(f"{server}/moved") == PAGE


@pytest.mark.parametrize(("path", "reason"), [
    ("/loop", "too many redirects (more than 5)"),
    ("/missing", "the server answered 404 Not Found"),
])
def test_a_page_that_cannot_be_had_gets_one_clear_reason(server: str, path: str,
                                                         reason: str) -> None:
    with pytest.raises(DocumentError) as caught:
        fetch(f"{server}{path}")
    assert caught.value.reason == reason
    assert caught.value.path == f"{server}{path}"


def test_a_server_that_never_answers_is_given_up_on(silent: str) -> None:
    started = time.monotonic()
    with pytest.raises(DocumentError, match=r"no answer within 1 s \(ReadTimeout\)"):
        fetch(silent)
    assert time.monotonic() - started < 10


def test_a_server_that_answers_a_byte_at_a_time_is_stopped(server: str) -> None:
    with pytest.raises(DocumentError, match=r"the download took more than 3 s and was stopped"):
        fetch(f"{server}/trickle")


def test_a_download_past_the_size_limit_is_stopped(server: str) -> None:
    with pytest.raises(DocumentError, match=r"too large \(more than 1000000 bytes; the download "
                                            r"was stopped\)"):
        fetch(f"{server}/huge", max_bytes=1_000_000)


def test_a_bad_url_is_one_failed_document_and_the_build_goes_on(server: str, silent: str,
                                                                tmp_path: Path) -> None:
    report = build([f"{server}/loop", silent, "http://[bad", f"{server}/page.html"],
                   tmp_path / "out")
    assert [d.status for d in report.documents] == ["failed", "failed", "failed", "read"]
    assert report.documents[0].error == "too many redirects (more than 5)"
    assert report.documents[1].error.startswith("no answer within 1 s")
    assert report.documents[2].error.startswith("cannot be fetched")


@pytest.mark.parametrize(("url", "stem"), [
    ("https://www.coe.int/fr/web/cybercrime/glacy-e", "glacy-e"),
    ("https://rm.coe.int/168047d1b8", "168047d1b8"),
    ("https://www.coe.int/", "www.coe.int"),
    ("https://example.org/a/Rapport%20annuel%202017.pdf?x=1#p2", "Rapport-annuel-2017"),
    ("https://example.org/../../etc/passwd", "passwd"),
    ("https://example.org/%2e%2e%2f", "page"),
])
def test_a_url_is_named_by_its_last_path_segment_safe_for_a_file_name(url: str,
                                                                       stem: str) -> None:
    assert Url(url).stem == stem
