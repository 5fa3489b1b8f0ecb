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
from urllib.parse import quote

from rdflib import URIRef

ID_BASE = "https://w3id.org/cyberkg/id/"

KINDS = frozenset({
    "project", "activity", "country", "organisation", "convention", "region", "city",
    "document", "activity-type", "evidence", "graph",
})

_SYMBOLS = {"+": " plus ", "@": " at ", "&": " and ", "*": " "}
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 80


def entity_key(text: str) -> str:
    """The identity of a name: case-folded, accents, punctuation and spacing ignored.

    Two names with the same key are the same entity and get the same IRI.
    """
    kept = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(char):
            continue
        if char in _SYMBOLS:
            kept.append(_SYMBOLS[char])
        elif char.isalnum():
            kept.append(char)
        else:
            kept.append(" ")
    return " ".join("".join(kept).split())


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


def mint(kind: str, key: str) -> URIRef:
    """The IRI of the entity of ``kind`` named ``key``.

    Countries keep their ISO alpha-2 code as is (``country/MK``); everything else is slugified.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of entity: {kind!r}")
    if kind == "country" and re.fullmatch(r"[A-Z]{2}", key):
        return URIRef(f"{ID_BASE}country/{key}")
    return URIRef(f"{ID_BASE}{kind}/{slugify(key)}")


def document_iri(stem: str) -> URIRef:
    """The IRI of a source document, which also names its graph: ``id/document/<file stem>``.

    The stem is kept as it is (percent-quoted where a character is not safe in an IRI).
    """
    return URIRef(f"{ID_BASE}document/{quote(stem or 'document', safe='-._~')}")


REFERENCE_GRAPH = URIRef(ID_BASE + "graph/reference")
ONTOLOGY_GRAPH = URIRef(ID_BASE + "graph/ontology")


def evidence_iri(document: URIRef, line: int, sentence: str, subject: object, predicate: object,
                 value: object) -> URIRef:
    """The IRI of the evidence that ``document`` states a fact in a sentence: stable across runs."""
    parts = (document, line, sentence, subject, predicate, getattr(value, "n3", lambda: value)())
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    stem = str(document).rsplit("/", 1)[-1]
    return URIRef(f"{ID_BASE}evidence/{stem}-{digest}")
