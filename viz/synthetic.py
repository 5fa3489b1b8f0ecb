"""Graphs shaped like cyberkg's, made up for tests and benchmarks (never read from a document).

:class:`GraphMaker` writes reference entries and per-document facts the way the build does (the
loaders' :class:`~cyberkg.loaders.facts.DocumentFacts`, so each fact has its evidence) and hands
back an rdflib ``Dataset`` over an in-memory Oxigraph store, as ``open_dataset`` does for a built
graph. :func:`synthetic_graph` fills one with about ``nodes`` nodes: projects with dates, budgets,
countries, partners, donors, conventions and regions, and their activities in cities.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.ontology import CKG, ONTOLOGY_GRAPH, REFERENCE_GRAPH, document_iri, mint
from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

if TYPE_CHECKING:
    import pyoxigraph
    from cyberkg.loaders.facts import DocumentFacts
    from rdflib import Dataset


@dataclass
class GraphMaker:
    """Reference entries and documents, turned into a dataset like a built graph."""

    reference: list[tuple[Node, Node, Node]] = field(default_factory=list)
    documents: list[DocumentFacts] = field(default_factory=list)

    def _named(self, kind: str, key: str, english: str | None, french: str | None,
               cls: URIRef) -> URIRef:
        iri = mint(kind, key)
        self.reference.append((iri, RDF.type, cls))
        for text, lang in ((english, "en"), (french, "fr")):
            if text:
                self.reference.append((iri, RDFS.label, Literal(text, lang=lang)))
        return iri

    def country(self, code: str, english: str, french: str) -> URIRef:
        iri = self._named("country", code, english, french, CKG.Country)
        self.reference.append((iri, CKG.iso2, Literal(code)))
        return iri

    def region(self, english: str, french: str, members: tuple[URIRef, ...] = ()) -> URIRef:
        iri = self._named("region", english, english, french, CKG.Region)
        self.reference.extend((iri, CKG.memberCountry, member) for member in members)
        return iri

    def organisation(self, key: str, english: str, french: str | None = None,
                     acronym: str | None = None) -> URIRef:
        iri = self._named("organisation", key, english, french, CKG.Organisation)
        if acronym:
            self.reference.append((iri, CKG.acronym, Literal(acronym)))
        return iri

    def convention(self, number: int, english: str, french: str) -> URIRef:
        iri = self._named("convention", f"ets-{number}", english, french, CKG.Convention)
        self.reference.append((iri, CKG.etsNumber, Literal(number, datatype=XSD.integer)))
        self.reference.append((iri, SKOS.notation, Literal(f"ETS {number}")))
        return iri

    def project(self, key: str, english: str, french: str | None = None,
                acronym: str | None = None) -> URIRef:
        iri = self._named("project", key, english, french, CKG.Project)
        if acronym:
            self.reference.append((iri, CKG.acronym, Literal(acronym)))
        return iri

    def activity_type(self, key: str) -> URIRef:
        """A concept of the ontology's activity-type scheme (``workshop``, ``training``…)."""
        return mint("activity-type", key)

    def document(self, stem: str, title: str, lang: str = "fr") -> DocumentFacts:
        """A new document's facts, described as the build describes a document."""
        from cyberkg.loaders.facts import DocumentFacts

        facts = DocumentFacts(document_iri(stem))
        facts.describe(facts.document, RDF.type, CKG.Document)
        facts.describe(facts.document, DCTERMS.title, Literal(title))
        facts.describe(facts.document, DCTERMS.language, Literal(lang, datatype=XSD.language))
        self.documents.append(facts)
        return facts

    def quads(self) -> list[tuple[Node, Node, Node, URIRef]]:
        quads = [(s, p, o, REFERENCE_GRAPH) for s, p, o in self.reference]
        for facts in self.documents:
            quads.extend((s, p, o, facts.document) for s, p, o in facts.triples)
        return quads

    def _fill(self, store: pyoxigraph.Store) -> None:
        import pyoxigraph
        from cyberkg.ontology import ontology_files
        from cyberkg.ontology.store import to_oxigraph

        ontology = pyoxigraph.NamedNode(str(ONTOLOGY_GRAPH))
        for path in ontology_files():
            store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, ontology)
                         for t in pyoxigraph.parse(path=str(path),
                                                   format=pyoxigraph.RdfFormat.TURTLE))
        store.extend(pyoxigraph.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o),
                                     to_oxigraph(g))  # type: ignore[arg-type]
                     for s, p, o, g in self.quads())

    def dataset(self) -> Dataset:
        """The graph as ``open_dataset`` gives a built one: Oxigraph, default graph = union."""
        import pyoxigraph
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        store = pyoxigraph.Store()
        self._fill(store)
        return Dataset(store=OxigraphStore(store=store), default_union=True)

    def write(self, directory: Path) -> Path:
        """The graph as a built graph folder (``directory/store``), for the commands to open."""
        from cyberkg.ontology.store import new_store

        with new_store(directory) as store:
            self._fill(store)
        return directory


_ACCENTED = (("BA", "Bosnia and Herzegovina", "Bosnie-Herzégovine"),
             ("CI", "Côte d'Ivoire", "Côte d'Ivoire"),
             ("MD", "Republic of Moldova", "Moldova, République de"),
             ("TR", "Türkiye", "Türkiye"),
             ("GH", "Ghana", "Ghana"))
_TYPES = ("workshop", "training", "advisory-mission", "conference")


def _code(index: int) -> str:
    """A made-up two-letter code, never one of the named countries above."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    index += 26 * 26 - 250  # from "JK" on: clear of BA, CI, GH and MD
    return letters[(index // 26) % 26] + letters[index % 26]


def synthetic_graph(nodes: int, *, seed: int = 0) -> GraphMaker:
    """About ``nodes`` nodes shaped like cyberkg's: ~2 % projects, ~70 % activities, the rest
    countries, organisations, cities, conventions and regions, spread over several documents."""
    rng = random.Random(seed)
    maker = GraphMaker()
    n_projects = max(2, nodes // 50)
    n_countries = max(6, min(200, nodes // 12))
    n_organisations = max(3, nodes // 25)
    n_cities = max(3, nodes // 15)
    n_regions = max(2, min(12, nodes // 100))
    n_activities = max(0, nodes - n_projects - n_countries - n_organisations - n_cities
                       - n_regions - 6)

    countries = []
    for index in range(n_countries):
        if index < len(_ACCENTED):
            code, english, french = _ACCENTED[index]
        else:
            code = _code(index)
            english, french = f"Country {code}", f"Pays {code}"
        countries.append(maker.country(code, english, french))
    regions = []
    for index in range(n_regions):
        members = tuple(rng.sample(countries, k=min(len(countries), rng.randint(4, 15))))
        regions.append(maker.region(f"Region {index}", f"Région {index}", members))
    organisations = [maker.organisation(f"org-{i}", f"Organisation {i}", f"Organisation {i}",
                                        acronym=f"ORG{i}") for i in range(n_organisations)]
    conventions = [maker.convention(n, f"Convention no. {n}", f"Convention n° {n}")
                   for n in (185, 189, 198, 108, 201, 224)]
    types = [maker.activity_type(key) for key in _TYPES]
    cities = [(mint("city", f"city-{i}"), rng.choice(countries)) for i in range(n_cities)]
    projects = [maker.project(f"P{i}", f"Project {i} on cybercrime",
                              f"Projet {i} sur la cybercriminalité", acronym=f"P{i}")
                for i in range(n_projects)]

    per_document = max(1, n_projects // max(1, nodes // 200 or 1))
    activities_left = n_activities
    for index, project in enumerate(projects):
        if index % per_document == 0:
            doc = maker.document(f"synthetic-{index // per_document}",
                                 f"Rapport d'activité {index // per_document}")
        line = 1 + index * 100
        doc.entity("project", project, f"Projet {index}", "fr")
        first = 2010 + rng.randint(0, 10)
        say = f"Le projet P{index} commence en {first}."
        doc.fact(project, CKG.startDate, Literal(str(first), datatype=XSD.gYear), line=line,
                 sentence=say)
        doc.fact(project, CKG.endDate, Literal(str(first + rng.randint(2, 6)), datatype=XSD.gYear),
                 line=line, sentence=say)
        doc.fact(project, CKG.budgetEUR,
                 Literal(str(rng.randint(5, 400) * 50_000), datatype=XSD.decimal),
                 line=line + 1, sentence=f"Budget du projet P{index}.")
        served = rng.sample(countries, k=min(len(countries), rng.randint(3, 20)))
        for country in served:
            prop = CKG.priorityCountry if rng.random() < 0.3 else CKG.beneficiaryCountry
            doc.entity("country", country)
            doc.fact(project, prop, country, line=line + 2, sentence="Pays bénéficiaires.")
        for partner in rng.sample(organisations, k=min(len(organisations), rng.randint(1, 5))):
            doc.entity("organisation", partner)
            prop = rng.choice((CKG.partner, CKG.partner, CKG.fundedBy, CKG.implementedBy))
            doc.fact(project, prop, partner, line=line + 3, sentence="Partenaires.")
        for convention in rng.sample(conventions, k=rng.randint(1, 3)):
            doc.entity("convention", convention)
            doc.fact(project, CKG.relatedConvention, convention, line=line + 4,
                     sentence="Conventions.")
        region = rng.choice(regions)
        doc.entity("region", region)
        doc.fact(project, CKG.region, region, line=line + 5, sentence="Région.")
        if index and rng.random() < 0.3:
            doc.fact(project, CKG.precededBy, projects[index - 1], line=line + 6,
                     sentence="Suite du projet précédent.")
        share = activities_left // (n_projects - index)
        activities_left -= share
        for number in range(share):
            activity = mint("activity", f"P{index}-{number}")
            city, country = rng.choice(cities)
            kind = rng.choice(types)
            doc.entity("activity", activity, f"Activité {number} du projet P{index}", "fr")
            at = line + 10 + number
            sentence = f"Activité {number} du projet P{index}."
            doc.fact(activity, CKG.partOfProject, project, line=at, sentence=sentence)
            doc.fact(activity, CKG.heldIn, country, line=at, sentence=sentence)
            doc.entity("city", city, f"Ville {str(city).rsplit('-', 1)[-1]}", "fr")
            doc.fact(activity, CKG.city, city, line=at, sentence=sentence)
            doc.describe(city, CKG.inCountry, country)
            doc.describe(activity, CKG.activityType, kind)
            day = f"{first + rng.randint(0, 4)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            doc.fact(activity, CKG.startDate, Literal(day, datatype=XSD.date), line=at,
                     sentence=sentence)
    return maker
