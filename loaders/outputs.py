"""A build's output files, written in its staging folder: ``graph.trig`` (every named graph),
``graph.ttl`` (their union), the Oxigraph store and, on request, the documents' texts.

Each named graph reaches the outputs as text, its *body*: its triples as Turtle statements, one
per line (indented by a tab), with the prefixes of :data:`~cyberkg.ontology.iri.PREFIXES`
(:func:`turtle_lines`); a long document hands its body on in parts as it is read. From that text

- ``graph.trig`` gets the block ``document:x { … }`` at once (a document in parts gets several
  blocks of the same graph, which TriG allows);
- the store is loaded from ``graph.trig`` as it grows, by a helper process on another core
  (:mod:`cyberkg.loaders.store_loader`);
- ``graph.ttl`` gets the statements not already written: a statement several documents make
  (``project:glacy-plus rdf:type ckg:Project``) appears once. Only those can repeat: a statement
  about a document or one of its evidence nodes names the document, so it belongs to that
  document alone and goes through without being remembered (memory grows with the shared
  statements, not with the corpus).

The build's cache keeps the bodies too, so a document taken from the cache costs no conversion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.ontology.iri import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib.term import Node

# A local name written after a prefix: letters, digits, "_", "-" and inner dots (Turtle's PN_LOCAL
# allows more, but an IRI outside this set simply stays whole).
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_NAMES = {iri: name for name, iri in PREFIXES.items()}
HEADER = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())


@lru_cache(maxsize=262144)
def prefixed(ntriples: str) -> str:
    """A term written in N-Triples (``<iri>``, ``"text"@fr``…) as Turtle: an IRI of a known
    namespace becomes a prefixed name (``country:MK``), anything else stays as it is."""
    if ntriples.startswith("<"):
        return _prefixed_name(ntriples[1:-1]) or ntriples
    if ntriples.endswith(">") and '"^^<' in ntriples:  # a typed literal: its datatype too
        text, _, datatype = ntriples.rpartition("^^")
        return f"{text}^^{prefixed(datatype)}"
    return ntriples


def _prefixed_name(iri: str) -> str | None:
    """``country:MK`` for an IRI of a known namespace with a plain local name, else None.

    Every namespace ends in "/" or "#" and a local name holds neither, so the namespace of an IRI
    can only be what comes before its last "/" or "#"."""
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    name = _NAMES.get(iri[:cut])
    if name is not None and _LOCAL_NAME.fullmatch(iri, cut):
        return f"{name}:{iri[cut:]}"
    return None


# What can be written without pyoxigraph: an IRI of a known namespace with a plain local name (a
# valid IRI, written as a prefixed name), a text with no character N-Triples escapes, a language
# tag in lower case. Anything else is written by pyoxigraph, which checks the IRI and escapes the
# text: the same result, at several times the cost (each distinct term is written once).
_PLAIN_TEXT = re.compile(r'[^\x00-\x1f"\\\x7f]*')
_PLAIN_TAG = re.compile(r"[a-z]+(?:-[a-z0-9]+)*")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@lru_cache(maxsize=262144)
def _rdflib_turtle(term: Node) -> str:
    """An rdflib term in Turtle (see :func:`prefixed`)."""
    import rdflib  # whole: ``from rdflib import …`` would run the import machinery every call

    if isinstance(term, rdflib.Literal):
        text, language, datatype = str(term), term.language, term.datatype
        if _PLAIN_TEXT.fullmatch(text):
            if language:
                if _PLAIN_TAG.fullmatch(language):
                    return f'"{text}"@{language}'
            elif datatype is None or str(datatype) == _XSD_STRING:
                return f'"{text}"'
            else:
                name = _prefixed_name(str(datatype))
                if name is not None:
                    return f'"{text}"^^{name}'
    elif isinstance(term, rdflib.URIRef):
        name = _prefixed_name(str(term))
        if name is not None:
            return name
    return _pyoxigraph_turtle(term)


def _pyoxigraph_turtle(term: Node) -> str:
    from cyberkg.ontology.store import to_oxigraph

    return prefixed(str(to_oxigraph(term)))  # pyoxigraph checks the IRI and escapes the text


def turtle_lines(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """rdflib triples as Turtle statements, one per line (terms repeat: each is written once)."""
    term = _rdflib_turtle
    return "".join([f"\t{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples])


def quads_turtle(quads: Iterable[pyoxigraph.Quad]) -> dict[str, str]:
    """pyoxigraph quads as one body per named graph (keyed by the graph's Turtle name)."""
    bodies: dict[str, list[str]] = {}
    for quad in quads:
        lines = bodies.setdefault(prefixed(str(quad.graph_name)), [])
        lines.append(f"\t{prefixed(str(quad.subject))} {prefixed(str(quad.predicate))} "
                     f"{prefixed(str(quad.object))} .\n")
    return {graph: "".join(dict.fromkeys(lines)) for graph, lines in bodies.items()}


class Outputs:
    """graph.trig, graph.ttl, the store and the texts of one build (a context manager that closes
    the files and stops the store's helper if the build fails before :meth:`finish`)."""

    def __init__(self, staging: Path) -> None:
        self.staging = staging

    def __enter__(self) -> Outputs:
        from cyberkg.loaders import store_loader
        from cyberkg.ontology.store import STORE_LINK

        self.shared: set[str] = set()  # statements in graph.ttl that another graph may repeat
        self.trig = (self.staging / "graph.trig").open("wb")
        self.ttl = (self.staging / "graph.ttl").open("w", encoding="utf-8")
        self.trig.write(HEADER.encode("utf-8"))
        self.trig.flush()
        self.ttl.write(HEADER)
        self.store = store_loader.start(self.staging / STORE_LINK, self.staging / "graph.trig",
                                        self.trig.tell())
        return self

    def add(self, graph: str, body: str) -> None:
        """One named graph (its Turtle name, e.g. ``document:x``) and its body."""
        if not body:
            return
        block = f"\n{graph} {{\n{body}}}\n".encode("utf-8")
        self.trig.write(block)
        self.trig.flush()
        self.store.written(self.trig.tell())
        self.ttl.write(self._new_in_union(graph, body))

    def _new_in_union(self, graph: str, body: str) -> str:
        """The statements of ``body`` that graph.ttl does not hold yet."""
        own = ("\tevidence:", f"\t{graph} ")  # statements that name the graph's document
        shared = self.shared
        fresh = []
        for line in body.splitlines(keepends=True):
            if line.startswith(own):
                fresh.append(line)
            elif line not in shared:
                shared.add(line)
                fresh.append(line)
        return "".join(fresh)

    def text(self, stem: str, text: str) -> None:
        folder = self.staging / "text"
        folder.mkdir(exist_ok=True)
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")

    def finish(self) -> int:
        """Close the files and wait for the store to be whole; the number of quads stored."""
        self.trig.close()
        self.ttl.close()
        count = self.store.finish()
        self.store = None
        return count

    def __exit__(self, *exc: object) -> None:
        self.trig.close()
        self.ttl.close()
        if self.store is not None:  # the build failed before finish()
            self.store.abort()
