"""Project names as documents write them, and the nodes they lead to."""

from __future__ import annotations

import pytest
from cyberkg.loaders.background import load_background
from cyberkg.loaders.facts import DocumentFacts
from cyberkg.loaders.names import (
    clean_project_name,
    leading_name,
    new_project,
    project,
    resolve_agency,
    strong_name,
)
from cyberkg.loaders.reading import Reading
from cyberkg.loaders.text import from_text
from cyberkg.ontology import CKG, document_iri, mint
from rdflib import RDFS, SKOS, Literal


@pytest.fixture(scope="module")
def gazetteer():
    return load_background()[1]


def _reading(gazetteer, text: str = "Un document sur le projet.") -> Reading:
    doc = from_text(text, source="test", stem="names")
    return Reading(doc=doc, gazetteer=gazetteer.fork(), facts=DocumentFacts(document_iri("names")))


@pytest.mark.parametrize(("surface", "name"), [
    ("[GLACY+](#)", "GLACY+"),
    ("projet élargi GLACY+", "GLACY+"),
    ("GLACY+ projet élargi", "GLACY+"),
    ("Projet iPROCEEDS :", "iPROCEEDS"),
    ("« CyberSouth »", "CyberSouth"),
    ("the CyberNorth project", "CyberNorth"),
    ("le programme Octopus.", "Octopus"),
    ("Cybercrime@EAP II,", "Cybercrime@EAP II"),
    ("GLACY-e", "GLACY-e"),
])
def test_project_words_markup_and_punctuation_are_not_part_of_a_name(surface, name) -> None:
    assert clean_project_name(surface) == name


@pytest.mark.parametrize("name", ["GLACY+", "iPROCEEDS-2", "Cybercrime@EAP II", "CyberSouth",
                                  "EndOCSEA@Europe", "GLACY-e", "CYPRO", "CyberNorth"])
def test_short_names_of_projects_look_like_names(name: str) -> None:
    assert strong_name(name)


@pytest.mark.parametrize("word", ["Octopus", "projet", "UE", "II", "de"])
def test_plain_words_do_not(word: str) -> None:
    assert not strong_name(word)


def test_a_table_cell_names_the_project_it_starts_with() -> None:
    assert leading_name("Cybercrime@EAP II sur la coopération internationale") == "Cybercrime@EAP II"
    assert leading_name("GLACY+ projet élargi Action globale") == "GLACY+"
    assert leading_name("sur la coopération") is None


@pytest.mark.parametrize("surface", ["GLACY+", "[GLACY+](#)", "projet élargi GLACY+",
                                     "GLACY+ projet élargi", "glacy+"])
def test_every_way_of_writing_glacy_plus_is_one_node(gazetteer, surface: str) -> None:
    assert project(_reading(gazetteer), surface, line=1) == mint("project", "GLACY+")


@pytest.mark.parametrize(("surface", "key"), [
    ("CyberCrime@EAP II", "Cybercrime@EAP II"),
    ("Cybercrime@Octopus", "Cybercrime@Octopus"),
    ("programme Octopus", "Cybercrime@Octopus"),
    ("iPROCEEDS-2", "iPROCEEDS-2"),
])
def test_variants_reach_the_reference_project(gazetteer, surface: str, key: str) -> None:
    assert project(_reading(gazetteer), surface, line=1) == mint("project", key)


def test_an_unknown_project_becomes_a_node_the_rest_of_the_document_resolves(gazetteer) -> None:
    reading = _reading(gazetteer)
    iri = project(reading, "the CyberNorth project", line=3)
    assert iri == mint("project", "CyberNorth")
    assert (iri, CKG.acronym, Literal("CyberNorth")) in reading.facts.triples
    assert project(reading, "CYBERNORTH", line=9) == iri
    assert reading.gazetteer.resolve("CyberNorth", kinds={"project"}).iri == iri


def test_a_new_project_keeps_its_title_and_variants_in_the_documents_language(gazetteer) -> None:
    reading = _reading(gazetteer, "Le projet « Coopération dans le Nord » (CyberNord) est un projet.")
    iri = new_project(reading, "CyberNord", line=1, title="Coopération dans le Nord",
                      variants=("Cyber-Nord",))
    triples = reading.facts.triples
    assert (iri, RDFS.label, Literal("Coopération dans le Nord", lang="fr")) in triples
    assert (iri, SKOS.altLabel, Literal("Cyber-Nord", lang="fr")) in triples
    assert reading.gazetteer.resolve("Coopération dans le Nord", kinds={"project"}).iri == iri


def test_one_documents_new_project_is_unknown_to_the_next_document(gazetteer) -> None:
    project(_reading(gazetteer), "CyberNowhere", line=1)
    assert gazetteer.resolve("CyberNowhere", kinds={"project"}) is None


@pytest.mark.parametrize(("agency", "country", "key"), [
    ("ministère de la Justice", "l'Estonie", "estonian-ministry-of-justice"),
    ("ministère de la Justice", "la Roumanie", "romanian-ministry-of-justice"),
    ("National Crime Agency", "Royaume-Uni", "NCA"),
    ("Department of Justice", "États-Unis d'Amérique", "DoJ"),
])
def test_a_states_agency_is_found_with_its_country(gazetteer, agency, country, key) -> None:
    assert resolve_agency(gazetteer, agency, country).iri == mint("organisation", key)
