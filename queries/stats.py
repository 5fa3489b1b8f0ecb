"""The figures ``cyberkg stats`` prints, from named queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cyberkg.queries.library import load

if TYPE_CHECKING:
    from rdflib import Dataset


def _rows(dataset: Dataset, name: str) -> list[dict[str, Any]]:
    from cyberkg.queries.backends import LocalBackend

    return LocalBackend(dataset).run(load(name).text).values()


def _short(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def graph_stats(dataset: Dataset) -> dict[str, Any]:
    """Triples, named graphs, nodes per class, facts per document and unresolved names."""
    size = _rows(dataset, "stats-size")[0]
    return {
        "triples": size["triples"],
        "graphs": size["graphs"],
        "classes": [{"class": "ckg:" + _short(r["class"]), "nodes": r["nodes"]}
                    for r in _rows(dataset, "stats-classes")],
        "documents": [{"document": _short(r["document"]), "facts": r["facts"],
                       "evidence": r["evidence_count"]}
                      for r in _rows(dataset, "stats-documents")],
        "unresolved": [{"kind": r["kind"], "name": r["name"], "document": _short(r["document"])}
                       for r in _rows(dataset, "unresolved-names")],
    }
