"""Write ontology/namespace.py from ontology/cyberkg.ttl, so the ckg: terms are typed once.

Run: python -m cyberkg.ontology.generate_namespace
"""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, Graph, URIRef

HERE = Path(__file__).parent
NS = "https://w3id.org/cyberkg#"
HEADER = '''"""The ckg: terms. Generated from cyberkg.ttl by generate_namespace.py: do not edit by hand."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class CKG(DefinedNamespace):
    """https://w3id.org/cyberkg# — a mistyped term raises AttributeError at once."""

    _NS = Namespace("https://w3id.org/cyberkg#")
    _fail = True

'''


def term_names(graph: Graph) -> tuple[list[str], list[str]]:
    """Class names and property names declared in the ontology, sorted."""
    classes, properties = set(), set()
    for kind, bucket in ((OWL.Class, classes), (OWL.ObjectProperty, properties),
                         (OWL.DatatypeProperty, properties)):
        for subject in graph.subjects(RDF.type, kind):
            if isinstance(subject, URIRef) and str(subject).startswith(NS):
                bucket.add(str(subject)[len(NS):])
    return sorted(classes), sorted(properties)


def render(graph: Graph) -> str:
    classes, properties = term_names(graph)
    lines = [HEADER, "    # classes\n"]
    lines += [f"    {name}: URIRef\n" for name in classes]
    lines.append("\n    # properties\n")
    lines += [f"    {name}: URIRef\n" for name in properties]
    return "".join(lines)


def main() -> None:
    graph = Graph().parse(HERE / "cyberkg.ttl")
    (HERE / "namespace.py").write_text(render(graph), encoding="utf-8")


if __name__ == "__main__":
    main()
