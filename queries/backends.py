"""One query interface over two kinds of backend: a local rdflib Dataset and a remote endpoint.

- :class:`LocalBackend` runs on an rdflib :class:`~rdflib.Dataset`: the built store as ``cyberkg``
  opens it (Oxigraph on disk through oxrdflib, persistent, not reloaded), or any other Dataset
  (rdflib's default in-memory store, in the benchmark).
- :class:`RemoteBackend` runs on any SPARQL 1.1 Protocol endpoint through SPARQLWrapper, with a
  timeout and credentials from the environment or ``~/.netrc`` (see :mod:`cyberkg.queries.remote`).

Both return a :class:`Result` whose terms are rdflib terms, with one normal form for literals
(``xsd:string`` literals are plain), so that the same query gives equal results on both.
Every query is checked first by :func:`check_query` (Oxigraph's parser): a malformed query is a
:class:`~cyberkg.ontology.errors.QueryError` with its line and column, whatever the backend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from cyberkg.ontology.errors import QueryError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph
    from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class Result:
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def dicts(self) -> list[dict[str, Node | None]]:
        """The rows as dictionaries keyed by variable name (unbound values are ``None``)."""
        return [dict(zip(self.variables, row)) for row in self.rows]

    def values(self) -> list[dict[str, Any]]:
        """The rows with Python values (``term.toPython()``), for library callers."""
        return [{k: (v.toPython() if v is not None else None)  # type: ignore[attr-defined]
                 for k, v in row.items()}
                for row in self.dicts()]


class Backend(Protocol):
    """Something that answers SPARQL 1.1 queries."""

    description: str

    def run(self, text: str) -> Result: ...


def normal_term(term: Node | None) -> Node | None:
    """A term in the form every backend returns: ``xsd:string`` literals become plain literals."""
    from rdflib import Literal

    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == XSD_STRING:
        return Literal(str(term))
    return term


_POSITION = re.compile(r"^error at (\d+):(\d+):\s*")


def query_kind(text: str, prefixes: dict[str, str] | None = None, *, source: str = "query") -> str:
    """``select``, ``ask`` or ``graph``: the form of ``text``, parsed by Oxigraph.

    Raises :class:`QueryError` with the parser's message, line and column when it is malformed.
    """
    import pyoxigraph

    try:
        result = pyoxigraph.Store().query(text, prefixes=prefixes or {})
    except SyntaxError as error:
        message = syntax_message(str(error), text)
        unknown = undeclared_prefixes(text, prefixes or {})
        if unknown and "unknown prefix" not in message:
            where = message.split(":", 1)[0]
            message = (f"{where}: unknown prefix '{unknown[0]}:' (declare it with "
                       f"PREFIX {unknown[0]}: <…>)")
        raise QueryError(f"{source}: {message}") from None
    if isinstance(result, pyoxigraph.QueryBoolean):
        return "ask"
    if isinstance(result, pyoxigraph.QueryTriples):
        return "graph"
    return "select"


_TOKENS = re.compile(
    r"(?P<comment>#[^\n]*)"
    r"|(?P<string>\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')"
    r"|(?P<iri><[^<>\"{}|^`\\\s]*>)"
    r"|(?P<name>(?<![\w?$])[A-Za-z][\w.-]*?:|(?<![\w?$:]):(?=\w))"
)


def undeclared_prefixes(text: str, known: dict[str, str]) -> list[str]:
    """Prefixes used in ``text`` (outside strings, IRIs and comments) that nothing declares."""
    declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w.-]*)\s*:", text, re.IGNORECASE)}
    used: list[str] = []
    for match in _TOKENS.finditer(text):
        if match.lastgroup == "name":
            prefix = match.group(0)[:-1] if match.group(0).endswith(":") else ""
            if prefix not in declared and prefix not in known and prefix not in used:
                used.append(prefix)
    return used


def syntax_message(message: str, text: str) -> str:
    """Oxigraph's ``error at 3:2: expected …`` as ``line 3, column 2: expected …``; an unknown
    prefix is named rather than listed as the characters the parser expected."""
    match = _POSITION.match(message)
    if not match:
        return f"malformed query: {message}"
    line, column = int(match.group(1)), int(match.group(2))
    rest = message[match.end():].strip()
    if "Prefix not found" in rest:
        lines = text.splitlines()
        written = lines[line - 1] if 0 < line <= len(lines) else ""
        # The parser stops just after the prefixed name: the last one before the column.
        names = re.findall(r"(?<![\w<?$])([A-Za-z][\w.-]*)?:(?=[\w.%-]|\s|$)", written[:column])
        prefix = names[-1] if names else ""
        rest = f"unknown prefix '{prefix}:' (declare it with PREFIX {prefix}: <…>)"
    rest = " ".join(rest.split())
    if rest.startswith("expected one of "):
        # Keep the tokens the parser expected, not the ranges of characters it could also take.
        tokens = [t.strip() for t in re.split(r",\s*(?=\S)", rest[len("expected one of "):])
                  if t.strip() and not t.strip().startswith("[")]
        rest = "expected one of " + ", ".join(tokens[:12]) + (", …" if len(tokens) > 12 else "")
    return f"malformed query at line {line}, column {column}: {rest}"


class LocalBackend:
    """Queries on an rdflib Dataset (the built store: ``open_dataset(dir)``)."""

    def __init__(self, dataset: Dataset, description: str = "the built graph") -> None:
        self.dataset = dataset
        self.description = description

    def run(self, text: str) -> Result:
        store = getattr(self.dataset.store, "_inner", None)
        if store is not None and type(store).__module__.startswith("pyoxigraph"):
            return self._run_oxigraph(store, text)
        result = self.dataset.query(text)
        if result.type == "ASK":
            return Result("ask", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            from rdflib import Graph

            graph = Graph()
            for s, p, o in result.graph or ():
                graph.add((s, p, normal_term(o) or o))
            return Result("graph", graph=graph)
        variables = [str(v) for v in result.vars or ()]
        rows = [tuple(normal_term(row.get(v)) for v in result.vars or ())
                for row in result.bindings]
        return Result("select", variables, rows)

    def _run_oxigraph(self, store: Any, text: str) -> Result:
        """The same query on the Oxigraph store under the Dataset (oxrdflib), its terms made
        rdflib terms once each: 3 to 4 times faster than rdflib's result objects on large
        answers (benchmarks/bench_queries.py)."""
        import pyoxigraph

        from cyberkg.ontology.store import from_oxigraph

        answer = store.query(text, use_default_graph_as_union=bool(self.dataset.default_union))
        cache: dict[Any, Any] = {}

        def term(value: Any) -> Any:
            if value is None:
                return None
            converted = cache.get(value)
            if converted is None:
                converted = cache[value] = from_oxigraph(value)
            return converted

        if isinstance(answer, pyoxigraph.QueryBoolean):
            return Result("ask", boolean=bool(answer))
        if isinstance(answer, pyoxigraph.QueryTriples):
            from rdflib import Graph

            graph = Graph()
            for triple in answer:
                graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
            return Result("graph", graph=graph)
        variables = [v.value for v in answer.variables]
        rows = [tuple(term(value) for value in solution) for solution in answer]
        return Result("select", variables, rows)


class RemoteBackend:
    """Queries on a SPARQL 1.1 Protocol endpoint (see :mod:`cyberkg.queries.remote`)."""

    def __init__(self, endpoint: str, *, timeout: float = 60.0, union: bool = False) -> None:
        from cyberkg.queries.remote import redact

        self.endpoint = endpoint
        self.timeout = timeout
        self.union = union
        self.description = redact(endpoint)
        self.hint = "" if union else (" (if its named graphs hold the data but its default graph "
                                      "is not their union, add --union)")
        self._graphs: list[str] | None = None

    def run(self, text: str) -> Result:
        from cyberkg.queries.remote import query_endpoint

        graphs = self.dataset_graphs() if self.union else None
        return query_endpoint(self.endpoint, text, query_kind(text), timeout=self.timeout,
                              default_graphs=graphs)

    def dataset_graphs(self) -> list[str]:
        """The endpoint's named graphs, which ``--union`` names as the default graph (and as the
        named graphs) of every request, so that the default graph is their union on any server."""
        from cyberkg.queries.remote import query_endpoint

        if self._graphs is None:
            result = query_endpoint(
                self.endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
                "select", timeout=self.timeout)
            self._graphs = [str(row[0]) for row in result.rows if row[0] is not None]
        return self._graphs
