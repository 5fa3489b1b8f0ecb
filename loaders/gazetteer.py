"""Finding known names in text: countries, organisations, conventions, regions and projects.

The names come from the reference data (rdfs:label, skos:prefLabel, skos:altLabel, skos:hiddenLabel,
ckg:acronym), never from code. Text and names are compared token by token after folding case and
accents, so "Bosnie-Herzégovine", "bosnie herzegovine" and "BOSNIE-HERZÉGOVINE" are one name. Short
acronyms (four characters or fewer: "UE", "AU", "UN", "CdE") must match with their case, so the
French words "un" and "au" are not read as organisations.

Matching is linear in the length of the text: at each token the longest known name starting there wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.term import Node

from cyberkg.ontology import CKG, entity_key

_TOKEN = re.compile(r"[^\W_]+|[+@&]")
_SHORT = 4

KIND_OF_CLASS = {
    CKG.Country: "country",
    CKG.Organisation: "organisation",
    CKG.Convention: "convention",
    CKG.Region: "region",
    CKG.Project: "project",
}
_NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, CKG.acronym)


@dataclass(frozen=True)
class Entry:
    """A known entity: its IRI and its kind (``country``, ``organisation``…)."""

    iri: URIRef
    kind: str


@dataclass(frozen=True)
class Mention:
    """A place in a text where a known name occurs."""

    entry: Entry
    start: int
    end: int
    surface: str


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """The folded tokens of ``text`` with their character offsets."""
    for match in _TOKEN.finditer(text):
        for part in _folded(match.group()):
            yield part, match.start(), match.end()


@lru_cache(maxsize=65536)
def _folded(token: str) -> tuple[str, ...]:
    """The parts of one raw token once folded ("Herzégovine" -> ("herzegovine",)); words repeat,
    so the folding is remembered."""
    return tuple(entity_key(token).split())


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", _strip_accents(text))


class Gazetteer:
    """A dictionary of names, searchable in running text."""

    def __init__(self, parent: Gazetteer | None = None) -> None:
        self._names: dict[tuple[str, ...], list[tuple[Entry, str | None]]] = {}
        self._longest: dict[str, int] = {}
        self.labels: dict[URIRef, str] = {}
        self._parent = parent

    def fork(self) -> Gazetteer:
        """A gazetteer that knows everything this one knows; what is added to it stays in it.

        Each document is read with its own fork, so what one document teaches (a new project's
        name) never changes how another is read: a document's facts depend on its bytes alone.
        """
        return Gazetteer(parent=self)

    def to_json(self) -> dict[str, object]:
        """The names, as plain data (the build caches them between runs)."""
        return {
            "names": [[list(key), [[str(e.iri), e.kind, exact] for e, exact in bucket]]
                      for key, bucket in self._names.items()],
            "labels": {str(iri): label for iri, label in self.labels.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Gazetteer:
        gazetteer = cls()
        for key, bucket in data["names"]:  # type: ignore[attr-defined]
            entries = [(Entry(URIRef(iri), kind), exact) for iri, kind, exact in bucket]
            gazetteer._names[tuple(key)] = entries
            gazetteer._longest[key[0]] = max(gazetteer._longest.get(key[0], 0), len(key))
        gazetteer.labels = {URIRef(k): v for k, v in data["labels"].items()}  # type: ignore[attr-defined]
        return gazetteer

    @classmethod
    def from_graph(cls, graph: Graph) -> Gazetteer:
        """Every named entity of a known class in ``graph`` (the reference data)."""
        return cls.from_triples(graph)

    @classmethod
    def from_triples(cls, triples: Iterable[tuple[Node, Node, Node]]) -> Gazetteer:
        """Every named entity of a known class among ``triples`` (the reference data)."""
        kinds: dict[URIRef, str] = {}
        names: dict[URIRef, list[tuple[int, str]]] = {}
        rank = {prop: i for i, prop in enumerate(_NAME_PROPERTIES)}
        for subject, predicate, value in triples:
            if predicate == RDF.type and value in KIND_OF_CLASS and isinstance(subject, URIRef):
                kinds[subject] = KIND_OF_CLASS[value]
            elif predicate in rank and isinstance(subject, URIRef):
                names.setdefault(subject, []).append((rank[predicate], str(value)))
        gazetteer = cls()
        for subject in sorted(kinds):
            entry = Entry(subject, kinds[subject])
            ordered = sorted(names.get(subject, []))
            for _, name in ordered:
                gazetteer.add(name, entry)
            acronyms = [name for r, name in ordered if r == rank[CKG.acronym]]
            if acronyms or ordered:
                gazetteer.labels[subject] = acronyms[0] if acronyms else ordered[0][1]
        return gazetteer

    def add(self, name: str, entry: Entry) -> None:
        """Know ``name`` as a name of ``entry``."""
        key = tuple(part for part, _, _ in tokens(name))
        if not key:
            return
        exact = _compact(name) if len(_compact(name)) <= _SHORT else None
        if key not in self._names and self._parent is not None:
            self._names[key] = list(self._parent._bucket(key))
        bucket = self._names.setdefault(key, [])
        if (entry, exact) not in bucket:
            bucket.append((entry, exact))
        if len(key) > self._longest.get(key[0], 0):
            self._longest[key[0]] = len(key)

    def _bucket(self, key: tuple[str, ...]) -> list[tuple[Entry, str | None]]:
        if key in self._names:
            return self._names[key]
        return self._parent._bucket(key) if self._parent is not None else []

    def _longest_from(self, token: str) -> int:
        own = self._longest.get(token, 0)
        return max(own, self._parent._longest_from(token)) if self._parent is not None else own

    def label(self, iri: URIRef) -> str | None:
        """The display name of a known entity (its acronym, else its label)."""
        if iri in self.labels:
            return self.labels[iri]
        return self._parent.label(iri) if self._parent is not None else None

    def _entries(self, key: tuple[str, ...], surface: str,
                 kinds: frozenset[str] | None) -> list[Entry]:
        found = []
        for entry, exact in self._bucket(key):
            if kinds is not None and entry.kind not in kinds:
                continue
            if exact is not None and _compact(surface) != exact:
                continue
            if entry not in found:
                found.append(entry)
        return found

    def find(self, text: str, kinds: Iterable[str] | None = None) -> list[Mention]:
        """Known names in ``text``, left to right, longest first, never overlapping."""
        wanted = frozenset(kinds) if kinds is not None else None
        toks = list(tokens(text))
        mentions: list[Mention] = []
        i = 0
        while i < len(toks):
            longest = min(self._longest_from(toks[i][0]), len(toks) - i)
            matched = False
            for length in range(longest, 0, -1):
                key = tuple(t[0] for t in toks[i:i + length])
                start, end = toks[i][1], toks[i + length - 1][2]
                entries = self._entries(key, text[start:end], wanted)
                if entries:
                    for entry in entries[:1]:
                        mentions.append(Mention(entry, start, end, text[start:end]))
                    i += length
                    matched = True
                    break
            if not matched:
                i += 1
        return mentions

    def resolve(self, name: str, kinds: Iterable[str] | None = None) -> Entry | None:
        """The entity that ``name`` names as a whole (a leading article is allowed), or None."""
        wanted = frozenset(kinds) if kinds is not None else None
        stripped = _strip_article(name.strip().strip("«»\"“”'’ ").strip())
        key = tuple(part for part, _, _ in tokens(stripped))
        entries = self._entries(key, stripped, wanted)
        return entries[0] if entries else None


_ARTICLE = re.compile(r"^(?:(?:le|la|les|du|des|de la|de l|de|d|l|au|aux|en|the)\b['’]?\s*)+",
                      re.IGNORECASE)


def _strip_article(name: str) -> str:
    return _ARTICLE.sub("", name).strip() or name
