"""Activities read from activity lists, newsletters and project pages, in French and English."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from cyberkg.loaders import activities
from cyberkg.loaders.activity_types import ActivityTypes, activity_types, scheme_file
from cyberkg.loaders.facts import DocumentFacts
from cyberkg.loaders.gazetteer import Gazetteer
from cyberkg.loaders.reading import Reading
from cyberkg.loaders.text import DocumentText, from_text, read_path
from cyberkg.ontology import CKG, document_iri, mint

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "fr_cproc_activity_report_2016-2017.txt"
IPROCEEDS = ROOT / "corpus" / "fr_iproceeds_page.txt"
DATA = Path(__file__).resolve().parent / "data"
SCHEME = URIRef("https://w3id.org/cyberkg/id/activity-type")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    from cyberkg.loaders.background import load_background

    return load_background()[1]


def read(doc: DocumentText, gazetteer: Gazetteer) -> DocumentFacts:
    """The facts the activities loader states for ``doc``."""
    facts = DocumentFacts(document_iri(doc.stem))
    activities.read(Reading(doc=doc, gazetteer=gazetteer, facts=facts))
    return facts


def text(content: str, gazetteer: Gazetteer, stem: str = "sample") -> DocumentFacts:
    return read(from_text(content, source=f"{stem}.txt", stem=stem), gazetteer)


def slug(node: object) -> str:
    return str(node).rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Seen:
    """An activity as a reader would check it against its row."""

    line: int
    projects: frozenset[str]
    country: str | None
    cities: frozenset[str]
    start: str | None
    end: str | None
    type: str

    def facts(self) -> tuple[object, ...]:
        """Everything but the line: what two versions of one list must agree on."""
        return (self.projects, self.country, self.cities, self.start, self.end, self.type)


def seen(graph: Graph) -> dict[int, Seen]:
    """Every activity of ``graph`` keyed by the line its title is read from."""
    found: dict[int, Seen] = {}
    for activity in graph.subjects(RDF.type, CKG.Activity):
        [first] = [int(graph.value(evidence, CKG.line))
                   for evidence in graph.subjects(RDF.subject, activity)
                   if graph.value(evidence, RDF.predicate) == DCTERMS.title]
        assert first not in found, f"two activities on line {first}"
        country = graph.value(activity, CKG.heldIn)
        start, end = graph.value(activity, CKG.startDate), graph.value(activity, CKG.endDate)
        found[first] = Seen(
            first,
            frozenset(slug(p) for p in graph.objects(activity, CKG.partOfProject)),
            slug(country) if country is not None else None,
            frozenset(slug(c) for c in graph.objects(activity, CKG.city)),
            str(start) if start is not None else None,
            str(end) if end is not None else None,
            slug(graph.value(activity, CKG.activityType)),
        )
    return found


@pytest.fixture(scope="module")
def report(gazetteer: Gazetteer) -> DocumentFacts:
    return read(read_path(REPORT), gazetteer)


@pytest.fixture(scope="module")
def report_activities(report: DocumentFacts) -> dict[int, Seen]:
    return seen(report.graph)


# -- the annex of the C-PROC activity report 2016-2017 -------------------------------------------
# The first line of every row of the annex, read off the document by hand (lines 423-628): a row
# wrapped over several lines counts once, at its first line.
ANNEX_ROWS = (
    list(range(423, 436))                                   # octobre 2016: 13
    + [439, 440] + list(range(442, 451))                    # novembre 2016: 11
    + list(range(454, 462))                                 # décembre 2016: 8
    + list(range(465, 472))                                 # janvier 2017: 7
    + list(range(475, 486))                                 # février 2017: 11
    + list(range(489, 507))                                 # mars 2017: 18
    + [510] + list(range(514, 525))                         # avril 2017: 12
    + list(range(528, 536)) + list(range(538, 547))         # mai 2017: 17
    + list(range(550, 559)) + list(range(561, 575))         # juin 2017: 23
    + list(range(578, 582)) + list(range(584, 590))         # juillet 2017: 10
    + list(range(593, 602)) + [604]                         # août 2017: 10
    + list(range(608, 624)) + [627, 628]                    # septembre 2017: 18
)


def test_the_annex_has_158_rows_counted_by_hand() -> None:
    assert len(ANNEX_ROWS) == len(set(ANNEX_ROWS)) == 158


def test_every_annex_row_becomes_exactly_one_activity(report_activities: dict[int, Seen]) -> None:
    assert sorted(report_activities) == ANNEX_ROWS


def test_reading_the_annex_warns_of_nothing(report: DocumentFacts) -> None:
    assert report.warnings == []


SPOT_CHECKS = [
    # line, projects, country, cities, start, end, type
    (423, {"iproceeds"}, "ME", {"podgorica-me", "danilovgrad-me"}, "2016-10-03", "2016-10-04",
     "advisory-mission"),
    (424, {"glacy", "glacy-plus"}, "MA", set(), "2016-10-03", "2016-10-06", "meeting"),
    (444, {"glacy-plus", "cybercrime-at-eap-ii", "cybercrime-at-eap-iii", "iproceeds",
           "cybercrime-at-octopus"}, "FR", {"strasbourg-fr"}, "2016-11-14", "2016-11-15",
     "plenary"),
    (449, {"glacy-plus"}, "LB", {"beirut-lb"}, "2016-11-29", "2016-11-29", "participation"),
    (459, {"iproceeds"}, "RO", {"bucharest-ro"}, "2016-12-12", "2016-12-13", "workshop"),
    (460, {"iproceeds"}, "MK", {"skopje-mk"}, "2016-12-15", "2016-12-16", "workshop"),
    (461, {"iproceeds"}, None, set(), "2016-07", "2016-12", "tender"),
    (465, {"glacy-plus"}, "SN", {"dakar-sn"}, "2017-01-16", "2017-01-17", "other"),
    (468, {"iproceeds"}, "IE", set(), "2017-01-23", "2017-01-23", "other"),
    (478, {"glacy-plus"}, "GT", {"guatemala-city-gt"}, "2017-02-13", "2017-02-15",
     "advisory-mission"),
    (484, {"glacy-plus", "cybercrime-at-eap-ii"}, "SG", set(), "2017-02-27", "2017-03-01",
     "workshop"),
    (489, {"glacy-plus"}, None, set(), "2017-03-01", "2020-02-29", "grant"),
    (504, {"glacy-plus"}, "PA", {"panama-city-pa"}, "2017-03-30", "2017-03-31", "advisory-mission"),
    (510, {"glacy-plus"}, "GH", {"accra-gh"}, "2017-04-03", "2017-04-07", "training-of-trainers"),
    (522, {"cybercrime-at-eap-iii", "iproceeds"}, "GE", {"tbilisi-ge"}, "2017-04-24",
     "2017-04-28", "exercise"),
    (534, {"cybercrime-at-eap-iii"}, "UA", {"kyiv-ua"}, "2017-05-17", "2017-05-19", "meeting"),
    (535, {"glacy-plus"}, "MA", {"rabat-ma"}, "2017-05-22", "2017-05-25", "training-of-trainers"),
    (538, {"glacy-plus"}, "GH", {"koforidua-gh"}, "2017-05-22", "2017-05-26",
     "training-of-trainers"),
    (564, {"iproceeds"}, "XK", {"pristina-xk"}, "2017-06-19", "2017-06-20", "assessment-mission"),
    (585, {"glacy-plus"}, "MU", {"pointe-aux-piments-mu"}, "2017-07-10", "2017-07-12",
     "conference"),
    (587, {"glacy-plus"}, "FR", {"strasbourg-fr"}, "2017-07-11", "2017-07-11", "other"),
    (589, {"iproceeds"}, None, set(), "2017-07", "2017-07", "training-of-trainers"),
    (601, {"iproceeds"}, None, set(), "2017-08", "2017-08", "desk-study"),
    (609, {"cybercrime-at-eap-iii"}, "UA", {"kyiv-ua", "odesa-ua"}, "2017-09-07", "2017-09-10",
     "workshop"),
    (628, {"glacy-plus", "cybercrime-at-eap-ii", "iproceeds"}, "NL", {"the-hague-nl"},
     "2017-09-27", "2017-09-29", "participation"),
]


@pytest.mark.parametrize(("line", "projects", "country", "cities", "start", "end", "kind"),
                         SPOT_CHECKS, ids=[str(row[0]) for row in SPOT_CHECKS])
def test_annex_rows_give_projects_place_dates_and_type(
        report_activities: dict[int, Seen], line: int, projects: set[str], country: str | None,
        cities: set[str], start: str, end: str, kind: str) -> None:
    assert report_activities[line] == Seen(line, frozenset(projects), country, frozenset(cities),
                                           start, end, kind)


def test_an_annex_row_is_stated_with_real_terms(report: DocumentFacts) -> None:
    graph = report.graph
    [activity] = [a for a in graph.subjects(RDF.type, CKG.Activity)
                  if "Podgorica/Danilovgrad" in " ".join(str(s) for s in _sentences(graph, a))]
    assert (activity, CKG.partOfProject, mint("project", "iPROCEEDS")) in graph
    assert (activity, CKG.heldIn, mint("country", "ME")) in graph
    assert (activity, CKG.startDate, Literal("2016-10-03", datatype=XSD.date)) in graph
    assert (activity, CKG.endDate, Literal("2016-10-04", datatype=XSD.date)) in graph
    assert (activity, CKG.activityType, mint("activity-type", "advisory-mission")) in graph
    city = mint("city", "Podgorica ME")
    assert (activity, CKG.city, city) in graph
    assert (city, RDF.type, CKG.City) in graph
    assert (city, RDFS.label, Literal("Podgorica", lang="fr")) in graph
    assert (city, CKG.inCountry, mint("country", "ME")) in graph
    title = graph.value(activity, DCTERMS.title)
    assert title.language == "fr"
    assert str(title).startswith("Mission de conseil et atelier sur la fraude en ligne")


def _sentences(graph: Graph, activity: URIRef) -> list[object]:
    return [s for evidence in graph.subjects(RDF.subject, activity)
            for s in graph.objects(evidence, CKG.sentence)]


def test_a_month_range_is_stated_at_month_precision(report: DocumentFacts) -> None:
    graph = report.graph
    starts = {graph.value(a, CKG.startDate) for a in graph.subjects(RDF.type, CKG.Activity)}
    assert Literal("2016-07", datatype=XSD.gYearMonth) in starts


def test_a_wrapped_row_cites_its_first_line_and_whole_text(report: DocumentFacts) -> None:
    graph = report.graph
    [activity] = [a for a in graph.subjects(RDF.type, CKG.Activity)
                  if str(graph.value(a, DCTERMS.title)).startswith("Introductory Cybercrime")
                  and "Accra" in " ".join(map(str, _sentences(graph, a)))]
    assert str(graph.value(activity, DCTERMS.title)) == (
        "Introductory Cybercrime and Electronic Evidence Training of Trainers Course")
    assert graph.value(activity, DCTERMS.title).language == "en"
    for evidence in graph.subjects(RDF.subject, activity):
        assert graph.value(evidence, CKG.line) == Literal(510, datatype=XSD.integer)
        sentence = str(graph.value(evidence, CKG.sentence))
        assert "Training of Trainers" in sentence and "3-7 avril 2017" in sentence
        assert "--" not in sentence


def test_every_annex_activity_has_a_title_a_project_and_a_type(report: DocumentFacts) -> None:
    graph = report.graph
    for activity in graph.subjects(RDF.type, CKG.Activity):
        assert graph.value(activity, DCTERMS.title) is not None
        assert graph.value(activity, CKG.partOfProject) is not None
        assert (graph.value(activity, CKG.activityType), SKOS.inScheme, SCHEME) in _scheme()


# -- a project page with a news item --------------------------------------------------------------
def test_a_news_item_title_and_its_dateline_make_one_activity(gazetteer: Gazetteer) -> None:
    facts = read(read_path(IPROCEEDS), gazetteer)
    found = list(seen(facts.graph).values())
    assert [item.facts() for item in found] == [(
        frozenset({"glacy-plus", "iproceeds"}), "SG", frozenset(), "2019-06-25", "2019-06-27",
        "workshop")]
    [activity] = facts.graph.subjects(RDF.type, CKG.Activity)
    assert str(facts.graph.value(activity, DCTERMS.title)) == (
        "Workshop on channels and avenues for international cooperation in cybercrime")


def test_dates_in_running_prose_date_no_activity(gazetteer: Gazetteer) -> None:
    facts = text("GLACY+ organised the International Workshop on MLA and International "
                 "Cooperation, held in Singapore on 27 February - 1 March 2017, with INTERPOL.\n"
                 "The workshop, held in Accra, Ghana, on 3-4 May 2017, was a success.\n"
                 "The workshop took place in Accra, Ghana, 3-4 May 2017.\n",
                 gazetteer)
    assert seen(facts.graph) == {}


def test_a_table_of_project_durations_is_not_a_list_of_activities(gazetteer: Gazetteer) -> None:
    facts = text("Intitulé du projet\tDurée\tBudget\n"
                 "Cybercrime@Octopus\tjan 2014 – déc 2019\t3,5 millions d'euros\n"
                 "GLACY+\tmars 2016 – fév 2020\t10 millions d'euros\n", gazetteer)
    assert seen(facts.graph) == {}


# -- the same shapes in English and French ------------------------------------------------------
EXPECTED_EN = {
    10: ({"glacy-plus"}, "GH", {"accra-gh"}, "2018-01-15", "2018-01-16", "advisory-mission"),
    11: ({"iproceeds", "cybercrime-at-eap-iii"}, "RS", {"belgrade-rs"}, "2018-01-22", "2018-01-24",
         "workshop"),
    12: ({"glacy-plus", "cybercrime-at-eap-ii", "iproceeds", "cybercrime-at-octopus"}, "FR",
         {"strasbourg-fr"}, "2018-01-08", "2018-01-10", "plenary"),
    13: ({"glacy-plus"}, "SN", {"dakar-sn"}, "2018-01-29", "2018-02-02", "training-of-trainers"),
    20: ({"cybercrime-at-eap-ii"}, "GE", {"batumi-ge"}, "2018-01-30", "2018-01-31",
         "assessment-mission"),
    24: ({"iproceeds"}, "FR", {"lyon-fr"}, "2018-02-05", "2018-02-06", "study-visit"),
    25: ({"glacy-plus"}, "LK", {"colombo-lk"}, "2018-02-12", "2018-02-14", "workshop"),
    26: ({"cybercrime-at-octopus"}, None, set(), "2018-02", "2018-03", "desk-study"),
    27: ({"glacy-plus", "cybercrime-at-eap-ii", "iproceeds"}, "FR", {"strasbourg-fr"},
         "2018-02-26", "2018-02-27", "meeting"),
    28: ({"iproceeds"}, "MK", {"skopje-mk"}, None, None, "exercise"),
    32: ({"cybercrime-at-eap-iii"}, "UA", {"kyiv-ua", "odesa-ua"}, "2018-03-06", "2018-03-09",
         "workshop"),
    33: ({"glacy-plus"}, None, set(), "2018-03", "2018-03", "other"),
    37: ({"glacy-plus"}, "NG", {"abuja-ng"}, "2018-09-24", "2018-09-28", "workshop"),
    38: ({"iproceeds", "cybercrime-at-eap-iii"}, "AL", {"tirana-al"}, "2018-10-04", "2018-10-05",
         "conference"),
    39: ({"glacy-plus"}, "MA", {"rabat-ma"}, "2018-10-15", "2018-10-16", "advisory-mission"),
    43: ({"glacy"}, "GH", {"accra-gh"}, "2014-11-24", "2014-11-28", "workshop"),
    44: ({"glacy"}, "SN", {"dakar-sn"}, "2014-12-03", "2014-12-04", "training"),
    46: ({"glacy"}, "PH", {"cebu-city-ph"}, "2014-11-27", "2014-11-27", "conference"),
    50: ({"glacy-plus", "iproceeds"}, "SG", set(), "2019-06-25", "2019-06-27", "workshop"),
}


@pytest.fixture(scope="module")
def english(gazetteer: Gazetteer) -> DocumentFacts:
    return read(read_path(DATA / "activities_en.txt"), gazetteer)


@pytest.fixture(scope="module")
def french(gazetteer: Gazetteer) -> DocumentFacts:
    return read(read_path(DATA / "activities_fr.txt"), gazetteer)


def test_an_english_activity_list_gives_one_activity_per_row(english: DocumentFacts) -> None:
    assert sorted(seen(english.graph)) == sorted(EXPECTED_EN)


@pytest.mark.parametrize("line", sorted(EXPECTED_EN))
def test_english_rows_give_projects_place_dates_and_type(english: DocumentFacts,
                                                         line: int) -> None:
    projects, country, cities, start, end, kind = EXPECTED_EN[line]
    assert seen(english.graph)[line].facts() == (
        frozenset(projects), country, frozenset(cities), start, end, kind)


def test_french_and_english_lists_of_the_same_activities_agree(english: DocumentFacts,
                                                                french: DocumentFacts) -> None:
    assert {line: s.facts() for line, s in seen(french.graph).items()} == {
        line: s.facts() for line, s in seen(english.graph).items()}


def test_titles_carry_the_language_they_are_written_in(english: DocumentFacts,
                                                       french: DocumentFacts) -> None:
    for facts, language in ((english, "en"), (french, "fr")):
        titles = list(facts.graph.objects(None, DCTERMS.title))
        assert titles and {title.language for title in titles} == {language}


def test_an_impossible_date_warns_with_its_line_and_keeps_the_rest(english: DocumentFacts) -> None:
    assert [(w.line, w.message) for w in english.warnings] == [
        (28, "not a date: '31 February 2018' (February 2018 has no day 31)")]
    graph = english.graph
    [activity] = [a for a in graph.subjects(RDF.type, CKG.Activity)
                  if str(graph.value(a, DCTERMS.title)) == "Cybercrime simulation exercise"]
    assert (activity, CKG.heldIn, mint("country", "MK")) in graph
    assert (activity, CKG.partOfProject, mint("project", "iPROCEEDS")) in graph
    assert graph.value(activity, CKG.startDate) is None


def test_a_stray_numeral_cell_completes_the_project_it_belongs_to(english: DocumentFacts) -> None:
    assert seen(english.graph)[27].projects == {"glacy-plus", "cybercrime-at-eap-ii", "iproceeds"}


def test_a_project_prefix_is_not_part_of_the_title(english: DocumentFacts) -> None:
    titles = {str(t) for t in english.graph.objects(None, DCTERMS.title)}
    assert "Workshop on cybercrime reporting mechanisms" in titles
    assert not any(title.startswith("GLACY+:") for title in titles)


# -- identity -------------------------------------------------------------------------------------
ROW = "GLACY+\tAtelier sur la preuve électronique, Accra, Ghana, 3-4 mai 2017\n"


def test_the_same_row_in_two_documents_is_one_activity(gazetteer: Gazetteer) -> None:
    first = text("mai 2017\n\n" + ROW, gazetteer, stem="report-2017")
    second = text("Rapport\n\nActivités\n\n\n" + ROW, gazetteer, stem="report-2018")
    [one] = first.graph.subjects(RDF.type, CKG.Activity)
    [other] = second.graph.subjects(RDF.type, CKG.Activity)
    assert one == other == mint("activity", "workshop accra-gh 2017-05-03 glacy-plus")


def test_a_row_that_states_no_day_is_named_by_its_title_start_and_country(
        gazetteer: Gazetteer) -> None:
    facts = text("GLACY+\tAtelier sur la preuve électronique, Accra, Ghana, mai 2017\n", gazetteer)
    [one] = facts.graph.subjects(RDF.type, CKG.Activity)
    assert one == mint("activity", "Atelier sur la preuve électronique | 2017-05 | GH")


def test_two_rows_with_one_title_on_different_days_are_two_activities(gazetteer: Gazetteer) -> None:
    facts = text(ROW + ROW.replace("3-4 mai", "10-11 mai"), gazetteer)
    assert len(set(facts.graph.subjects(RDF.type, CKG.Activity))) == 2


# -- rows the loader must survive ---------------------------------------------------------------
FRAGMENTS = st.sampled_from([
    "GLACY+", "\t", "iPROCEEDS, ", "CyberCrime@EAP", " II", "Atelier sur X", ", ", "Accra",
    "Ghana", "3-4 mai 2017", "31 février 2017", "mai 2017", "\n", "--------\t--", "[", "]",
    "Singapore 25-27 June 2019", "- ", "| ", "Kosovo*", "\"ex-République\"", ":", "Workshop",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_any_text_is_read_without_raising(gazetteer: Gazetteer, content: str) -> None:
    facts = text(content + "\nend", gazetteer)
    for activity in facts.graph.subjects(RDF.type, CKG.Activity):
        assert facts.graph.value(activity, DCTERMS.title) is not None


# -- the activity-type scheme: the classifier's rules are data -----------------------------------
def _scheme() -> Graph:
    graph = Graph()
    graph.parse(scheme_file(), format="turtle")
    return graph


def test_every_activity_type_is_a_labelled_concept_of_the_scheme() -> None:
    graph = _scheme()
    concepts = set(graph.subjects(RDF.type, CKG.ActivityType))
    assert len(concepts) >= 15
    for concept in concepts:
        assert concept == mint("activity-type", slug(concept))
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert (concept, SKOS.inScheme, SCHEME) in graph
        for prop in (SKOS.prefLabel, RDFS.label, SKOS.definition):
            languages = {value.language for value in graph.objects(concept, prop)}
            assert languages == {"en", "fr"}, (concept, prop)
        for parent in graph.objects(concept, SKOS.broader):
            assert parent in concepts


TITLES = [
    ("Mission de conseil et atelier sur la fraude en ligne", "advisory-mission"),
    ("Atelier d'évaluation et de planification", "workshop"),
    ("Introductory Cybercrime and Electronic Evidence Training of Trainers Course",
     "training-of-trainers"),
    ("Première formation régionale des formateurs", "training-of-trainers"),
    ("Formation INTERPOL aux investigations", "training"),
    ("Réunions plénières du T-CY", "plenary"),
    ("International Closing Conference of the GLACY project", "closing-event"),
    ("Conférence de lancement du projet CyberSouth", "launch-event"),
    ("Visite d'étude par les services répressifs", "study-visit"),
    ("Study visit to Eurojust", "study-visit"),
    ("Assessment mission of guidelines", "assessment-mission"),
    ("Visite d'évaluation des besoins et atelier", "assessment-mission"),
    ("Participation à la Master Class sur les cyber-menaces", "participation"),
    ("Steering Committee meeting and participation in the EuroDIG conference", "meeting"),
    ("Appel d'offres - programme de maîtrise", "tender"),
    ("Accord de subvention avec INTERPOL", "grant"),
    ("Cybercrime Simulation Exercise", "exercise"),
    ("Développement du cyber-exercice", "exercise"),
    ("Workshops on inter-agency cooperation", "workshop"),
    ("étude documentaire", "desk-study"),
    ("Desk review of the draft law", "desk-study"),
    ("Counseling on the streamlining of procedures", "advisory-mission"),
    ("Le Conseil de l'Europe invite le Nigéria", "other"),
    ("GLACY+: Ghana avance sa stratégie nationale", "other"),
]


@pytest.mark.parametrize(("title", "kind"), TITLES, ids=[row[0][:40] for row in TITLES])
def test_a_title_is_typed_by_the_keywords_of_the_scheme(title: str, kind: str) -> None:
    assert activity_types().classify(title) == mint("activity-type", kind)


def test_the_classifier_follows_the_scheme_it_is_given() -> None:
    graph = _scheme()
    exercise = mint("activity-type", "exercise")
    graph.add((exercise, SKOS.hiddenLabel, Literal("hackathon", lang="en")))
    assert activity_types().classify("Regional hackathon") == mint("activity-type", "other")
    types = ActivityTypes.from_triples(graph)
    assert types.classify("Regional hackathon") == exercise


def test_a_row_without_a_date_is_dated_by_the_month_heading_above_it(
        english: DocumentFacts) -> None:
    graph = english.graph
    [activity] = [a for a in graph.subjects(RDF.type, CKG.Activity)
                  if str(graph.value(a, DCTERMS.title)).startswith("Preparation of a manual")]
    month = Literal("2018-03", datatype=XSD.gYearMonth)
    assert graph.value(activity, CKG.startDate) == graph.value(activity, CKG.endDate) == month
    [evidence] = [e for e in graph.subjects(RDF.subject, activity)
                  if graph.value(e, RDF.predicate) == CKG.startDate]
    assert graph.value(evidence, CKG.line) == Literal(30, datatype=XSD.integer)
    assert str(graph.value(evidence, CKG.sentence)) == "March 2018"


def test_a_second_country_is_never_read_as_a_city(gazetteer: Gazetteer) -> None:
    facts = text("GLACY+\tRegional workshop, Moldova, Ukraine, 3-4 May 2017\n", gazetteer)
    [item] = seen(facts.graph).values()
    assert item.country == "UA" and item.cities == frozenset()


def test_a_row_without_a_project_belongs_to_the_one_project_of_its_page(
        gazetteer: Gazetteer) -> None:
    doc = from_text("Workshop on electronic evidence, Accra, Ghana, 3-4 May 2017\n",
                    source="page.txt", stem="page")
    facts = DocumentFacts(document_iri(doc.stem))
    reading = Reading(doc=doc, gazetteer=gazetteer, facts=facts)
    activities.read(reading)
    assert seen(facts.graph) == {}
    assert [w.line for w in facts.warnings] == [1]
    reading.projects["glacy e"] = mint("project", "GLACY-e")
    activities.read(reading)
    [item] = seen(facts.graph).values()
    assert item.projects == {"glacy-e"}


# -- One activity in every document and language ---------------------------------------------------


@pytest.fixture(scope="module")
def both_editions(tmp_path_factory: pytest.TempPathFactory):
    """The French and English editions of one activity list (tests/data/cities_*.txt), built."""
    from rdflib import Dataset

    from cyberkg.loaders.build import build

    out = tmp_path_factory.mktemp("editions") / "out"
    build([DATA / "cities_fr.txt", DATA / "cities_en.txt"], out)
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    return dataset


def titles_of(dataset, activity: URIRef) -> set[tuple[str, str]]:
    return {(str(title), title.language) for _, _, title, _ in
            dataset.quads((activity, DCTERMS.title, None, None))}


def test_an_activity_listed_in_french_and_in_english_is_one_node_with_both_titles(
        both_editions) -> None:
    workshop = mint("activity", "workshop bucharest-ro 2017-05-03 glacy-plus")
    assert titles_of(both_editions, workshop) == {
        ("Atelier régional sur la preuve électronique", "fr"),
        ("Regional workshop on electronic evidence", "en")}
    graphs = {str(g) for _, _, _, g in both_editions.quads((workshop, DCTERMS.title, None, None))}
    assert graphs == {str(document_iri("cities_fr")), str(document_iri("cities_en"))}


def test_rows_that_cannot_be_told_the_same_stay_apart(both_editions) -> None:
    activities_ = {s for s, _, _, _ in both_editions.quads((None, RDF.type, CKG.Activity, None))}
    # 8 rows in each edition: 6 name a known place (or the same unknown town and its country)
    # and merge; "Victoria" (which one?) and "Bucarest, Bulgarie" (no such city) do not.
    assert len(activities_) == 10
    for activity in activities_:
        languages = {language for _, language in titles_of(both_editions, activity)}
        assert languages in ({"fr", "en"}, {"fr"}, {"en"})


def test_two_alike_rows_of_one_document_stay_two_activities(gazetteer: Gazetteer) -> None:
    text = ("Inventaire des activités\n\nmai 2017\n\n"
            "GLACY+\tAtelier sur la preuve électronique, Bucarest, Roumanie, 3 mai 2017\n"
            "GLACY+\tAtelier sur la cybercriminalité, Bucarest, Roumanie, 3 mai 2017\n")
    facts = read(from_text(text, source="alike", stem="alike"), gazetteer)
    found = {s for s, p, o in facts.triples if p == RDF.type and o == CKG.Activity}
    assert len(found) == 2
    assert mint("activity", "workshop bucharest-ro 2017-05-03 glacy-plus") not in found
