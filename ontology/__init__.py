"""The ground floor: the ckg: terms, SHACL shapes, reference data, IRI minting and the store.

Imports nothing else of cyberkg. Heavy modules are imported by the functions that need them.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from cyberkg.ontology.iri import (
    ONTOLOGY_GRAPH,
    REFERENCE_GRAPH,
    document_iri,
    entity_key,
    evidence_iri,
    mint,
)
from cyberkg.ontology.namespace import CKG

__all__ = [
    "CKG", "ONTOLOGY_GRAPH", "REFERENCE_GRAPH", "document_iri", "entity_key", "evidence_iri", "mint",
    "ontology_files", "reference_files", "shapes_file",
]


def _here() -> Path:
    return Path(str(files("cyberkg.ontology")))


def ontology_files() -> list[Path]:
    """The ontology and its SKOS schemes (graph ``id/graph/ontology``)."""
    return [_here() / "cyberkg.ttl", _here() / "activity-types.ttl"]


def reference_files() -> list[Path]:
    """The reference data (graph ``id/graph/reference``), sorted by name."""
    return sorted((_here() / "reference").glob("*.ttl"))


def shapes_file() -> Path:
    """The SHACL shapes of every class."""
    return _here() / "shapes.ttl"
