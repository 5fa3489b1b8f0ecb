"""RDF rows in, a networkx graph out: the first of the two pure steps of every picture.

:func:`read_rows` asks the built graph the ``viz-*`` named queries; :func:`graph_from_rows` turns
their rows into a :class:`networkx.DiGraph` whose nodes are the RDF terms themselves (never their
``str()``: the literal "1990" and an IRI never merge). Nothing here draws.

What is drawn: every project, activity, country, organisation, convention, region and city a
document speaks of (mentions it, or states a fact about it), the regions its countries belong to,
and with ``documents=True`` the documents themselves. Links are the ontology's object properties;
a link that another one implies (a ``beneficiaryCountry`` beside a ``hubCountry``, a
``followedBy`` beside its inverse ``precededBy``) is folded into it, so each statement is drawn
once.

Node attributes: ``kind`` (class name), ``label`` (in the chosen language, else the other one, else
any label, else the acronym), ``short`` (acronym or notation, else the label), ``names`` (every
name, for search), ``sources`` (titles of the documents that speak of it) and the key facts
(``start``, ``end``, ``years``, ``budget``, ``coe_share``, ``iso2``, ``iso3``, ``ets``,
``activity_type``, ``unresolved``). Edge attributes: ``properties`` (IRIs), ``label``, ``evidence``
((document title, line, sentence) triples) and ``weight``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cyberkg.ontology import CKG
from cyberkg.viz.style import LANGUAGES
from rdflib import RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

QUERIES = ("viz-nodes", "viz-names", "viz-attributes", "viz-edges", "viz-sources",
           "viz-vocabulary")
CKG_BASE = "https://w3id.org/cyberkg#"
_YEAR = re.compile(r"^\s*(-?\d{4})")
_SHORT_MAX = 40
ATTRIBUTES = {CKG.startDate: "start", CKG.endDate: "end", CKG.budgetEUR: "budget",
              CKG.coeShare: "coe_share", CKG.iso2: "iso2", CKG.iso3: "iso3",
              CKG.etsNumber: "ets", CKG.unresolved: "unresolved"}

Row = Mapping[str, Node]


@dataclass
class Rows:
    """The answers of the ``viz-*`` queries, one list of rows (variable -> RDF term) each."""

    nodes: list[Row] = field(default_factory=list)
    names: list[Row] = field(default_factory=list)
    attributes: list[Row] = field(default_factory=list)
    edges: list[Row] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)
    vocabulary: list[Row] = field(default_factory=list)


def read_rows(dataset: Dataset) -> Rows:
    """Ask the built graph every ``viz-*`` query."""
    from cyberkg.queries.library import load

    answers: dict[str, list[Row]] = {}
    for name in QUERIES:
        result = dataset.query(load(name).text)
        variables = [str(v) for v in result.vars or ()]
        answers[name.removeprefix("viz-")] = [
            {key: value for key, value in zip(variables, row)  # type: ignore[arg-type]
             if value is not None}
            for row in result]
    return Rows(**answers)


def read_graph(dataset: Dataset, *, lang: str = "en", documents: bool = False) -> nx.DiGraph:
    """The graph to draw, read from ``dataset`` (see the module docstring)."""
    return graph_from_rows(read_rows(dataset), lang=lang, documents=documents)


def local_name(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]


def pick_label(names: Iterable[tuple[URIRef, Literal]], lang: str) -> str | None:
    """The label for ``lang``: that language, else the other, else any label, else the acronym."""
    names = list(names)
    other = [code for code in LANGUAGES if code != lang]
    label_properties = (SKOS.prefLabel, RDFS.label)

    def first(candidates: Iterable[str]) -> str | None:
        ordered = sorted(candidates, key=lambda text: (len(text), text))
        return ordered[0] if ordered else None

    for language in (lang, *other):
        for prop in label_properties:
            found = first(str(n) for p, n in names if p == prop and n.language == language)
            if found:
                return found
    for prop in label_properties:
        found = first(str(n) for p, n in names if p == prop)
        if found:
            return found
    for prop in (CKG.acronym, SKOS.notation, DCTERMS.title, SKOS.altLabel):
        found = first(str(n) for p, n in names if p == prop)
        if found:
            return found
    return None


def _short(label: str, names: list[tuple[URIRef, Literal]]) -> str:
    for prop in (CKG.acronym, SKOS.notation):
        found = sorted((str(n) for p, n in names if p == prop), key=lambda t: (len(t), t))
        if found:
            return found[0]
    return label if len(label) <= _SHORT_MAX else label[:_SHORT_MAX - 1].rstrip() + "…"


def _year(value: object) -> int | None:
    match = _YEAR.match(str(value))
    return int(match.group(1)) if match else None


def _python(value: Node) -> Any:
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool | int | float | str):
            return python
        try:
            return float(python)  # Decimal
        except (TypeError, ValueError):
            return str(value)
    return str(value)


@dataclass
class Vocabulary:
    """Labels of the ontology's terms, and which properties imply which."""

    labels: dict[URIRef, dict[str | None, str]] = field(default_factory=dict)
    supers: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    inverse: dict[URIRef, URIRef] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[Row]) -> Vocabulary:
        vocabulary = cls()
        for row in rows:
            term, label, parent, inverse = (row.get(k) for k in ("term", "label", "super",
                                                                 "inverse"))
            if not isinstance(term, URIRef):
                continue
            if isinstance(label, Literal):
                vocabulary.labels.setdefault(term, {})[label.language] = str(label)
            if isinstance(parent, URIRef):
                vocabulary.supers.setdefault(term, set()).add(parent)
            if isinstance(inverse, URIRef):
                vocabulary.inverse[term] = inverse
        return vocabulary

    def label(self, term: URIRef, lang: str) -> str:
        labels = self.labels.get(term, {})
        for language in (lang, *LANGUAGES, None):
            if language in labels:
                return labels[language]
        return next(iter(labels.values()), local_name(term))

    def ancestors(self, term: URIRef) -> set[URIRef]:
        seen: set[URIRef] = set()
        todo = list(self.supers.get(term, ()))
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(self.supers.get(parent, ()))
        return seen


def graph_from_rows(rows: Rows, *, lang: str = "en", documents: bool = False) -> nx.DiGraph:
    """The graph to draw from the rows of the ``viz-*`` queries (pure: no store, no I/O)."""
    import networkx as nx

    vocabulary = Vocabulary.from_rows(rows.vocabulary)
    kinds: dict[Node, str] = {}
    documented: set[Node] = set()
    order = {kind: rank for rank, kind in enumerate(("Project", "Activity", "Country",
                                                     "Organisation", "Convention", "Region",
                                                     "City", "Document"))}
    for row in rows.nodes:
        node, kind = row["node"], local_name(row["class"])
        if node not in kinds or order.get(kind, 99) < order.get(kinds[node], 99):
            kinds[node] = kind
        flag = row.get("documented")
        if isinstance(flag, Literal) and flag.toPython() is True:
            documented.add(node)

    raw_edges = [(row["source"], row["property"], row["target"]) for row in rows.edges]
    keep = {node for node in documented if kinds[node] != "Document"}
    # The regions of the countries drawn, so that regions can be filtered on and bridged.
    for source, prop, target in raw_edges:
        if (prop == CKG.memberCountry and target in keep and kinds.get(source) == "Region"):
            keep.add(source)
    if documents:
        keep |= {node for node, kind in kinds.items() if kind == "Document"}

    names: dict[Node, list[tuple[URIRef, Literal]]] = defaultdict(list)
    for row in rows.names:
        if row["node"] in keep or kinds.get(row["node"]) == "Document":
            names[row["node"]].append((row["property"], row["name"]))  # type: ignore[arg-type]
    labels = {node: pick_label(names[node], lang) or local_name(node)
              for node in set(keep) | {n for n, k in kinds.items() if k == "Document"}}

    graph = nx.DiGraph(lang=lang)
    graph.graph["kinds"] = {kind: vocabulary.label(CKG[kind], lang) for kind in order
                            if URIRef(CKG_BASE + kind) in vocabulary.labels}
    for node in sorted(keep, key=lambda n: (order.get(kinds[n], 99), labels[n], str(n))):
        own = names[node]
        graph.add_node(node, kind=kinds[node], label=labels[node],
                       short=_short(labels[node], own),
                       names=tuple(sorted({str(n) for _, n in own} | {labels[node]})))

    _add_attributes(graph, rows.attributes, lang)
    _add_sources(graph, rows.sources, labels)
    _add_edges(graph, raw_edges, rows.sources, vocabulary, labels, lang)
    if documents:
        _add_mentions(graph, rows.sources, vocabulary, lang)
    return graph


def _add_attributes(graph: nx.DiGraph, rows: Iterable[Row], lang: str) -> None:
    types: dict[Node, dict[str | None, str]] = defaultdict(dict)
    for row in rows:
        node, prop, value = row["node"], row["property"], row["value"]
        if node not in graph:
            continue
        data = graph.nodes[node]
        if prop == CKG.activityType:
            if isinstance(value, Literal):
                types[node][value.language] = str(value)
            continue
        name = ATTRIBUTES.get(prop)  # type: ignore[call-overload]
        if name is None:
            continue
        if name in ("start", "end"):
            previous = data.get(name)
            text = str(value)
            # Several dates: the earliest start, the latest end.
            if previous is None or (text < previous if name == "start" else text > previous):
                data[name] = text
        elif name == "budget":
            data[name] = max(float(_python(value)), data.get(name, 0.0))
        else:
            data[name] = _python(value)
    for node, by_language in types.items():
        for language in (lang, *LANGUAGES, None):
            if language in by_language:
                graph.nodes[node]["activity_type"] = by_language[language]
                break
    for _node, data in graph.nodes(data=True):
        first, last = _year(data.get("start", "")), _year(data.get("end", ""))
        if first is not None or last is not None:
            if data["kind"] == "Activity":  # an activity without an end lasted its start day
                last = last if last is not None else first
                first = first if first is not None else last
            data["years"] = (first, last)


def _add_sources(graph: nx.DiGraph, rows: Iterable[Row], labels: Mapping[Node, str]) -> None:
    sources: dict[Node, set[str]] = defaultdict(set)
    for row in rows:
        document = row.get("document")
        for end in ("node", "target"):
            node = row.get(end)
            if node is not None and node in graph and document is not None:
                sources[node].add(labels.get(document) or local_name(document))
    for node, titles in sources.items():
        graph.nodes[node]["sources"] = tuple(sorted(titles))


def _add_edges(graph: nx.DiGraph, raw_edges: list[tuple[Node, Node, Node]],
               source_rows: Iterable[Row], vocabulary: Vocabulary,
               labels: Mapping[Node, str], lang: str) -> None:
    by_pair: dict[tuple[Node, Node], set[URIRef]] = defaultdict(set)
    for source, prop, target in raw_edges:
        if source in graph and target in graph and source != target:
            by_pair[(source, target)].add(prop)  # type: ignore[arg-type]
    # A property implied by a more specific one on the same pair is folded into it.
    for props in by_pair.values():
        implied = set().union(*(vocabulary.ancestors(p) for p in props))
        if props - implied:
            props.difference_update(implied)
    # A statement and its inverse (A precededBy B, B followedBy A) are one link, kept once.
    for (source, target), props in list(by_pair.items()):
        back = by_pair.get((target, source))
        if not back:
            continue
        for prop in sorted(props):
            inverse = vocabulary.inverse.get(prop)
            if inverse in back and str(prop) > str(inverse):
                props.discard(prop)
    evidence: dict[frozenset[Node], set[tuple[str, int, str]]] = defaultdict(set)
    for row in source_rows:
        if row.get("property") is None or row.get("target") is None:
            continue
        document = row["document"]
        line = row.get("line")
        sentence = row.get("sentence")
        evidence[frozenset((row["node"], row["target"]))].add(
            (labels.get(document) or local_name(document),
             int(line.toPython()) if isinstance(line, Literal) else 0,
             str(sentence) if sentence is not None else ""))
    for (source, target), props in by_pair.items():
        if not props:
            continue
        ordered = tuple(sorted(props))
        graph.add_edge(source, target, properties=ordered,
                       label=", ".join(vocabulary.label(p, lang) for p in ordered),
                       evidence=tuple(sorted(evidence.get(frozenset((source, target)), ()))),
                       weight=1)


def _add_mentions(graph: nx.DiGraph, rows: Iterable[Row], vocabulary: Vocabulary,
                  lang: str) -> None:
    label = vocabulary.label(CKG.mentions, lang)
    for row in rows:
        document, node = row.get("document"), row.get("node")
        if (row.get("property") is None and document in graph and node in graph
                and node != document and not graph.has_edge(document, node)):
            graph.add_edge(document, node, properties=(CKG.mentions,), label=label,
                           evidence=(), weight=1)
