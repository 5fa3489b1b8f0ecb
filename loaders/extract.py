"""One document in, its named graph out: the loaders run in turn over a shared :class:`Reading`."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import RDF, XSD, Literal
from rdflib.namespace import DCTERMS

from cyberkg.loaders import activities, projects, statuses
from cyberkg.loaders.facts import DocumentFacts, Triple
from cyberkg.loaders.gazetteer import Gazetteer
from cyberkg.loaders.reading import Reading
from cyberkg.loaders.text import DocumentText
from cyberkg.ontology import CKG, document_iri


def extract(doc: DocumentText, gazetteer: Gazetteer, *,
            sink: Callable[[list[Triple]], None] | None = None) -> DocumentFacts:
    """Every fact ``doc`` states, in its own named graph, with evidence for each; ``sink``, if
    given, has every triple as the document is read (:class:`DocumentFacts`), all by the end."""
    facts = DocumentFacts(document_iri(doc.stem), sink=sink)
    node = facts.document
    facts.describe(node, RDF.type, CKG.Document)
    facts.describe(node, DCTERMS.title, Literal(doc.title))
    for language in doc.languages or (doc.language,):
        facts.describe(node, DCTERMS.language, Literal(language, datatype=XSD.language))
    facts.describe(node, CKG.sha256, Literal(doc.sha256))
    facts.describe(node, DCTERMS.source, Literal(doc.source))
    for line, message in getattr(doc, "warnings", ()):  # what reading the file noticed
        facts.warn(line, message)
    reading = Reading(doc=doc, gazetteer=gazetteer, facts=facts)
    projects.read(reading)
    activities.read(reading)
    statuses.read(reading)
    if facts.facts == 0:
        facts.warn(0, "nothing recognised: the document holds no fact the loaders can read")
    facts.hand_on()
    return facts
