"""Activities: what a project did, where and when, from the activity lists of any document.

The rows are found by :mod:`cyberkg.loaders.activity_rows` (tables, bullet lists, datelines); each
becomes one ckg:Activity with its title, projects, country, cities, dates and type, every fact
with the row's first line and text as evidence (for a title line dated by a dateline below it, the
place and dates cite the dateline).

Identity: an activity is the same node in every document and language that states it. A row that
gives its kind, its place, the day it starts and known projects is ``mint("activity", "<kind>
<city> <country> <start day> <projects>")`` (``activity:workshop-bucharest-ro-2016-12-12-
iproceeds``): the French "Atelier … Bucarest, Roumanie, 12-13 décembre 2016" and the English
"Workshop … Bucharest, 12-13 December 2016" of iPROCEEDS are one node with two titles, and an end
date the two documents disagree on is a conflict (``cyberkg conflicts``). Where one document has two
such rows alike (two workshops in one city on one day), or a row states less, the row is
``mint("activity", "<title> | <start date> | <country>")``, with the title as written minus a
leading project prefix (``GLACY+: …``): the same row in two editions of a report is still one node.
Without a date the document's stem is added, so two undated rows with a common title (``Steering
Committee meeting``) stay apart. Line numbers, which change between editions, play no part.

An activity belongs to the projects its row names (a cell of tags, a ``GLACY+:`` prefix), else to
those its title names, else to the one project the document names, if it names only one; a row
with no project at all is not stated (a warning says so).

A city named without a country takes the country the same document gives it elsewhere
(``Bucarest, Roumanie``), else the country the title places the activity in (``… au Liban,
Beyrouth``). A city is then looked up among the reference cities (:mod:`cyberkg.loaders.cities`):
one its name names in that country, or, with no country, in the whole table, is that city in every
document and language ("Bucarest" and "Bucharest" are ``city:bucharest-ro``), with its English and
French names and, when the document gives no country, the country the reference data gives it (and
the activity's ckg:heldIn, from the first city). A city the reference data does not know, or names
ambiguously, is ``mint("city", "<name> <ISO2>")`` as written, or ``<name>`` alone with no country
known: nothing is guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from rdflib import RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS

from cyberkg.loaders import names
from cyberkg.loaders.activity_rows import Row, RowReader, rows
from cyberkg.loaders.activity_types import activity_types
from cyberkg.loaders.cities import Cities, City, reference_cities
from cyberkg.loaders.dates import find_invalid_dates
from cyberkg.loaders.gazetteer import Entry, Gazetteer
from cyberkg.loaders.reading import Reading
from cyberkg.ontology import CKG, entity_key, mint

_LOCATIVE = frozenset({"au", "aux", "en", "in", "à", "a"})
_EN = frozenset("the of and on for in with to by from at an workshop training meeting meetings "
                "conference course support development international regional national assessment "
                "study visit cooperation activities programme program law enforcement judges "
                "prosecutors evidence cybercrime electronic online crime proceeds strategy "
                "strengthening capacity building investigations".split())
_FR = frozenset("le la les des du de et sur pour dans avec au aux à un une l d en atelier "
                "formation réunion conférence cours soutien développement régional régionale "
                "national nationale évaluation étude visite coopération activités programme juges "
                "procureurs preuve électronique cybercriminalité criminalité ligne stratégie "
                "renforcement capacités enquêtes mission conseil".split())
_WORD = re.compile(r"[^\W\d_]+")


def read(reading: Reading) -> None:
    """State every activity the document lists (see the module docstring)."""
    types = activity_types()
    kinds: dict[str, URIRef] = {}  # each title is classified once, for the rows and the facts

    def kind(title: str) -> URIRef:
        if title not in kinds:
            kinds[title] = types.classify(title)
        return kinds[title]

    reader = RowReader(reading.gazetteer)
    found = list(rows(reading.doc.lines, reader, lambda title: kind(title) != types.other))
    known_cities = _cities_with_countries(found)
    # The reference cities are read when a document first names a city, and looked up once here.
    cities = reference_cities() if any(row.place.cities for row in found) else None
    stated = [_stated_country(reading, row, known_cities) for row in found]
    identities = [_identity(reading, row, kind(row.title), country, cities, types.other)
                  for row, country in zip(found, stated, strict=True)]
    repeated = {key for key, count in Counter(identities).items() if count > 1}
    for row, country, identity in zip(found, stated, identities, strict=True):
        _state(reading, row, kind, known_cities, cities, country,
               identity if identity not in repeated else None)


def _identity(reading: Reading, row: Row, kind: URIRef, country: Entry | None,
              cities: Cities | None, other: URIRef) -> str | None:
    """What makes an activity the same in every document and language: its kind, its place (the
    reference city, else the city as written, and the country), the day it starts and its known
    projects (``workshop bucharest-ro 2016-12-12 iproceeds``); None when the row states less
    than that (no day, no place, a kind or a project not known)."""
    span = row.span
    if span is None or span[0].day is None or kind == other:
        return None
    city = row.place.cities[0] if row.place.cities else None
    code = _code(country.iri) if country is not None else None
    found = cities.resolve(city, code) if cities is not None and city is not None else None
    if found is not None:
        place = [_code(found.iri)]  # its slug names its country (``bucharest-ro``)
    elif code is not None:
        place = [entity_key(city), code] if city is not None else [code]
    else:
        return None
    projects = [names.lookup_project(reading, name) for name in _unique(row.projects)]
    if not projects or None in projects:
        return None
    return " ".join([_code(kind), *place, str(span[0]),
                     *sorted(_code(project) for project in projects)])  # type: ignore[arg-type]


def _stated_country(reading: Reading, row: Row, known_cities: dict[str, Entry]) -> Entry | None:
    """The country the document gives the row: on the row, with its city elsewhere, or in its
    title (None: it gives none)."""
    stated = row.place.country
    if stated is None and row.place.cities:
        stated = known_cities.get(entity_key(row.place.cities[0])) or _locative_country(
            reading.gazetteer, row.title)
    return stated


def _cities_with_countries(found: list[Row]) -> dict[str, Entry]:
    """The cities the document names with their country somewhere (``Bucarest, Roumanie``)."""
    known: dict[str, Entry] = {}
    for row in found:
        if row.place.country is not None:
            for city in row.place.cities:
                known.setdefault(entity_key(city), row.place.country)
    return known


def _state(reading: Reading, row: Row, kind: Callable[[str], URIRef],
           known_cities: dict[str, Entry], cities: Cities | None, stated: Entry | None,
           identity: str | None) -> None:
    """State the activity of ``row``; ``stated``: the country the document gives it (None: it
    gives none); ``identity``: its key in every document, if it has one."""
    facts = reading.facts
    line, sentence = row.line, row.text
    place_line = row.date_line if row.date_line is not None else row.line
    place_sentence = row.date_text if row.date_text is not None else row.text
    for bad in find_invalid_dates(place_sentence,
                                  default_year=row.heading.date.year if row.heading else None):
        facts.warn(place_line, f"not a date: {bad.text!r} ({bad.reason})")
    projects = [names.project(reading, name, line=line) for name in _unique(row.projects)]
    if not projects:
        projects = [mention.entry.iri for mention in
                    reading.gazetteer.find(row.title, kinds={"project"})]
        for iri in projects:
            facts.entity("project", iri)
    if not projects and len(set(reading.projects.values())) == 1:
        projects = list(set(reading.projects.values()))  # the one project the document is about
    if not projects:
        facts.warn(line, f"an activity without a project is not stated: {row.title!r}")
        return
    country, from_reference = stated, False
    if country is None and cities is not None and row.place.cities:
        first = cities.resolve(row.place.cities[0])
        if first is not None:  # the city's country is known from the reference data
            country, from_reference = Entry(mint("country", first.country), "country"), True
    span = row.span
    start, end = (span if span is not None else (None, None))
    if identity is not None:  # the same activity in every document that states it
        activity = facts.entity("activity", mint("activity", identity))
    else:  # this document's row: its title, its start (or the document) and its country
        key_parts = [row.title, str(start) if start is not None else reading.doc.stem]
        if country is not None:
            key_parts.append(_code(country.iri))
        activity = facts.entity("activity", mint("activity", " | ".join(key_parts)))
    lang = _language(row.title, reading.language)
    facts.fact(activity, DCTERMS.title, Literal(row.title, lang=lang), line=line, sentence=sentence)
    for project in projects:
        facts.fact(activity, CKG.partOfProject, project, line=line, sentence=sentence)
    facts.fact(activity, CKG.activityType, kind(row.title), line=line, sentence=sentence)
    if country is not None:
        if not from_reference:
            facts.entity("country", country.iri)
        facts.fact(activity, CKG.heldIn, country.iri, line=place_line, sentence=place_sentence)
    for city in row.place.cities:
        city_country = row.place.country or known_cities.get(entity_key(city)) or stated
        node = _city(reading, cities, city, city_country, place_line, place_sentence)
        facts.fact(activity, CKG.city, node, line=place_line, sentence=place_sentence)
    if start is not None:
        date_line, date_sentence = place_line, place_sentence
        if not row.dates and row.heading is not None:  # the month heading above the row dates it
            date_line, date_sentence = row.heading.line, row.heading.text
        last = end if end is not None else start
        for predicate, value in ((CKG.startDate, start), (CKG.endDate, last)):
            facts.fact(activity, predicate, value.literal(), line=date_line, sentence=date_sentence)


def _city(reading: Reading, cities: Cities | None, name: str, country: Entry | None, line: int,
          sentence: str) -> URIRef:
    """The node of the city ``name``, in ``country`` when the document gives one."""
    code = _code(country.iri) if country is not None else None
    found = cities.resolve(name, code) if cities is not None else None
    if found is not None:
        return _reference_city(reading, found, name, country, line, sentence)
    key = f"{name} {code}" if code is not None else name
    node = reading.facts.entity("city", mint("city", key), name, reading.language)
    if country is not None:
        reading.facts.fact(node, CKG.inCountry, country.iri, line=line, sentence=sentence)
    return node


def _reference_city(reading: Reading, city: City, name: str, country: Entry | None, line: int,
                    sentence: str) -> URIRef:
    """A reference city in the document's graph: its names, its country, the name as written."""
    facts = reading.facts
    node = facts.entity("city", city.iri)
    for label in city.labels:
        facts.describe(node, RDFS.label, label)
        facts.describe(node, SKOS.prefLabel, label)
    if not city.is_labelled(entity_key(name)):
        facts.alt_label(node, name, reading.language)
    if country is not None:
        facts.fact(node, CKG.inCountry, country.iri, line=line, sentence=sentence)
    else:
        facts.describe(node, CKG.inCountry, mint("country", city.country))
    return node


def _locative_country(gazetteer: Gazetteer, title: str) -> Entry | None:
    """The one country a title places something in (``… au Liban``), or None."""
    found = []
    for mention in gazetteer.find(title, kinds={"country"}):
        before = title[:mention.start].split()
        if before and before[-1].casefold() in _LOCATIVE and mention.entry not in found:
            found.append(mention.entry)
    return found[0] if len(found) == 1 else None


def _code(country: URIRef) -> str:
    return str(country).rsplit("/", 1)[-1]


def _unique(surfaces: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for surface in surfaces:
        seen.setdefault(entity_key(surface), surface)
    return list(seen.values())


def _language(title: str, default: str) -> str:
    """``en`` or ``fr`` for a title, by its common words; the document's language on a tie."""
    tokens = [word.casefold() for word in _WORD.findall(title)]
    english = sum(word in _EN for word in tokens)
    french = sum(word in _FR for word in tokens)
    if english == french:
        return default
    return "en" if english > french else "fr"
