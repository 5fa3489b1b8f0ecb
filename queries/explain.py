"""Where each fact about an entity comes from: its document, line and sentence.

``explain(dataset, "GLACY+")`` finds the node (an IRI, a slug, an acronym, a code or a name in
any language: see :mod:`cyberkg.queries.entities`) and returns every fact the documents state
about it, and every fact that points at it, each with the evidence the build recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Dataset, URIRef
    from rdflib.term import Node

    from cyberkg.queries.backends import Backend


@dataclass(frozen=True)
class Fact:
    """One statement of one document, with the line and sentence that state it.

    ``position`` is ``"subject"`` for a fact about the entity, ``"object"`` for a fact that points
    at it.
    """

    position: str
    subject: URIRef
    predicate: URIRef
    object: Node
    document: URIRef
    line: int
    sentence: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"position": self.position, "subject": str(self.subject),
                "predicate": str(self.predicate), "object": str(self.object),
                "document": str(self.document), "line": self.line, "sentence": self.sentence}


def resolve_entity(dataset: Dataset | Backend, entity: str) -> URIRef:
    """The node ``entity`` names; :class:`~cyberkg.ontology.errors.UsageError` (with the close
    matches) when it names none, or names several."""
    from cyberkg.ontology.errors import UsageError
    from cyberkg.queries.entities import expand_iri, resolve

    backend = _backend(dataset)
    node = resolve(backend, entity)
    if expand_iri(entity) is not None and not _known(backend, node):
        raise UsageError(f"{entity} is not in {backend.description}")
    return node


def explain(dataset: Dataset | Backend, entity: str) -> list[Fact]:
    """Every fact about ``entity`` (and pointing at it) with its document, line and sentence."""
    from cyberkg.queries.library import bind, load

    backend = _backend(dataset)
    node = resolve_entity(backend, entity)
    result = backend.run(bind(load("entity-facts"), {"entity": node}))
    facts = []
    for row in result.dicts():
        facts.append(Fact(
            str(row["position"]), row["subject"], row["predicate"], row["object"],  # type: ignore[arg-type]
            row["document"], int(row["line"].toPython()),  # type: ignore[arg-type,union-attr]
            str(row["sentence"]) if row["sentence"] is not None else None,
        ))
    return facts


def _known(backend: Backend, node: URIRef) -> bool:
    from cyberkg.queries.library import sparql_term

    term = sparql_term(node)
    text = f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} }}"
    return bool(backend.run(text).boolean)


def _backend(dataset: Dataset | Backend) -> Backend:
    from cyberkg.queries.backends import LocalBackend

    if hasattr(dataset, "run"):
        return dataset  # type: ignore[return-value]
    return LocalBackend(dataset)  # type: ignore[arg-type]
