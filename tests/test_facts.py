"""DocumentFacts and the IRIs behind it: the shortcuts taken for speed change no triple.

Each test pins down a shortcut against the plain definition it replaces: the key of a name against
the character-by-character rule, the remembered literals and IRIs against freshly built ones,
the triples handed on while a document grows against the whole graph.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.term import Node

from cyberkg.loaders.facts import DocumentFacts
from cyberkg.ontology import CKG, document_iri, entity_key, evidence_iri, mint
from cyberkg.ontology.iri import ID_BASE
from cyberkg.ontology.store import from_oxigraph, to_oxigraph

SYMBOLS = {"+": " plus ", "@": " at ", "&": " and ", "*": " "}


def key_by_definition(text: str) -> str:
    """entity_key as specified: NFKD of the case-folded text, accents dropped, symbols spelled
    out, letters and digits kept, anything else a space; spaces collapsed."""
    kept = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(char):
            continue
        if char in SYMBOLS:
            kept.append(SYMBOLS[char])
        elif char.isalnum():
            kept.append(char)
        else:
            kept.append(" ")
    return " ".join("".join(kept).split())


@pytest.mark.parametrize("block", range(0, 0x3400, 0x400))
def test_entity_key_of_every_character_follows_the_definition(block: int) -> None:
    for code in range(block, block + 0x400):
        for text in (chr(code), f"a{chr(code)}b", f"{chr(code)}{chr(code)} X"):
            assert entity_key(text) == key_by_definition(text), hex(code)


@given(st.text(max_size=40))
@settings(max_examples=1000)
def test_entity_key_of_any_text_follows_the_definition(text: str) -> None:
    assert entity_key(text) == key_by_definition(text)
    assert entity_key(text) == key_by_definition(text)  # and so does the remembered key


@pytest.mark.parametrize(("name", "key"), [
    ("Bosnie-Herzégovine", "bosnie herzegovine"),
    ("GLACY+", "glacy plus"),
    ("Cybercrime@EAP  II", "cybercrime at eap ii"),
    ("STRASSE", "strasse"),
    ("Straße", "strasse"),
    ("Россия", "россия"),
    ("", ""),
])
def test_entity_key_examples(name: str, key: str) -> None:
    assert entity_key(name) == key


def test_minted_iris_are_remembered_but_unknown_kinds_still_refused() -> None:
    assert mint("project", "GLACY+") is mint("project", "GLACY+")
    for _ in range(2):
        with pytest.raises(ValueError, match="unknown kind"):
            mint("planet", "Mars")


def test_evidence_iri_is_a_hash_of_its_parts_under_the_document_stem() -> None:
    document = document_iri("report 2020")
    subject, value = mint("project", "GLACY+"), mint("country", "MK")
    iri = evidence_iri(document, 3, "A sentence.", subject, CKG.beneficiaryCountry, value)
    assert iri.startswith(ID_BASE + "evidence/report%202020-")
    assert len(iri.rsplit("-", 1)[1]) == 16
    assert iri == evidence_iri(document, 3, "A sentence.", subject, CKG.beneficiaryCountry, value)
    assert iri != evidence_iri(document, 4, "A sentence.", subject, CKG.beneficiaryCountry, value)
    # the literal "MK" and the IRI country/MK are different values, with different evidence
    assert iri != evidence_iri(document, 3, "A sentence.", subject, CKG.beneficiaryCountry,
                               Literal(str(value)))


def evidence_of(facts: DocumentFacts) -> dict[Node, dict[Node, Any]]:
    nodes: dict[Node, dict[Node, Any]] = {}
    for s, p, o in facts.triples:
        if str(s).startswith(ID_BASE + "evidence/"):
            nodes.setdefault(s, {})[p] = o
    return nodes


def test_a_fact_brings_its_evidence_with_the_line_and_the_stripped_sentence() -> None:
    facts = DocumentFacts(document_iri("doc"))
    project, country = mint("project", "GLACY+"), mint("country", "MK")
    facts.fact(project, CKG.hubCountry, country, line=7, sentence="  It supports MK.\n")
    facts.fact(project, CKG.hubCountry, country, line=7, sentence="  It supports MK.\n")
    assert facts.facts == 2  # the fact and the implied ckg:beneficiaryCountry, once each
    assert (project, CKG.beneficiaryCountry, country) in facts.triples
    nodes = evidence_of(facts)
    assert len(nodes) == 2
    for node in nodes.values():
        assert node[RDF.type] == CKG.Evidence
        assert node[CKG.line] == Literal(7, datatype=XSD.integer)
        assert node[CKG.line].value == 7  # type: ignore[attr-defined]
        assert node[CKG.sentence] == Literal("It supports MK.")
        assert node[CKG.sourceDocument] == facts.document


def test_line_literals_of_equal_numbers_of_other_types_stay_apart() -> None:
    facts = DocumentFacts(document_iri("doc"))
    facts.fact(mint("project", "A"), CKG.acronym, Literal("A"), line=1, sentence="A.")
    facts.fact(mint("project", "B"), CKG.acronym, Literal("B"), line=True, sentence="B.")
    lines = {node[CKG.line] for node in evidence_of(facts).values()}
    assert lines == {Literal(1, datatype=XSD.integer), Literal(True, datatype=XSD.integer)}


def test_labels_keep_their_language() -> None:
    facts = DocumentFacts(document_iri("doc"))
    city = mint("city", "Genève")
    facts.entity("city", city, "Genève", "fr")
    facts.entity("city", city, "Genève", "en")
    facts.entity("city", city, "Genève")
    labels = {o for _, p, o in facts.triples if p == RDFS.label}
    assert {(str(label), label.language) for label in labels} == {  # type: ignore[attr-defined]
        ("Genève", "fr"), ("Genève", "en"), ("Genève", None)}


TERMS = [
    URIRef("https://w3id.org/cyberkg/id/project/glacy-plus"),
    BNode("b0"),
    Literal("plain"),
    Literal("avec accent é", lang="fr"),
    Literal("2020-01", datatype=XSD.gYearMonth),
    Literal(12, datatype=XSD.integer),
    Literal(True),
    Literal('quote " and \\ and\nnewline'),
]


@pytest.mark.parametrize("term", TERMS, ids=repr)
def test_terms_go_to_oxigraph_and_back_unchanged(term: object) -> None:
    converted = to_oxigraph(term)
    back = from_oxigraph(converted)
    assert back == term and type(back) is type(term)
    if isinstance(term, Literal):
        assert converted.value == str(term)  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["fact", "describe", "entity", "unresolved"]),
                          st.integers(0, 30), st.integers(1, 5)), max_size=120),
       st.integers(1, 40))
def test_a_sink_has_every_triple_once_in_order_as_the_document_grows(
        steps: list[tuple[str, int, int]], every: int) -> None:
    batches: list[list[Any]] = []
    facts = DocumentFacts(document_iri("doc"), sink=batches.append)
    import cyberkg.loaders.facts as module

    saved, module.HAND_ON_EVERY = module.HAND_ON_EVERY, every
    try:
        for step, n, line in steps:
            project, country = mint("project", f"P{n % 7}"), mint("country", "MK")
            if step == "fact":
                facts.fact(project, CKG.hubCountry, country, line=line, sentence=f"S {n}.")
            elif step == "describe":
                facts.describe(project, RDFS.comment, Literal(f"c{n % 3}"))
            elif step == "entity":
                facts.entity("project", project, f"P{n % 7}", "en")
            else:
                facts.unresolved("organisation", f"Agency {n % 4}", line=line)
        facts.hand_on()
    finally:
        module.HAND_ON_EVERY = saved
    handed = [triple for batch in batches for triple in batch]
    assert handed == list(facts.triples)
    assert all(len(batch) >= every for batch in batches[:-1])  # only the last may be short
    facts.hand_on()
    assert sum(map(len, batches)) == len(facts.triples)  # nothing twice

