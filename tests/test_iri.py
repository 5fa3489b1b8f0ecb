"""IRI minting: readable slugs, valid IRIs, stable across runs, one IRI per entity and per IRI one entity."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from cyberkg.ontology import document_iri, entity_key, mint
from cyberkg.ontology.iri import ID_BASE, slugify

IRI = re.compile(r"^https://w3id\.org/cyberkg/id/[a-z-]+/[A-Za-z0-9._~%-]+$")


@pytest.mark.parametrize(("kind", "key", "iri"), [
    ("country", "MK", "country/MK"),
    ("convention", "ets-185", "convention/ets-185"),
    ("project", "GLACY+", "project/glacy-plus"),
    ("project", "GLACY-e", "project/glacy-e"),
    ("project", "Cybercrime@EAP II", "project/cybercrime-at-eap-ii"),
    ("project", "CyberCrime@EAP II", "project/cybercrime-at-eap-ii"),
    ("project", "iPROCEEDS-2", "project/iproceeds-2"),
    ("organisation", "C-PROC", "organisation/c-proc"),
    ("region", "Partenariat oriental", "region/partenariat-oriental"),
    ("city", "Bosnie-Herzégovine", "city/bosnie-herzegovine"),
])
def test_slugs_are_readable(kind: str, key: str, iri: str) -> None:
    assert mint(kind, key) == URIRef(ID_BASE + iri)


def test_glacy_and_glacy_plus_are_different_projects() -> None:
    assert mint("project", "GLACY") != mint("project", "GLACY+")


def test_document_iri_is_the_file_stem() -> None:
    assert document_iri("fr_glacy-e_page") == URIRef(ID_BASE + "document/fr_glacy-e_page")
    assert document_iri("a report (v2)") == URIRef(ID_BASE + "document/a%20report%20%28v2%29")


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        mint("planet", "Mars")


@given(st.text(max_size=200))
def test_every_minted_iri_is_valid(key: str) -> None:
    assert IRI.match(mint("project", key))
    assert IRI.match(document_iri(key) if key.strip() else document_iri("x"))


@given(st.text(max_size=60), st.text(max_size=60))
@settings(max_examples=500)
def test_two_entities_share_an_iri_only_when_they_are_the_same(a: str, b: str) -> None:
    same_entity = entity_key(a) == entity_key(b)
    assert (mint("organisation", a) == mint("organisation", b)) == same_entity


@given(st.sampled_from(["GLACY+", "Ελλάδα", "Россия", "مصر", "日本", "x" * 300, "", "  "]))
def test_names_ascii_cannot_spell_keep_a_hash(key: str) -> None:
    slug = slugify(key)
    assert re.fullmatch(r"[a-z0-9-]+", slug) and slug


def test_iris_are_stable_across_runs() -> None:
    names = ["GLACY+", "Bosnie-Herzégovine", "Россия", "x" * 300]
    code = ("from cyberkg.ontology import mint;"
            f"print([str(mint('organisation', n)) for n in {names!r}])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": seed, **_env()}).stdout
            for seed in ("1", "2")}
    assert len(runs) == 1
    assert runs.pop().strip() == str([str(mint("organisation", n)) for n in names])


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
