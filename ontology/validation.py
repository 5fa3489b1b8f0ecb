"""Checking a built graph against the SHACL shapes (``ontology/shapes.ttl``) with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.ontology import shapes_file

if TYPE_CHECKING:
    from rdflib import Dataset


@dataclass(frozen=True)
class Violation:
    """One broken rule: the node, the rule, the message and the documents that state the node."""

    focus: str
    path: str | None
    value: str | None
    rule: str
    message: str
    documents: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"focus": self.focus, "path": self.path, "value": self.value, "rule": self.rule,
                "message": self.message, "documents": list(self.documents)}


def validate(dataset: Dataset) -> list[Violation]:
    """Every SHACL violation in ``dataset`` (all named graphs merged), sorted by node."""
    from pyshacl import validate as shacl_validate
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    merged = Graph()
    documents: dict[object, set[str]] = {}
    for subject, predicate, value, context in dataset.quads((None, None, None, None)):
        merged.add((subject, predicate, value))
        name = str(getattr(context, "identifier", context))
        if "/id/document/" in name:
            documents.setdefault(subject, set()).add(name.rsplit("/", 1)[-1])
    shapes = Graph().parse(shapes_file())
    _, results, _ = shacl_validate(merged, shacl_graph=shapes, inference="none",
                                   advanced=False, allow_warnings=True)
    violations = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        component = results.value(result, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        rule = str(component).rsplit("#", 1)[-1] if isinstance(component, URIRef) else "?"
        violations.append(Violation(
            focus=str(focus), path=None if path is None else _short(path),
            value=None if value is None else str(value), rule=rule,
            message=messages[0] if messages else rule,
            documents=tuple(sorted(documents.get(focus, ()))),
        ))
    return sorted(violations, key=lambda v: (v.focus, v.path or "", v.rule, v.value or ""))


def _short(term: object) -> str:
    text = str(term)
    for prefix, name in (("https://w3id.org/cyberkg#", "ckg:"),
                         ("http://purl.org/dc/terms/", "dcterms:"),
                         ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
                         ("http://www.w3.org/2004/02/skos/core#", "skos:"),
                         ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:")):
        if text.startswith(prefix):
            return name + text[len(prefix):]
    return text
