"""Every organisation a document names, known or not.

Known organisations are found by any of their names in either language (acronyms and aliases from
the reference data, through the gazetteer) and recorded as mentions of the document. A name that
the text presents as an organisation's — a capitalised head noun such as ``Organisation``,
``Agence``, ``Ministère``, ``Comité`` followed by its complement (``l'Organisation internationale des
procureurs``), or capitalised words ending in ``Agency``, ``Authority``, ``Office``… (``the Narnian
Cyber Agency``) — and that resolves to nothing is kept as a node marked unresolved, with its
surface form, so that ``cyberkg stats`` lists it; it is never silently dropped. When the name
names a known organisation after its head (``Groupe de travail Amériques d'INTERPOL``,
``Delegation of the European Union``), the node is stated a part of it (org:subOrganizationOf).
"""

from __future__ import annotations

import bisect
import re

from rdflib import URIRef
from rdflib.namespace import ORG

from cyberkg.loaders.gazetteer import Mention
from cyberkg.loaders.lists import FUNCTION_WORDS, fold
from cyberkg.loaders.lookup import find_all
from cyberkg.loaders.names import resolve_agency
from cyberkg.loaders.project_context import DocumentView, holds_any
from cyberkg.loaders.reading import Reading
from cyberkg.ontology import CKG

#: Heads that name an institution whatever follows ("l'Organisation internationale des procureurs").
_INSTITUTIONS = ("Organisation|Organisme|Agence|Institut|Association|Fondation|Ministère|Direction|"
                 "Autorité|Académie|Université|École|Ecole|Banque|Fédération|Secrétariat|Délégation|"
                 "Gendarmerie|Parquet")
#: Heads that are also common nouns ("le Bureau a pour mission"): a name only with a capitalised
#: word or an acronym after them ("Conseil de sécurité des Nations Unies", "Bureau du T-CY").
_COMMON_HEADS = "Office|Commission|Centre|Groupe|Réseau|Conseil|Comité|Bureau|Police|Unité"
_FR_HEADS = _INSTITUTIONS + "|" + _COMMON_HEADS
_NEXT_OK = frozenset(fold(w) for w in ["de", "du", "des", "d", "pour", "sur", "contre", "chargé", "chargée", "international", "internationale", "internationaux", "national", "nationale", "nationaux", "européen", "européenne", "régional", "régionale", "mondial", "mondiale", "général", "générale", "fédéral", "fédérale", "supérieur", "supérieure", "spécial", "spéciale", "permanent", "permanente", "africain", "africaine", "américain", "américaine", "arabe", "interministériel", "interministérielle", "intergouvernemental", "intergouvernementale", "indépendant", "indépendante", "central", "centrale"])
_EN_GENERIC = frozenset(w.casefold() for w in ["Steering", "Project", "Management", "Advisory", "Organising", "Organizing", "Programme", "Program", "Working", "Joint", "Coordination", "Regional", "National", "International", "Technical", "Scientific", "Executive", "Monitoring", "Editorial", "Drafting", "Local", "Central", "General", "Special", "Standing", "Permanent", "Task", "Expert", "Experts", "Contact", "Points", "Point", "Training", "Operations", "Operational"])
_EN_HEADS = ("Agency|Authority|Office|Institute|Foundation|Association|Organisation|Organization|"
             "Ministry|Department|Directorate|Commission|Centre|Center|Council|Committee|Unit|Group|"
             "Network|Academy|University|College|Bank|Federation|Secretariat|Delegation|Police|"
             "Prosecutor's Office|Gendarmerie")
_FR = re.compile(r"(?<![\w-])(?P<head>" + _FR_HEADS + r")\b(?P<rest>(?:[\s'’-]+[^\s,.;:()«»\"“”/]+){1,9})")
_EN_TAIL = re.compile(r"(?<![\w-])(?P<name>(?:[A-Z][\w'’&-]*\s+){1,5}(?:" + _EN_HEADS + r"))\b"
                      r"(?P<rest>(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s?){1,4})?)")
_EN_HEAD = re.compile(r"(?<![\w-])(?P<name>(?:" + _EN_HEADS + r")\s+(?:of|for|on)\s+(?:the\s+)?"
                      r"[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,4})")
#: The heads as words: a text that holds none (as written, capitals and all) presents no name.
_FR_HEAD_WORDS = tuple(_FR_HEADS.split("|"))
_EN_HEAD_WORDS = tuple(_EN_HEADS.split("|"))
_EN_NOT_CONTENT = _EN_GENERIC | {head.casefold() for head in _EN_HEAD_WORDS} | {
    "of", "for", "on", "the", "and"}
_STOP = frozenset(fold(w) for w in ["qui", "que", "dont", "a", "ont", "est", "sont", "été", "sera", "seront", "pour", "avec", "dans", "par", "lors", "en", "au", "aux", "à", "et", "ou", "afin", "ainsi", "ce", "cette", "ces", "il", "elle", "ils", "elles", "se", "s", "sa", "son", "ses", "leur", "leurs", "y", "ne", "n", "pas", "plus", "ont", "entre", "depuis", "selon", "sans", "vers", "chez", "comme", "mais", "donc", "car", "puis", "si", "where", "which", "who", "that", "is", "are", "was", "were", "has", "have", "and", "or", "with", "in", "at", "by", "for", "to"])
_ARTICLE_TAIL = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "of", "the", "sur",
                           "contre", "pour", "on", "for"})
_CLAUSE_END = re.compile(r"[,;.]")
_CLAUSE_REACH = 300  # characters a name and its bracketed acronym take at most (names: 10 words)
#: What links a name's head to the body it belongs to, just before the body's name.
_OF = re.compile(r"(?:\bof(?:\s+the)?|\bd['’]|\bde(?:\s+la|\s+l['’])?|\bdu|\bdes)\s*$",
                 re.IGNORECASE)
_GENERIC = re.compile(r"^(?:Bureau|Office|Comité|Committee|Conseil|Council|Groupe|Group|Centre|"
                      r"Center|Commission|Police|Direction|Unité|Unit)$")


def read(reading: Reading, view: DocumentView) -> None:
    """Record the organisations every sentence names; keep the unknown ones as unresolved."""
    gazetteer = reading.gazetteer
    surface_form = CKG.surfaceForm
    kept = sorted({str(value) for _, predicate, value in reading.facts.triples
                   if predicate == surface_form})  # the names kept unresolved, in order
    recorded: set[URIRef] = set()  # the known organisations already recorded (once is enough)
    for unit in view.units:
        text = unit.text
        mentions = find_all(gazetteer, text)
        for mention in mentions:
            if mention.entry.kind == "organisation" and mention.entry.iri not in recorded:
                recorded.add(mention.entry.iri)
                reading.facts.entity("organisation", mention.entry.iri)
        # The characters a known name or a kept one covers: a name starting there is not new.
        covered = bytearray(len(text) + 1)
        for mention in mentions:
            covered[mention.start:mention.end] = b"\1" * (mention.end - mention.start)
        by_start = sorted(mentions, key=lambda mention: mention.start)
        starts = [mention.start for mention in by_start]
        for surface, begin in _presented_names(text):
            end = begin + len(surface)
            if covered[begin]:
                continue
            if _named_by_acronym(reading, text, begin):
                continue
            country = _country_before_bracket(text, begin, mentions)
            if country is not None:
                entry = resolve_agency(gazetteer, surface, country)
                if entry is not None:
                    reading.facts.entity("organisation", entry.iri)
                    continue
                place = re.sub(r"^(?:(?:la|le|les|l['’]|the)\s*)", "", country).strip()
                surface = f"{surface} ({place})"
            if gazetteer.resolve(surface, kinds={"organisation", "country", "region",
                                                 "convention", "project"}) is not None:
                continue
            if _starts_one_of(kept, surface):
                continue  # already kept by a loader, with more context ("Police nationale (Roumanie)")
            node = reading.facts.unresolved("organisation", surface, line=unit.sentence.line)
            inside = by_start[bisect.bisect_right(starts, begin):bisect.bisect_left(starts, end)]
            for parent in _named_inside(text, inside, begin, end):
                reading.facts.fact(node, ORG.subOrganizationOf, parent, line=unit.sentence.line,
                                   sentence=unit.sentence.text)
            bisect.insort(kept, surface)
            covered[begin:end] = b"\1" * (end - begin)


def _starts_one_of(names: list[str], surface: str) -> bool:
    """Whether one of ``names`` (sorted) starts with ``surface``."""
    at = bisect.bisect_left(names, surface)
    return at < len(names) and names[at].startswith(surface)


def _named_inside(text: str, mentions: list[Mention], begin: int, end: int) -> list[URIRef]:
    """The known organisations a name names after its head, through "of" or "de" (``Groupe de
    travail Amériques d'INTERPOL``, ``Delegation of the European Union``, ``Bureau du T-CY``):
    the body it is part of."""
    return list(dict.fromkeys(
        mention.entry.iri for mention in mentions
        if mention.entry.kind == "organisation" and begin < mention.start and mention.end <= end
        and _OF.search(text, begin, mention.start)))


def _presented_names(text: str) -> list[tuple[str, int]]:
    """Spans that read as an organisation's name, with their start."""
    found: list[tuple[str, int]] = []
    if holds_any(text, _FR_HEAD_WORDS):
        _french_names(text, found)
    if holds_any(text, _EN_HEAD_WORDS):
        _english_names(text, found)
    return found


def _french_names(text: str, found: list[tuple[str, int]]) -> None:
    """``l'Organisation internationale des procureurs``: a French head and its complement."""
    for match in _FR.finditer(text):
        tokens = [match.group("head")]
        for token in re.findall(r"[^\s,.;:()«»\"“”/]+", match.group("rest")):
            parts = re.split(r"['’]", token)
            first = fold(parts[0])
            if first in _STOP and first not in ("d", "l"):
                break
            if token[:1].isdigit() or (len(token) > 5 and fold(token).endswith("ant")):
                break  # a number, or a participle ("mettant", "visant") ends the name
            tokens.append(token)
        while len(tokens) > 1 and fold(re.split(r"['’]", tokens[-1])[0]) in _ARTICLE_TAIL:
            tokens.pop()
        if len(tokens) < 2 or all(fold(t) in FUNCTION_WORDS for t in tokens[1:]):
            continue
        if fold(re.split(r"['’]", tokens[1])[0]) not in _NEXT_OK and not tokens[1][:1].isupper():
            continue  # "le Bureau met en œuvre": a verb follows, no name
        if re.fullmatch(_COMMON_HEADS, tokens[0]) and not any(
                t[:1].isupper() or any(c.isupper() for c in t[1:])
                for part in tokens[1:] for t in re.split(r"['’]", part)):
            continue
        surface = _surface(text, match.start(), tokens)
        if surface and not _GENERIC.match(surface):
            found.append((surface, match.start()))


def _english_names(text: str, found: list[tuple[str, int]]) -> None:
    """``the Narnian Cyber Agency``, ``Ministry of Justice``: capitalised words and an English
    head, with at least one word that is neither a head nor a generic one."""
    for pattern in (_EN_TAIL, _EN_HEAD):
        for match in pattern.finditer(text):
            surface = (match.group("name") + (match.groupdict().get("rest") or "")).strip()
            surface = re.sub(r"^(?:The|Le|La|Les)\s+", "", surface)
            words = surface.split()
            content = [w for w in words if w.casefold() not in _EN_NOT_CONTENT]
            if len(words) >= 2 and content and not _GENERIC.match(surface):
                found.append((surface, match.start() + match.group().find(surface)))


def _surface(text: str, start: int, tokens: list[str]) -> str:
    """The original characters that ``tokens`` (read from ``start``) cover."""
    position = start
    for token in tokens:
        position = text.find(token, position) + len(token)
    return text[start:position].strip(" '’")


def _country_before_bracket(text: str, begin: int, mentions: list[Mention]) -> str | None:
    """``l'Estonie (ministère de la Justice)``: the country whose brackets hold ``begin``."""
    opening = text.rfind("(", 0, begin)
    if opening == -1 or ")" in text[opening:begin]:
        return None
    for mention in mentions:
        if mention.entry.kind == "country" and re.fullmatch(r"\s*", text[mention.end:opening]):
            return mention.surface
    return None


def _named_by_acronym(reading: Reading, text: str, begin: int) -> bool:
    """``la Direction des enquêtes … (DIICOT)``: a known acronym in brackets names it."""
    reach = min(len(text), begin + _CLAUSE_REACH)
    stop = _CLAUSE_END.search(text, begin, reach)
    clause = text[begin:stop.start() if stop else reach]
    for acronym in re.findall(r"\(([^()]{2,20})\)", clause):
        if reading.gazetteer.resolve(acronym, kinds={"organisation"}) is not None:
            return True
    return False

