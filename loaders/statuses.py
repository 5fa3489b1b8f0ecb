"""Convention statuses: which countries became Parties, signed, or were invited to accede.

A status is a verb phrase (``sont devenus Parties``, ``a adhéré``, ``ont ratifié``, ``became a Party``,
``acceded to``, ``ratified`` -> ckg:partyTo; ``a été invité à adhérer``, ``ont été invités à y
adhérer``, ``invited to accede`` -> ckg:invitedToAccede; ``a signé``, ``signed`` -> ckg:signatoryOf),
its object a convention, its subjects the countries of the clause the verb governs:

- the enumeration that ends right before the verb ("le Chili, le Costa-Rica et le Tonga sont
  devenues Parties"), never countries further back in the sentence (a second clause starts after
  the previous verb: "…, et le Cap Vert et le Nigéria ont été invités à y adhérer");
- with the countries of an aside that adds to them ("– outre Andorre, la Grèce et Monaco –",
  "besides …", "in addition to …");
- or, when nothing names them before the verb, the countries in brackets after the convention
  ("…invités à adhérer à la Convention (le Cap Vert, le Ghana et le Nigéria)").

A count ("68 États sont parties à la Convention") names no country and states nothing; a country
the reference data does not know is reported with its line and the others of the list are stated.

The convention is the one named right after the verb; ``y`` (``y adhérer``) and ``l'`` (``l'ont
signée``) stand for the last one named before in the sentence. "la Convention" / "the Convention"
alone is the convention named last in the same or the five previous sentences (since the last
heading); when none is, it is the Budapest Convention (ETS 185) provided that the document is about
cybercrime (it says "cybercrime"/"cybercriminalité" or "Budapest"); otherwise nothing is stated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from cyberkg.loaders import lookup
from cyberkg.loaders.conventions import ConventionMention, find_conventions
from cyberkg.loaders.lists import (
    Listed,
    first_bracketed,
    fold,
    read_list,
    split_groups,
    split_items,
)
from cyberkg.loaders.names import clean_markup
from cyberkg.loaders.project_context import holds_any, lowered
from cyberkg.loaders.reading import Reading
from cyberkg.ontology import CKG, mint
from rdflib import URIRef

COUNTRIES = frozenset({"country"})
BUDAPEST = "ets-185"
_CONTEXT = 5
_PROTOCOL = re.compile(r"(?i)protocol")
_PRONOUN = re.compile(r"\s*(?:à\s+celle-ci|à\s+celle-là|to\s+it|to\s+them|it|them)\b", re.IGNORECASE)
_ADVERBS = (r"(?:(?:entre-temps|déjà|également|aussi|récemment|finalement|désormais|maintenant|"
            r"depuis|tous|toutes|ainsi|officiellement|formellement|enfin)\s+)*")
_EN_ADVERBS = r"(?:(?:also|now|since|already|recently|just|finally|formally|officially)\s+)*"

#: Each status verb phrase: its pattern (case-sensitive), the predicate it states, and words one of
#: which every match holds (the pattern is not searched in a text that holds none).
_CUES: tuple[tuple[re.Pattern[str], URIRef, tuple[str, ...]], ...] = (
    (re.compile(
        r"(?:\b(?:sont|est|étaient|était|seront|sera|se\s+sont|s['’]est)\s+" + _ADVERBS
        + r"(?:devenu(?:e|s|es)?\s+)?|\bétant\s+" + _ADVERBS + r"|\bdevenu(?:e|s|es)?\s+)"
        r"(?:une?\s+|des\s+)?(?:États?\s+)?[Pp]arties?\b(?=\s+(?:à|au|aux)\b)"
        r"|\b(?:ont|a|avaient|avait)\s+" + _ADVERBS + r"(?:adhéré|ratifié(?:e|s|es)?)\b"
        r"|\bÉtats\s+[Pp]arties(?=\s+à\b)"
        r"|\b(?:est|sont)\s+" + _ADVERBS + r"devenue?s?\s+(?:le|la|les)\s+\d+\s*(?:e|ème|è)s?\s+"
        r"(?:États?\s+)?[Pp]arties?\b"
        r"|\b(?:a|ont)\s+" + _ADVERBS + r"déposé\s+(?:son|leur|ses|leurs)\s+instruments?\s+"
        r"(?:de\s+ratification|d['’]adhésion)"
        r"|(?:\b(?:has|have|had)\s+" + _EN_ADVERBS + r")?\b(?:become|became)\s+(?:a\s+|the\s+"
        r"\d+(?:st|nd|rd|th)\s+)?(?:State\s+)?Part(?:y|ies)\b"
        r"|(?:\b(?:has|have|had)\s+" + _EN_ADVERBS + r")?\bdeposited\s+(?:its|their)\s+"
        r"instruments?\s+of\s+(?:ratification|accession)"
        r"|(?:\b(?:has|have|had)\s+" + _EN_ADVERBS + r")?\b(?:acceded|ratified)\b"
        r"|\b(?:is|are|was|were)\s+" + _EN_ADVERBS + r"(?:a\s+)?(?:State\s+)?Part(?:y|ies)\b(?=\s+to\b)"
    ), CKG.partyTo, ("arti", "Part", "adhéré", "ratifi", "instrument", "acceded")),
    (re.compile(
        r"(?:\b(?:ont|a|avaient|avait)\s+" + _ADVERBS + r"été\s+|\b(?:sont|est|étaient|était)\s+"
        + _ADVERBS + r")?\binvitée?s?\s+" + _ADVERBS + r"à\s+(?:y\s+)?adhérer\b"
        r"|(?:\b(?:has|have|had)\s+" + _EN_ADVERBS + r"been\s+|\b(?:was|were|is|are)\s+"
        + _EN_ADVERBS + r")?\b(?:formally\s+|officially\s+)?invited\s+to\s+(?:accede|join)\b"
    ), CKG.invitedToAccede, ("invit",)),
    (re.compile(
        r"(?:\bl['’]\s*)?\b(?:ont|a|avaient|avait)\s+" + _ADVERBS + r"signée?s?\b"
        r"|(?:\b(?:has|have|had)\s+" + _EN_ADVERBS + r")?\bsigned\b(?!\s+(?:by|between|with))"
    ), CKG.signatoryOf, ("sign",)),
)
_OBJECT = re.compile(r"\s*(?:à\s+la\s+|à\s+l['’]\s*|au\s+|aux\s+|à\s+|to\s+the\s+|to\s+|of\s+the\s+"
                     r"|la\s+|le\s+|l['’]\s*|les\s+|the\s+|de\s+la\s+|de\s+l['’]\s*|du\s+)?",
                     re.IGNORECASE)
_GENERIC = re.compile(r"(?:cette\s+|ladite\s+|this\s+|said\s+)?[Cc]onvention\b(?!\s+(?:de|du|d['’]|"
                      r"sur|on|for|relative|pour|\d))")
_ALSO = re.compile(r"^\s*(?:outre|en\s+plus\s+(?:de|du|des|d['’])|ainsi\s+que|besides|in\s+addition\s+"
                   r"to|as\s+well\s+as|along\s+with)\b", re.IGNORECASE)
_CYBER = re.compile(r"cybercrim|budapest")
#: A word every status cue holds, in any case: sentences without one are skipped at once.
_ANY_CUE = ("parti", "adhér", "adher", "ratifi", "invit", "sign", "acced", "becam", "becom",
            "instrument")


def read(reading: Reading) -> None:
    """Add the statuses the document states to ``reading.facts``."""
    with lookup.reading_scope():
        _read(reading)


def _read(reading: Reading) -> None:
    text_start = reading.doc.text[:200000]

    @cache
    def cyber() -> bool:  # worked out the first time "the Convention" alone needs it
        return bool(_CYBER.search(fold(text_start)))

    recent: list[str] = []  # the texts of the last sentences (since a heading), nearest last
    for sentence in reading.sentences:
        text = clean_markup(sentence.text)
        if sentence.text.lstrip().startswith("#") or re.match(r"^\d+(?:\.\d+)*\.?\s+\S", text) \
                and not text.rstrip().endswith("."):
            recent = []
        pieces = text.split("\t") if "\t" in text else [text]
        for piece in pieces:
            _read_piece(reading, sentence.text, sentence.line, piece, recent, cyber)
        recent = (recent + [text])[-_CONTEXT:]


def _conventions_proper(mentions: list[ConventionMention]) -> list[URIRef]:
    """The conventions among ``mentions``, protocols left out: "the Convention" names no protocol."""
    protocols = {m.iri for m in mentions if _PROTOCOL.search(m.surface)}
    return [m.iri for m in mentions if m.iri is not None and m.iri not in protocols]


def _context(reading: Reading, recent: list[str], cyber: Callable[[], bool]) -> URIRef | None:
    """What "la Convention" alone stands for: the last one named nearby, else Budapest
    (``cyber()``: whether the document is about cybercrime)."""
    for text in reversed(recent):
        named = _conventions_proper(find_conventions(reading.gazetteer, text))
        if named:
            return named[-1]
    return mint("convention", BUDAPEST) if cyber() else None


def _read_piece(reading: Reading, sentence: str, line: int, text: str, recent: list[str],
                cyber: Callable[[], bool]) -> None:
    if not holds_any(lowered(text), _ANY_CUE):
        return
    cues = sorted(((m, predicate) for pattern, predicate, words in _CUES
                   if any(word in text for word in words) for m in pattern.finditer(text)),
                  key=lambda pair: pair[0].start())
    if not cues:
        return
    conventions = find_conventions(reading.gazetteer, text)
    previous_end = 0
    for match, predicate in cues:
        convention = _object(reading, text, match, conventions, recent, cyber)
        if convention is None:
            previous_end = match.end()
            continue
        region = text[previous_end:match.start()]
        listed = read_list(reading.gazetteer, region, COUNTRIES, backward=True)
        _, spans = split_groups(region)
        for begin, end in spans:
            if _ALSO.match(region[begin:end]):
                listed += read_list(reading.gazetteer, region[begin:end], COUNTRIES)
        if not any(item.entries or item.unknown for item in listed):
            listed = _bracketed_after(reading, text, match.end())
        _state(reading, listed, predicate, convention, line, sentence)
        previous_end = match.end()


def _object(reading: Reading, text: str, match: re.Match[str], conventions: list[ConventionMention],
            recent: list[str], cyber: Callable[[], bool]) -> URIRef | None:
    """The convention a status verb governs, or None when its object is no convention."""
    cue = match.group()
    before = [c.iri for c in conventions if c.stop <= match.start() and c.iri is not None]
    if re.search(r"\by\s+adhérer", cue) or re.match(r"l['’]", cue) \
            or _PRONOUN.match(text, match.end()):
        if before:
            return before[-1]
        return _context(reading, recent, cyber)
    start = match.end() + _OBJECT.match(text, match.end()).end() - match.end()  # type: ignore[union-attr]
    for mention in conventions:
        if start <= mention.begin <= start + 3:
            return mention.iri
    if _GENERIC.match(text, start):
        proper = _conventions_proper([c for c in conventions if c.stop <= match.start()])
        if proper:
            return proper[-1]
        return _context(reading, recent, cyber)
    return None


def _bracketed_after(reading: Reading, text: str, start: int) -> list[Listed]:
    """The countries in the first brackets after the verb's object, skipping words before them."""
    span = first_bracketed(text, start, 119)
    if span is None:
        return []
    inside = text[span[0]:span[1]]
    for item in split_items(inside):
        listed = read_list(reading.gazetteer, inside[item.begin:], COUNTRIES)
        if listed and listed[0].entries:
            return listed
    return []


def _state(reading: Reading, listed: list[Listed], predicate: URIRef, convention: URIRef,
           line: int, sentence: str) -> None:
    facts = reading.facts
    said: set[URIRef] = set()
    for item in listed:
        for entry in item.entries:
            if entry.iri in said:
                continue
            said.add(entry.iri)
            facts.entity("country", entry.iri)
            facts.entity("convention", convention)
            facts.fact(entry.iri, predicate, convention, line=line, sentence=sentence)
        if item.unknown:
            facts.warn(line, f"unknown country {item.unknown!r} (not in the reference data)")
