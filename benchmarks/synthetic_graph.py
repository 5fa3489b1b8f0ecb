"""A synthetic graph shaped like a cyberkg build, of about N triples, for the query benchmark.

The shape follows what the build writes (see loaders/facts.py): reference data (countries with
English and French names and ISO codes, organisations, conventions, regions with their member
countries, activity types) in ``id/graph/reference``; documents, each a named graph holding its
facts and, for every fact, a ckg:Evidence node (subject, predicate, object, source document,
line, sentence); projects with dates, budgets, CoE shares, beneficiary/priority/hub countries
(the sub-properties also stated as ckg:beneficiaryCountry), partners, donors, conventions,
regions and predecessors (with the inverse ckg:followedBy); activities with a title in French or
English, a type, dates at mixed precision, a country, a city and one or two projects; convention
statuses; and a few unresolved names.

    python benchmarks/synthetic_graph.py 100000 /tmp/synthetic.nq
"""

from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

import pyoxigraph as ox

ID = "https://w3id.org/cyberkg/id/"
CKG = "https://w3id.org/cyberkg#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
TYPES = ["workshop", "training", "training-of-trainers", "conference", "advisory-mission",
         "assessment-mission", "study-visit", "meeting", "plenary", "desk-study", "exercise",
         "participation", "other"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(value: str, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=n(XSD + datatype))
    return ox.Literal(value)


TYPE = n(RDF + "type")


class Builder:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.quads: list[ox.Quad] = []
        self.reference = n(ID + "graph/reference")

    def ref(self, s: ox.NamedNode, p: str, o: object) -> None:
        self.quads.append(ox.Quad(s, n(p), o, self.reference))  # type: ignore[arg-type]

    def fact(self, doc: ox.NamedNode, line: int, s: ox.NamedNode, p: str, o: object,
             sentence: str) -> None:
        """A fact and its evidence, in the document's graph (as DocumentFacts.fact writes it)."""
        predicate = n(p)
        self.quads.append(ox.Quad(s, predicate, o, doc))  # type: ignore[arg-type]
        digest = hashlib.sha1(f"{doc}{line}{s}{p}{o}".encode()).hexdigest()[:16]
        evidence = n(f"{ID}evidence/{doc.value.rsplit('/', 1)[1]}-{digest}")
        for pp, oo in ((TYPE, n(CKG + "Evidence")), (n(RDF + "subject"), s),
                       (n(RDF + "predicate"), predicate), (n(RDF + "object"), o),
                       (n(CKG + "sourceDocument"), doc), (n(CKG + "line"), lit(str(line), "integer")),
                       (n(CKG + "sentence"), lit(sentence))):
            self.quads.append(ox.Quad(evidence, pp, oo, doc))  # type: ignore[arg-type]

    def date(self, year: int, precision: str | None = None) -> ox.Literal:
        month, day = self.random.randint(1, 12), self.random.randint(1, 28)
        precision = precision or self.random.choices(["date", "month", "year"], [8, 3, 1])[0]
        if precision == "date":
            return lit(f"{year}-{month:02d}-{day:02d}", "date")
        if precision == "month":
            return lit(f"{year}-{month:02d}", "gYearMonth")
        return lit(str(year), "gYear")


def generate(target: int, seed: int = 7) -> list[ox.Quad]:
    """About ``target`` quads shaped like a cyberkg build."""
    b = Builder(seed)
    r = b.random
    activities_count = max(50, target // 50)
    projects_count = max(10, activities_count // 100)
    documents_count = max(5, activities_count // 50)

    countries = []
    for i in range(250):
        code = LETTERS[i // 26] + LETTERS[i % 26]
        country = n(f"{ID}country/{code}")
        countries.append(country)
        b.ref(country, RDF + "type", n(CKG + "Country"))
        b.ref(country, CKG + "iso2", lit(code))
        b.ref(country, CKG + "iso3", lit(code + "X"))
        for lang, name in (("en", f"Country {code}"), ("fr", f"Pays {code}")):
            b.ref(country, RDFS + "label", lit(name, lang=lang))
            b.ref(country, SKOS + "prefLabel", lit(name, lang=lang))
        b.ref(country, SKOS + "altLabel", lit(f"Republic of {code}", lang="en"))
    regions = []
    for i in range(15):
        region = n(f"{ID}region/region-{i}")
        regions.append(region)
        b.ref(region, RDF + "type", n(CKG + "Region"))
        b.ref(region, RDFS + "label", lit(f"Region {i}", lang="en"))
        b.ref(region, RDFS + "label", lit(f"Région {i}", lang="fr"))
        for country in r.sample(countries, 10):
            b.ref(region, CKG + "memberCountry", country)
    conventions = []
    for number in (185, 189, 198, 108, 201, 141, 196, 197, 210, 224, 223, 225, 226, 227):
        convention = n(f"{ID}convention/ets-{number}")
        conventions.append(convention)
        b.ref(convention, RDF + "type", n(CKG + "Convention"))
        b.ref(convention, CKG + "etsNumber", lit(str(number), "integer"))
        b.ref(convention, RDFS + "label", lit(f"Convention {number}", lang="en"))
        b.ref(convention, RDFS + "label", lit(f"Convention {number}", lang="fr"))
    organisations = []
    for i in range(300):
        organisation = n(f"{ID}organisation/org-{i}")
        organisations.append(organisation)
        b.ref(organisation, RDF + "type", n(CKG + "Organisation"))
        b.ref(organisation, CKG + "acronym", lit(f"ORG{i}"))
        b.ref(organisation, RDFS + "label", lit(f"Organisation {i}", lang="en"))
        b.ref(organisation, RDFS + "label", lit(f"Organisation {i} (fr)", lang="fr"))
    for kind in TYPES:
        concept = n(f"{ID}activity-type/{kind}")
        b.ref(concept, RDF + "type", n(CKG + "ActivityType"))
        b.ref(concept, SKOS + "prefLabel", lit(kind.replace("-", " "), lang="en"))
    cities = []
    for i in range(1000):
        city = n(f"{ID}city/city-{i}")
        cities.append((city, r.choice(countries)))
    projects = []
    for i in range(projects_count):
        project = n(f"{ID}project/p{i:04d}")
        projects.append(project)
        b.ref(project, RDF + "type", n(CKG + "Project"))
        b.ref(project, CKG + "acronym", lit(f"P{i:04d}"))
        b.ref(project, RDFS + "label", lit(f"Project {i}", lang="en"))
        b.ref(project, RDFS + "label", lit(f"Projet {i}", lang="fr"))

    documents = [n(f"{ID}document/doc-{i:05d}") for i in range(documents_count)]
    lines = {doc.value: 0 for doc in documents}

    def line_of(doc: ox.NamedNode) -> int:
        lines[doc.value] += 1
        return lines[doc.value]

    for doc in documents:
        b.quads.append(ox.Quad(doc, TYPE, n(CKG + "Document"), doc))
        b.quads.append(ox.Quad(doc, n(DCT + "title"), lit(f"Document {doc.value[-5:]}"), doc))

    for index, project in enumerate(projects):
        doc = documents[index % len(documents)]
        say = f"Le projet P{index:04d} …"
        start = r.randint(2006, 2022)
        b.fact(doc, line_of(doc), project, CKG + "startDate", b.date(start, "month"), say)
        b.fact(doc, line_of(doc), project, CKG + "endDate", b.date(start + r.randint(1, 5), "month"), say)
        if r.random() < 0.85:
            b.fact(doc, line_of(doc), project, CKG + "budgetEUR",
                   lit(str(r.randint(5, 200) * 50_000), "decimal"), say)
            b.fact(doc, line_of(doc), project, CKG + "coeShare", lit("0.1", "decimal"), say)
        if r.random() < 0.1:  # another document disagrees on the end date
            other = documents[(index + 1) % len(documents)]
            b.fact(other, line_of(other), project, CKG + "endDate",
                   b.date(start + r.randint(1, 5), "month"), say)
        served = r.sample(countries, r.randint(8, 30))
        for position, country in enumerate(served):
            role = "hubCountry" if position < 2 else "priorityCountry" if position < 5 else None
            if role:
                b.fact(doc, line_of(doc), project, CKG + role, country, say)
            b.fact(doc, line_of(doc), project, CKG + "beneficiaryCountry", country, say)
        for partner in r.sample(organisations, r.randint(3, 8)) + r.sample(countries, r.randint(0, 3)):
            b.fact(doc, line_of(doc), project, CKG + "partner", partner, say)
        for donor in r.sample(organisations[:20], r.randint(1, 3)):
            b.fact(doc, line_of(doc), project, CKG + "fundedBy", donor, say)
        b.fact(doc, line_of(doc), project, CKG + "implementedBy", organisations[0], say)
        for convention in r.sample(conventions[:5], r.randint(1, 2)):
            b.fact(doc, line_of(doc), project, CKG + "relatedConvention", convention, say)
        for region in r.sample(regions, r.randint(0, 2)):
            b.fact(doc, line_of(doc), project, CKG + "region", region, say)
        if index and r.random() < 0.3:
            earlier = projects[r.randrange(index)]
            b.fact(doc, line_of(doc), project, CKG + "precededBy", earlier, say)
            b.fact(doc, line_of(doc), earlier, CKG + "followedBy", project, say)

    for i, country in enumerate(countries):
        doc = documents[i % len(documents)]
        if i % 3 == 0:
            b.fact(doc, line_of(doc), country, CKG + "partyTo", conventions[0], "… Parties …")
        elif i % 17 == 0:
            b.fact(doc, line_of(doc), country, CKG + "signatoryOf", conventions[0], "… signé …")
        elif i % 11 == 0:
            b.fact(doc, line_of(doc), country, CKG + "invitedToAccede", conventions[0], "… invité …")

    for i in range(activities_count):
        doc = documents[r.randrange(len(documents))]
        activity = n(f"{ID}activity/a{i:07d}")
        line = line_of(doc)
        lang = r.choice(["fr", "en"])
        title = f"Atelier {i} sur la cybercriminalité" if lang == "fr" else f"Workshop {i} on cybercrime"
        b.quads.append(ox.Quad(activity, TYPE, n(CKG + "Activity"), doc))
        b.quads.append(ox.Quad(activity, n(DCT + "title"), lit(title, lang=lang), doc))
        b.quads.append(ox.Quad(doc, n(CKG + "mentions"), activity, doc))
        city, country = cities[r.randrange(len(cities))]
        project = projects[r.randrange(len(projects))]
        year = r.randint(2010, 2024)
        start = b.date(year)
        b.fact(doc, line, activity, CKG + "startDate", start, title)
        if r.random() < 0.5 and start.datatype.value == XSD + "date":
            b.fact(doc, line, activity, CKG + "endDate", start, title)
        b.fact(doc, line, activity, CKG + "heldIn", country, title)
        b.fact(doc, line, activity, CKG + "city", city, title)
        b.fact(doc, line, activity, CKG + "activityType", n(f"{ID}activity-type/{r.choice(TYPES)}"), title)
        b.fact(doc, line, activity, CKG + "partOfProject", project, title)
        if r.random() < 0.1:
            b.fact(doc, line, activity, CKG + "partOfProject", projects[r.randrange(len(projects))], title)

    for i in range(max(5, activities_count // 200)):
        doc = documents[i % len(documents)]
        node = n(f"{ID}organisation/unknown-body-{i}")
        for p, o in ((TYPE, n(CKG + "Organisation")), (n(RDFS + "label"), lit(f"Unknown body {i}")),
                     (n(CKG + "surfaceForm"), lit(f"Unknown body {i}")),
                     (n(CKG + "unresolved"), lit("true", "boolean"))):
            b.quads.append(ox.Quad(node, p, o, doc))
    return b.quads


def parameters() -> dict[str, str]:
    """Values of the named queries' parameters that the synthetic graph holds (IRIs given as IRIs:
    resolving a name is not part of a query's latency)."""
    return {
        "project": f"{ID}project/p0007", "country": f"{ID}country/AK",
        "convention": f"{ID}convention/ets-185", "entity": f"{ID}project/p0007",
        "organisation": f"{ID}organisation/org-3", "from": "2016-10", "to": "2017-09",
        "since": "2020", "name": "P0007", "slug": "p0007", "class": CKG + "Convention",
        "iri": f"{ID}project/p0007",
    }


if __name__ == "__main__":
    count, path = int(sys.argv[1]), Path(sys.argv[2])
    quads = generate(count)
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    print(f"{len(quads)} quads in {path}")
