"""The ckg: terms. Generated from cyberkg.ttl by generate_namespace.py: do not edit by hand."""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class CKG(DefinedNamespace):
    """https://w3id.org/cyberkg# — a mistyped term raises AttributeError at once."""

    _NS = Namespace("https://w3id.org/cyberkg#")
    _fail = True

    # classes
    Activity: URIRef
    ActivityType: URIRef
    City: URIRef
    Convention: URIRef
    Country: URIRef
    Document: URIRef
    Evidence: URIRef
    Organisation: URIRef
    Project: URIRef
    Region: URIRef

    # properties
    acronym: URIRef
    activityType: URIRef
    beneficiaryCountry: URIRef
    budgetEUR: URIRef
    city: URIRef
    coeShare: URIRef
    endDate: URIRef
    etsNumber: URIRef
    followedBy: URIRef
    fundedBy: URIRef
    heldIn: URIRef
    hubCountry: URIRef
    implementedBy: URIRef
    inCountry: URIRef
    invitedToAccede: URIRef
    iso2: URIRef
    iso3: URIRef
    line: URIRef
    memberCountry: URIRef
    mentions: URIRef
    partOfProject: URIRef
    partner: URIRef
    partyTo: URIRef
    precededBy: URIRef
    priorityCountry: URIRef
    region: URIRef
    relatedConvention: URIRef
    sentence: URIRef
    sha256: URIRef
    signatoryOf: URIRef
    sourceDocument: URIRef
    startDate: URIRef
    surfaceForm: URIRef
    unresolved: URIRef
