"""What every build starts from: the ontology and the reference data in their own named graphs,
and the gazetteer of the names they give (countries, organisations, conventions, regions, projects).

Parsing the Turtle files, writing their graphs out and indexing their names cost more than reading
a small document, so the result is kept, ready, in ``loaders/background.json``, written by::

    python -m cyberkg.loaders.background

and checked by a test. The file records a fingerprint of what it was made from (the ontology and
reference files and the code that tokenises names and writes statements); when they differ
(reference data edited in place), the build computes it afresh, so a stale file is never used.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph

    from cyberkg.loaders.gazetteer import Gazetteer

INDEX_FILE = Path(__file__).with_name("background.json")

NAME_PREDICATES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
    "https://w3id.org/cyberkg#acronym",
)


def background_quads() -> list[pyoxigraph.Quad]:
    """The ontology (with its SKOS schemes) and the reference data, each in its named graph."""
    import pyoxigraph

    from cyberkg.ontology import ONTOLOGY_GRAPH, REFERENCE_GRAPH, ontology_files, reference_files

    quads: list[pyoxigraph.Quad] = []
    for paths, graph in ((ontology_files(), ONTOLOGY_GRAPH), (reference_files(), REFERENCE_GRAPH)):
        target = pyoxigraph.NamedNode(str(graph))
        for path in paths:
            for triple in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
                quads.append(pyoxigraph.Quad(triple.subject, triple.predicate, triple.object,
                                             target))
    return quads


def index_fingerprint() -> str:
    """A hash of what ``background.json`` is made from: the ontology and reference files, and the
    code that turns names into tokens (the gazetteer, IRI minting's folding) and writes statements
    (the outputs and their prefixes)."""
    from cyberkg.ontology import iri, ontology_files, reference_files

    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in [*ontology_files(), *reference_files(), here / "gazetteer.py",
                 here / "outputs.py", Path(iri.__file__)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def index_names(quads: list[pyoxigraph.Quad]) -> Gazetteer:
    """The gazetteer of the names ``quads`` give (the slow way: every name tokenised)."""
    import pyoxigraph

    from cyberkg.loaders.gazetteer import Gazetteer
    from cyberkg.ontology.store import from_oxigraph

    wanted = {pyoxigraph.NamedNode(p) for p in NAME_PREDICATES}
    return Gazetteer.from_triples(
        (from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object))
        for q in quads if q.predicate in wanted
    )


@dataclass
class Background:
    """The ontology and reference data ready for a build."""

    bodies: dict[str, str]  # each graph's statements (see cyberkg.loaders.outputs), by its name
    gazetteer: Gazetteer


def compute() -> Background:
    """The background the slow way: the Turtle files parsed, every name tokenised."""
    from cyberkg.loaders.outputs import quads_turtle

    quads = background_quads()
    return Background(quads_turtle(quads), index_names(quads))


def background() -> Background:
    """The background, from ``background.json`` when it is current, else computed."""
    from cyberkg.loaders.gazetteer import Gazetteer

    try:
        saved = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
        if saved["fingerprint"] == index_fingerprint():
            return Background(dict(saved["graphs"]), Gazetteer.from_json(saved["gazetteer"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing or unreadable: compute it
    return compute()


def load_background() -> tuple[list[pyoxigraph.Quad], Gazetteer]:
    """The ontology and reference data as quads in their graphs, and the gazetteer of their names."""
    return background_quads(), background().gazetteer


@lru_cache(maxsize=1)
def _index_text() -> str:
    """The text of ``background.json`` for the ontology and reference data as they are now."""
    computed = compute()
    return json.dumps({"fingerprint": index_fingerprint(), "graphs": computed.bodies,
                       "gazetteer": computed.gazetteer.to_json()},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def index_is_current() -> bool:
    """Whether ``background.json`` is what :func:`main` would write now."""
    try:
        return INDEX_FILE.read_text(encoding="utf-8") == _index_text()
    except OSError:
        return False


def main() -> None:
    """Write ``background.json`` (``--check``: exit 1 if it is not current)."""
    if "--check" in sys.argv[1:]:
        current = index_is_current()
        print(f"{INDEX_FILE.name} is {'current' if current else 'out of date'}")
        sys.exit(0 if current else 1)
    from cyberkg.ontology.store import atomic_write

    atomic_write(INDEX_FILE, _index_text().encode("utf-8"))
    print(f"wrote {INDEX_FILE}")


if __name__ == "__main__":
    main()
