"""Minting instance IRIs: the one place where a name becomes https://w3id.org/cyberkg/id/<kind>/<slug>.

Slugs are readable and stable across runs: ``GLACY+`` -> ``glacy-plus``, ``Cybercrime@EAP II`` ->
``cybercrime-at-eap-ii``, ``ETS 185`` -> ``ets-185``. Two keys get the same IRI exactly when
:func:`entity_key` says they name the same thing (case, accents, spacing and punctuation aside);
a key whose letters would be lost by the ASCII folding (Arabic, Cyrillic…) keeps a short hash so
that it never collides with another.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

ID_BASE = "https://w3id.org/cyberkg/id/"

KINDS = frozenset({
    "project", "activity", "country", "organisation", "convention", "region", "city",
    "document", "activity-type", "evidence", "graph",
})

_SYMBOLS = {"+": " plus ", "@": " at ", "&": " and ", "*": " "}
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_MAX_SLUG = 80
_MAX_REMEMBERED = 65536  # characters in the table below (Unicode has about 150,000)


class _KeyCharacters(dict[int, str]):
    """A ``str.translate`` table: what each character of a case-folded, NFKD-decomposed name
    becomes in its key. An accent (a combining mark) is dropped, a symbol spelled out, a letter or
    a digit kept, anything else becomes a space. Characters are looked up as they are met (a few
    hundred in practice; at most ``_MAX_REMEMBERED`` are kept)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if unicodedata.combining(char):
            spelled = ""
        elif char in _SYMBOLS:
            spelled = _SYMBOLS[char]
        else:
            spelled = char if char.isalnum() else " "
        if len(self) < _MAX_REMEMBERED:
            self[code] = spelled
        return spelled


_KEY_CHARACTERS = _KeyCharacters()


@lru_cache(maxsize=16384)
def entity_key(text: str) -> str:
    """The identity of a name: case-folded, accents, punctuation and spacing ignored.

    Two names with the same key are the same entity and get the same IRI. Names and words repeat
    from document to document: keys are remembered.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(folded.translate(_KEY_CHARACTERS).split())


def slugify(text: str) -> str:
    """A readable, URL-safe slug of ``text`` (``[a-z0-9-]``, never empty), a function of its key.

    An ASCII key maps one-to-one onto its slug; a key with letters ASCII cannot spell, an empty key
    or a very long one keeps what ASCII can spell and adds a short hash of the whole key.
    """
    key = entity_key(text)
    readable = "-".join(_NON_SLUG.sub(" ", key).split())
    if key.isascii() and readable and len(readable) <= _MAX_SLUG:
        return readable
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    readable = readable[:_MAX_SLUG].rstrip("-")
    return f"{readable}-{digest}" if readable else f"x-{digest}"


@lru_cache(maxsize=16384)
def mint(kind: str, key: str) -> URIRef:
    """The IRI of the entity of ``kind`` named ``key``.

    Countries keep their ISO alpha-2 code as is (``country/MK``); everything else is slugified.
    The same entity is named again and again: IRIs are remembered (and so are one object).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of entity: {kind!r}")
    if kind == "country" and _COUNTRY_CODE.fullmatch(key):
        return URIRef(f"{ID_BASE}country/{key}")
    return URIRef(f"{ID_BASE}{kind}/{slugify(key)}")


def document_iri(stem: str) -> URIRef:
    """The IRI of a source document, which also names its graph: ``id/document/<file stem>``.

    The stem is kept as it is (percent-quoted where a character is not safe in an IRI).
    """
    return URIRef(f"{ID_BASE}document/{quote(stem or 'document', safe='-._~')}")


# The prefixes the graph files (graph.trig, graph.ttl) and the terminal use.
PREFIXES = {
    "ckg": "https://w3id.org/cyberkg#",
    "country": "https://w3id.org/cyberkg/id/country/",
    "project": "https://w3id.org/cyberkg/id/project/",
    "organisation": "https://w3id.org/cyberkg/id/organisation/",
    "convention": "https://w3id.org/cyberkg/id/convention/",
    "region": "https://w3id.org/cyberkg/id/region/",
    "city": "https://w3id.org/cyberkg/id/city/",
    "activity": "https://w3id.org/cyberkg/id/activity/",
    "activitytype": "https://w3id.org/cyberkg/id/activity-type/",
    "document": "https://w3id.org/cyberkg/id/document/",
    "evidence": "https://w3id.org/cyberkg/id/evidence/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}

REFERENCE_GRAPH = URIRef(ID_BASE + "graph/reference")
ONTOLOGY_GRAPH = URIRef(ID_BASE + "graph/ontology")


def evidence_iri(document: URIRef, line: int, sentence: str, subject: object, predicate: object,
                 value: object) -> URIRef:
    """The IRI of the evidence that ``document`` states a fact in a sentence: stable across runs.

    It ends with a hash of the six parts (the value in its N3 form, so that the literal "1990"
    and an IRI never share one).
    """
    shown = value.n3() if hasattr(value, "n3") else value
    parts = f"{document}\x1f{line}\x1f{sentence}\x1f{subject}\x1f{predicate}\x1f{shown}"
    digest = hashlib.sha1(parts.encode("utf-8")).hexdigest()[:16]
    return URIRef(_evidence_stem(document) + digest)


@lru_cache(maxsize=64)
def _evidence_stem(document: URIRef) -> str:
    """What the evidence IRIs of ``document`` begin with: ``id/evidence/<document stem>-``."""
    return f"{ID_BASE}evidence/{str(document).rsplit('/', 1)[-1]}-"
