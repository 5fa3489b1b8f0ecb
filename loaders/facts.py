"""The facts of one document: its named graph, with the line and sentence behind each fact.

Every fact a loader reads goes through :meth:`DocumentFacts.fact`, which
- adds the triple to the document's graph,
- adds a ckg:Evidence node (rdf:subject/predicate/object, ckg:line, ckg:sentence, ckg:sourceDocument),
- adds what the ontology implies and analysts expect to find without a reasoner: the super-property
  of a sub-property (ckg:hubCountry -> ckg:beneficiaryCountry) and the inverse (ckg:precededBy ->
  ckg:followedBy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

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


@dataclass(frozen=True)
class _EvidenceTerms:
    type: URIRef
    Evidence: URIRef
    subject: URIRef
    predicate: URIRef
    object: URIRef
    sourceDocument: URIRef
    line: URIRef
    sentence: URIRef
    integer: URIRef


@lru_cache(maxsize=1)
def _evidence_terms() -> _EvidenceTerms:
    """The terms of an evidence node, looked up once (rdflib's closed namespaces check every
    lookup, and a build makes tens of thousands)."""
    return _EvidenceTerms(RDF.type, CKG.Evidence, RDF.subject, RDF.predicate, RDF.object,
                          CKG.sourceDocument, CKG.line, CKG.sentence, XSD.integer)


@dataclass(frozen=True)
class Warning_:
    """Something a reader of the build report should know, with the line it concerns."""

    line: int
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "message": self.message}


@dataclass
class DocumentFacts:
    """The named graph of one document, filled by the loaders."""

    document: URIRef
    triples: dict[tuple[Node, Node, Node], None] = field(default_factory=dict)
    warnings: list[Warning_] = field(default_factory=list)
    facts: int = 0

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
        if (subject, predicate, value) not in self.triples:
            self.facts += 1
        self.add((subject, predicate, value))
        sentence = sentence.strip()
        evidence = evidence_iri(self.document, line, sentence, subject, predicate, value)
        terms = _evidence_terms()
        self.add((evidence, terms.type, terms.Evidence))
        self.add((evidence, terms.subject, subject))
        self.add((evidence, terms.predicate, predicate))
        self.add((evidence, terms.object, value))
        self.add((evidence, terms.sourceDocument, self.document))
        self.add((evidence, terms.line, Literal(line, datatype=terms.integer)))
        self.add((evidence, terms.sentence, Literal(sentence)))

    def describe(self, subject: URIRef, predicate: URIRef, value: Node) -> None:
        """A statement about a node that needs no evidence (its type, its label)."""
        self.add((subject, predicate, value))

    def entity(self, kind: str, iri: URIRef, label: str | None = None,
               lang: str | None = None) -> URIRef:
        """Declare a node of ``kind`` in this document (and that the document mentions it)."""
        self.add((iri, RDF.type, CLASS_OF_KIND[kind]))
        if label:
            self.add((iri, RDFS.label, Literal(label, lang=lang)))
        self.add((self.document, CKG.mentions, iri))
        return iri

    def unresolved(self, kind: str, surface: str, *, line: int) -> URIRef:
        """A node for a name the reference data does not know, marked so and kept, never dropped."""
        iri = mint(kind, surface)
        self.add((iri, RDF.type, CLASS_OF_KIND[kind]))
        self.add((iri, RDFS.label, Literal(surface)))
        self.add((iri, CKG.surfaceForm, Literal(surface)))
        self.add((iri, CKG.unresolved, Literal(True)))
        self.add((self.document, CKG.mentions, iri))
        if not any(w.line == line and surface in w.message for w in self.warnings):
            self.warn(line, f"unresolved {kind} name {surface!r}")
        return iri

    def alt_label(self, iri: URIRef, name: str, lang: str | None = None) -> None:
        self.add((iri, SKOS.altLabel, Literal(name, lang=lang)))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning_(line, message))
