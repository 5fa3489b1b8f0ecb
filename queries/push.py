"""``cyberkg push``: the built graph into an organisation's triple store, named graphs intact.

Each named graph of the build (one per document, plus ``id/graph/reference`` and
``id/graph/ontology``) replaces the graph of the same name on the server, in batches, through
- the SPARQL 1.1 Graph Store HTTP Protocol (``--graph-store URL``): ``PUT ?graph=<g>`` with the
  first batch, ``POST`` for the next ones; or
- SPARQL 1.1 Update (``--update-endpoint URL``, else the ``--endpoint`` URL itself):
  ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }``, then ``INSERT DATA`` per batch.

Replacing a graph costs the server a delete and a load (and an on-disk Oxigraph server grows and
slows down when the same graphs are cleared and reloaded again and again: see
../shared/MEASUREMENTS.md), so a push sends only what changed. It remembers, in
``<graph dir>/.push/``, a digest of each graph it sent to that server; a graph whose digest is the
same and whose triple count on the server (asked through ``--endpoint``) is the same is left as it
is. A graph sent by an earlier push that the build no longer has is dropped; graphs that no push of
cyberkg wrote are never touched. After the upload, the server's count of every graph is checked
against the build's. ``force=True`` sends every graph again.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.ontology.errors import UsageError
from cyberkg.queries.remote import EndpointError, check_url, http_request, redact

if TYPE_CHECKING:
    import pyoxigraph

STATE_DIR = ".push"
DEFAULT_GRAPH = "urn:x-cyberkg:default-graph"  # how the state file names the default graph
N_TRIPLES = "application/n-triples"


@dataclass
class GraphPlan:
    name: str  # the graph IRI, or DEFAULT_GRAPH
    triples: int
    digest: str
    action: str = "send"  # "send", "keep" (unchanged) or "drop"


@dataclass
class PushReport:
    endpoint: str
    target: str
    protocol: str  # "graph-store" or "update"
    sent: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {"endpoint": self.endpoint, "target": self.target, "protocol": self.protocol,
                "sent": self.sent, "kept": self.kept, "dropped": self.dropped,
                "triples": self.triples, "requests": self.requests,
                "seconds": round(self.seconds, 3)}


Progress = Callable[[int, int, str], None]  # (triples sent so far, triples to send, graph)


def _graph_key(graph: pyoxigraph.NamedNode | pyoxigraph.DefaultGraph) -> str:
    import pyoxigraph

    return DEFAULT_GRAPH if isinstance(graph, pyoxigraph.DefaultGraph) else graph.value


def _graph_triples(store: pyoxigraph.Store, graph: object) -> list[pyoxigraph.Triple]:
    import pyoxigraph

    return [pyoxigraph.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, graph)]  # type: ignore[arg-type]


def _digest(triples: list[pyoxigraph.Triple]) -> str:
    lines = sorted(str(t) for t in triples)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def _has_blank_nodes(triples: list[pyoxigraph.Triple]) -> bool:
    import pyoxigraph

    return any(isinstance(t.subject, pyoxigraph.BlankNode) or isinstance(t.object, pyoxigraph.BlankNode)
               for t in triples)


def _batches(triples: list[pyoxigraph.Triple], size: int) -> Iterator[list[pyoxigraph.Triple]]:
    """Batches of ``size`` triples; a graph with blank nodes goes whole (a blank node split
    between two requests would become two nodes)."""
    if not triples:
        yield []
        return
    if _has_blank_nodes(triples):
        yield triples
        return
    for start in range(0, len(triples), size):
        yield triples[start:start + size]


def _ntriples(triples: list[pyoxigraph.Triple]) -> bytes:
    import pyoxigraph

    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""


def state_path(graph_dir: Path, endpoint: str, target: str) -> Path:
    key = hashlib.sha256(f"{redact(endpoint)}\n{redact(target)}".encode()).hexdigest()[:16]
    return graph_dir / STATE_DIR / f"{key}.json"


def _read_state(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    graphs = data.get("graphs", {}) if isinstance(data, dict) else {}
    return graphs if isinstance(graphs, dict) else {}


def _write_state(path: Path, endpoint: str, target: str,
                 graphs: dict[str, dict[str, object]]) -> None:
    from cyberkg.ontology.store import atomic_write

    data = {"endpoint": redact(endpoint), "target": redact(target), "graphs": graphs}
    atomic_write(path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))


def remote_counts(endpoint: str, timeout: float) -> dict[str, int]:
    """The number of triples of each graph of the server (the default graph under DEFAULT_GRAPH)."""
    from cyberkg.queries.remote import query_endpoint

    result = query_endpoint(
        endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        "select", timeout=timeout)
    counts = {str(g): int(n.toPython()) for g, n in result.rows  # type: ignore[union-attr]
              if g is not None and n is not None}
    return counts


class _Sender:
    """Sends one graph's batches with one protocol."""

    def __init__(self, protocol: str, target: str, timeout: float) -> None:
        self.protocol = protocol
        self.target = target
        self.timeout = timeout
        self.requests = 0

    def _gsp_url(self, graph: str) -> str:
        parts = urllib.parse.urlsplit(self.target)
        query = "default" if graph == DEFAULT_GRAPH else \
            urllib.parse.urlencode({"graph": graph})
        joined = f"{parts.query}&{query}" if parts.query else query
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, joined, ""))

    def _update(self, text: str) -> None:
        http_request(self.target, method="POST", data=text.encode("utf-8"),
                     content_type="application/sparql-update", timeout=self.timeout)
        self.requests += 1

    @staticmethod
    def _graph_ref(graph: str) -> str:
        return "DEFAULT" if graph == DEFAULT_GRAPH else f"GRAPH <{graph}>"

    def send(self, graph: str, batch: bytes, first: bool) -> None:
        if self.protocol == "graph-store":
            http_request(self._gsp_url(graph), method="PUT" if first else "POST", data=batch,
                         content_type=N_TRIPLES, timeout=self.timeout)
            self.requests += 1
            return
        data = batch.decode("utf-8")
        insert = (f"INSERT DATA {{ {data} }}" if graph == DEFAULT_GRAPH
                  else f"INSERT DATA {{ GRAPH <{graph}> {{\n{data}}} }}")
        if first:
            self._update(f"DROP SILENT {self._graph_ref(graph)} ;\n{insert}")
        else:
            self._update(insert)

    def drop(self, graph: str) -> None:
        if self.protocol == "graph-store":
            try:
                http_request(self._gsp_url(graph), method="DELETE", timeout=self.timeout)
            except EndpointError as error:
                if "HTTP 404" not in str(error):
                    raise
            self.requests += 1
            return
        self._update(f"DROP SILENT {self._graph_ref(graph)}")


def push(graph_dir: Path, endpoint: str, *, update_endpoint: str | None = None,
         graph_store: str | None = None, batch_size: int = 50_000, force: bool = False,
         timeout: float = 120.0, progress: Progress | None = None) -> PushReport:
    """Upload the built graph of ``graph_dir`` (see the module docstring)."""
    import pyoxigraph

    from cyberkg.ontology.store import open_store

    if update_endpoint and graph_store:
        raise UsageError("give --update-endpoint or --graph-store, not both")
    if batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    check_url(endpoint)
    protocol = "graph-store" if graph_store else "update"
    target = check_url(graph_store or update_endpoint or endpoint)
    started = time.perf_counter()
    store = open_store(graph_dir)
    graphs: list[object] = list(store.named_graphs())
    if any(True for _ in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())):
        graphs.append(pyoxigraph.DefaultGraph())

    state_file = state_path(graph_dir, endpoint, target)
    previous = {} if force else _read_state(state_file)
    counts = remote_counts(endpoint, timeout)
    plans: list[GraphPlan] = []
    contents: dict[str, list[pyoxigraph.Triple]] = {}
    for graph in sorted(graphs, key=lambda g: _graph_key(g)):  # type: ignore[arg-type]
        key = _graph_key(graph)  # type: ignore[arg-type]
        triples = _graph_triples(store, graph)
        plan = GraphPlan(key, len(triples), _digest(triples))
        before = previous.get(key, {})
        remote = counts.get(key, 0) if key != DEFAULT_GRAPH else None
        if (not force and before.get("sha256") == plan.digest
                and (remote is None or remote == plan.triples)):
            plan.action = "keep"
        else:
            contents[key] = triples
        plans.append(plan)
    local_keys = {p.name for p in plans}
    plans += [GraphPlan(name, 0, "", "drop") for name in sorted(previous)
              if name not in local_keys]

    report = PushReport(redact(endpoint), redact(target), protocol)
    sender = _Sender(protocol, target, timeout)
    total = sum(p.triples for p in plans if p.action == "send")
    done = 0
    if progress:
        progress(0, total, "")
    new_state: dict[str, dict[str, object]] = {}
    try:
        for plan in plans:
            if plan.action == "drop":
                sender.drop(plan.name)
                report.dropped.append(plan.name)
                continue
            if plan.action == "keep":
                report.kept.append(plan.name)
                new_state[plan.name] = {"sha256": plan.digest, "triples": plan.triples}
                continue
            for index, batch in enumerate(_batches(contents.pop(plan.name), batch_size)):
                sender.send(plan.name, _ntriples(batch), first=index == 0)
                done += len(batch)
                if progress:
                    progress(done, total, plan.name)
            report.sent.append(plan.name)
            report.triples += plan.triples
            new_state[plan.name] = {"sha256": plan.digest, "triples": plan.triples}
    finally:
        # What was sent is remembered even when a later graph fails, so a new push resumes.
        for plan in plans:
            if plan.action == "drop" and plan.name not in report.dropped:
                new_state[plan.name] = previous[plan.name]
        try:
            _write_state(state_file, endpoint, target, new_state)
        except OSError:
            pass  # a read-only graph folder: the next push sends every graph again
    report.requests = sender.requests
    _check_counts(endpoint, timeout, [p for p in plans if p.action != "drop"])
    report.seconds = time.perf_counter() - started
    return report


def _check_counts(endpoint: str, timeout: float, plans: list[GraphPlan]) -> None:
    counts = remote_counts(endpoint, timeout)
    for plan in plans:
        if plan.name == DEFAULT_GRAPH:
            continue
        found = counts.get(plan.name, 0)
        if found != plan.triples:
            raise EndpointError(
                f"{redact(endpoint)}: graph <{plan.name}> holds {found} triples after the push, "
                f"the build has {plan.triples} (is --endpoint the query endpoint of the same "
                f"store?)")
