"""``cyberkg serve``: a read-only SPARQL 1.1 Protocol endpoint over the built store, with a page.

The SPARQL engine is Oxigraph's own server (``oxigraph serve-read-only`` from the ``oxigraph``
package) over the same store the build wrote, on a free port of 127.0.0.1 that only this process
talks to. In front of it, a small proxy (``http.server``, one thread per request, at most
``workers`` queries at once) adds what the stock server does not do:

- a page (``/``) where one picks a named query, edits it and sees the results as a table; it
  works offline (no CDN) and shows every value as text, never as markup;
- a limit on the rows of a result (Oxigraph has none): the proxy reads at most ``row_limit``
  solutions (or triples) and says so in the ``X-Cyberkg-Truncated`` header;
- a time limit that ends in a clean HTTP 503: Oxigraph's ``--timeout-s`` is in whole seconds, and
  when it strikes after the first bytes it ends a 200 answer with an error message; the proxy
  turns that, or its own deadline, into ``503 query time limit exceeded``;
- updates refused with HTTP 403 (the stock read-only server refuses them too), and queries
  checked before they are sent (HTTP 400 with the line and column of a syntax error).

Endpoint: ``GET /sparql?query=…``, ``POST /sparql`` (form or ``application/sparql-query``), with
``default-graph-uri``/``named-graph-uri``. The default graph is the union of the named graphs, as
in ``cyberkg query``. SELECT and ASK answer in JSON (default), XML, CSV or TSV; CONSTRUCT and
DESCRIBE in Turtle (default), N-Triples, JSON-LD or RDF/XML, as the Accept header asks.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any, cast

from cyberkg.ontology.errors import CyberkgError, QueryError, StoreError, UsageError

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
CANCELLED = "cancelled"


class ServeError(CyberkgError):
    """The server cannot start (no oxigraph executable, the port is taken…)."""


def oxigraph_executable() -> str:
    """The ``oxigraph`` command of the ``oxigraph`` package (beside this Python, else on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def wait_for_port(host: str, port: int, deadline: float, process: subprocess.Popen[bytes] | None = None) -> None:
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServeError(f"the Oxigraph server stopped at once (exit code {process.returncode})")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.2):
            return
        time.sleep(0.02)
    raise ServeError(f"the Oxigraph server did not answer on {host}:{port}")


class OxigraphServer:
    """``oxigraph serve-read-only`` over a store directory, on a free port of 127.0.0.1."""

    def __init__(self, location: Path, *, time_limit: float) -> None:
        self.location = location
        self.time_limit = time_limit
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> OxigraphServer:
        command = [oxigraph_executable(), "serve-read-only", "--location", str(self.location),
                   "--bind", f"127.0.0.1:{self.port}", "--union-default-graph",
                   "--timeout-s", str(max(1, math.ceil(self.time_limit)))]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for_port("127.0.0.1", self.port, time.monotonic() + 15, self.process)
        except ServeError as error:
            message = self._stderr()
            self.stop()
            raise ServeError(f"{error}{': ' + message if message else ''}") from None
        return self

    def _stderr(self) -> str:
        if self.process is None or self.process.stderr is None or self.process.poll() is None:
            return ""
        return self.process.stderr.read().decode("utf-8", "replace").strip()[:300]

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()
        self.process = None


@dataclass
class Limits:
    time_limit: float = 30.0  # seconds per query
    row_limit: int = 10_000  # solutions (or triples) per answer
    workers: int = 8  # queries at once


class SparqlProxy:
    """The proxy's logic, apart from HTTP: check, forward, cut, write."""

    def __init__(self, upstream_port: int, limits: Limits) -> None:
        self.upstream_port = upstream_port
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.workers)

    def answer(self, query: str, accept: str, graphs: list[tuple[str, str]]) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body of the answer to ``query``."""
        from cyberkg.queries.backends import query_kind

        try:
            kind = query_kind(query, source="query")
        except QueryError as error:
            return _text(400, str(error))
        if not self.slots.acquire(timeout=self.limits.time_limit):
            return _text(503, "the server is busy: try again")
        try:
            return self._forward(query, kind, accept, graphs)
        finally:
            self.slots.release()

    def _forward(self, query: str, kind: str, accept: str,
                 graphs: list[tuple[str, str]]) -> tuple[int, dict[str, str], bytes]:
        import pyoxigraph

        upstream_accept = {"graph": "application/n-triples",
                           "ask": "application/sparql-results+json"}.get(
            kind, "text/tab-separated-values")
        body = urllib.parse.urlencode([("query", query), *graphs]).encode("utf-8")
        deadline = time.monotonic() + self.limits.time_limit
        connection = http.client.HTTPConnection("127.0.0.1", self.upstream_port,
                                                timeout=self.limits.time_limit + 0.5)
        try:
            connection.request("POST", "/query", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": upstream_accept})
            response = connection.getresponse()
            if response.status != 200:
                message = response.read(2000).decode("utf-8", "replace").strip()
                if CANCELLED in message.lower() or "timeout" in message.lower():
                    return self._too_long()
                return _text(response.status if response.status >= 400 else 502,
                             message or f"the SPARQL engine answered HTTP {response.status}")
            reader = _DeadlineReader(response, deadline)
            try:
                if kind == "graph":
                    return self._graph(reader, accept)
                fmt = pyoxigraph.QueryResultsFormat.JSON if kind == "ask" else \
                    pyoxigraph.QueryResultsFormat.TSV
                parsed = pyoxigraph.parse_query_results(cast(IO[bytes], reader), fmt)
                return self._rows(parsed, kind, accept)
            except (SyntaxError, ValueError, OSError) as error:
                if reader.expired or CANCELLED in str(error).lower():
                    return self._too_long()
                return _text(502, f"the SPARQL engine sent an answer that cannot be read: {error}")
        except TimeoutError:
            return self._too_long()
        except OSError as error:
            return _text(502, f"the SPARQL engine cannot be reached ({error})")
        finally:
            connection.close()

    def _too_long(self) -> tuple[int, dict[str, str], bytes]:
        return _text(503, f"query time limit exceeded ({self.limits.time_limit:g} s)")

    def _rows(self, parsed: Any, kind: str, accept: str) -> tuple[int, dict[str, str], bytes]:
        from cyberkg.ontology.store import from_oxigraph
        from cyberkg.queries.backends import Result
        from cyberkg.queries.formats import sparql_csv, sparql_json, sparql_tsv

        import pyoxigraph

        if isinstance(parsed, pyoxigraph.QueryBoolean):
            result = Result("ask", boolean=bool(parsed))
            truncated = False
        else:
            variables = [v.value for v in parsed.variables]
            rows: list[tuple[Any, ...]] = []
            truncated = False
            for solution in parsed:
                if len(rows) >= self.limits.row_limit:
                    truncated = True
                    break
                rows.append(tuple(from_oxigraph(solution[v]) if solution[v] is not None else None
                                  for v in variables))
            result = Result("select", variables, rows)  # type: ignore[arg-type]
        fmt, media = _negotiate(accept, SELECT_TYPES, "application/sparql-results+json")
        if fmt == "json":
            data = json.dumps(sparql_json(result), ensure_ascii=False).encode("utf-8")
        elif fmt == "csv":
            data = sparql_csv(result).encode("utf-8")
        elif fmt == "tsv":
            data = sparql_tsv(result).encode("utf-8")
        else:
            data = _sparql_xml(result)
        headers = {"Content-Type": f"{media}; charset=utf-8"}
        if truncated:
            headers["X-Cyberkg-Truncated"] = str(self.limits.row_limit)
        return 200, headers, data

    def _graph(self, reader: Any, accept: str) -> tuple[int, dict[str, str], bytes]:
        from rdflib import Graph

        from cyberkg.ontology.store import from_oxigraph

        import pyoxigraph

        graph = Graph()
        truncated = False
        triples = pyoxigraph.parse(cast(IO[bytes], reader), pyoxigraph.RdfFormat.N_TRIPLES)
        for count, triple in enumerate(triples):
            if count >= self.limits.row_limit:
                truncated = True
                break
            graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate),  # type: ignore[arg-type]
                       from_oxigraph(triple.object)))
        fmt, media = _negotiate(accept, GRAPH_TYPES, "text/turtle")
        data = graph.serialize(format=fmt, encoding="utf-8")
        headers = {"Content-Type": f"{media}; charset=utf-8"}
        if truncated:
            headers["X-Cyberkg-Truncated"] = str(self.limits.row_limit)
        return 200, headers, data


class _DeadlineReader:
    """A file-like view of an HTTP response that stops reading at a deadline."""

    def __init__(self, response: http.client.HTTPResponse, deadline: float) -> None:
        self.response = response
        self.deadline = deadline
        self.expired = False

    def read(self, size: int = -1) -> bytes:
        if time.monotonic() > self.deadline:
            self.expired = True
            raise TimeoutError("query time limit exceeded")
        return self.response.read(size if size and size > 0 else 65536)

    def readable(self) -> bool:
        return True


def _negotiate(accept: str, offered: dict[str, str], default: str) -> tuple[str, str]:
    """The format (and media type) the Accept header prefers among ``offered``."""
    choices = []
    for position, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        quality = 1.0
        for extra in fields[1:]:
            if extra.startswith("q="):
                with contextlib.suppress(ValueError):
                    quality = float(extra[2:])
        choices.append((-quality, position, media))
    for _q, _p, media in sorted(choices):
        if media in offered:
            return offered[media], media
    return offered[default], default


def _sparql_xml(result: Any) -> bytes:
    """SPARQL Query Results XML Format."""
    from xml.sax.saxutils import escape, quoteattr

    from rdflib import BNode, Literal

    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out.append(f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean></sparql>")
        return "\n".join(out).encode("utf-8")
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables)
               + "</head><results>")
    for row in result.rows:
        out.append("<result>")
        for name, term in zip(result.variables, row):
            if term is None:
                continue
            if isinstance(term, Literal):
                attrs = f" xml:lang={quoteattr(term.language)}" if term.language else \
                    f" datatype={quoteattr(str(term.datatype))}" if term.datatype else ""
                value = f"<literal{attrs}>{escape(str(term))}</literal>"
            elif isinstance(term, BNode):
                value = f"<bnode>{escape(str(term))}</bnode>"
            else:
                value = f"<uri>{escape(str(term))}</uri>"
            out.append(f"<binding name={quoteattr(name)}>{value}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "\n".join(out).encode("utf-8")


def _text(status: int, message: str) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "text/plain; charset=utf-8"}, (message + "\n").encode("utf-8")


def _queries_json() -> bytes:
    from cyberkg.queries.library import all_queries

    data = [{"name": q.name, "title": q.title, "description": q.description, "text": q.text,
             "params": [{"name": p.name, "type": p.type, "example": p.example,
                         "optional": p.optional} for p in q.params]}
            for q in all_queries()]
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server_version = "cyberkg"
    proxy: SparqlProxy  # set on the subclass made by make_server
    quiet = True

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _static(self, name: str) -> bool:
        from cyberkg.queries import page

        files = {
            "/": ("text/html; charset=utf-8", page.page_html(self.proxy.limits).encode("utf-8")),
            "/index.html": ("text/html; charset=utf-8", page.page_html(self.proxy.limits).encode("utf-8")),
            "/app.js": ("text/javascript; charset=utf-8", page.SCRIPT.encode("utf-8")),
            "/app.css": ("text/css; charset=utf-8", page.STYLE.encode("utf-8")),
            "/queries.json": ("application/json; charset=utf-8", _queries_json()),
        }
        if name == "/favicon.ico":
            self._send(204, {}, b"")
            return True
        if name not in files:
            return False
        media, body = files[name]
        self._send(200, {"Content-Type": media, "Content-Security-Policy": page.CSP}, body)
        return True

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/sparql", "/query"):
            fields = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
            self._protocol(fields)
        elif url.path == "/update":
            self._send(*_text(403, "this endpoint is read-only: updates are refused"))
        elif not self._static(url.path):
            self._send(*_text(404, f"nothing at {url.path}: the endpoint is /sparql"))

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > 10_000_000:
            self._send(*_text(413, "the request is too large"))
            return
        data = self.rfile.read(length) if length else b""
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path == "/update" or media == "application/sparql-update":
            self._send(*_text(403, "this endpoint is read-only: updates are refused"))
            return
        if url.path not in ("/sparql", "/query"):
            self._send(*_text(404, f"nothing at {url.path}: the endpoint is /sparql"))
            return
        fields = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
        if media == "application/sparql-query":
            fields.append(("query", data.decode("utf-8", "replace")))
        elif media in ("application/x-www-form-urlencoded", ""):
            fields += urllib.parse.parse_qsl(data.decode("utf-8", "replace"), keep_blank_values=True)
        else:
            self._send(*_text(415, f"unsupported Content-Type {media!r}: send a form or "
                                   "application/sparql-query"))
            return
        self._protocol(fields)

    def do_PUT(self) -> None:
        self._send(*_text(403, "this endpoint is read-only: updates are refused"))

    do_DELETE = do_PUT
    do_PATCH = do_PUT

    def _protocol(self, fields: list[tuple[str, str]]) -> None:
        if any(name == "update" for name, _ in fields):
            self._send(*_text(403, "this endpoint is read-only: updates are refused"))
            return
        queries = [value for name, value in fields if name == "query"]
        if len(queries) != 1:
            self._send(*_text(400, "give exactly one query parameter"))
            return
        graphs = [(name, value) for name, value in fields
                  if name in ("default-graph-uri", "named-graph-uri")]
        self._send(*self.proxy.answer(queries[0], self.headers.get("Accept", ""), graphs))


@dataclass
class Running:
    """A running ``cyberkg serve``: its URL, and how to stop it."""

    url: str
    httpd: ThreadingHTTPServer
    engine: OxigraphServer
    thread: threading.Thread | None = None

    @property
    def endpoint(self) -> str:
        return self.url + "sparql"

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.httpd.shutdown()
        self.httpd.server_close()
        self.engine.stop()
        if self.thread is not None:
            self.thread.join(timeout=5)


def start(graph_dir: Path, *, host: str = "127.0.0.1", port: int = 7878,
          limits: Limits | None = None, in_thread: bool = False, log: bool = False) -> Running:
    """Start the engine and the proxy; with ``in_thread`` the proxy serves in a thread (tests)."""
    from cyberkg.ontology.store import store_path

    limits = limits or Limits()
    if limits.time_limit <= 0 or limits.row_limit < 1 or limits.workers < 1:
        raise UsageError("the time limit, the row limit and the number of workers must be positive")
    link = store_path(graph_dir)
    if not link.exists():
        raise StoreError(f"no built graph in {graph_dir}/ (run `cyberkg build` first, or point "
                         f"--graph or $CYBERKG_GRAPH at the folder it wrote)")
    engine = OxigraphServer(link.resolve(), time_limit=limits.time_limit).start()
    handler = type("Handler", (_Handler,), {"proxy": SparqlProxy(engine.port, limits),
                                            "quiet": not log})
    try:
        httpd = ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        engine.stop()
        raise ServeError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    httpd.daemon_threads = True
    bound_host, bound_port = str(httpd.server_address[0]), int(httpd.server_address[1])
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    running = Running(f"http://{shown}:{bound_port}/", httpd, engine)
    if in_thread:
        running.thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        running.thread.start()
    return running
