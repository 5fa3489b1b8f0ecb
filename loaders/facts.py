"""The facts of one document: its named graph, with the line and sentence behind each fact.

Every fact a loader reads goes through :meth:`DocumentFacts.fact`, which
- adds the triple to the document's graph,
- adds a ckg:Evidence node (rdf:subject/predicate/object, ckg:line, ckg:sentence, ckg:sourceDocument),
- adds what the ontology implies and analysts expect to find without a reasoner: the super-property
  of a sub-property (ckg:hubCountry -> ckg:beneficiaryCountry) and the inverse (ckg:precededBy ->
  ckg:followedBy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from cyberkg.ontology import CKG, evidence_iri, mint

IMPLIED_SUPER = {
    CKG.priorityCountry: CKG.beneficiaryCountry,
    CKG.hubCountry: CKG.beneficiaryCountry,
}
INVERSE = {CKG.precededBy: CKG.followedBy, CKG.followedBy: CKG.precededBy}

CLASS_OF_KIND = {
    "project": CKG.Project,
    "activity": CKG.Activity,
    "country": CKG.Country,
    "organisation": CKG.Organisation,
    "convention": CKG.Convention,
    "region": CKG.Region,
    "city": CKG.City,
}

# The terms every fact and every entity uses, looked up once: rdflib checks each look-up in a
# closed namespace (CKG.line), and a build makes tens of thousands.
_TYPE, _LABEL, _ALT_LABEL = RDF.type, RDFS.label, SKOS.altLabel
_EVIDENCE, _SOURCE_DOCUMENT, _LINE, _SENTENCE = (CKG.Evidence, CKG.sourceDocument, CKG.line,
                                                 CKG.sentence)
_SUBJECT, _PREDICATE, _OBJECT = RDF.subject, RDF.predicate, RDF.object
_MENTIONS, _SURFACE_FORM, _UNRESOLVED = CKG.mentions, CKG.surfaceForm, CKG.unresolved
_INTEGER = XSD.integer
_TRUE = Literal(True)

Triple = tuple[Node, Node, Node]
HAND_ON_EVERY = 2048  # new triples that make a growing document hand its triples on


# Literals are immutable and the same ones recur (a sentence states several facts, the same
# labels name the same entities): each is built once. ``typed`` keeps the line 1 and True apart.
@lru_cache(maxsize=4096, typed=True)
def _line_literal(line: int) -> Literal:
    return Literal(line, datatype=_INTEGER)


@lru_cache(maxsize=4096)
def _text_literal(text: str, lang: str | None = None) -> Literal:
    return Literal(text, lang=lang)


@dataclass(frozen=True)
class Warning_:
    """Something a reader of the build report should know, with the line it concerns."""

    line: int
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "message": self.message}


@dataclass
class DocumentFacts:
    """The named graph of one document, filled by the loaders.

    With a ``sink``, the triples are also handed on while the document is read, in the order they
    were added, each once: the build starts storing a long document before it is finished. The
    loaders only ever add triples, so what was handed on stays true.
    """

    document: URIRef
    triples: dict[Triple, None] = field(default_factory=dict)
    warnings: list[Warning_] = field(default_factory=list)
    facts: int = 0
    sink: Callable[[list[Triple]], None] | None = None
    handed_on: int = 0  # how many of the triples the sink has had

    def hand_on(self) -> None:
        """Give the sink the triples added since it last had some."""
        if self.sink is not None and len(self.triples) > self.handed_on:
            new = list(islice(self.triples, self.handed_on, None))
            self.handed_on += len(new)
            self.sink(new)

    @property
    def graph(self) -> Graph:
        """The document's named graph as an rdflib Graph (built on demand)."""
        graph = Graph(identifier=self.document)
        for triple in self.triples:
            graph.add(triple)
        return graph

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.triples[triple] = None

    def fact(self, subject: URIRef, predicate: URIRef, value: Node, *, line: int,
             sentence: str) -> None:
        """State that the document says ``subject predicate value`` on ``line``."""
        self._fact(subject, predicate, value, line, sentence)
        if predicate in IMPLIED_SUPER:
            self._fact(subject, IMPLIED_SUPER[predicate], value, line, sentence)
        if predicate in INVERSE and isinstance(value, URIRef):
            self._fact(value, INVERSE[predicate], subject, line, sentence)

    def _fact(self, subject: URIRef, predicate: URIRef, value: Node, line: int,
              sentence: str) -> None:
        triples = self.triples
        fact = (subject, predicate, value)
        if fact not in triples:
            triples[fact] = None
            self.facts += 1
        sentence = sentence.strip()
        evidence = evidence_iri(self.document, line, sentence, subject, predicate, value)
        triples[(evidence, _TYPE, _EVIDENCE)] = None
        triples[(evidence, _SUBJECT, subject)] = None
        triples[(evidence, _PREDICATE, predicate)] = None
        triples[(evidence, _OBJECT, value)] = None
        triples[(evidence, _SOURCE_DOCUMENT, self.document)] = None
        triples[(evidence, _LINE, _line_literal(line))] = None
        triples[(evidence, _SENTENCE, _text_literal(sentence))] = None
        if self.sink is not None and len(triples) - self.handed_on >= HAND_ON_EVERY:
            self.hand_on()

    def describe(self, subject: URIRef, predicate: URIRef, value: Node) -> None:
        """A statement about a node that needs no evidence (its type, its label)."""
        self.triples[(subject, predicate, value)] = None

    def entity(self, kind: str, iri: URIRef, label: str | None = None,
               lang: str | None = None) -> URIRef:
        """Declare a node of ``kind`` in this document (and that the document mentions it)."""
        triples = self.triples
        triples[(iri, _TYPE, CLASS_OF_KIND[kind])] = None
        if label:
            triples[(iri, _LABEL, _text_literal(label, lang))] = None
        triples[(self.document, _MENTIONS, iri)] = None
        return iri

    def unresolved(self, kind: str, surface: str, *, line: int) -> URIRef:
        """A node for a name the reference data does not know, marked so and kept, never dropped."""
        iri = mint(kind, surface)
        self.add((iri, _TYPE, CLASS_OF_KIND[kind]))
        self.add((iri, _LABEL, _text_literal(surface)))
        self.add((iri, _SURFACE_FORM, _text_literal(surface)))
        self.add((iri, _UNRESOLVED, _TRUE))
        self.add((self.document, _MENTIONS, iri))
        if not any(w.line == line and surface in w.message for w in self.warnings):
            self.warn(line, f"unresolved {kind} name {surface!r}")
        return iri

    def alt_label(self, iri: URIRef, name: str, lang: str | None = None) -> None:
        self.add((iri, _ALT_LABEL, _text_literal(name, lang)))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning_(line, message))
