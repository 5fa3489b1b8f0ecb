"""Statements written as text: the shortcuts write what pyoxigraph writes.

A build writes each term once, as Turtle (:mod:`cyberkg.loaders.outputs`). Plain IRIs, texts and
language tags are written directly; anything else goes through pyoxigraph, which checks IRIs
and escapes texts. The tests below check, on generated terms, that both ways give the same text,
and that the namespace found after the last "/" or "#" is the one a longest-first search finds.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, BNode, Literal, URIRef

from cyberkg.loaders import outputs
from cyberkg.ontology.iri import PREFIXES

TERMS = settings(max_examples=400, deadline=None)
pieces = st.sampled_from(["a", "é", "-", ".", "_", "/", "#", "1", " ", '"', "\\", "\n", "\r",
                          "\t", "\x00", "\x7f", "\x85", "<", ">", "{", "|", "^", "`", "«", "€",
                          "\u2028", "'"])
local_names = st.lists(pieces | st.text(max_size=2), max_size=8).map("".join)
namespaces = st.sampled_from(sorted(PREFIXES.values()) + ["https://example.org/x/",
                                                          "https://w3id.org/cyberkg/id/"])
iris = st.builds(lambda ns, local: ns + local, namespaces, local_names)


def by_pyoxigraph(term: object) -> str:
    return outputs._pyoxigraph_turtle(term)


def longest_first(ntriples: str) -> str:
    """:func:`outputs.prefixed` as first written: every namespace tried, longest first."""
    if ntriples.startswith("<"):
        iri = ntriples[1:-1]
        for name, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if iri.startswith(namespace) and outputs._LOCAL_NAME.fullmatch(iri, len(namespace)):
                return f"{name}:{iri[len(namespace):]}"
    elif ntriples.endswith(">") and '"^^<' in ntriples:
        text, _, datatype = ntriples.rpartition("^^")
        return f"{text}^^{longest_first(datatype)}"
    return ntriples


def test_every_namespace_ends_with_a_slash_or_a_hash() -> None:
    assert all(iri.endswith(("/", "#")) for iri in PREFIXES.values())


@TERMS
@given(iris)
def test_an_iri_is_written_as_pyoxigraph_writes_it(iri: str) -> None:
    try:
        expected = by_pyoxigraph(URIRef(iri))
    except ValueError:  # pyoxigraph refuses it: so must the shortcut (it sends it there)
        with pytest.raises(ValueError):
            outputs._rdflib_turtle.__wrapped__(URIRef(iri))
        return
    assert outputs._rdflib_turtle.__wrapped__(URIRef(iri)) == expected


@TERMS
@given(st.text(max_size=30) | local_names,
       st.none() | st.sampled_from(["fr", "en", "en-GB", "EN", "fr-ca", "x-1"]),
       st.none() | st.sampled_from([XSD.integer, XSD.string, XSD.date, XSD.gYear,
                                    URIRef("https://example.org/dt"), XSD.decimal]))
def test_a_literal_is_written_as_pyoxigraph_writes_it(text: str, language: str | None,
                                                       datatype: URIRef | None) -> None:
    literal = Literal(text, lang=language) if language else Literal(text, datatype=datatype)
    assert outputs._rdflib_turtle.__wrapped__(literal) == by_pyoxigraph(literal)


def test_a_blank_node_is_written_by_pyoxigraph() -> None:
    node = BNode("b1")
    assert outputs._rdflib_turtle.__wrapped__(node) == by_pyoxigraph(node) == "_:b1"


@TERMS
@given(iris)
def test_the_prefix_is_the_one_a_longest_first_search_finds(iri: str) -> None:
    if re.search(r'[\x00-\x20<>"{}|^`\\]', iri):
        return  # not an IRI a term can hold
    assert outputs.prefixed(f"<{iri}>") == longest_first(f"<{iri}>")
    typed = f'"5"^^<{iri}>'
    assert outputs.prefixed(typed) == longest_first(typed)
