"""What the documents say about projects: names, durations, budgets, donors, partners, countries.

Expected values come from reading the documents by hand; the English documents under tests/data/
were written for these tests in the shapes of the bundled French ones.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from cyberkg.loaders.background import load_background
from cyberkg.loaders.extract import extract
from cyberkg.loaders.facts import DocumentFacts
from cyberkg.loaders.text import from_text, read_path
from cyberkg.ontology import CKG, mint
from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import ORG

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"
REPORT = CORPUS / "fr_cproc_activity_report_2016-2017.txt"


def project(key: str) -> URIRef:
    return mint("project", key)


def country(*codes: str) -> set[URIRef]:
    return {mint("country", code) for code in codes}


def org(*keys: str) -> set[URIRef]:
    return {mint("organisation", key) for key in keys}


def values(facts: DocumentFacts, subject: URIRef, predicate: URIRef) -> set:
    return {o for s, p, o in facts.triples if s == subject and p == predicate}


def python(facts: DocumentFacts, subject: URIRef, predicate: URIRef) -> set:
    return {o.toPython() for o in values(facts, subject, predicate)}


def month(text: str) -> Literal:
    return Literal(text, datatype=XSD.gYearMonth)


def day(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def year(text: str) -> Literal:
    return Literal(text, datatype=XSD.gYear)


@pytest.fixture(scope="module")
def gazetteer():
    return load_background()[1]


@pytest.fixture(scope="module")
def read(gazetteer):
    """Each document read once, with a gazetteer of its own (new projects stay in their document)."""
    cache: dict[Path, DocumentFacts] = {}

    def read(path: Path) -> DocumentFacts:
        if path not in cache:
            cache[path] = extract(read_path(path), gazetteer.fork())
        return cache[path]

    return read


def read_text(gazetteer, text: str) -> DocumentFacts:
    return extract(from_text(text, source="test", stem="test"), gazetteer.fork())


def evidence_lines(facts: DocumentFacts, subject, predicate, value) -> set[int]:
    """The lines the document states ``subject predicate value`` on."""
    lines = set()
    for node, _, _ in [t for t in facts.triples if t[1] == RDF.subject and t[2] == subject]:
        if (node, RDF.predicate, predicate) in facts.triples \
                and (node, RDF.object, value) in facts.triples:
            lines |= {o.toPython() for s, p, o in facts.triples if s == node and p == CKG.line}
    return lines


# --- GLACY+ -----------------------------------------------------------------------------------

def test_glacy_plus_runs_from_march_2016_to_february_2020(read) -> None:
    facts = read(REPORT)
    assert values(facts, project("GLACY+"), CKG.startDate) == {month("2016-03")}
    assert values(facts, project("GLACY+"), CKG.endDate) == {month("2020-02")}


def test_glacy_plus_has_ten_million_euros_of_which_the_coe_gives_a_tenth(read) -> None:
    facts = read(REPORT)
    assert python(facts, project("GLACY+"), CKG.budgetEUR) == {Decimal(10000000)}
    assert python(facts, project("GLACY+"), CKG.coeShare) == {Decimal("0.10")}
    budget = Literal(Decimal(10000000), datatype=XSD.decimal)
    assert evidence_lines(facts, project("GLACY+"), CKG.budgetEUR, budget) == {143, 256}


def test_glacy_plus_is_funded_by_the_eu_and_the_coe(read) -> None:
    assert values(read(REPORT), project("GLACY+"), CKG.fundedBy) == org("EU", "CoE")


def test_glacy_plus_partners_are_organisations_and_states(read) -> None:
    partners = values(read(REPORT), project("GLACY+"), CKG.partner)
    assert org("INTERPOL", "EUROPOL") | country("EE", "FR", "RO", "GB", "US") <= partners
    # the states' agencies named in brackets are partners too
    assert org("DIICOT", "NCA", "DoJ") <= partners


def test_glacy_plus_priority_countries_are_the_ones_in_brackets(read) -> None:
    facts = read(REPORT)
    assert values(facts, project("GLACY+"), CKG.priorityCountry) == country("GH", "CV", "NG")


def test_glacy_plus_follows_glacy(read) -> None:
    facts = read(REPORT)
    assert values(facts, project("GLACY+"), CKG.precededBy) == {project("GLACY")}
    assert values(facts, project("GLACY"), CKG.followedBy) == {project("GLACY+")}


@pytest.mark.parametrize("name", ["fr_cproc_activity_report_2016-2017", "fr_glacy-e_page",
                                  "fr_iproceeds_page", "fr_cproc_factsheet_2023"])
def test_glacy_plus_is_one_node_in_every_document_that_names_it(read, name: str) -> None:
    facts = read(CORPUS / f"{name}.txt")
    assert (facts.document, CKG.mentions, project("GLACY+")) in facts.triples
    projects = {s for s, p, o in facts.triples if p == RDF.type and o == CKG.Project}
    assert not {p for p in projects if "glacy-plus" in str(p) and p != project("GLACY+")}


# --- iPROCEEDS --------------------------------------------------------------------------------

def test_iproceeds_runs_from_january_2016_to_june_2019_with_5_56_million(read) -> None:
    facts = read(REPORT)
    assert values(facts, project("iPROCEEDS"), CKG.startDate) == {month("2016-01")}
    assert values(facts, project("iPROCEEDS"), CKG.endDate) == {month("2019-06")}
    assert python(facts, project("iPROCEEDS"), CKG.budgetEUR) == {Decimal(5560000)}


@pytest.mark.parametrize("name", ["fr_iproceeds_page", "fr_cproc_activity_report_2016-2017"])
def test_iproceeds_countries(read, name: str) -> None:
    facts = read(CORPUS / f"{name}.txt")
    assert values(facts, project("iPROCEEDS"), CKG.beneficiaryCountry) == country(
        "AL", "BA", "ME", "MK", "RS", "TR", "XK")


def test_iproceeds_implements_conventions_185_and_198(read) -> None:
    facts = read(CORPUS / "fr_iproceeds_page.txt")
    assert values(facts, project("iPROCEEDS"), CKG.relatedConvention) == {
        mint("convention", "ets-185"), mint("convention", "ets-198")}


def test_iproceeds_is_a_joint_project_of_the_eu_and_the_coe(read) -> None:
    facts = read(CORPUS / "fr_iproceeds_page.txt")
    assert values(facts, project("iPROCEEDS"), CKG.fundedBy) == org("EU", "CoE")


def test_an_eu_instrument_in_brackets_is_no_project(read) -> None:
    facts = read(CORPUS / "fr_iproceeds_page.txt")
    projects = {s for s, p, o in facts.triples if p == RDF.type and o == CKG.Project}
    assert projects == {project("iPROCEEDS"), project("GLACY+")}


# --- Cybercrime@Octopus -----------------------------------------------------------------------

def test_octopus_is_funded_by_voluntary_contributions_of_states_and_microsoft(read) -> None:
    facts = read(REPORT)
    assert values(facts, project("Cybercrime@Octopus"), CKG.fundedBy) == country(
        "EE", "HU", "MC", "RO", "GB", "SK", "JP", "US") | org("Microsoft")


def test_dates_of_events_are_not_the_projects_duration(read) -> None:
    """"En septembre 2017, le projet a organisé…", "La prochaine Conférence Octopus est prévue du
    11 au 13 juillet 2018": dates in sentences about the project, not its duration."""
    facts = read(REPORT)
    assert values(facts, project("Cybercrime@Octopus"), CKG.startDate) == {month("2014-01")}
    assert values(facts, project("Cybercrime@Octopus"), CKG.endDate) == {month("2019-12")}


# --- GLACY-e ----------------------------------------------------------------------------------

def test_glacy_e_runs_from_1_march_2024_to_31_january_2026(read) -> None:
    facts = read(CORPUS / "fr_glacy-e_page.txt")
    assert values(facts, project("GLACY-e"), CKG.startDate) == {day("2024-03-01")}
    assert values(facts, project("GLACY-e"), CKG.endDate) == {day("2026-01-31")}


def test_glacy_e_is_implemented_by_interpol_and_c_proc(read) -> None:
    facts = read(CORPUS / "fr_glacy-e_page.txt")
    assert org("INTERPOL", "C-PROC") <= values(facts, project("GLACY-e"), CKG.implementedBy)
    assert values(facts, project("GLACY-e"), CKG.fundedBy) == org("EU", "CoE")


def test_glacy_e_hub_countries_are_listed_in_the_next_sentence(read) -> None:
    facts = read(CORPUS / "fr_glacy-e_page.txt")
    hubs = country("CL", "DO", "GH", "LK", "MU", "PH", "SN", "TO")
    assert values(facts, project("GLACY-e"), CKG.hubCountry) == hubs
    assert hubs <= values(facts, project("GLACY-e"), CKG.beneficiaryCountry)


def test_glacy_e_builds_on_glacy_plus(read) -> None:
    facts = read(CORPUS / "fr_glacy-e_page.txt")
    assert values(facts, project("GLACY-e"), CKG.precededBy) == {project("GLACY+")}


def test_glacy_e_serves_three_regions(read) -> None:
    facts = read(CORPUS / "fr_glacy-e_page.txt")
    assert values(facts, project("GLACY-e"), CKG.region) == {
        mint("region", key) for key in ("africa", "latin-america-and-the-caribbean", "asia-pacific")}


# --- GLACY: two documents, two end dates ---------------------------------------------------------

def test_glacy_summary_states_november_2016(read) -> None:
    facts = read(CORPUS / "fr_glacy_summary.txt")
    assert values(facts, project("GLACY"), CKG.startDate) == {month("2013-11")}
    assert values(facts, project("GLACY"), CKG.endDate) == {month("2016-11")}
    assert python(facts, project("GLACY"), CKG.budgetEUR) == {Decimal(3350000)}
    assert values(facts, project("GLACY"), CKG.fundedBy) == org("EU", "CoE")


def test_the_activity_report_states_october_2016_in_its_own_graph(read) -> None:
    facts = read(REPORT)
    assert values(facts, project("GLACY"), CKG.endDate) == {month("2016-10"), day("2016-10-31")}
    assert facts.document != read(CORPUS / "fr_glacy_summary.txt").document


def test_glacy_partners_and_priority_countries(read) -> None:
    facts = read(REPORT)
    assert values(facts, project("GLACY"), CKG.priorityCountry) == country(
        "MU", "MA", "PH", "SN", "ZA", "LK", "TO")
    assert country("FR", "RO", "TR") | org("EUROPOL") <= values(facts, project("GLACY"),
                                                                 CKG.partner)


# --- the activity report's other projects --------------------------------------------------------

def test_a_budget_that_grew_is_its_later_value(read) -> None:
    """"passant de 700 000 EUR à 1,2 million EUR": the budget is 1.2 million."""
    facts = read(REPORT)
    assert python(facts, project("Cybercrime@EAP III"), CKG.budgetEUR) == {Decimal(1200000)}


def test_the_offices_cumulative_budgets_are_no_projects_budget(read) -> None:
    facts = read(REPORT)
    budgets = {o.toPython() for s, p, o in facts.triples if p == CKG.budgetEUR}
    assert not budgets & {Decimal(24400000), Decimal(24000000), Decimal(22000000),
                          Decimal(4000000), Decimal(6000000)}


def test_a_region_with_its_countries_in_brackets(read) -> None:
    facts = read(REPORT)
    eap = project("Cybercrime@EAP II")
    assert values(facts, eap, CKG.beneficiaryCountry) == country("AM", "AZ", "BY", "GE", "MD", "UA")
    assert values(facts, eap, CKG.region) == {mint("region", "eastern-partnership")}
    assert python(facts, eap, CKG.budgetEUR) == {Decimal(800000)}


def test_cybersouth(read) -> None:
    facts = read(REPORT)
    south = project("CyberSouth")
    assert values(facts, south, CKG.startDate) == {month("2017-07")}
    assert values(facts, south, CKG.endDate) == {month("2020-06")}
    assert python(facts, south, CKG.budgetEUR) == {Decimal(3330000)}
    assert values(facts, south, CKG.priorityCountry) == country("DZ", "JO", "LB", "MA", "TN")
    assert values(facts, south, CKG.region) == {mint("region", "southern-neighbourhood")}


def test_joint_programmes_listed_after_a_colon_are_each_funded_by_both(read) -> None:
    facts = read(CORPUS / "fr_cproc_factsheet_2023.txt")
    for key in ("CyberEast", "CyberSouth", "iPROCEEDS-2", "GLACY+"):
        assert values(facts, project(key), CKG.fundedBy) == org("EU", "CoE"), key


def test_a_document_about_an_office_states_no_project_conventions(read) -> None:
    facts = read(CORPUS / "fr_cproc_factsheet_2023.txt")
    assert not {t for t in facts.triples if t[1] == CKG.relatedConvention}


def test_organisations_named_anywhere_are_mentions(read) -> None:
    facts = read(REPORT)
    for key in ("CEPOL", "IAP", "UNODC", "ECOWAS", "OAS"):
        assert (facts.document, CKG.mentions, mint("organisation", key)) in facts.triples, key


# --- English documents in the same shapes --------------------------------------------------------

def test_an_unknown_project_page_in_english(read) -> None:
    facts = read(DATA / "project_cybernorth_page.txt")
    north = project("CyberNorth")
    assert (north, RDF.type, CKG.Project) in facts.triples
    assert (north, CKG.acronym, Literal("CyberNorth")) in facts.triples
    assert (north, RDFS.label, Literal("Cooperation on Cybercrime in the Nordic and Arctic Region",
                                       lang="en")) in facts.triples
    assert values(facts, north, CKG.startDate) == {day("2022-03-01")}
    assert values(facts, north, CKG.endDate) == {day("2025-02-28")}
    assert python(facts, north, CKG.budgetEUR) == {Decimal(4200000)}
    assert python(facts, north, CKG.coeShare) == {Decimal("0.1")}
    assert values(facts, north, CKG.fundedBy) == org("EU", "CoE")
    assert org("INTERPOL", "C-PROC") <= values(facts, north, CKG.implementedBy)
    assert values(facts, north, CKG.hubCountry) == country("IS", "NO", "FI")
    assert country("IS", "NO", "FI", "GL") <= values(facts, north, CKG.beneficiaryCountry)
    assert country("EE", "GB", "US") | org("EUROPOL") <= values(facts, north, CKG.partner)
    assert values(facts, north, CKG.precededBy) == {project("CyberEast")}
    assert values(facts, north, CKG.relatedConvention) == {
        mint("convention", "ets-185"), mint("convention", "ets-201")}


def test_other_spellings_of_a_new_project_are_alternative_labels(gazetteer) -> None:
    facts = read_text(gazetteer, "The CyberNorth project supports Iceland.\n\nCYBERNORTH met.")
    assert (project("CyberNorth"), SKOS.altLabel, Literal("CYBERNORTH", lang="en")) \
        in facts.triples


def test_a_country_the_reference_data_lacks_is_reported(read) -> None:
    facts = read(DATA / "project_cybernorth_page.txt")
    assert any(w.line == 2 and "Narnia" in w.message for w in facts.warnings)
    assert not [t for t in facts.triples if "narnia" in str(t[0]).casefold()]
    # the rest of the line is still read
    assert country("FI", "GL") <= values(facts, project("CyberNorth"), CKG.beneficiaryCountry)


def test_an_unknown_agency_is_an_unresolved_organisation(read) -> None:
    facts = read(DATA / "project_cybernorth_page.txt")
    agency = mint("organisation", "Nordic Cyber Response Agency")
    assert (agency, CKG.unresolved, Literal(True)) in facts.triples
    assert (facts.document, CKG.mentions, agency) in facts.triples


@pytest.mark.parametrize(("sentence", "name", "parent"), [
    ("The workshop was opened by the Head of the Delegation of the European Union to Fiji.",
     "Delegation of the European Union", "EU"),
    ("Participation à la réunion du Groupe de travail Afrique d'INTERPOL sur la cybercriminalité, "
     "Accra, 3-4 mai 2018.", "Groupe de travail Afrique d'INTERPOL sur la cybercriminalité",
     "INTERPOL"),
    ("Soutien apporté au Bureau du T-CY pour la préparation du rapport.", "Bureau du T-CY", "T-CY"),
])
def test_an_unknown_body_of_a_known_organisation_is_kept_as_part_of_it(
        gazetteer, sentence: str, name: str, parent: str) -> None:
    facts = read_text(gazetteer, sentence + "\n")
    body = mint("organisation", name)
    assert (body, CKG.unresolved, Literal(True)) in facts.triples
    assert values(facts, body, ORG.subOrganizationOf) == org(parent)
    assert evidence_lines(facts, body, ORG.subOrganizationOf, mint("organisation", parent)) == {1}


def test_a_known_organisation_named_beside_an_unknown_one_is_not_its_parent(gazetteer) -> None:
    facts = read_text(gazetteer, "The Narnian Cyber Agency and INTERPOL signed a memorandum.\n")
    agency = mint("organisation", "Narnian Cyber Agency")
    assert (agency, CKG.unresolved, Literal(True)) in facts.triples
    assert not values(facts, agency, ORG.subOrganizationOf)


def test_a_project_summary_in_english(read) -> None:
    facts = read(DATA / "project_summary_en.txt")
    cypro = project("CYPRO")
    assert (cypro, RDFS.label, Literal("Cyber Action for the Pacific Ocean", lang="en")) \
        in facts.triples
    assert values(facts, cypro, CKG.startDate) == {month("2019-01")}
    assert values(facts, cypro, CKG.endDate) == {month("2021-12")}
    assert python(facts, cypro, CKG.budgetEUR) == {Decimal(3350000)}
    assert values(facts, cypro, CKG.fundedBy) == org("EU", "CoE")
    assert values(facts, cypro, CKG.priorityCountry) == country("FJ", "WS", "TO", "VU")
    assert values(facts, cypro, CKG.partner) == country("FJ", "WS") | org("PILON")


def test_news_items_in_english(read) -> None:
    facts = read(DATA / "newsletter_en_statuses.txt")
    glacy = project("GLACY+")
    assert values(facts, glacy, CKG.startDate) == {month("2016-03")}
    assert values(facts, glacy, CKG.endDate) == {month("2020-02")}
    assert python(facts, glacy, CKG.budgetEUR) == {Decimal(10000000)}
    assert python(facts, glacy, CKG.coeShare) == {Decimal("0.1")}
    second = project("iPROCEEDS-2")
    assert values(facts, second, CKG.startDate) == {year("2020")}
    assert values(facts, second, CKG.endDate) == {year("2023")}
    assert python(facts, second, CKG.budgetEUR) == {Decimal(4950000)}
    assert values(facts, second, CKG.beneficiaryCountry) == country("AL", "ME", "RS", "TR")
    assert values(facts, second, CKG.precededBy) == {project("iPROCEEDS")}


# --- sentences, one rule at a time ----------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "start", "end"), [
    ("Le projet GLACY+ a démarré en mars 2016 et se poursuivra jusqu'en février 2020.",
     month("2016-03"), month("2020-02")),
    ("GLACY+ started in March 2016 and will run until February 2020.",
     month("2016-03"), month("2020-02")),
    ("Duration: March 2016 – February 2020 (GLACY+)", month("2016-03"), month("2020-02")),
    ("GLACY+, d'une durée de 48 mois (mars 2016-février 2020), vise à renforcer…",
     month("2016-03"), month("2020-02")),
    ("Le projet GLACY+, lancé en 2016 et qui s'achèvera en décembre 2020, vise…",
     year("2016"), month("2020-12")),
])
def test_durations(gazetteer, sentence: str, start: Literal, end: Literal) -> None:
    facts = read_text(gazetteer, sentence)
    assert values(facts, project("GLACY+"), CKG.startDate) == {start}
    assert values(facts, project("GLACY+"), CKG.endDate) == {end}


@pytest.mark.parametrize(("sentence", "euros"), [
    ("Le projet GLACY+ est doté d'un budget de 10 millions d'euros.", 10000000),
    ("GLACY+, with a budget of EUR 3.35 million, supports…", 3350000),
    ("GLACY+ bénéficie d'un budget de 800 000 EUR.", 800000),
    ("The GLACY+ project has a €10 million budget.", 10000000),
])
def test_budgets(gazetteer, sentence: str, euros: int) -> None:
    facts = read_text(gazetteer, sentence)
    assert python(facts, project("GLACY+"), CKG.budgetEUR) == {Decimal(euros)}


def test_a_bound_is_no_budget(gazetteer) -> None:
    facts = read_text(gazetteer, "Le projet GLACY+ dispose d'un budget de plus de 10 millions EUR.")
    assert not values(facts, project("GLACY+"), CKG.budgetEUR)


@pytest.mark.parametrize("sentence", ["GLACY+ : CdE 10%", "GLACY+ (10% CoE)",
                                      "GLACY+ est cofinancé à 10 % par le Conseil de l'Europe."])
def test_coe_share(gazetteer, sentence: str) -> None:
    facts = read_text(gazetteer, sentence)
    assert python(facts, project("GLACY+"), CKG.coeShare) == {Decimal("0.1")}


def test_countries_outside_the_list_are_not_beneficiaries(gazetteer) -> None:
    facts = read_text(gazetteer, "The CyberNorth project covers Iceland and Norway, in partnership "
                                 "with Denmark, and held its launch event in Sweden.")
    north = project("CyberNorth")
    assert values(facts, north, CKG.beneficiaryCountry) == country("IS", "NO")
    assert values(facts, north, CKG.partner) == country("DK")


def test_a_project_page_with_fields_and_a_list_after_a_colon(gazetteer) -> None:
    facts = read_text(gazetteer, """CyberEast - Action on Cybercrime for Cyber Resilience

Duration: 20 June 2019 – 31 December 2023
Budget: EUR 5.33 million
Funding: Joint project of the European Union (European Neighbourhood Instrument) and the Council of Europe
Implementation: Cybercrime Programme Office (C-PROC) of the Council of Europe

The project covers the Eastern Partnership countries: Armenia, Azerbaijan, Georgia and Ukraine.
""")
    east = project("CyberEast")
    assert values(facts, east, CKG.startDate) == {day("2019-06-20")}
    assert values(facts, east, CKG.endDate) == {day("2023-12-31")}
    assert python(facts, east, CKG.budgetEUR) == {Decimal(5330000)}
    assert values(facts, east, CKG.fundedBy) == org("EU", "CoE")
    assert values(facts, east, CKG.implementedBy) == org("C-PROC")
    assert values(facts, east, CKG.beneficiaryCountry) == country("AM", "AZ", "GE", "UA")
    assert values(facts, east, CKG.region) == {mint("region", "eastern-partnership")}


def test_a_country_the_project_supported(gazetteer) -> None:
    facts = read_text(gazetteer, "In 2018, GLACY+ supported the Philippines and Ghana in drafting "
                                 "their laws, and held a workshop in Singapore.")
    assert values(facts, project("GLACY+"), CKG.beneficiaryCountry) == country("PH", "GH")


def test_a_budget_that_is_not_a_number_warns_and_the_rest_is_read(gazetteer) -> None:
    facts = read_text(gazetteer, "Title\n\nThe CyberNorth project, with a budget of EUR NaN million,"
                                 " covers Iceland and Norway.")
    north = project("CyberNorth")
    assert not values(facts, north, CKG.budgetEUR)
    assert any(w.line == 3 and "budget" in w.message for w in facts.warnings)
    assert values(facts, north, CKG.beneficiaryCountry) == country("IS", "NO")


def test_a_budget_field_that_is_not_a_number_warns(gazetteer) -> None:
    facts = read_text(gazetteer, "The CyberNorth project\nBudget: 12,34,56 euros\nDonors: CoE")
    assert not values(facts, project("CyberNorth"), CKG.budgetEUR)
    assert any(w.line == 2 and "badly grouped" in w.message for w in facts.warnings)
    assert values(facts, project("CyberNorth"), CKG.fundedBy) == org("CoE")


def test_an_unknown_treaty_number_is_reported(gazetteer) -> None:
    facts = read_text(gazetteer, "Le projet CyberNorth met en œuvre les STE 185 et 999.")
    assert values(facts, project("CyberNorth"), CKG.relatedConvention) == {
        mint("convention", "ets-185")}
    assert any("999" in w.message for w in facts.warnings)


def test_a_document_with_nothing_recognisable(gazetteer) -> None:
    facts = read_text(gazetteer, "Lorem ipsum dolor sit amet.\n\nConsectetur adipiscing elit.")
    assert facts.facts == 0
    assert facts.warnings and "nothing recognised" in facts.warnings[-1].message
    assert (facts.document, RDF.type, CKG.Document) in facts.triples
