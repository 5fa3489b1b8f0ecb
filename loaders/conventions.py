"""Council of Europe conventions named in a text: by name, by number, or several at once.

Names come from the reference data through the gazetteer (``Convention de Budapest``, ``Budapest
Convention``, ``Convention 108+``); numbers are read in every series and spelling (``STE 185 et 198``,
``ETS No. 185``, ``STCE n° 201``, ``CETS 224``) and lead to ``mint("convention", "ets-<n>")`` when
the reference data knows that treaty; plural forms share their noun (``Conventions de Budapest et
de Lanzarote``, ``the Budapest and Lanzarote Conventions``); ``Convention 108/+`` is 108 and 108+.
A name inside a longer organisation name (``Comité de la Convention sur la cybercriminalité``) is
the organisation's, not a mention of the convention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyberkg.loaders.gazetteer import Gazetteer
from cyberkg.loaders.lists import split_items
from cyberkg.loaders.lookup import find_all
from cyberkg.ontology import mint
from rdflib import URIRef

# (the spaces before and after "n°" are one run when "n°" is missing: two runs of spaces next to
# each other split a long run of spaces in every way, in quadratic time)
_SERIES = re.compile(
    r"\b(?:STE|ETS|STCE|CETS|SCE|CTS)\s*(?:(?:n[°º]\.?|No\.?|nº|n\.|#)\s*)?(?P<first>\d{1,3})(?!\d)"
    r"(?P<more>(?:\s*(?:,|et|and|&)\s*(?:n[°º]\.?\s*|No\.?\s*)?\d{1,3}(?!\d))*)",
)
_SERIES_PREFIXES = ("STE", "ETS", "STCE", "SCE", "CTS")  # one is in every match of _SERIES
_NUMBER = re.compile(r"\d{1,3}")
_SLASH_PLUS = re.compile(r"\b[Cc]onvention\s+(?:n[°º]\s*|No\.?\s*)?(?P<n>\d{1,3})\s*/\s*\+")
_PLURAL_FR = re.compile(r"\b[Cc]onventions\s+(?P<list>(?:de|du|d['’])\s*[^.;:()]{2,120})")
# The list starts at the first capital of a word: tried from every capital of a long word, it read
# on to the word's end every time, in quadratic time (a later capital gives the same match or none).
_PLURAL_EN = re.compile(r"(?<![\w-])(?:[^\WA-Z]|-)*+"
                        r"(?P<list>(?:[A-Z][\w-]+,?\s+(?:and\s+)?){1,5})Conventions\b")
_LIST_END = re.compile(r"\s(?:sur|relatives?|du\s+Conseil|et\s+d['’]autres|on|of\s+the)\b")


@dataclass(frozen=True)
class ConventionMention:
    """A convention named at ``text[begin:stop]``; ``iri`` is None for a number nobody knows."""

    iri: URIRef | None
    begin: int
    stop: int
    surface: str


def known(gazetteer: Gazetteer, iri: URIRef) -> bool:
    """Does the reference data describe ``iri``?"""
    label = getattr(gazetteer, "label", None)
    if label is not None:
        return label(iri) is not None
    return iri in gazetteer.labels


def find_conventions(gazetteer: Gazetteer, text: str) -> list[ConventionMention]:
    """Every convention ``text`` names, left to right."""
    found: list[ConventionMention] = []
    for known_name in find_all(gazetteer, text):
        if known_name.entry.kind == "convention":
            found.append(ConventionMention(known_name.entry.iri, known_name.start, known_name.end,
                                           known_name.surface))
    # (each search below is skipped when a word its pattern needs is missing: most texts name no
    # convention, and a search reads the whole text)
    series = any(prefix in text for prefix in _SERIES_PREFIXES)
    for match in _SERIES.finditer(text) if series else ():
        numbers = [match.group("first")] + _NUMBER.findall(match.group("more") or "")
        for number in numbers:
            numbered = mint("convention", f"ets-{int(number)}")
            found.append(ConventionMention(numbered if known(gazetteer, numbered) else None,
                                           match.start(), match.end(), match.group()))
    for match in _SLASH_PLUS.finditer(text) if "onvention" in text and "+" in text else ():
        numbered = mint("convention", f"ets-{int(match.group('n'))}")
        if known(gazetteer, numbered):
            found.append(ConventionMention(numbered, match.start(), match.end(), match.group()))
    for match in _PLURAL_FR.finditer(text) if "onventions" in text else ():
        listed = match.group("list")
        end = _LIST_END.search(listed)
        listed = listed[:end.start()] if end else listed
        for item in split_items(listed):
            name = re.sub(r"^(?:de\s+la|de|du|d['’])\s*", "", item.text)
            iri = _resolve(gazetteer, (f"Convention de {name}", f"Convention d'{name}",
                                       f"Convention du {name}", f"{name} Convention"))
            if iri is not None:
                found.append(ConventionMention(iri, match.start(), match.end(), match.group()))
    for match in _PLURAL_EN.finditer(text) if "Conventions" in text else ():
        begin = match.start("list")
        for item in split_items(match.group("list")):
            iri = _resolve(gazetteer, (f"{item.text} Convention",))
            if iri is not None:
                found.append(ConventionMention(iri, begin, match.end(), text[begin:match.end()]))
    unique: dict[tuple[URIRef | None, int], ConventionMention] = {}
    for mention in sorted(found, key=lambda m: (m.begin, m.stop)):
        unique.setdefault((mention.iri, mention.begin), mention)
    return list(unique.values())


def _resolve(gazetteer: Gazetteer, names: tuple[str, ...]) -> URIRef | None:
    for name in names:
        entry = gazetteer.resolve(name, kinds={"convention"})
        if entry is not None:
            return entry.iri
    return None
