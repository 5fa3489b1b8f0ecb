"""Names written to hurt: control characters, direction marks, zero-width characters, scripts of
every kind. Finding and resolving them never raises, and what the loaders make of them is valid
RDF: IRIs of the safe alphabet, stable from run to run, literals with no invisible character."""

from __future__ import annotations

import re
import unicodedata

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from cyberkg.loaders.extract import extract
from cyberkg.loaders.text import clean, from_text
from cyberkg.ontology import mint
from cyberkg.ontology.store import to_oxigraph

IRI = re.compile(r"https://w3id\.org/cyberkg/id/[a-z-]+/[A-Za-z0-9._~%-]+")
HIDDEN = ("\u200b", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
          "\u2066", "\u2067", "\u2068", "\u2069", "\u00ad", "\ufeff", "\x00", "\x07", "\x1b",
          "\x7f")
KNOWN = ["GLACY+", "iPROCEEDS", "Ghana", "Sénégal", "Convention de Budapest", "INTERPOL",
         "Cybercrime@EAP II", "Tirana", "Albanie"]

# A known name cut by hidden characters, with the name it hides.
cut_names = st.builds(lambda name, hidden, at: (name[:at % (len(name) + 1)] + hidden
                                                + name[at % (len(name) + 1):], name),
                      st.sampled_from(KNOWN), st.text(st.sampled_from(HIDDEN), min_size=1,
                                                      max_size=3),
                      st.integers(min_value=0, max_value=40))
# Names: known ones cut by hidden characters, and any text at all.
hostile_names = st.one_of(cut_names.map(lambda pair: pair[0]), st.text(max_size=40))


@pytest.fixture(scope="module")
def gazetteer():
    from cyberkg.loaders.background import load_background

    return load_background()[1]


def invisible(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n" or c in HIDDEN]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_finding_and_resolving_any_text_never_raises(gazetteer, text: str) -> None:
    for mention in gazetteer.find(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.surface
    gazetteer.resolve(text)
    gazetteer.resolve(text, kinds={"country", "project"})


@given(cut_names)
def test_a_name_cut_by_hidden_characters_is_the_name_once_the_text_is_clean(
        pair: tuple[str, str]) -> None:
    cut, name = pair
    assert clean(cut) == name


@given(st.text())
def test_clean_text_has_no_invisible_character(text: str) -> None:
    assert not invisible(clean(text))


@pytest.mark.parametrize("name", KNOWN)
def test_a_known_name_with_hidden_characters_in_it_is_still_found(gazetteer, name: str) -> None:
    hidden = name[:2] + "\u200f\u202e\u00ad" + name[2:]
    found = [m.surface for m in gazetteer.find(clean(f"Le projet couvre {hidden}."))]
    plain = [m.surface for m in gazetteer.find(f"Le projet couvre {name}.")]
    assert found == plain


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["project", "country", "organisation", "city", "activity", "convention"]),
       hostile_names)
def test_every_minted_iri_is_safe_and_stable(kind: str, name: str) -> None:
    iri = mint(kind, clean(name))
    assert IRI.fullmatch(str(iri)), iri
    assert mint(kind, clean(name)) == iri


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(hostile_names, min_size=1, max_size=4))
def test_a_document_full_of_hostile_names_gives_valid_rdf(gazetteer, names: list[str]) -> None:
    rows = [f"{name}\tAtelier sur la preuve électronique avec {name}, {name}, Ghana, "
            f"3-4 octobre 2016" for name in names]
    text = ("Annexe : Inventaire des activités\n\noctobre 2016\n\n" + "\n".join(rows)
            + f"\n\nLe projet {names[0]} est mis en œuvre par {names[-1]} au {names[0]}.\n")
    try:
        doc = from_text(text, source="hostile.txt", stem="hostile")
    except Exception as error:  # only "no text" may be refused, and only as a DocumentError
        from cyberkg.ontology.errors import DocumentError

        assert isinstance(error, DocumentError)
        return
    facts = extract(doc, gazetteer.fork())
    quads = []
    for triple in facts.triples:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith("https://w3id.org/cyberkg/id/"):
                assert IRI.fullmatch(str(term)), term
            elif isinstance(term, Literal):
                assert not invisible(str(term)), term
        quads.append(pyoxigraph.Quad(*(to_oxigraph(t) for t in triple)))
    data = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    assert len(list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS))) == len(quads)
