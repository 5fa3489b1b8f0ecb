"""The ground floor: the ckg: terms, SHACL shapes, reference data, IRI minting and the store.

Imports nothing else of cyberkg. Heavy modules are imported by the functions that need them.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cyberkg.ontology.iri import (
        ONTOLOGY_GRAPH,
        REFERENCE_GRAPH,
        document_iri,
        entity_key,
        evidence_iri,
        mint,
    )
    from cyberkg.ontology.namespace import CKG

_LAZY = {
    "CKG": "cyberkg.ontology.namespace",
    "ONTOLOGY_GRAPH": "cyberkg.ontology.iri",
    "REFERENCE_GRAPH": "cyberkg.ontology.iri",
    "document_iri": "cyberkg.ontology.iri",
    "entity_key": "cyberkg.ontology.iri",
    "evidence_iri": "cyberkg.ontology.iri",
    "mint": "cyberkg.ontology.iri",
}


def __getattr__(name: str) -> Any:
    """Load rdflib only when a term is first used, so that `cyberkg --help` starts fast."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CKG", "ONTOLOGY_GRAPH", "REFERENCE_GRAPH", "document_iri", "entity_key", "evidence_iri", "mint",
    "cities_file", "city_names_file", "ontology_files", "reference_files", "shapes_file",
]


def _here() -> Path:
    return Path(str(files("cyberkg.ontology")))


def ontology_files() -> list[Path]:
    """The ontology and its SKOS schemes (graph ``id/graph/ontology``)."""
    return [_here() / "cyberkg.ttl", _here() / "activity-types.ttl"]


def reference_files() -> list[Path]:
    """The reference data (graph ``id/graph/reference``), sorted by name."""
    return sorted((_here() / "reference").glob("*.ttl"))


def cities_file() -> Path:
    """The table of reference cities (read by the activity loader, never loaded as a graph)."""
    return _here() / "reference" / "cities.tsv"


def city_names_file() -> Path:
    """The folded names of the reference cities, each with the cities that bear it."""
    return _here() / "reference" / "city-names.tsv"


def shapes_file() -> Path:
    """The SHACL shapes of every class."""
    return _here() / "shapes.ttl"
