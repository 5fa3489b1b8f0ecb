"""The ontology parses, every term speaks English and French, the Python namespace agrees with it."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH

from cyberkg.ontology import CKG, ontology_files, shapes_file
from cyberkg.ontology.generate_namespace import NS, render, term_names
from cyberkg.ontology.namespace import CKG as GENERATED

STANDARD = ("https://schema.org/", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
            "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/",
            "http://xmlns.com/foaf/0.1/", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_files()[0])


def terms(graph: Graph) -> list[URIRef]:
    found = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        found.update(s for s in graph.subjects(RDF.type, kind) if str(s).startswith(NS))
    return sorted(found)


def test_every_ontology_file_parses() -> None:
    for path in ontology_files() + [shapes_file()]:
        assert len(Graph().parse(path)) > 0, path


def test_the_issue_terms_are_all_declared(ontology: Graph) -> None:
    names = {str(t)[len(NS):] for t in terms(ontology)}
    required = {
        "Project", "Activity", "Country", "Organisation", "Convention", "Region", "City", "Document",
        "acronym", "startDate", "endDate", "budgetEUR", "coeShare", "fundedBy", "implementedBy",
        "partner", "beneficiaryCountry", "priorityCountry", "hubCountry", "region", "memberCountry",
        "relatedConvention", "precededBy", "followedBy", "partOfProject", "heldIn", "city",
        "activityType", "inCountry", "iso2", "iso3", "etsNumber", "partyTo", "signatoryOf",
        "invitedToAccede", "sha256",
    }
    assert required <= names, required - names


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_term_has_a_label_and_a_comment_in(ontology: Graph, language: str) -> None:
    missing = []
    for term in terms(ontology):
        for prop in (RDFS.label, RDFS.comment):
            if not any(getattr(v, "language", None) == language for v in ontology.objects(term, prop)):
                missing.append(f"{term} {prop}")
    assert not missing, missing


def test_classes_and_properties_are_aligned_to_standard_vocabularies(ontology: Graph) -> None:
    aligned = {
        term for term in terms(ontology)
        for parent in list(ontology.objects(term, RDFS.subClassOf))
        + list(ontology.objects(term, RDFS.subPropertyOf))
        if str(parent).startswith(STANDARD)
    }
    classes = {t for t in terms(ontology) if (t, RDF.type, OWL.Class) in ontology}
    assert classes <= aligned, classes - aligned
    assert len(aligned) >= 30


def test_hub_and_priority_countries_are_beneficiaries(ontology: Graph) -> None:
    assert (CKG.hubCountry, RDFS.subPropertyOf, CKG.beneficiaryCountry) in ontology
    assert (CKG.priorityCountry, RDFS.subPropertyOf, CKG.beneficiaryCountry) in ontology
    assert (CKG.precededBy, OWL.inverseOf, CKG.followedBy) in ontology


def test_generated_namespace_agrees_with_the_ontology(ontology: Graph) -> None:
    classes, properties = term_names(ontology)
    assert sorted(GENERATED.__annotations__) == sorted(classes + properties)
    from cyberkg.ontology import namespace

    with open(namespace.__file__, encoding="utf-8") as stream:
        assert stream.read() == render(ontology), "run python -m cyberkg.ontology.generate_namespace"


def test_a_mistyped_term_raises_at_once() -> None:
    with pytest.raises(AttributeError):
        CKG.Projet  # noqa: B018


def test_every_class_has_a_shape(ontology: Graph) -> None:
    shapes = Graph().parse(shapes_file())
    targeted = set(shapes.objects(None, SH.targetClass))
    classes = {t for t in terms(ontology) if (t, RDF.type, OWL.Class) in ontology}
    assert classes <= targeted, classes - targeted
