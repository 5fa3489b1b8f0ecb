"""The reference data under ontology/reference/: countries, conventions, organisations, regions and
projects, and the generator of countries.ttl."""

from __future__ import annotations

import re
from collections import defaultdict
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import pycountry
import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from cyberkg.ontology.iri import ID_BASE, entity_key, mint
from cyberkg.ontology.namespace import CKG
from cyberkg.ontology.reference import generate_countries

ORG = Namespace("http://www.w3.org/ns/org#")
REFERENCE = files("cyberkg.ontology.reference")
FILES = ("countries.ttl", "conventions.ttl", "organisations.ttl", "regions.ttl", "projects.ttl")
# The class of the nodes of each hand-written file, and the kind of entity their IRIs are minted as.
HAND_WRITTEN = {
    "conventions.ttl": (CKG.Convention, "convention"),
    "organisations.ttl": (CKG.Organisation, "organisation"),
    "regions.ttl": (CKG.Region, "region"),
    "projects.ttl": (CKG.Project, "project"),
}
LINKS = (CKG.memberCountry, CKG.inCountry, ORG.subOrganizationOf)


def load(name: str) -> Graph:
    return Graph().parse(data=REFERENCE.joinpath(name).read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {name: load(name) for name in FILES}


@pytest.fixture(scope="module")
def countries(graphs: dict[str, Graph]) -> Graph:
    return graphs["countries.ttl"]


@pytest.fixture(scope="module")
def country_names(countries: Graph) -> dict[str, set[str]]:
    """Case-folded label or alternative label -> the ISO alpha-2 codes of the countries it names."""
    index: dict[str, set[str]] = defaultdict(set)
    for node in countries.subjects(RDF.type, CKG.Country):
        iso2 = str(countries.value(node, CKG.iso2))
        for predicate in (RDFS.label, SKOS.altLabel):
            for name in countries.objects(node, predicate):
                index[str(name).casefold()].add(iso2)
    return index


def names_of(graph: Graph, node: URIRef) -> list[Literal]:
    return [n for predicate in (RDFS.label, SKOS.altLabel) for n in graph.objects(node, predicate)]


# -- Every file -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_file_parses_and_is_not_empty(name: str) -> None:
    assert len(load(name)) > 0


@pytest.mark.parametrize("name", FILES)
def test_every_iri_is_an_instance_iri(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    linked = {o for link in LINKS for o in graph.objects(None, link)}
    assert subjects
    assert sorted(iri for iri in subjects | linked if not str(iri).startswith(ID_BASE)) == []


@pytest.mark.parametrize("name", FILES)
def test_labels_are_in_english_or_french(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    bad = [
        (node, name_)
        for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
        for node, name_ in graph.subject_objects(predicate)
        if not isinstance(name_, Literal)
        or name_.language not in ("en", "fr")
        or not str(name_).strip()
    ]
    assert bad == []


def test_no_name_names_two_entities_across_files(graphs: dict[str, Graph]) -> None:
    """Documents are read against all the reference data at once: a name must name one entity,
    case, accents and punctuation aside (the comparison the gazetteer makes)."""
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for graph in graphs.values():
        for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, CKG.acronym):
            for node, name in graph.subject_objects(predicate):
                owners[entity_key(name)].add(node)
    assert {key: nodes for key, nodes in owners.items() if len(nodes) > 1} == {}


def test_links_point_to_reference_nodes(graphs: dict[str, Graph]) -> None:
    known = {s for graph in graphs.values() for s in graph.subjects(RDF.type, None)}
    dangling = [
        (name, s, link, o)
        for name, graph in graphs.items()
        for link in LINKS
        for s, o in graph.subject_objects(link)
        if o not in known
    ]
    assert dangling == []


# -- Countries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("country", list(pycountry.countries), ids=lambda country: country.alpha_2)
def test_every_pycountry_country_has_codes_and_labels(countries: Graph, country: object) -> None:
    node = mint("country", country.alpha_2)  # type: ignore[attr-defined]
    assert (node, RDF.type, CKG.Country) in countries
    assert countries.value(node, CKG.iso2) == Literal(country.alpha_2)  # type: ignore[attr-defined]
    assert countries.value(node, CKG.iso3) == Literal(country.alpha_3)  # type: ignore[attr-defined]
    for predicate in (RDFS.label, SKOS.prefLabel):
        languages = sorted(label.language for label in countries.objects(node, predicate))
        assert languages == ["en", "fr"], predicate


def test_kosovo_is_a_country(countries: Graph) -> None:
    node = mint("country", "XK")
    assert (node, RDF.type, CKG.Country) in countries
    assert countries.value(node, CKG.iso2) == Literal("XK")
    assert countries.value(node, CKG.iso3) == Literal("XKX")
    assert Literal("Kosovo", lang="en") in set(countries.objects(node, RDFS.label))


def test_there_is_one_node_per_country(countries: Graph) -> None:
    nodes = set(countries.subjects(RDF.type, CKG.Country))
    assert len(nodes) == len(pycountry.countries) + 1
    assert set(countries.subjects()) == nodes
    codes = [str(countries.value(node, CKG.iso2)) for node in nodes]
    assert len(set(codes)) == len(codes)
    assert all(node == mint("country", code) for node, code in zip(nodes, codes, strict=True))


def test_preferred_label_is_the_label(countries: Graph) -> None:
    for node in countries.subjects(RDF.type, CKG.Country):
        labels = set(countries.objects(node, RDFS.label))
        assert set(countries.objects(node, SKOS.prefLabel)) == labels


def test_no_alternative_label_repeats_the_label(countries: Graph) -> None:
    repeats = []
    for node in countries.subjects(RDF.type, CKG.Country):
        for language in ("en", "fr"):
            names = [str(n).casefold() for n in names_of(countries, node) if n.language == language]
            if len(names) != len(set(names)):
                repeats.append((node, language))
    assert repeats == []


def test_no_name_names_two_countries(countries: Graph) -> None:
    """Also with case, accents and punctuation aside, the way a document's name is matched."""
    owners: dict[str, set[str]] = defaultdict(set)
    for node in countries.subjects(RDF.type, CKG.Country):
        for name in names_of(countries, node):
            owners[entity_key(name)].add(str(countries.value(node, CKG.iso2)))
    assert {key: codes for key, codes in owners.items() if len(codes) > 1} == {}


# How Council of Europe documents (the corpus among them) name countries.
COE_NAMES = [
    ("Ile Maurice", "MU"), ("Île Maurice", "MU"), ("l'Île Maurice", "MU"), ("Maurice", "MU"),
    ("Mauritius", "MU"),
    ("Bosnie-Herzégovine", "BA"), ("Bosnia and Herzegovina", "BA"),
    ("l'ex-République yougoslave de Macédoine", "MK"),
    ("ex-République yougoslave de Macédoine", "MK"),
    ("l’ex-République yougoslave de Macédoine", "MK"),
    ("l’Ancienne République yougoslave de Macédoine", "MK"),
    ("l'Ancienne République yougoslave de Macédoine", "MK"),
    ("Ancienne République yougoslave de Macédoine", "MK"),
    ("the former Yugoslav Republic of Macedonia", "MK"), ("FYROM", "MK"), ("North Macedonia", "MK"),
    ("Macédoine du Nord", "MK"),
    ("Kosovo*", "XK"), ("Kosovo", "XK"),
    ("Royaume-Uni", "GB"), ("United Kingdom", "GB"), ("UK", "GB"),
    ("États-Unis d'Amérique", "US"), ("Etats-Unis d'Amérique", "US"),
    ("États-Unis d’Amérique", "US"),
    ("Etats-Unis", "US"), ("États-Unis", "US"), ("United States of America", "US"),
    ("United States", "US"), ("USA", "US"),
    ("République de Moldova", "MD"), ("Moldova", "MD"), ("Moldavie", "MD"),
    ("Turquie", "TR"), ("Turkey", "TR"), ("Türkiye", "TR"),
    ("Cap Vert", "CV"), ("Cap-Vert", "CV"), ("Cabo Verde", "CV"), ("Cape Verde", "CV"),
    ("Nigéria", "NG"), ("Nigeria", "NG"),
    ("Costa-Rica", "CR"), ("Costa Rica", "CR"),
    ("République dominicaine", "DO"), ("Sri Lanka", "LK"), ("Tonga", "TO"), ("Philippines", "PH"),
    ("Sénégal", "SN"), ("Maroc", "MA"), ("Afrique du Sud", "ZA"),
    ("Bélarus", "BY"), ("Belarus", "BY"), ("Biélorussie", "BY"),
    ("Azerbaïdjan", "AZ"), ("Arménie", "AM"), ("Géorgie", "GE"), ("Ukraine", "UA"),
    ("Fédération de Russie", "RU"), ("Russia", "RU"), ("Russian Federation", "RU"),
    ("Corée", "KR"), ("République de Corée", "KR"), ("Corée du Sud", "KR"),
    ("Republic of Korea", "KR"), ("South Korea", "KR"), ("Korea", "KR"),
    ("Côte d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"),
    ("Pays-Bas", "NL"), ("Netherlands", "NL"),
    ("La Barbade", "BB"), ("Barbade", "BB"),
    ("Népal", "NP"), ("Kazakhstan", "KZ"), ("Liban", "LB"), ("Jordanie", "JO"), ("Algérie", "DZ"),
    ("Tunisie", "TN"), ("Singapour", "SG"), ("Singapore", "SG"),
    ("Viet Nam", "VN"), ("Vietnam", "VN"), ("Cameroun", "CM"), ("Égypte", "EG"), ("Egypte", "EG"),
    ("Saint-Siège", "VA"), ("Vatican", "VA"), ("Holy See", "VA"),
    ("Palestine", "PS"), ("État de Palestine", "PS"),
    ("Taïwan", "TW"), ("Taiwan", "TW"),
    # Other names the corpus uses, as it writes them.
    ("Albanie", "AL"), ("Albania", "AL"), ("Monténégro", "ME"), ("Montenegro", "ME"),
    ("Serbie", "RS"), ("Serbia", "RS"), ("Ghana", "GH"), ("Chili", "CL"), ("Argentine", "AR"),
    ("Panama", "PA"), ("Guatemala", "GT"), ("Inde", "IN"), ("Japon", "JP"), ("Estonie", "EE"),
    ("Hongrie", "HU"), ("Monaco", "MC"), ("Slovaquie", "SK"), ("Roumanie", "RO"),
    ("Allemagne", "DE"), ("France", "FR"), ("Australie", "AU"), ("Canada", "CA"),
    ("Uruguay", "UY"), ("Mexique", "MX"), ("Croatie", "HR"), ("Irlande", "IE"), ("Espagne", "ES"),
    ("Autriche", "AT"), ("Belgique", "BE"), ("Kenya", "KE"), ("Luxembourg", "LU"),
    ("République tchèque", "CZ"), ("Czechia", "CZ"),
]


@pytest.mark.parametrize(("name", "iso2"), COE_NAMES, ids=[f"{n}->{c}" for n, c in COE_NAMES])
def test_coe_name_resolves_to_its_country(
    country_names: dict[str, set[str]], name: str, iso2: str
) -> None:
    assert country_names.get(name.casefold()) == {iso2}


@pytest.mark.parametrize(
    ("quoted", "iso2"),
    [
        ("« l'ex-République yougoslave de Macédoine »", "MK"),
        ('"l’Ancienne République yougoslave de Macédoine"', "MK"),
        ("“ex-République yougoslave de Macédoine”", "MK"),
        ("«\u00a0Kosovo*\u00a0»", "XK"),
    ],
)
def test_quoted_name_resolves_once_cleaned(
    country_names: dict[str, set[str]], quoted: str, iso2: str
) -> None:
    assert country_names.get(generate_countries.clean(quoted).casefold()) == {iso2}


def test_typographic_variants_resolve_to_the_same_country(
    countries: Graph, country_names: dict[str, set[str]]
) -> None:
    """The other apostrophe and unaccented capitals name the same country, or no country at all."""
    wrong = []
    for node in countries.subjects(RDF.type, CKG.Country):
        iso2 = str(countries.value(node, CKG.iso2))
        for name in names_of(countries, node):
            for variant in (generate_countries.other_apostrophe(name),
                            generate_countries.without_capital_accents(name)):
                if variant and country_names.get(variant.casefold(), {iso2}) != {iso2}:
                    wrong.append((name, variant))
    assert wrong == []


def test_straight_and_curly_apostrophes_are_both_there(country_names: dict[str, set[str]]) -> None:
    """Except in the inverted names ("Iran, République islamique d'"), kept as ISO writes them."""
    missing = [
        name for name in country_names
        if (other := generate_countries.other_apostrophe(name)) and other not in country_names
        and not generate_countries.is_inverted(name)
    ]
    assert missing == []


# -- The generator --------------------------------------------------------------------------------


def test_render_is_deterministic_and_matches_the_committed_file() -> None:
    first, second = generate_countries.render(), generate_countries.render()
    assert first == second
    committed = REFERENCE.joinpath("countries.ttl").read_text(encoding="utf-8")
    recorded = re.search(r"^# from pycountry (\S+) ", committed, re.MULTILINE)
    assert recorded, "countries.ttl has no header naming the pycountry version"
    if recorded.group(1) != version("pycountry"):
        pytest.skip(
            f"countries.ttl was generated with pycountry {recorded.group(1)}, "
            f"pycountry {version('pycountry')} is installed: run {generate_countries.COMMAND}"
        )
    assert first == committed, f"countries.ttl is stale: run {generate_countries.COMMAND}"


def test_rendered_file_says_it_is_generated_and_how() -> None:
    text = generate_countries.render()
    assert text.startswith("# GENERATED FILE")
    assert generate_countries.COMMAND in text.split("@prefix")[0]


def test_main_writes_the_rendered_file_and_check_agrees(tmp_path: Path) -> None:
    target = tmp_path / "countries.ttl"
    assert generate_countries.main(["--check", "--output", str(target)]) == 1
    assert generate_countries.main(["--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == generate_countries.render()
    assert generate_countries.main(["--check", "--output", str(target)]) == 0


@pytest.mark.parametrize(
    ("name", "flipped"),
    [
        ("Moldova, Republic of", "Republic of Moldova"),
        ("Moldova, République de", "République de Moldova"),
        ("Iran, République islamique d'", "République islamique d'Iran"),
        ("Congo, The Democratic Republic of the", "The Democratic Republic of the Congo"),
        ("Bolivie, état plurinational de", "État plurinational de Bolivie"),
        ("Syrienne, République arabe", "République arabe syrienne"),
        ("Salomon, Îles", "Îles Salomon"),
        ("Virgin Islands, British", "British Virgin Islands"),
        ("Bonaire, Sint Eustatius and Saba", None),
        ("Taiwan, Province of China", None),
        ("Sainte-Hélène, Ascension et Tristan da Cunha", None),
        ("France", None),
    ],
)
def test_flip_inverted(name: str, flipped: str | None) -> None:
    assert generate_countries.flip_inverted(name) == flipped


def test_expand_adds_typographic_and_article_variants() -> None:
    variants = set(generate_countries.expand(["l'Île Maurice"], "fr"))
    expected = {"l'Île Maurice", "l’Île Maurice", "Île Maurice", "Ile Maurice", "l'Ile Maurice"}
    assert expected <= variants
    assert "Barbade" in generate_countries.expand(["La Barbade"], "fr")
    assert "Netherlands" in generate_countries.expand(["the Netherlands"], "en")
    assert "Lesotho" in generate_countries.expand(["Lesotho"], "fr")
    assert "otho" not in generate_countries.expand(["Lesotho"], "fr")


# Names made of the pieces the rules act on: commas, articles, apostrophes, quotes, accents.
_NAMEY = st.lists(
    st.sampled_from([*"abcdeÉÎéîlLtT ,'’()«»\"-", ", ", "de ", "of ", "Île", "the ", "la "]),
    max_size=12,
).map("".join)


@given(_NAMEY)
def test_clean_is_idempotent(text: str) -> None:
    once = generate_countries.clean(text)
    assert generate_countries.clean(once) == once


@given(_NAMEY)
def test_expand_is_closed(text: str) -> None:
    variants = generate_countries.expand([text], "fr")
    assert set(generate_countries.expand(variants, "fr")) == set(variants)


# -- Hand-written files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_every_node_has_one_english_and_one_french_label(
    graphs: dict[str, Graph], name: str
) -> None:
    graph = graphs[name]
    cls, _ = HAND_WRITTEN[name]
    nodes = set(graph.subjects(RDF.type, cls))
    assert nodes
    assert set(graph.subjects(RDF.type, None)) == nodes, "a node of another class"
    for node in nodes:
        languages = sorted(label.language for label in graph.objects(node, RDFS.label))
        assert languages == ["en", "fr"], node


@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_iris_are_minted_from_the_acronym_or_a_name(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    cls, kind = HAND_WRITTEN[name]
    wrong = []
    for node in graph.subjects(RDF.type, cls):
        acronym = graph.value(node, CKG.acronym)
        if cls == CKG.Convention:
            keys = [f"ets-{graph.value(node, CKG.etsNumber)}"]
        elif acronym is not None:
            keys = [str(acronym)]
        else:
            keys = [str(label) for label in names_of(graph, node)]
        if node not in {mint(kind, key) for key in keys}:
            wrong.append(node)
    assert wrong == []


@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_no_name_names_two_nodes(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for node in graph.subjects(RDF.type, HAND_WRITTEN[name][0]):
        for label in names_of(graph, node):
            owners[str(label).casefold()].add(node)
    assert {key: nodes for key, nodes in owners.items() if len(nodes) > 1} == {}


def test_acronyms_are_unique(graphs: dict[str, Graph]) -> None:
    acronyms = [
        (str(acronym).casefold(), cls)
        for name, (cls, _) in HAND_WRITTEN.items()
        for node, acronym in graphs[name].subject_objects(CKG.acronym)
    ]
    assert acronyms
    assert len(set(acronyms)) == len(acronyms)


def test_acronyms_are_also_names(graphs: dict[str, Graph]) -> None:
    """A document naming a body or project by its acronym finds it among the labels."""
    missing = [
        (node, acronym)
        for name in HAND_WRITTEN
        for node, acronym in graphs[name].subject_objects(CKG.acronym)
        if str(acronym).casefold() not in {str(n).casefold() for n in names_of(graphs[name], node)}
    ]
    assert missing == []


def test_conventions_have_an_integer_ets_number_and_its_notation(graphs: dict[str, Graph]) -> None:
    graph = graphs["conventions.ttl"]
    numbers = []
    for node in graph.subjects(RDF.type, CKG.Convention):
        number = graph.value(node, CKG.etsNumber)
        assert isinstance(number, Literal) and number.datatype == rdflib.XSD.integer, node
        numbers.append(number.toPython())
        series = "CETS" if number.toPython() >= 194 else "ETS"
        assert graph.value(node, SKOS.notation) == Literal(f"{series} {number}"), node
    assert len(set(numbers)) == len(numbers)
    assert {185, 189, 224, 198, 108, 223, 201, 210, 197, 196, 141, 5, 30, 24} <= set(numbers)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("Convention de Budapest", 185), ("Budapest Convention", 185),
        ("Convention sur la cybercriminalité", 185), ("Convention on Cybercrime", 185),
        ("STE n° 185", 185),
        ("Protocole sur la xénophobie et le racisme", 189), ("STE n°189", 189),
        ("Second Additional Protocol", 224),
        ("Convention de Varsovie", 198), ("Warsaw Convention", 198), ("STCE n° 198", 198),
        ("Convention relative au blanchiment, au dépistage, à la saisie et à la confiscation des "
         "produits du crime et au financement du terrorisme", 198),
        ("Convention 108", 108),
        ("Convention pour la protection des personnes à l'égard du traitement automatisé des "
         "données à caractère personnel", 108),
        ("Convention 108+", 223),
        ("Convention de Lanzarote", 201), ("Lanzarote Convention", 201),
        ("Convention d'Istanbul", 210), ("Istanbul Convention", 210),
        ("CEDH", 5), ("European Convention on Human Rights", 5),
    ],
)
def test_convention_names_resolve(graphs: dict[str, Graph], name: str, number: int) -> None:
    graph = graphs["conventions.ttl"]
    found = {
        graph.value(node, CKG.etsNumber).toPython()
        for node in graph.subjects(RDF.type, CKG.Convention)
        if name.casefold() in {str(n).casefold() for n in names_of(graph, node)}
    }
    assert found == {number}


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Union européenne", "EU"), ("l'Union Européenne", "EU"), ("UE", "EU"),
        ("Conseil de l'Europe", "CoE"), ("Conseil de l’Europe", "CoE"), ("CdE", "CoE"),
        ("Bureau de programme du Conseil de l'Europe sur la cybercriminalité", "C-PROC"),
        ("Bureau du programme sur la cybercriminalité", "C-PROC"),
        ("Comité de la Convention Cybercriminalité", "T-CY"),
        ("Comité de la Convention sur la cybercriminalité", "T-CY"),
        ("Interpol", "INTERPOL"), ("Organisation internationale de police criminelle", "INTERPOL"),
        ("Europol", "EUROPOL"),
        ("Centre européen de lutte contre la cybercriminalité", "EC3"),
        ("Centre européen sur la cybercriminalité", "EC3"),
        ("Organisation des États américains", "OAS"), ("OEA", "OAS"),
        ("Commission de la CEDEAO", "ECOWAS"),
        ("Communauté économique des États de l'Afrique de l'Ouest", "ECOWAS"),
        ("Commission de l'Union africaine", "AU"),
        ("Office des Nations Unies contre la drogue et le crime", "UNODC"),
        ("Organisation internationale des procureurs", "IAP"),
        ("Commission européenne", "EC"),
        ("University College Dublin", "UCD"),
    ],
)
def test_organisation_names_resolve(graphs: dict[str, Graph], name: str, acronym: str) -> None:
    graph = graphs["organisations.ttl"]
    found = {
        str(graph.value(node, CKG.acronym))
        for node in graph.subjects(RDF.type, CKG.Organisation)
        if name.casefold() in {str(n).casefold() for n in names_of(graph, node)}
    }
    assert found == {acronym}


def test_national_agencies_are_in_their_country(graphs: dict[str, Graph]) -> None:
    graph = graphs["organisations.ttl"]
    expected = {
        "DIICOT": "RO", "CERT-RO": "RO", "NCA": "GB", "DoJ": "US", "PHAROS": "FR", "UCD": "IE",
    }
    for acronym, iso2 in expected.items():
        node = mint("organisation", acronym)
        assert graph.value(node, CKG.inCountry) == mint("country", iso2), acronym
    for key, iso2 in [("Romanian National Police", "RO"), ("Estonian Ministry of Justice", "EE"),
                      ("French Ministry of the Interior", "FR")]:
        assert graph.value(mint("organisation", key), CKG.inCountry) == mint("country", iso2), key


def test_ec3_is_part_of_europol(graphs: dict[str, Graph]) -> None:
    graph = graphs["organisations.ttl"]
    ec3, europol = mint("organisation", "EC3"), mint("organisation", "EUROPOL")
    assert (ec3, ORG.subOrganizationOf, europol) in graph


def test_region_members_are_countries(graphs: dict[str, Graph], countries: Graph) -> None:
    regions = graphs["regions.ttl"]
    members = set(regions.objects(None, CKG.memberCountry))
    assert members
    assert sorted(m for m in members if (m, RDF.type, CKG.Country) not in countries) == []


@pytest.mark.parametrize(
    ("region", "codes"),
    [
        ("Eastern Partnership", {"AM", "AZ", "BY", "GE", "MD", "UA"}),
        ("South-East Europe", {"AL", "BA", "ME", "MK", "RS", "TR", "XK"}),
        ("Southern Neighbourhood", {"DZ", "EG", "IL", "JO", "LB", "LY", "MA", "PS", "SY", "TN"}),
        ("Central Asia", {"KZ", "KG", "TJ", "TM", "UZ"}),
    ],
)
def test_region_membership(graphs: dict[str, Graph], region: str, codes: set[str]) -> None:
    members = set(graphs["regions.ttl"].objects(mint("region", region), CKG.memberCountry))
    assert members == {mint("country", code) for code in codes}


def test_member_state_regions_have_the_right_size(graphs: dict[str, Graph]) -> None:
    regions = graphs["regions.ttl"]
    sizes = {
        key: len(set(regions.objects(mint("region", key), CKG.memberCountry)))
        for key in ("European Union member states", "Council of Europe member states")
    }
    assert sizes == {"European Union member states": 27, "Council of Europe member states": 46}


def test_projects_are_names_only(graphs: dict[str, Graph]) -> None:
    graph = graphs["projects.ttl"]
    allowed = {RDF.type, RDFS.label, SKOS.altLabel, CKG.acronym}
    assert sorted({p for p in graph.predicates() if p not in allowed}) == []


@pytest.mark.parametrize(
    "acronym",
    ["GLACY", "GLACY+", "GLACY-e", "iPROCEEDS", "iPROCEEDS-2", "Cybercrime@EAP II",
     "Cybercrime@EAP III", "CyberEast", "CyberSouth", "Cybercrime@Octopus", "EndOCSEA@Europe"],
)
def test_known_projects_are_there(graphs: dict[str, Graph], acronym: str) -> None:
    graph = graphs["projects.ttl"]
    node = mint("project", acronym)
    assert (node, RDF.type, CKG.Project) in graph
    assert graph.value(node, CKG.acronym) == Literal(acronym)


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("projet élargi GLACY+", "GLACY+"), ("GLACY+ projet élargi", "GLACY+"),
        ("Action globale sur la cybercriminalité", "GLACY"),
        ("Action globale renforcée sur la cybercriminalité", "GLACY-e"),
        ("CyberSud", "CyberSouth"), ("CyberCrime@EAP II", "Cybercrime@EAP II"),
        ("projet Octopus", "Cybercrime@Octopus"), ("programme Octopus", "Cybercrime@Octopus"),
    ],
)
def test_project_names_resolve(graphs: dict[str, Graph], name: str, acronym: str) -> None:
    graph = graphs["projects.ttl"]
    found = {
        str(graph.value(node, CKG.acronym))
        for node in graph.subjects(RDF.type, CKG.Project)
        if name.casefold() in {str(n).casefold() for n in names_of(graph, node)}
    }
    assert found == {acronym}
