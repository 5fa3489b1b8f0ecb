"""A small graph shaped like the built one, whose answers the query tests know in advance.

Three documents state facts about GLACY, GLACY+, iPROCEEDS and their countries through the loaders'
own :class:`~cyberkg.loaders.facts.DocumentFacts` (so every fact has its evidence, as a build makes
it), beside the real ontology and reference data. The documents disagree on purpose: GLACY ends
in 2016-10 (report), 2016-10-31 (summary: the same month, more precisely) and 2016-11 (page: a
real conflict); GLACY+'s budget is 10000000 in one and 10000000.0 in another (the same number).

The tests of this module check the sample itself; the other query tests use
:func:`build_sample` through the ``sample_graph`` fixture.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef
from rdflib import namespace as ns

from cyberkg.ontology import CKG, document_iri, mint

REPORT = "fr_sample_activity_report_2016-2017"
SUMMARY = "fr_sample_glacy_summary"
PAGE = "fr_sample_glacy_page"


def _c(code: str) -> URIRef:
    return mint("country", code)


def _facts(stem: str):
    from cyberkg.loaders.facts import DocumentFacts

    facts = DocumentFacts(document_iri(stem))
    facts.describe(facts.document, ns.RDF.type, CKG.Document)
    return facts


def sample_documents() -> list:
    """The facts of the three sample documents."""
    glacy, plus, iproceeds = mint("project", "GLACY"), mint("project", "GLACY+"), \
        mint("project", "iPROCEEDS")
    octopus = mint("project", "Cybercrime@Octopus")
    budapest = mint("convention", "ets-185")
    coe, eu = mint("organisation", "CoE"), mint("organisation", "EU")
    europol, interpol = mint("organisation", "EUROPOL"), mint("organisation", "INTERPOL")

    report = _facts(REPORT)
    row = "Projet GLACY relatif à l'Action globale sur la cybercriminalité\tnov 2013 – oct 2016"
    report.fact(glacy, CKG.startDate, Literal("2013-11", datatype=ns.XSD.gYearMonth), line=150,
                sentence=row)
    report.fact(glacy, CKG.endDate, Literal("2016-10", datatype=ns.XSD.gYearMonth), line=150,
                sentence=row)
    report.fact(glacy, CKG.budgetEUR, Literal("3350000", datatype=ns.XSD.decimal), line=150,
                sentence=row)
    row = "GLACY+ projet élargi\tmars 2016 – fév 2020\t10 millions d'euros CdE 10%"
    report.fact(plus, CKG.startDate, Literal("2016-03", datatype=ns.XSD.gYearMonth), line=151,
                sentence=row)
    report.fact(plus, CKG.endDate, Literal("2020-02", datatype=ns.XSD.gYearMonth), line=151,
                sentence=row)
    report.fact(plus, CKG.budgetEUR, Literal("10000000", datatype=ns.XSD.decimal), line=151,
                sentence=row)
    report.fact(plus, CKG.coeShare, Literal("0.10", datatype=ns.XSD.decimal), line=151,
                sentence=row)
    report.fact(plus, CKG.fundedBy, eu, line=151, sentence=row)
    report.fact(plus, CKG.fundedBy, coe, line=151, sentence=row)
    report.fact(plus, CKG.implementedBy, coe, line=151, sentence=row)
    row = "Projet iPROCEEDS\tjan 2016 – juin 2019\t5,56 millions d'euros CdE 10%"
    report.fact(iproceeds, CKG.startDate, Literal("2016-01", datatype=ns.XSD.gYearMonth), line=152,
                sentence=row)
    report.fact(iproceeds, CKG.endDate, Literal("2019-06", datatype=ns.XSD.gYearMonth), line=152,
                sentence=row)
    report.fact(iproceeds, CKG.budgetEUR, Literal("5560000", datatype=ns.XSD.decimal), line=152,
                sentence=row)
    report.fact(iproceeds, CKG.fundedBy, eu, line=152, sentence=row)
    sentence = ("Les pays prioritaires étaient l'Ile Maurice, le Maroc, les Philippines, le Sénégal,"
                " l'Afrique du Sud, le Sri Lanka et le Tonga.")
    for code in ("MU", "MA", "PH", "SN", "ZA", "LK", "TO"):
        report.fact(glacy, CKG.priorityCountry, _c(code), line=210, sentence=sentence)
    sentence = "La France, la Roumanie, la Turquie et EUROPOL étaient partenaires du projet."
    for partner in (_c("FR"), _c("RO"), _c("TR"), europol):
        report.fact(glacy, CKG.partner, partner, line=212, sentence=sentence)
    sentence = ("INTERPOL est un partenaire ; au nombre des autres partenaires figurent l'Estonie, "
                "la France, la Roumanie, le Royaume-Uni, les États-Unis et EUROPOL.")
    for partner in (interpol, _c("EE"), _c("FR"), _c("RO"), _c("GB"), _c("US"), europol):
        report.fact(plus, CKG.partner, partner, line=240, sentence=sentence)
    sentence = "Forts de l'expérience du projet GLACY, … le projet élargi GLACY+."
    report.fact(plus, CKG.precededBy, glacy, line=230, sentence=sentence)
    sentence = "La plupart des pays prioritaires du projet GLACY servent désormais de pôles."
    for code in ("MU", "PH", "SN", "LK", "TO", "MA"):
        report.fact(plus, CKG.hubCountry, _c(code), line=243, sentence=sentence)
    sentence = "D'autres pays prioritaires se sont ajoutés (le Ghana, le Cap Vert et le Nigéria)."
    for code in ("GH", "CV", "NG"):
        report.fact(plus, CKG.priorityCountry, _c(code), line=243, sentence=sentence)
    sentence = ("Le projet iPROCEEDS est déployé en Albanie, en Bosnie-Herzégovine, au Monténégro, "
                "en Serbie, dans « l'ex-République yougoslave de Macédoine », en Turquie et au "
                "Kosovo*.")
    for code in ("AL", "BA", "ME", "RS", "MK", "TR", "XK"):
        report.fact(iproceeds, CKG.beneficiaryCountry, _c(code), line=262, sentence=sentence)
    sentence = "sur la base de la Convention de Budapest sur la cybercriminalité"
    for project in (glacy, plus, iproceeds):
        report.fact(project, CKG.relatedConvention, budapest, line=120, sentence=sentence)
    sentence = "L'Ile Maurice, le Sri Lanka et le Tonga sont devenus Parties à la Convention."
    for code in ("MU", "LK", "TO"):
        report.fact(_c(code), CKG.partyTo, budapest, line=215, sentence=sentence)
    sentence = "… invités à adhérer à la Convention (le Cap Vert, le Ghana, le Nigéria, le Burkina Faso)."
    for code in ("CV", "GH", "NG", "BF"):
        report.fact(_c(code), CKG.invitedToAccede, budapest, line=216, sentence=sentence)
    report.entity("project", octopus, "Cybercrime@Octopus")
    report.unresolved("organisation", "Organisation internationale des procureurs", line=250)

    activities = [
        # key, label, start, end, country, city, project, type, line
        ("a1", "Conférence de lancement iPROCEEDS", "2016-06", None, "MK", "Skopje",
         iproceeds, "conference", 300),
        ("a2", "Atelier régional sur la coopération public/privé", "2017-03-15", "2017-03-16",
         "BA", "Sarajevo", iproceeds, "workshop", 301),
        ("a3", "Formation des juges et procureurs", "2017", None, "AL", None, iproceeds,
         "training", 302),
        ("a4", "Conférence régionale d'Afrique de l'Est", "2017-07", None, "MU", "Port-Louis",
         plus, "conference", 303),
        ("a5", "Atelier pour les États membres de la CEDEAO", "2017-09", None, "GH", "Accra",
         plus, "workshop", 304),
        ("a6", "Visite d'évaluation", None, None, "RS", None, iproceeds, "advisory-mission", 305),
        ("a7", "Cours pilote pour les juges", "2015-05", None, "LK", "Colombo", glacy, "training",
         306),
    ]
    for key, label, start, end, code, city, project, kind, line in activities:
        activity = mint("activity", f"{REPORT} {key}")
        report.entity("activity", activity, label, "fr")
        report.fact(activity, CKG.heldIn, _c(code), line=line, sentence=label)
        report.fact(activity, CKG.partOfProject, project, line=line, sentence=label)
        report.fact(activity, CKG.activityType, mint("activity-type", kind), line=line,
                    sentence=label)
        for prop, value in ((CKG.startDate, start), (CKG.endDate, end)):
            if value:
                datatype = {4: ns.XSD.gYear, 7: ns.XSD.gYearMonth}.get(len(value), ns.XSD.date)
                report.fact(activity, prop, Literal(value, datatype=datatype), line=line,
                            sentence=label)
        if city:
            node = report.entity("city", mint("city", city), city)
            report.fact(activity, CKG.city, node, line=line, sentence=label)

    summary = _facts(SUMMARY)
    sentence = "GLACY a démarré en novembre 2013 et s'est achevé le 31 octobre 2016."
    summary.fact(glacy, CKG.startDate, Literal("2013-11", datatype=ns.XSD.gYearMonth), line=4,
                 sentence=sentence)
    summary.fact(glacy, CKG.endDate, Literal("2016-10-31", datatype=ns.XSD.date), line=4,
                 sentence=sentence)
    sentence = "Le projet bénéficie d'un budget de 10 millions d'euros."
    summary.fact(plus, CKG.budgetEUR, Literal("10000000.0", datatype=ns.XSD.decimal), line=9,
                 sentence=sentence)

    page = _facts(PAGE)
    sentence = "Durée : novembre 2013 – novembre 2016"
    page.fact(glacy, CKG.endDate, Literal("2016-11", datatype=ns.XSD.gYearMonth), line=7,
              sentence=sentence)
    page.fact(glacy, CKG.partner, europol, line=8, sentence="Partenaire : EUROPOL")
    return [report, summary, page]


def build_sample(out: Path, documents: list | None = None) -> Path:
    """Write the sample graph (documents, ontology, reference data) as a store in ``out``."""
    import pyoxigraph

    from cyberkg.loaders.background import load_background
    from cyberkg.ontology.store import new_store, to_oxigraph

    quads, _gazetteer = load_background()
    for facts in sample_documents() if documents is None else documents:
        graph = pyoxigraph.NamedNode(str(facts.document))
        quads.extend(pyoxigraph.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)
                     for s, p, o in facts.triples)
    with new_store(out) as store:
        store.extend(quads)
    return out


def sample_trig() -> str:
    """The sample graph as TriG (for the rdflib in-memory store)."""
    import pyoxigraph

    from cyberkg.loaders.background import load_background
    from cyberkg.ontology.store import to_oxigraph

    quads, _gazetteer = load_background()
    for facts in sample_documents():
        graph = pyoxigraph.NamedNode(str(facts.document))
        quads.extend(pyoxigraph.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)
                     for s, p, o in facts.triples)
    return pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG).decode("utf-8")


def test_every_fact_of_the_sample_has_its_evidence() -> None:
    for facts in sample_documents():
        graph = facts.graph
        stated = {(s, p, o) for s, p, o in graph
                  if p not in (ns.RDF.type, CKG.mentions) and str(p).startswith(str(CKG))
                  and p not in (CKG.line, CKG.sentence, CKG.sourceDocument, CKG.surfaceForm,
                                CKG.unresolved)}
        for s, p, o in stated:
            assert any(graph.triples((None, ns.RDF.subject, s))), (s, p, o)


def test_the_sample_uses_only_terms_of_the_ontology() -> None:
    from rdflib import Graph

    from cyberkg.ontology import ontology_files

    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path)
    for facts in sample_documents():
        for _s, p, o in facts.graph:
            if str(p).startswith(str(CKG)):
                assert (p, None, None) in ontology, p
            if p == ns.RDF.type and str(o).startswith(str(CKG)):
                assert (o, None, None) in ontology, o
