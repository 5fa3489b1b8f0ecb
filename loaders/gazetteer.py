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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, wraps
from itertools import compress, repeat
from typing import TypeVar

from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.term import Node

from cyberkg.ontology import CKG, entity_key

_TOKEN = re.compile(r"[^\W_]+|[+@&]")
_NOT_WORD = re.compile(r"[\W_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SHORT = 4
_REMEMBERED_LENGTH = 1000
T = TypeVar("T")

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
    found = _tokenised(text)
    for part, (start, end) in zip(found.parts, found.spans()):
        yield part, start, end


class _Tokens:
    """The folded tokens of a text: ``parts`` (a look-up key is a slice of them), and where each
    part is written in the text, found only when asked (most texts hold no name)."""

    __slots__ = ("_spans", "parts", "raw", "text")

    def __init__(self, text: str, parts: tuple[str, ...], raw: tuple[int, ...] | None) -> None:
        self.text = text
        self.parts = parts
        # A raw token folds to one part, or to none or several ("½" -> "1", "2"): ``raw`` then
        # gives, for each part, the index of the raw token it comes from (None: part i is token i).
        self.raw = raw
        self._spans: list[tuple[int, int]] | None = None

    def spans(self) -> list[tuple[int, int]]:
        """The (start, end) offsets of each part in the text (the offsets of its raw token)."""
        if self._spans is None:
            spans = [match.span() for match in _TOKEN.finditer(self.text)]
            self._spans = spans if self.raw is None else [spans[index] for index in self.raw]
        return self._spans


def remember_short(function: Callable[[str], T]) -> Callable[[str], T]:
    """``function`` of a text, remembered for the last thousand short texts (sentences, cells,
    names: the loaders ask about the same ones again and again); a text longer than
    ``_REMEMBERED_LENGTH`` is worked on each time, so the memory stays small."""
    remembered = lru_cache(maxsize=1024)(function)

    @wraps(function)
    def short_remembered(text: str) -> T:
        return remembered(text) if len(text) <= _REMEMBERED_LENGTH else function(text)

    short_remembered.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
    return short_remembered


@remember_short
def _tokenised(text: str) -> _Tokens:
    """The tokens of ``text``: every raw token is folded (one look-up of its remembered key),
    and the keys, joined and split at spaces, give the parts."""
    raw = _TOKEN.findall(text)
    keys = list(map(_key_of, raw))
    parts = " ".join(keys).split(" ")
    if len(parts) == len(raw) and "" not in parts:  # every key is one part: part i is token i
        return _Tokens(text, tuple(parts), None)
    owners: list[int] = []
    parts = []
    for index, key in enumerate(keys):
        for part in key.split():
            parts.append(part)
            owners.append(index)
    return _Tokens(text, tuple(parts), tuple(owners))


@lru_cache(maxsize=65536)
def _key_of(token: str) -> str:
    """The key of one raw token, its parts separated by spaces ("Herzégovine" -> "herzegovine");
    words repeat, so it is remembered. An ASCII token is letters and digits (or one of ``+@&``),
    whose key is the token in lower case."""
    if token.isascii() and token.isalnum():
        return token.lower()
    return entity_key(token)


def strip_accents(text: str) -> str:
    """``text`` in compatibility decomposition (NFKD) without its combining marks ("é" -> "e").

    The few distinct marks of a text (all outside ASCII) are each removed at once, instead of
    testing every character: this is run over whole documents.
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    for char in set("".join(_NON_ASCII.findall(decomposed))):
        if unicodedata.combining(char):
            decomposed = decomposed.replace(char, "")
    return decomposed


def _compact(text: str) -> str:
    return _NOT_WORD.sub("", strip_accents(text))


def _first(bucket: list[tuple[Entry, str | None]], surface: str,
           kinds: frozenset[str] | None) -> Entry | None:
    """The first entry of ``bucket`` of one of ``kinds`` that ``surface`` names (a short acronym
    only when written with its case)."""
    compact = None
    for entry, exact in bucket:
        if kinds is not None and entry.kind not in kinds:
            continue
        if exact is not None:
            if compact is None:
                compact = _compact(surface)
            if compact != exact:
                continue
        return entry
    return None


class Gazetteer:
    """A dictionary of names, searchable in running text.

    Names are kept by their key (the tuple of their folded tokens), with, for each first token,
    the lengths (in tokens) of the names it starts, longest first: most tokens of a text start no
    name, and cost one dictionary probe; the others try only the lengths of names they start.
    """

    def __init__(self) -> None:
        # key -> [(entry, its compacted name when short enough to be matched with its case)]; a
        # bucket is shared with forks, so it is replaced, never changed in place.
        self._names: dict[tuple[str, ...], list[tuple[Entry, str | None]]] = {}
        self._lengths: dict[str, tuple[int, ...]] = {}
        self.labels: dict[URIRef, str] = {}

    def fork(self) -> Gazetteer:
        """A gazetteer that knows everything this one knows now; what is added to either afterwards
        stays in it.

        Each document is read with its own fork, so what one document teaches (a new project's
        name) never changes how another is read: a document's facts depend on its bytes alone.
        The fork copies the dictionaries (not the names in them), which takes microseconds.
        """
        fork = Gazetteer()
        fork._names = dict(self._names)
        fork._lengths = dict(self._lengths)
        fork.labels = dict(self.labels)
        return fork

    def to_json(self) -> dict[str, object]:
        """The names, as plain data (the build caches them between runs)."""
        return {
            "names": [[list(key), [[str(e.iri), e.kind, exact] for e, exact in bucket]]
                      for key, bucket in self._names.items()],
            "labels": {str(iri): label for iri, label in self.labels.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Gazetteer:
        """The gazetteer :meth:`to_json` gave ``data`` of (one :class:`Entry` per entity)."""
        gazetteer = cls()
        entries: dict[tuple[str, str], Entry] = {}
        for key, bucket in data["names"]:  # type: ignore[attr-defined]
            listed = []
            for iri, kind, exact in bucket:
                entry = entries.get((iri, kind))
                if entry is None:
                    entry = entries[iri, kind] = Entry(URIRef(iri), kind)
                listed.append((entry, exact))
            gazetteer._names[tuple(key)] = listed
            gazetteer._know_length(key)
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
        acronym_rank = rank[CKG.acronym]
        a_type = RDF.type
        for subject, predicate, value in triples:
            if not isinstance(subject, URIRef):
                continue
            if predicate in rank:
                names.setdefault(subject, []).append((rank[predicate], str(value)))
            elif predicate == a_type and value in KIND_OF_CLASS:
                kinds[subject] = KIND_OF_CLASS[value]
        gazetteer = cls()
        for subject in sorted(kinds):
            entry = Entry(subject, kinds[subject])
            ordered = sorted(names.get(subject, []))
            for _, name in ordered:
                gazetteer.add(name, entry)
            acronyms = [name for r, name in ordered if r == acronym_rank]
            if acronyms or ordered:
                gazetteer.labels[subject] = acronyms[0] if acronyms else ordered[0][1]
        return gazetteer

    def add(self, name: str, entry: Entry) -> None:
        """Know ``name`` as a name of ``entry``."""
        key = _tokenised(name).parts
        if not key:
            return
        compact = _compact(name)
        exact = compact if len(compact) <= _SHORT else None
        bucket = self._names.get(key, [])
        if (entry, exact) not in bucket:
            self._names[key] = [*bucket, (entry, exact)]
        self._know_length(key)

    def _know_length(self, key: Sequence[str]) -> None:
        lengths = self._lengths.get(key[0], ())
        if len(key) not in lengths:
            self._lengths[key[0]] = tuple(sorted((*lengths, len(key)), reverse=True))

    def label(self, iri: URIRef) -> str | None:
        """The display name of a known entity (its acronym, else its label)."""
        return self.labels.get(iri)

    def find(self, text: str, kinds: Iterable[str] | None = None) -> list[Mention]:
        """Known names in ``text``, left to right, longest first, never overlapping."""
        wanted = frozenset(kinds) if kinds is not None else None
        found = _tokenised(text)
        parts = found.parts
        names = self._names
        # the lengths of the names each token starts (mostly none: ())
        lengths = list(map(self._lengths.get, parts, repeat(())))
        mentions: list[Mention] = []
        count = len(parts)
        free = 0  # the first token not inside a name found
        for i in compress(range(count), lengths):
            if i < free:
                continue
            for length in lengths[i]:
                bucket = names.get(parts[i:i + length]) if length <= count - i else None
                if bucket is None:
                    continue
                spans = found.spans()
                start, end = spans[i][0], spans[i + length - 1][1]
                entry = _first(bucket, text[start:end], wanted)
                if entry is not None:
                    mentions.append(Mention(entry, start, end, text[start:end]))
                    free = i + length
                    break
        return mentions

    def resolve(self, name: str, kinds: Iterable[str] | None = None) -> Entry | None:
        """The entity that ``name`` names as a whole (a leading article is allowed), or None."""
        stripped, key = _resolvable(name)
        bucket = self._names.get(key)
        if not bucket:
            return None
        return _first(bucket, stripped, frozenset(kinds) if kinds is not None else None)


_ARTICLE = re.compile(r"^(?:(?:le|la|les|du|des|de la|de l|de|d|l|au|aux|en|the)\b['’]?\s*)+",
                      re.IGNORECASE)


def _strip_article(name: str) -> str:
    return _ARTICLE.sub("", name).strip() or name


@remember_short
def _resolvable(name: str) -> tuple[str, tuple[str, ...]]:
    """What :meth:`Gazetteer.resolve` looks up for ``name``: the name without quotes and a leading
    article, and its key (the same names are resolved again and again)."""
    stripped = _strip_article(name.strip().strip("«»\"“”'’ ").strip())
    return stripped, _tokenised(stripped).parts
