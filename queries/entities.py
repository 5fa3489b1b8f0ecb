"""From what a person types to a node of the graph: an IRI, a slug, an acronym, a code or a name.

``glacy-plus``, ``GLACY+``, ``project:glacy-plus``, ``MK``, ``185``, ``Bosnie-Herzégovine`` and
``bosnia and herzegovina`` all find their node. The lookup is the named query ``resolve-entity``
(case-insensitive, the name bound with VALUES), run on whatever backend is queried, so it works
the same on the built store and on a remote endpoint. When it finds nothing, the names of the
graph are compared without regard to accents or punctuation (:func:`~cyberkg.ontology.entity_key`)
and, failing that, the closest names are suggested in the error.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.ontology.errors import UsageError

if TYPE_CHECKING:
    from rdflib import URIRef

    from cyberkg.queries.backends import Backend

CKG = "https://w3id.org/cyberkg#"
_VIA_RANK = {"IRI": 0, "acronym": 1, "ISO code": 1, "ETS number": 1, "notation": 1, "label": 2, "title": 2,
             "preferred label": 2, "alternative label": 3, "name as written": 4}


@dataclass(frozen=True)
class Candidate:
    node: URIRef
    cls: str  # the local name of its ckg: class ("Project")
    via: str
    matched: str
    unresolved: bool


def expand_iri(text: str) -> URIRef | None:
    """``<iri>``, an absolute IRI or a prefixed name of cyberkg's prefixes, as an IRI; else None."""
    from rdflib import URIRef

    from cyberkg.ontology.iri import PREFIXES
    from cyberkg.queries.library import sparql_term

    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif re.fullmatch(r"[A-Za-z][\w.-]*:[^\s/][^\s]*", value) and value.split(":", 1)[0] in PREFIXES:
        prefix, local = value.split(":", 1)
        value = PREFIXES[prefix] + local
    elif not re.match(r"^(https?|urn|ftp|file|mailto|tag):", value, re.IGNORECASE):
        return None
    iri = URIRef(value)
    sparql_term(iri)  # raises UsageError when it is not a valid IRI
    return iri


def candidates(backend: Backend, name: str) -> list[Candidate]:
    """Every node ``name`` designates, best matches first: exactly (``resolve-entity``, index
    lookups only), else with case set aside (``search-entity``, which reads every name)."""
    from rdflib import Literal

    from cyberkg.ontology.iri import slugify
    from cyberkg.queries.library import bind, load

    text = name.strip()
    found = _candidates(backend, bind(load("resolve-entity"), {
        "name": _name_terms(text), "iri": _iri_terms(text)}))
    if not found:
        found = _candidates(backend, bind(load("search-entity"), {
            "name": Literal(text), "slug": Literal(slugify(text))}))
    return sorted(found, key=lambda c: (c.unresolved, _VIA_RANK.get(c.via, 9), str(c.node)))


def _name_terms(text: str) -> list[object]:
    """The terms a name may be written as in the graph: plain, in English, in French, a number."""
    from rdflib import XSD, Literal

    terms: list[object] = [Literal(text), Literal(text, lang="en"), Literal(text, lang="fr")]
    if re.fullmatch(r"\d{1,6}", text):
        terms.append(Literal(text, datatype=XSD.integer))
    return terms


def _iri_terms(text: str) -> list[object]:
    """The IRI ``text`` would have as the slug of each kind of entity."""
    from cyberkg.ontology.iri import document_iri, mint

    kinds = ("project", "country", "organisation", "convention", "region", "city", "activity",
             "activity-type")
    iris = {mint(kind, text) for kind in kinds}
    if re.fullmatch(r"[A-Za-z]{2}", text):
        iris.add(mint("country", text.upper()))
    if re.fullmatch(r"[\w.-]+", text):
        iris.add(document_iri(text))
    return sorted(iris)


def _candidates(backend: Backend, text: str) -> list[Candidate]:
    found = []
    for row in backend.run(text).dicts():
        cls = str(row["class"])
        unresolved = row["unresolved"]
        found.append(Candidate(row["node"], cls.removeprefix(CKG),  # type: ignore[arg-type]
                               str(row["via"]), str(row["matched"]),
                               bool(unresolved is not None and unresolved.toPython())))  # type: ignore[attr-defined]
    return found


def names(backend: Backend, cls: str | None = None) -> list[tuple[URIRef, str, str]]:
    """``(node, class, name)`` for every name of every entity (of class ``cls``)."""
    from rdflib import URIRef

    from cyberkg.queries.library import bind, load

    query = load("entity-names")
    text = bind(query, {"class": URIRef(CKG + cls) if cls else None})
    return [(row["node"], str(row["class"])[len(CKG):], str(row["name"]))  # type: ignore[misc]
            for row in backend.run(text).dicts()]


def resolve(backend: Backend, value: str, cls: str | None = None) -> URIRef:
    """The node ``value`` names (of class ``cls``, e.g. ``"Project"``, when given).

    Raises :class:`UsageError` when nothing matches (with the closest names) or when the name
    designates several entities (with their IRIs, to choose from).
    """
    from cyberkg.ontology import entity_key

    iri = expand_iri(value)
    if iri is not None:
        return iri
    what = cls.lower() if cls else "entity"
    if not value.strip():
        raise UsageError(f"an empty name designates no {what}")
    found = [c for c in candidates(backend, value) if cls is None or c.cls == cls]
    if not found:
        key = entity_key(value)
        known = names(backend, cls)
        same = {node: kind for node, kind, name in known if entity_key(name) == key}
        if len(same) == 1:
            return next(iter(same))
        if not same:
            raise UsageError(f"no {what} named {value!r} in {backend.description}"
                             f"{_close_matches(key, known)}{getattr(backend, 'hint', '')}")
        found = [Candidate(node, kind, "name", value, False) for node, kind in same.items()]
    best = [c for c in found if not c.unresolved] or found
    nodes = list(dict.fromkeys(c.node for c in best))
    if len(nodes) > 1:
        top = _VIA_RANK.get(best[0].via, 9)
        preferred = list(dict.fromkeys(c.node for c in best if _VIA_RANK.get(c.via, 9) == top))
        if len(preferred) == 1:
            return preferred[0]
        listed = ", ".join(f"{c.node} ({c.cls})" for c in
                           {c.node: c for c in best}.values())
        raise UsageError(f"{value!r} designates several entities: {listed}; give one of these IRIs")
    return nodes[0]


def _close_matches(key: str, known: list[tuple[URIRef, str, str]]) -> str:
    """``; close matches: …`` with at most five entities, one name each (or nothing)."""
    keyed = [(entity_key_of(name), name, node) for node, _kind, name in known]
    ranked = [k for k in sorted(keyed, key=lambda k: (len(k[0]), k[0]))
              if re.search(rf"\b{re.escape(key)}", k[0])]
    by_key: dict[str, tuple[str, str, URIRef]] = {}
    for item in keyed:
        by_key.setdefault(item[0], item)
    ranked += [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=10, cutoff=0.6)]
    shown: dict[object, str] = {}
    for _key, name, node in ranked:
        if node not in shown:
            shown[node] = name
        if len(shown) == 5:
            break
    return ("; close matches: " + ", ".join(shown.values())) if shown else ""


def entity_key_of(name: str) -> str:
    from cyberkg.ontology import entity_key

    return entity_key(name)
