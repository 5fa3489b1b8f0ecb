"""The type of an activity from its title, by the keywords of the activity-type SKOS scheme.

The rules are data: ``ontology/activity-types.ttl`` gives each concept its labels (skos:prefLabel,
skos:altLabel, skos:hiddenLabel, in English and French) and its skos:broader concept. A title is of
the type whose words it holds; when it holds the words of several types,

1. the most specific wins: a type is dropped when one of its narrower types matches too;
2. then the first in the title wins, and at the same word the longest keyword.

A title with no keyword is of type ``other`` (the concept ``activity-type/other``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse
from pathlib import Path

from rdflib import RDF, SKOS, URIRef
from rdflib.term import Node

from cyberkg.ontology import CKG, mint

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> tuple[str, ...]:
    """Folded words, split at punctuation: ``D'Évaluation`` -> ``("d", "evaluation")``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    if not folded.isascii():  # (an ASCII text holds no combining mark)
        folded = "".join(filterfalse(unicodedata.combining, folded))  # accents dropped
    return tuple(_WORD.findall(folded))


def _same(text_word: str, keyword_word: str) -> bool:
    """A word of a title matches a keyword's word, in the singular or the plural."""
    return text_word == keyword_word or (
        len(keyword_word) > 2 and text_word in (keyword_word + "s", keyword_word + "x"))


@dataclass(frozen=True)
class Match:
    concept: URIRef
    position: int
    length: int


@dataclass(frozen=True)
class ActivityTypes:
    """The scheme's keywords, indexed by their first word, and what is broader than what."""

    keywords: dict[str, tuple[tuple[tuple[str, ...], URIRef], ...]]
    broader: dict[URIRef, frozenset[URIRef]]  # every concept (transitively) broader than a concept
    other: URIRef

    @classmethod
    def from_triples(cls, triples: Iterable[tuple[Node, Node, Node]]) -> ActivityTypes:
        concepts: set[URIRef] = set()
        labels: dict[URIRef, set[str]] = {}
        parents: dict[URIRef, set[URIRef]] = {}
        for subject, predicate, value in triples:
            if not isinstance(subject, URIRef):
                continue
            if predicate == RDF.type and value == CKG.ActivityType:
                concepts.add(subject)
            elif predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                labels.setdefault(subject, set()).add(str(value))
            elif predicate == SKOS.broader and isinstance(value, URIRef):
                parents.setdefault(subject, set()).add(value)
        index: dict[str, list[tuple[tuple[str, ...], URIRef]]] = {}
        for concept in sorted(concepts):
            for label in sorted(labels.get(concept, ())):
                key = words(label)
                if key and (key, concept) not in index.setdefault(key[0], []):
                    index[key[0]].append((key, concept))
        broader = {concept: frozenset(_ancestors(concept, parents)) for concept in concepts}
        return cls({first: tuple(found) for first, found in index.items()}, broader,
                   mint("activity-type", "other"))

    def matches(self, title: str) -> list[Match]:
        """Every keyword of the scheme found in ``title``, left to right."""
        toks = words(title)
        found = []
        for position, word in enumerate(toks):
            candidates = self.keywords.get(word, ())
            if len(word) > 3 and word[-1] in "sx":
                candidates += self.keywords.get(word[:-1], ())
            # a candidate's first word is the title's word, in the singular or the plural: only
            # the words after it are left to compare
            for key, concept in candidates:
                if len(key) == 1 or (position + len(key) <= len(toks) and all(
                        _same(toks[position + k], key[k]) for k in range(1, len(key)))):
                    found.append(Match(concept, position, len(key)))
        return found

    def classify(self, title: str) -> URIRef:
        """The activity type of ``title`` (see the module docstring for the rules)."""
        found = self.matches(title)
        matched = {m.concept for m in found}
        dropped = set().union(*(self.broader.get(concept, frozenset()) for concept in matched))
        kept = [m for m in found if m.concept not in dropped]
        if not kept:
            return self.other
        return min(kept, key=lambda m: (m.position, -m.length, str(m.concept))).concept


def _ancestors(concept: URIRef, parents: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    seen: set[URIRef] = set()
    todo = list(parents.get(concept, ()))
    while todo:
        parent = todo.pop()
        if parent not in seen:
            seen.add(parent)
            todo.extend(parents.get(parent, ()))
    return seen


def scheme_file() -> Path:
    """The activity-type scheme among the ontology files."""
    from cyberkg.ontology import ontology_files

    return next(path for path in ontology_files() if path.name == "activity-types.ttl")


def activity_types() -> ActivityTypes:
    """The classifier of the scheme as it is on disk now (read again only when the file changes)."""
    path = scheme_file()
    return _load(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=2)
def _load(path: str, stamp: int) -> ActivityTypes:
    import pyoxigraph  # a Turtle parser many times faster than rdflib's, for the same triples

    from cyberkg.ontology.store import from_oxigraph

    triples = pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE)
    return ActivityTypes.from_triples(
        (from_oxigraph(t.subject), from_oxigraph(t.predicate),  # type: ignore[misc]
         from_oxigraph(t.object)) for t in triples)
